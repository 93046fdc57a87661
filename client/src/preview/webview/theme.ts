// Colours for the canvas from VS Code's theme variables (the webview gets them as CSS custom
// properties on <html>, and new values plus a new body class when the theme changes).
import type { TrackKind } from '../protocol';

export interface Theme {
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  background: string;
  foreground: string;
  muted: string;
  border: string;
  laneStripe: string;
  rulerBackground: string;
  labelBackground: string;
  focus: string;
  hover: string;
  error: string;
  warning: string;
  info: string;
  contrastBorder: string | undefined;
  contrastActiveBorder: string | undefined;
  kinds: Record<TrackKind, string>;
  font: string;
  monoFont: string;
  fontSize: number;
}

const FALLBACK: Record<string, [light: string, dark: string]> = {
  '--vscode-editor-background': ['#ffffff', '#1e1e1e'],
  '--vscode-editor-foreground': ['#333333', '#cccccc'],
  '--vscode-descriptionForeground': ['#717171', '#9d9d9d'],
  '--vscode-panel-border': ['#e5e5e5', '#2b2b2b'],
  '--vscode-sideBar-background': ['#f8f8f8', '#181818'],
  '--vscode-focusBorder': ['#005fb8', '#0078d4'],
  '--vscode-list-hoverBackground': ['#f2f2f2', '#2a2d2e'],
  '--vscode-editorError-foreground': ['#e51400', '#f14c4c'],
  '--vscode-editorWarning-foreground': ['#bf8803', '#cca700'],
  '--vscode-editorInfo-foreground': ['#1a85ff', '#3794ff'],
  '--vscode-charts-blue': ['#1a85ff', '#3794ff'],
  '--vscode-charts-green': ['#388a34', '#89d185'],
  '--vscode-charts-purple': ['#652d90', '#b180d7'],
  '--vscode-charts-yellow': ['#bf8803', '#cca700'],
  '--vscode-charts-orange': ['#d18616', '#d18616'],
};

export function readTheme(): Theme {
  const body = document.body;
  const kind: Theme['kind'] = body.classList.contains('vscode-high-contrast-light') ? 'high-contrast-light'
    : body.classList.contains('vscode-high-contrast') ? 'high-contrast'
      : body.classList.contains('vscode-light') ? 'light' : 'dark';
  const style = getComputedStyle(document.documentElement);
  const dark = kind === 'dark' || kind === 'high-contrast';
  const v = (name: string): string => {
    const value = style.getPropertyValue(name).trim();
    if (value) return value;
    const fb = FALLBACK[name];
    return fb ? fb[dark ? 1 : 0] : '';
  };
  const optional = (name: string) => style.getPropertyValue(name).trim() || undefined;
  const fontSize = parseFloat(style.getPropertyValue('--vscode-font-size')) || 13;
  return {
    kind,
    background: v('--vscode-editor-background'),
    foreground: v('--vscode-editor-foreground'),
    muted: v('--vscode-descriptionForeground'),
    border: optional('--vscode-contrastBorder') ?? v('--vscode-panel-border'),
    laneStripe: dark ? 'rgba(255,255,255,0.025)' : 'rgba(0,0,0,0.025)',
    rulerBackground: v('--vscode-sideBar-background'),
    labelBackground: v('--vscode-sideBar-background'),
    focus: optional('--vscode-contrastActiveBorder') ?? v('--vscode-focusBorder'),
    hover: v('--vscode-list-hoverBackground'),
    error: v('--vscode-editorError-foreground'),
    warning: v('--vscode-editorWarning-foreground'),
    info: v('--vscode-editorInfo-foreground'),
    contrastBorder: optional('--vscode-contrastBorder'),
    contrastActiveBorder: optional('--vscode-contrastActiveBorder'),
    kinds: {
      video: v('--vscode-charts-blue'),
      audio: v('--vscode-charts-green'),
      image: v('--vscode-charts-purple'),
      subtitle: v('--vscode-charts-yellow'),
      effect: v('--vscode-charts-orange'),
    },
    font: style.getPropertyValue('--vscode-font-family').trim() || 'system-ui, sans-serif',
    monoFont: style.getPropertyValue('--vscode-editor-font-family').trim() || 'monospace',
    fontSize,
  };
}

export const isHighContrast = (t: Theme) => t.kind === 'high-contrast' || t.kind === 'high-contrast-light';
