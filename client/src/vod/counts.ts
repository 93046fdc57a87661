// Counted nouns ("1 track", "2 tracks") and the seconds unit for the status bar, Produce, the Submissions view, CodeLens and the
// preview webview. VS Code's l10n has no plural API, so every noun has one bundle entry per English form
// and these functions pick the entry; Chinese has no plural, and its bundle says both entries alike.
// Pure (no `vscode` import): the extension passes `vscode.l10n`, the webview a lookup in the strings the
// extension sent it (`countMessages`), the tests the bundles themselves.

/** The part of `vscode.l10n` used here. */
export interface L10n {
  t(message: string, ...args: Array<string | number>): string;
}

/** English has two forms: "one" for exactly 1, "other" for everything else (0, 2, 1.5). */
const one = (n: number) => n === 1;

export const trackCount = (l10n: L10n, n: number): string => (one(n) ? l10n.t('1 track') : l10n.t('{0} tracks', n));
export const clipCount = (l10n: L10n, n: number): string => (one(n) ? l10n.t('1 clip') : l10n.t('{0} clips', n));
export const errorCount = (l10n: L10n, n: number): string => (one(n) ? l10n.t('1 error') : l10n.t('{0} errors', n));
export const warningCount = (l10n: L10n, n: number): string => (one(n) ? l10n.t('1 warning') : l10n.t('{0} warnings', n));
export const materialCount = (l10n: L10n, n: number): string => (one(n) ? l10n.t('1 distinct material') : l10n.t('{0} distinct materials', n));

/** The unit for server/src/service/duration.ts below a minute: "12.5 s", "12.5 秒". */
export const secondsUnit = (l10n: L10n) => (value: string): string => l10n.t('{0} s', value);

/** "2 tracks, 3 clips" (the Produce confirmation, the Submissions tooltip). */
export const tracksAndClips = (l10n: L10n, tracks: number, clips: number): string => l10n.t('{0}, {1}', trackCount(l10n, tracks), clipCount(l10n, clips));

/**
 * Every message above keyed by its English text, translated with "{0}" left in: the preview webview
 * gets these with its strings and looks them up the same way (`{ t: lookup }`).
 */
export function countMessages(l10n: L10n): Record<string, string> {
  return {
    '1 track': l10n.t('1 track'),
    '{0} tracks': l10n.t('{0} tracks', '{0}'),
    '1 clip': l10n.t('1 clip'),
    '{0} clips': l10n.t('{0} clips', '{0}'),
    '1 error': l10n.t('1 error'),
    '{0} errors': l10n.t('{0} errors', '{0}'),
    '1 warning': l10n.t('1 warning'),
    '{0} warnings': l10n.t('{0} warnings', '{0}'),
    '{0}, {1}': l10n.t('{0}, {1}', '{0}', '{1}'),
    '{0} s': l10n.t('{0} s', '{0}'),
  };
}
