// Typed access to the extension's settings (`vodTimeline.*`). Scopes are declared in package.json;
// the ones that decide where requests and credentials go are application-scoped, so a cloned
// repository's workspace settings cannot redirect them.
import vscode = require('vscode');

export const SECTION = 'vodTimeline';

export interface ValidationSettings {
  delay: number;
  workspace: 'all' | 'openFiles';
  maxFiles: number;
}

export interface Settings {
  region: string;
  validation: ValidationSettings;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    region: c.get<string>('region', 'cn-shanghai'),
    validation: {
      delay: c.get<number>('validation.delay', 50),
      workspace: c.get<'all' | 'openFiles'>('validation.workspace', 'all'),
      maxFiles: c.get<number>('validation.maxFiles', 2000),
    },
  };
}

/** What the language server reads: a plain object, sent at start and on every change. */
export function serverSettings(): Record<string, unknown> {
  const s = readSettings();
  return { region: s.region, validation: s.validation };
}
