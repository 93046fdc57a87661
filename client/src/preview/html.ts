// The preview's HTML: a strict Content Security Policy (no default source, scripts only with this
// load's nonce, styles and images only from the extension's dist folder, nothing remote), the
// localized strings as inert JSON, and the static chrome the script fills in.
import vscode = require('vscode');
import { randomBytes } from 'node:crypto';
import type { PreviewStrings } from './protocol';
import { countMessages } from '../vod/counts';

export function nonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

export function contentSecurityPolicy(cspSource: string, scriptNonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${scriptNonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every string the webview shows; placeholders {0}, {1} are filled in there. */
export function previewStrings(): PreviewStrings {
  return {
    'kind.video': vscode.l10n.t('Video'),
    'kind.audio': vscode.l10n.t('Audio'),
    'kind.image': vscode.l10n.t('Image'),
    'kind.subtitle': vscode.l10n.t('Subtitle'),
    'kind.effect': vscode.l10n.t('Effect'),
    track: vscode.l10n.t('{0} {1}', '{0}', '{1}'),
    main: vscode.l10n.t('main'),
    clip: vscode.l10n.t('Clip {0}', '{0}'),
    output: vscode.l10n.t('Output {0}', '{0}'),
    outputAtLeast: vscode.l10n.t('Output ≥ {0}', '{0}'),
    outputRange: vscode.l10n.t('Output: {0}', '{0}'),
    computed: vscode.l10n.t('(computed)'),
    length: vscode.l10n.t('Length: {0}', '{0}'),
    unknownLength: vscode.l10n.t('Length: depends on the media (Out omitted)'),
    source: vscode.l10n.t('Source: {0}', '{0}'),
    sourceRange: vscode.l10n.t('Source: {0}–{1}', '{0}', '{1}'),
    mediaEnd: vscode.l10n.t('media end'),
    speed: vscode.l10n.t('Speed: {0}×', '{0}'),
    transition: vscode.l10n.t('Transition: {0} into the next clip', '{0}'),
    noTimeline: vscode.l10n.t('Nothing to draw yet: no tracks, or the JSON is not valid.'),
    timelineLabel: vscode.l10n.t('Timeline of {0}: {1}, {2}', '{0}', '{1}', '{2}'),
    // Counted nouns and the seconds unit under their English text, for client/src/counts.ts there.
    ...countMessages(vscode.l10n),
  };
}

export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const scriptNonce = nonce();
  const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'preview', file)).toString();
  const strings = JSON.stringify(previewStrings()).replace(/</g, '\\u003c');
  const help = vscode.l10n.t('Arrow keys move between clips (left and right along a track, up and down across tracks), Home and End go to the first and last clip, Enter or Space selects the clip in the editor, plus and minus zoom, 0 fits the whole timeline.');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, scriptNonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('preview.css')}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="${escapeHtml(vscode.l10n.t('Timeline preview'))}">
  <span class="title" id="title"></span>
  <span id="duration"></span>
  <span class="muted" id="counts"></span>
  <span class="problems" id="problems"></span>
  <span class="grow"></span>
  <span class="legend" id="legend"></span>
  <span class="zoom">
    <button id="zoomOut" type="button" title="${escapeHtml(vscode.l10n.t('Zoom Out (-)'))}" aria-label="${escapeHtml(vscode.l10n.t('Zoom Out (-)'))}"><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d="M3 7.3h10v1.4H3z"/></svg></button>
    <button id="zoomFit" type="button" title="${escapeHtml(vscode.l10n.t('Fit the Whole Timeline (0)'))}" aria-label="${escapeHtml(vscode.l10n.t('Fit the Whole Timeline (0)'))}"><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path fill-rule="evenodd" d="M1 4h1.4v8H1zM13.6 4H15v8h-1.4zM4 7.3h8v1.4H4zM4 8l2.5-2.5v5zM12 8l-2.5-2.5v5z"/></svg></button>
    <button id="zoomIn" type="button" title="${escapeHtml(vscode.l10n.t('Zoom In (+)'))}" aria-label="${escapeHtml(vscode.l10n.t('Zoom In (+)'))}"><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d="M3 7.3h4.3V3h1.4v4.3H13v1.4H8.7V13H7.3V8.7H3z"/></svg></button>
  </span>
</div>
<div class="viewport" id="viewport">
  <canvas id="canvas" aria-hidden="true"></canvas>
  <div class="scroller" id="scroller" tabindex="0" role="application" aria-roledescription="${escapeHtml(vscode.l10n.t('timeline'))}" aria-describedby="help"><div class="spacer" id="spacer"></div></div>
  <div class="tooltip" id="tooltip" role="tooltip" hidden></div>
  <div class="empty" id="empty" hidden></div>
</div>
<div class="sr-only" id="live" aria-live="polite"></div>
<div class="sr-only" id="help">${escapeHtml(help)}</div>
<script type="application/json" id="vod-strings" nonce="${scriptNonce}">${strings}</script>
<script nonce="${scriptNonce}" src="${media('preview.js')}"></script>
</body>
</html>`;
}
