// The server's text documents: vscode-languageserver-textdocument's TextDocument, with its line starts
// found by indexOf and computed only when a position is asked for.
//
// Why: applying an editor's first range edit to the 2.6 MB maximum document computed the library's
// line offsets with a loop over every character (13–23 ms, measured with the library), and each
// later edit shifted the offsets of every line after it. Here the starts of a version are found with
// indexOf (about 1.3 ms there, nothing when no position is asked), and an edit only drops them.
// Positions follow the library's rules exactly (\n, \r\n and a lone \r end a line; a position is never
// between a \r and its \n); test/unit/text-document.test.ts compares the two on random edits.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { lineStartsOf } from './service';

const LF = 10;
const CR = 13;

const isEOL = (c: number) => c === LF || c === CR;

export class ServerTextDocument implements TextDocument {
  private starts: Int32Array | undefined;

  private constructor(readonly uri: string, readonly languageId: string, public version: number, private content: string) {}

  static create(uri: string, languageId: string, version: number, content: string): ServerTextDocument {
    return new ServerTextDocument(uri, languageId, version, content);
  }

  /** Applies the changes in order (each range is in the text as the changes before it left it), as the library does. */
  static update(document: ServerTextDocument, changes: TextDocumentContentChangeEvent[], version: number): ServerTextDocument {
    for (const change of changes) {
      if ('range' in change && change.range !== undefined && (change.rangeLength === undefined || typeof change.rangeLength === 'number')) {
        let { start, end } = change.range;
        if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
        const from = document.offsetAt(start);
        const to = document.offsetAt(end);
        document.content = document.content.substring(0, from) + change.text + document.content.substring(to);
      } else {
        document.content = change.text;
      }
      document.starts = undefined;
    }
    document.version = version;
    return document;
  }

  private lines(): Int32Array {
    return (this.starts ??= lineStartsOf(this.content));
  }

  get lineCount(): number {
    return this.lines().length;
  }

  getText(range?: Range): string {
    if (!range) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    const o = Math.max(Math.min(offset, this.content.length), 0);
    const starts = this.lines();
    // The last line starting at or before o.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid] > o) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeEOL(o, starts[line]) - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.lines();
    if (position.line >= starts.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.content.length;
    return this.beforeEOL(Math.min(lineStart + position.character, next), lineStart);
  }

  /** The line's range without its line break; past the last line, the last line's; before the first, empty. */
  getLineRange(line: number): Range {
    const starts = this.lines();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEOL(next, starts[line]) - starts[line] } };
  }

  /** The line's break ("\n", "\r\n", "\r"; "" for the last line or a line that does not exist). */
  getEOLCharacters(line: number): string {
    const starts = this.lines();
    if (line >= starts.length || line < 0) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    return this.content.substring(this.beforeEOL(next, starts[line]), next);
  }

  /** `offset` moved back before the line break it is in or after (never past `lineStart`). */
  private beforeEOL(offset: number, lineStart: number): number {
    while (offset > lineStart && isEOL(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}
