// The stdio transport's message reader: LSP base-protocol framing (`Content-Length: N\r\n` headers, a
// blank line, N bytes of JSON) that resynchronises after broken framing instead of waiting for ever.
//
// vscode-jsonrpc's stream reader trusts every header: one that promises more bytes than follow makes
// it swallow the messages after it as that body, and a run of such headers leaves it waiting with
// nothing answered. Here the decision is made by content, never by a timer (a slow 10 MB message is
// not a broken one): the bytes `Content-Length:` followed by digits and a raw CRLF cannot occur inside
// a valid JSON body (a raw CR or LF is invalid inside a JSON string, and the word is invalid outside
// one), so when they turn up within the bytes a header promised, that body is broken: it is dropped up
// to the header, and reading goes on from there. Bytes before a header (garbage between messages) are
// skipped to the next `Content-Length:`. Every problem is reported through onError, and the reader
// keeps going.
//
// What this costs a well-formed message: a body that arrives whole within one chunk and parses is
// taken without being searched (parsing proves no header is inside it); the bytes of a body still
// arriving are searched as they come, so that a header among them is acted on without waiting for
// bytes that may never come, but only at its raw CRs (Buffer.indexOf, native speed), which a valid
// body has none of or a few: the header line is recognised backwards from the CR that ends it.
//
// Node IPC (the transport VS Code uses) carries whole messages, so it needs none of this.

import type { Readable } from 'node:stream';
import * as lsp from 'vscode-languageserver/node';

/** Bodies larger than this are refused (their bytes are skipped): V8 cannot hold a string much larger. */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;
/** How far ahead of the bytes held the buffer is grown at once for a body a header announced. */
const RESERVE_BYTES = 64 * 1024 * 1024;
/** A header block (the Content-Length line and the lines after it) longer than this is abandoned. */
const MAX_HEADER_BYTES = 64 * 1024;

const NAME = Buffer.from('content-length:', 'latin1');
const COLON = 0x3a;
const CR = 0x0d;
const LF = 0x0a;
// Bounds of the `Content-Length:` line, so that deciding whether one starts somewhere needs a bounded
// look-ahead: at most 32 spaces or tabs on either side of at most 16 digits.
const MAX_SPACES = 32;
const MAX_DIGITS = 16;
/** The longest `Content-Length:` line, CRLF included: whether one starts at s is decided by s + MAX_LINE. */
const MAX_LINE = NAME.length + MAX_SPACES + MAX_DIGITS + MAX_SPACES + 2;

type Match =
  | { kind: 'no' }
  | { kind: 'more' }
  | { kind: 'yes'; next: number; length: number };
// Not fatal: invalid sequences become U+FFFD, as in vscode-jsonrpc's own decoding.
const UTF8 = new TextDecoder('utf-8');
const NO: Match = { kind: 'no' };
const MORE: Match = { kind: 'more' };

/** RFC 9110 token characters: what a header field name is made of. */
function isTokenByte(b: number): boolean {
  if (b >= 0x30 && b <= 0x39) return true;
  const l = b | 0x20;
  if (l >= 0x61 && l <= 0x7a) return true;
  return b === 0x21 || (b >= 0x23 && b <= 0x27) || b === 0x2a || b === 0x2b || b === 0x2d || b === 0x2e || b === 0x5e || b === 0x5f || b === 0x60 || b === 0x7c || b === 0x7e;
}

interface FrameParserEvents {
  message(value: unknown): void;
  error(error: Error): void;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09;
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/**
 * The framing state machine over a byte stream fed in chunks of any size (the MessageReader below
 * feeds it from a stream; tests feed it directly). Bytes live in one buffer grown by doubling (or at
 * once to the size a header announced), so a large body arrives in linear time, and every byte is
 * searched for a header at most once.
 */
export class FrameParser {
  private buf = Buffer.allocUnsafe(64 * 1024);
  /** Stream offset of buf[0]; `start` and `end` are stream offsets of the live bytes. */
  private base = 0;
  private start = 0;
  private end = 0;
  /** 'seek': looking for a header; 'headers': after a Content-Length line; 'body': counting its bytes. */
  private mode: 'seek' | 'headers' | 'body' = 'seek';
  /** Every header start before this offset has been ruled out (in 'seek' and 'body'). */
  private scan = 0;
  /** Bytes skipped since the last message, reported once a header is found. */
  private skipped = 0;
  /**
   * Whether the skipped bytes are header lines so far (`name: value\r\n`, e.g. a Content-Type sent
   * before the Content-Length): 0 at a line start, 1 in a name, 2 in a value, 3 after its CR, -1 not.
   * Header lines before the Content-Length are no error, and not reported.
   */
  private lineState = 0;
  // The frame being read (modes 'headers' and 'body'), all stream offsets.
  private frameStart = 0;
  private length = 0;
  private pos = 0;
  private bodyStart = 0;
  private charset: string | undefined;

  constructor(private readonly events: FrameParserEvents) {}

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.append(chunk);
    this.run();
  }

  /** Bytes held (for tests: memory stays bounded while skipping). */
  get buffered(): number {
    return this.end - this.start;
  }

  /** Bytes moved inside the parser so far, chunks included (for tests: receiving stays linear). */
  copied = 0;

  /** Bytes searched for a header so far (for tests: a well-formed body that arrives whole is not). */
  searched = 0;

  /** Why the complete body of the current frame was refused, while a header inside it is looked for. */
  private bodyError: string | undefined;

  private at(offset: number): number {
    return this.buf[offset - this.base];
  }

  private append(chunk: Uint8Array): void {
    const live = this.end - this.start;
    if (live === 0) this.base = this.start;
    const needed = this.end - this.base + chunk.length;
    if (needed > this.buf.length) {
      if (live + chunk.length <= this.buf.length / 2) {
        // Enough room once the consumed bytes are gone.
        this.buf.copy(this.buf, 0, this.start - this.base, this.end - this.base);
        this.copied += live;
      } else {
        const grown = Buffer.allocUnsafe(Math.max(2 * this.buf.length, 2 * (live + chunk.length)));
        this.buf.copy(grown, 0, this.start - this.base, this.end - this.base);
        this.copied += live;
        this.buf = grown;
      }
      this.base = this.start;
    } else if (live === 0 && this.buf.length > 4 * 1024 * 1024) {
      // After a large message, give its memory back.
      this.buf = Buffer.allocUnsafe(64 * 1024);
      if (chunk.length > this.buf.length) this.buf = Buffer.allocUnsafe(2 * chunk.length);
    }
    Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).copy(this.buf, this.end - this.base);
    this.copied += chunk.length;
    this.end += chunk.length;
  }

  /**
   * Room for the bytes up to stream offset `to`, made now so that a large body is copied in once
   * rather than through a doubling buffer (each byte moved about twice, and freshly allocated memory
   * touched at every step). Only up to RESERVE_BYTES ahead: a broken header can promise any length,
   * and past that the doubling buffer takes over.
   */
  private reserve(to: number): void {
    const wanted = Math.min(to, this.end + RESERVE_BYTES) - this.start;
    if (wanted <= this.buf.length - (this.start - this.base)) return;
    const grown = Buffer.allocUnsafe(wanted);
    this.buf.copy(grown, 0, this.start - this.base, this.end - this.base);
    this.copied += this.end - this.start;
    this.buf = grown;
    this.base = this.start;
  }

  /**
   * Whether a `Content-Length: <digits>\r\n` line starts at `s`: 'yes' (with the offset after its
   * CRLF and the length), 'no', or 'more' when the bytes so far cannot tell.
   */
  private matchHeader(s: number): Match {
    const end = this.end;
    let i = s;
    for (let k = 0; k < NAME.length; k++, i++) {
      if (i >= end) return MORE;
      const b = this.at(i);
      // Letters compare case-insensitively (vscode-jsonrpc lowercases header names); '-' and ':' as is.
      if ((NAME[k] >= 0x61 ? b | 0x20 : b) !== NAME[k]) return NO;
    }
    for (let k = 0; ; k++, i++) {
      if (i >= end) return MORE;
      const b = this.at(i);
      if (b !== 0x20 && b !== 0x09) break;
      if (k === MAX_SPACES) return NO;
    }
    let length = 0;
    const digitsStart = i;
    for (; ; i++) {
      if (i >= end) return MORE;
      const b = this.at(i);
      if (b < 0x30 || b > 0x39) break;
      if (i - digitsStart === MAX_DIGITS) return NO;
      length = length * 10 + (b - 0x30);
    }
    if (i === digitsStart) return NO;
    for (let k = 0; ; k++, i++) {
      if (i >= end) return MORE;
      const b = this.at(i);
      if (b !== 0x20 && b !== 0x09) break;
      if (k === MAX_SPACES) return NO;
    }
    if (this.at(i) !== CR) return NO;
    if (i + 1 >= end) return MORE;
    if (this.at(i + 1) !== LF) return NO;
    return { kind: 'yes', next: i + 2, length };
  }

  /**
   * The first header starting in [from, to): 'yes' with its offset, 'more' with the first offset
   * that cannot be decided yet (nothing before it starts a header), or 'no'. Whether a header starts
   * at s is decided once the bytes up to s + MAX_LINE are here, so the starts before that tail are
   * found by the CR that would end their line (with Buffer.indexOf: a body is searched at native
   * speed, and looked at byte by byte only at its raw CRs), and the starts in the tail one by one.
   */
  private findHeader(from: number, to: number): { kind: 'no' } | { kind: 'more'; at: number } | { kind: 'yes'; at: number; next: number; length: number } {
    const end = this.end;
    const tail = Math.max(from, end - MAX_LINE);
    const limit = Math.min(to, tail);
    if (from < limit) {
      // The CR of a line that starts before `limit` comes before limit + MAX_LINE.
      const crEnd = Math.min(limit + MAX_LINE, end);
      // A view that ends with the data: the buffer's spare capacity holds stale bytes.
      const view = this.buf.subarray(0, crEnd - this.base);
      const first = from + NAME.length + 1;
      let c = first;
      while (c < crEnd) {
        const idx = view.indexOf(CR, c - this.base);
        if (idx < 0) {
          c = crEnd;
          break;
        }
        c = idx + this.base;
        const s = this.lineEndingAt(c, from);
        if (s >= limit) break;
        if (s >= 0) {
          const m = this.matchHeader(s);
          if (m.kind === 'yes') {
            this.searched += c - first;
            return { kind: 'yes', at: s, next: m.next, length: m.length };
          }
        }
        c++;
      }
      this.searched += Math.max(0, c - first);
    }
    this.searched += Math.max(0, to - tail);
    for (let s = tail; s < to; s++) {
      const m = this.matchHeader(s);
      if (m.kind === 'yes') return { kind: 'yes', at: s, next: m.next, length: m.length };
      if (m.kind === 'more') return { kind: 'more', at: s };
    }
    return { kind: 'no' };
  }

  /**
   * Where the `Content-Length:` line that the CR at `c` would end starts (not before `floor`), or -1:
   * matchHeader read backwards (spaces, digits, spaces, the name; each run at most as long as it
   * allows), so it finds every line matchHeader accepts; matchHeader then confirms it.
   */
  private lineEndingAt(c: number, floor: number): number {
    if (c + 1 >= this.end || this.at(c + 1) !== LF) return -1;
    let i = c - 1;
    for (let k = 0; i >= floor && isSpace(this.at(i)); i--) if (++k > MAX_SPACES) return -1;
    const digitsEnd = i;
    for (; i >= floor && isDigit(this.at(i)); i--) if (digitsEnd - i >= MAX_DIGITS) return -1;
    if (i === digitsEnd) return -1;
    for (let k = 0; i >= floor && isSpace(this.at(i)); i--) if (++k > MAX_SPACES) return -1;
    const s = i - (NAME.length - 1);
    if (s < floor) return -1;
    for (let k = 0; k < NAME.length; k++) {
      const b = this.at(s + k);
      if ((NAME[k] >= 0x61 ? b | 0x20 : b) !== NAME[k]) return -1;
    }
    return s;
  }

  private consume(to: number): void {
    this.start = to;
  }

  /** Skips [start, to): bytes that are not a message. */
  private skip(to: number): void {
    let state = this.lineState;
    for (let i = this.start; i < to && state >= 0; i++) {
      const b = this.at(i);
      if (state === 0) state = isTokenByte(b) ? 1 : -1;
      else if (state === 1) state = b === COLON ? 2 : isTokenByte(b) ? 1 : -1;
      else if (state === 2) state = b === CR ? 3 : b === LF ? -1 : 2;
      else state = b === LF ? 0 : -1;
    }
    this.lineState = state;
    this.skipped += to - this.start;
    this.consume(to);
  }

  private fail(message: string): void {
    this.events.error(new Error(message));
  }

  private reportSkipped(): void {
    if (this.skipped > 0 && this.lineState !== 0) this.fail(`skipped ${this.skipped} byte(s) before a Content-Length header`);
    this.skipped = 0;
    this.lineState = 0;
  }

  private run(): void {
    for (;;) {
      if (this.mode === 'seek') {
        const r = this.findHeader(Math.max(this.scan, this.start), this.end);
        if (r.kind === 'no') {
          this.skip(this.end);
          this.scan = this.end;
          return;
        }
        this.skip(r.at);
        this.scan = r.at;
        if (r.kind === 'more') return;
        this.reportSkipped();
        if (r.length > MAX_BODY_BYTES) {
          this.fail(`a message of ${r.length} bytes is over the limit of ${MAX_BODY_BYTES}; its bytes are skipped`);
          this.skip(r.next);
          this.scan = r.next;
          continue;
        }
        this.mode = 'headers';
        this.frameStart = r.at;
        this.length = r.length;
        this.pos = r.next;
        this.charset = undefined;
        continue;
      }

      if (this.mode === 'headers') {
        const done = this.readHeaderLines();
        if (done === 'more') return;
        if (done === 'restart') continue;
        this.mode = 'body';
        this.scan = this.bodyStart;
        this.reserve(this.bodyStart + this.length);
        continue;
      }

      // 'body'. While its bytes are arriving, those here are searched for a header, so that one
      // among them is acted on now rather than after bytes that may never come.
      const bodyEnd = this.bodyStart + this.length;
      const complete = this.end >= bodyEnd;
      if (complete && this.bodyError === undefined) {
        // All here: a body that parses cannot hold a header line (see the top of the file), so it
        // is taken without searching the rest of it. One that does not is searched below.
        const refused = this.deliver(this.bodyStart, bodyEnd);
        if (refused === undefined) {
          this.finishBody(bodyEnd);
          continue;
        }
        this.bodyError = refused;
      }
      const r = this.findHeader(this.scan, Math.min(bodyEnd, this.end));
      if (r.kind === 'yes') {
        this.fail(`a message promised ${this.length} bytes but a Content-Length header came after ${r.at - this.bodyStart}; it is dropped`);
        this.bodyError = undefined;
        this.restartAt(r.at);
        continue;
      }
      if (r.kind === 'more') {
        this.scan = r.at;
        return;
      }
      if (!complete) {
        this.scan = this.end;
        return;
      }
      this.fail(this.bodyError!);
      this.bodyError = undefined;
      this.finishBody(bodyEnd);
    }
  }

  private finishBody(bodyEnd: number): void {
    this.consume(bodyEnd);
    this.scan = bodyEnd;
    this.mode = 'seek';
  }

  private restartAt(at: number): void {
    this.consume(at);
    this.scan = at;
    this.mode = 'seek';
  }

  /**
   * The lines after the Content-Length line, up to the blank line. A line that does not look like
   * a header field (a body sent without the blank line, starting with `{`) starts the body; a
   * Content-Length line, even inside another line, starts a new frame (the last one wins).
   */
  private readHeaderLines(): 'more' | 'restart' | 'body' {
    for (;;) {
      const step = this.readHeaderLine(this.pos);
      if (step === 'more' || (typeof step === 'number' && step - this.frameStart > MAX_HEADER_BYTES)) {
        if (step === 'more' && this.end - this.frameStart <= MAX_HEADER_BYTES) return 'more';
        this.fail(`a header block grew over ${MAX_HEADER_BYTES} bytes; it is dropped`);
        // From just past this frame's own Content-Length, so that the search does not find it again.
        this.restartAt(this.frameStart);
        this.skip(this.frameStart + 1);
        return 'restart';
      }
      if (typeof step === 'number') {
        this.pos = step;
        continue;
      }
      return step;
    }
  }

  /** One line of the header block at `p`: the offset of the next line, or what the block does now. */
  private readHeaderLine(p: number): number | 'more' | 'restart' | 'body' {
    if (p >= this.end) return 'more';
    const first = this.at(p);
    if (first === CR) {
      if (p + 1 >= this.end) return 'more';
      // The blank line; a lone CR is no header, so the body starts there (and will not parse).
      this.bodyStart = this.at(p + 1) === LF ? p + 2 : p;
      return 'body';
    }
    let i = p;
    while (i < this.end && isTokenByte(this.at(i))) i++;
    if (i >= this.end) return 'more';
    if (i === p || this.at(i) !== COLON) {
      // Not `name:`: the body was sent without the blank line (or the line is junk, and the body
      // will not parse; a header inside it is found when the body is scanned).
      this.fail('no blank line after the headers; the body is read from the first line that is not a header');
      this.bodyStart = p;
      return 'body';
    }
    const lineEnd = this.buf.subarray(0, this.end - this.base).indexOf('\r\n', i - this.base, 'latin1');
    if (lineEnd < 0) return 'more';
    const next = lineEnd + this.base + 2;
    const inner = this.findHeader(p, next - 2);
    if (inner.kind === 'more') return 'more';
    if (inner.kind === 'yes') {
      if (inner.at === p) this.fail('a header block had a second Content-Length line; the first is ignored');
      else this.fail('a header line held a Content-Length header; the header block before it is dropped');
      this.restartAt(inner.at);
      return 'restart';
    }
    const name = this.buf.toString('latin1', p - this.base, i - this.base).toLowerCase();
    if (name === 'content-type') {
      const value = this.buf.toString('latin1', i + 1 - this.base, lineEnd);
      const charset = /(?:^|;)\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(value)?.[1];
      this.charset = charset ? charset.toLowerCase() : undefined;
    }
    return next;
  }

  /** Delivers the body in [from, to), or returns why it is refused (reported once no header is in it). */
  private deliver(from: number, to: number): string | undefined {
    const charset = this.charset;
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      // The protocol knows only UTF-8 and says to answer other encodings with an error.
      return `a message in charset ${charset} is dropped: only utf-8 is supported`;
    }
    let value: unknown;
    try {
      value = JSON.parse(UTF8.decode(this.buf.subarray(from - this.base, to - this.base)));
    } catch (e) {
      return `a message body of ${to - from} bytes is not JSON: ${e instanceof Error ? e.message : String(e)}`;
    }
    this.events.message(value);
    return undefined;
  }
}

/** The MessageReader for `--stdio`: a FrameParser over the input stream. */
export class ResyncingMessageReader extends lsp.AbstractMessageReader {
  private parser: FrameParser | undefined;

  constructor(private readonly readable: Readable) {
    super();
  }

  listen(callback: lsp.DataCallback): lsp.Disposable {
    this.parser = new FrameParser({
      message: (value) => {
        try {
          callback(value as lsp.Message);
        } catch (e) {
          this.fireError(e);
        }
      },
      error: (e) => this.fireError(e),
    });
    const onData = (chunk: Buffer | string) => this.parser!.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (e: Error) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('end', onClose);
    this.readable.on('close', onClose);
    return lsp.Disposable.create(() => {
      this.readable.off('data', onData);
      this.readable.off('error', onError);
      this.readable.off('end', onClose);
      this.readable.off('close', onClose);
    });
  }
}

/**
 * The MessageWriter for `--stdio`: each message framed and written at once. vscode-jsonrpc's stream
 * writer queues every message behind a setImmediate (its write lock) and writes the body only after the
 * header's write callback, so whatever the event loop runs first delays the answer a client is waiting
 * for: after a large document has been read that is often a garbage collection, and the diagnostics
 * answer reached the bench 0.4–8.6 ms after it was ready (`npm run bench`, open and change). Here the
 * header and body are written in the same turn; on Linux and macOS a write to a pipe is synchronous,
 * and messages go out in the order of the write() calls everywhere.
 */
export class DirectMessageWriter extends lsp.AbstractMessageWriter implements lsp.MessageWriter {
  private errorCount = 0;

  constructor(private readonly writable: NodeJS.WritableStream) {
    super();
    writable.on('error', (e: Error) => this.fireError(e));
    writable.on('close', () => this.fireClose());
  }

  write(msg: lsp.Message): Promise<void> {
    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(msg), 'utf8');
    } catch (e) {
      // A result that cannot be serialized (a cycle, a BigInt): reported, and the connection goes on.
      this.fireError(e instanceof Error ? e : new Error(String(e)), msg, ++this.errorCount);
      return Promise.reject(e);
    }
    return new Promise<void>((resolve, reject) => {
      try {
        this.writable.write(`Content-Length: ${body.length}\r\n\r\n`, 'ascii');
        this.writable.write(body, (err?: Error | null) => {
          if (err) {
            this.fireError(err, msg, ++this.errorCount);
            reject(err);
          } else {
            this.errorCount = 0;
            resolve();
          }
        });
      } catch (e) {
        this.fireError(e instanceof Error ? e : new Error(String(e)), msg, ++this.errorCount);
        reject(e);
      }
    });
  }

  end(): void {
    /* stdout stays open until the process exits */
  }
}
