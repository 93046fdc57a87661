// Counted nouns through the real l10n bundles: "1 track" / "2 tracks" in English, one form in Chinese,
// and the preview webview's lookup (strings keyed by their English text) saying the same as the extension.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clipCount, countMessages, errorCount, materialCount, trackCount, tracksAndClips, warningCount, type L10n } from '../../client/src/vod/counts';

const root = path.resolve(__dirname, '..', '..');
const bundle = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(root, 'l10n', file), 'utf8'));

/** vscode.l10n.t as VS Code does it: the bundle's text for the message (or the message), {n} filled in. */
const translator = (messages: Record<string, string>): L10n => ({
  t: (message, ...args) => (messages[message] ?? message).replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m)),
});
const en = translator(bundle('bundle.l10n.json'));
const zh = translator(bundle('bundle.l10n.zh-cn.json'));

suite('counted nouns (client/src/counts.ts)', () => {
  test('English: 1 track, 0 and 2 tracks', () => {
    assert.deepEqual([0, 1, 2, 21].map((n) => trackCount(en, n)), ['0 tracks', '1 track', '2 tracks', '21 tracks']);
    assert.deepEqual([1, 3].map((n) => clipCount(en, n)), ['1 clip', '3 clips']);
    assert.deepEqual([1, 2].map((n) => errorCount(en, n)), ['1 error', '2 errors']);
    assert.deepEqual([1, 2].map((n) => warningCount(en, n)), ['1 warning', '2 warnings']);
    assert.deepEqual([1, 2].map((n) => materialCount(en, n)), ['1 distinct material', '2 distinct materials']);
    // The Produce confirmation and the Submissions tooltip.
    assert.equal(tracksAndClips(en, 1, 1), '1 track, 1 clip');
    assert.equal(tracksAndClips(en, 1, 3), '1 track, 3 clips');
    assert.equal(tracksAndClips(en, 2, 1), '2 tracks, 1 clip');
  });

  test('Simplified Chinese: one form, with the measure word', () => {
    assert.deepEqual([1, 2].map((n) => trackCount(zh, n)), ['1 条轨道', '2 条轨道']);
    assert.deepEqual([1, 2].map((n) => clipCount(zh, n)), ['1 个片段', '2 个片段']);
    assert.equal(tracksAndClips(zh, 1, 3), '1 条轨道，3 个片段');
    assert.equal(errorCount(zh, 1), '1 个错误');
  });

  test('the webview\'s lookup (countMessages, keyed by English text) says what the extension says', () => {
    for (const [name, l10n] of [['en', en], ['zh-cn', zh]] as const) {
      const messages = countMessages(l10n);
      const webview = translator(messages);
      for (const n of [0, 1, 2]) {
        assert.equal(trackCount(webview, n), trackCount(l10n, n), `${name} ${n}`);
        assert.equal(tracksAndClips(webview, n, n + 1), tracksAndClips(l10n, n, n + 1), `${name} ${n}`);
        assert.equal(warningCount(webview, n), warningCount(l10n, n), `${name} ${n}`);
      }
    }
  });

  test('no runtime message counts tracks, clips, errors or warnings in the plural form only', () => {
    // "{0} tracks, {1} clips" said "1 tracks"; a count goes through counts.ts, which has the "1 …" form.
    const plural = /\{\d+\} (tracks|clips|errors|warnings|distinct materials)\b/;
    const offenders = Object.keys(bundle('bundle.l10n.json')).filter((m) => plural.test(m) && !/^\{0\} (tracks|clips|errors|warnings|distinct materials)$/.test(m));
    assert.deepEqual(offenders, []);
  });
});
