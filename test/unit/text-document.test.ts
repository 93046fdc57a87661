// The server's text documents (server/src/textDocument.ts) against vscode-languageserver-textdocument's:
// the same text after the same edits (ranges in any order, past the end, negative, multi-change), and
// the same positions, offsets, line counts and ranges of text as the library gives for that text.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { ServerTextDocument } from '../../server/src/textDocument';
import { prng } from '../helpers/service';

const PIECES = ['a', 'bc', ' ', '{', '"In": 1', '\n', '\r\n', '\r', '\n\n', '中文', '😀', '\t', ''];

function randomText(rnd: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

function randomPosition(rnd: () => number, lines: number): { line: number; character: number } {
  const r = rnd();
  // Mostly inside, sometimes past the end or negative: the library clamps them, so must we.
  const line = r < 0.05 ? -1 : r < 0.1 ? lines + 2 : Math.floor(rnd() * lines);
  const c = rnd();
  return { line, character: c < 0.05 ? -3 : c < 0.1 ? 1000 : Math.floor(rnd() * 12) };
}

/** Ours and the library's answer the same for every question about `text`. */
function sameAnswers(ours: ServerTextDocument, text: string, rnd: () => number, what: string): void {
  const lib = TextDocument.create('file:///x', 'json', 1, text);
  assert.equal(ours.getText(), text, `${what}: text`);
  assert.equal(ours.lineCount, lib.lineCount, `${what}: lineCount`);
  for (let k = 0; k < 20; k++) {
    const offset = Math.floor(rnd() * (text.length + 4)) - 2;
    assert.deepEqual(ours.positionAt(offset), lib.positionAt(offset), `${what}: positionAt(${offset})`);
    const p = randomPosition(rnd, lib.lineCount);
    assert.equal(ours.offsetAt(p), lib.offsetAt(p), `${what}: offsetAt(${JSON.stringify(p)})`);
    const q = randomPosition(rnd, lib.lineCount);
    assert.equal(ours.getText({ start: p, end: q }), lib.getText({ start: p, end: q }), `${what}: getText`);
    assert.deepEqual(ours.getLineRange(p.line), lib.getLineRange(p.line), `${what}: getLineRange(${p.line})`);
    assert.equal(ours.getEOLCharacters(p.line), lib.getEOLCharacters(p.line), `${what}: getEOLCharacters(${p.line})`);
  }
}

suite('server text documents (fast line starts) against vscode-languageserver-textdocument', () => {
  test('random texts and random edits: the same text and the same positions', () => {
    // Also: within one didChange, a change after a range past the last line still lands where it says.
    const rnd = prng(7);
    for (let doc = 0; doc < 60; doc++) {
      const text = randomText(rnd, 20 + Math.floor(rnd() * 200));
      const ours = ServerTextDocument.create('file:///x', 'json', 1, text);
      let expected = text;
      sameAnswers(ours, text, rnd, `document ${doc}`);
      for (let step = 0; step < 25; step++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        const n = rnd() < 0.8 ? 1 : 2 + Math.floor(rnd() * 3);
        const lines = TextDocument.create('u', 'json', 1, expected).lineCount;
        for (let c = 0; c < n; c++) {
          if (rnd() < 0.05) changes.push({ text: randomText(rnd, 30) });
          else changes.push({ range: { start: randomPosition(rnd, lines + 1), end: randomPosition(rnd, lines + 1) }, text: randomText(rnd, Math.floor(rnd() * 4)) });
        }
        ServerTextDocument.update(ours, changes, step + 2);
        // The reference: the library applying one change at a time to a document created from the text
        // so far. (Its own document keeps its line offsets across changes, and after a range past the
        // last line they hold a hole: the next change of the same call then lands elsewhere.)
        for (const change of changes) {
          const lib = TextDocument.create('u', 'json', 1, expected);
          TextDocument.update(lib, [change], 2);
          expected = lib.getText();
        }
        assert.equal(ours.version, step + 2);
        assert.equal(ours.getText(), expected, `document ${doc}, step ${step}: the edits give the same text`);
        sameAnswers(ours, expected, rnd, `document ${doc}, step ${step}`);
      }
    }
  });

  test('edits inside the document, several per call (what an editor sends): the library\'s own result', () => {
    const rnd = prng(11);
    for (let doc = 0; doc < 40; doc++) {
      const text = randomText(rnd, 50 + Math.floor(rnd() * 200)).replace(/\r/g, '');
      const ours = ServerTextDocument.create('file:///x', 'json', 1, text);
      const lib = TextDocument.create('file:///x', 'json', 1, text);
      for (let step = 0; step < 25; step++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        const n = 1 + Math.floor(rnd() * 3);
        // Ranges from offsets of the text as the earlier changes of this call leave it.
        let now = lib.getText();
        for (let c = 0; c < n; c++) {
          const a = Math.floor(rnd() * (now.length + 1));
          const b = Math.min(now.length, a + Math.floor(rnd() * 5));
          const at = TextDocument.create('u', 'json', 1, now);
          const inserted = randomText(rnd, Math.floor(rnd() * 3)).replace(/\r/g, '');
          changes.push({ range: { start: at.positionAt(a), end: at.positionAt(b) }, text: inserted });
          now = now.slice(0, a) + inserted + now.slice(b);
        }
        ServerTextDocument.update(ours, changes, step + 2);
        TextDocument.update(lib, changes, step + 2);
        assert.equal(ours.getText(), lib.getText(), `document ${doc}, step ${step}`);
        assert.equal(ours.getText(), now);
        assert.equal(ours.lineCount, lib.lineCount);
      }
    }
  });

  test('a document with no line break, an empty one, and one of line breaks only', () => {
    const rnd = prng(3);
    for (const text of ['', 'abc', '\n', '\r\n', '\r', '\n\r\n\r\r\n', 'a\rb\nc\r\nd']) sameAnswers(ServerTextDocument.create('u', 'json', 1, text), text, rnd, JSON.stringify(text));
  });
});
