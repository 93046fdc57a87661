// The stdio reader's framing (server/src/framing.ts): byte streams with broken frames, fed whole, split
// at every byte boundary, a byte at a time and in random chunks; every split must give the same
// messages and the same errors, and the well-formed message after a broken one must come through.
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { DirectMessageWriter, FrameParser, MAX_BODY_BYTES, ResyncingMessageReader } from '../../server/src/framing';

const enc = (s: string) => Buffer.from(s, 'utf8');

/** A well-formed frame around `body` (an object is serialised). */
function frame(body: unknown, headers?: string): Buffer {
  const bytes = Buffer.isBuffer(body) ? body : enc(typeof body === 'string' ? body : JSON.stringify(body));
  return Buffer.concat([Buffer.from(headers ?? `Content-Length: ${bytes.length}\r\n\r\n`, 'latin1'), bytes]);
}

interface Run { messages: unknown[]; errors: string[]; parser: FrameParser }

function feed(chunks: Buffer[]): Run {
  const messages: unknown[] = [];
  const errors: string[] = [];
  const parser = new FrameParser({ message: (m) => messages.push(m), error: (e) => errors.push(e.message) });
  for (const c of chunks) parser.push(c);
  return { messages, errors, parser };
}

function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}

/**
 * Feeds `bytes` whole, split in two at every boundary, a byte at a time and in random chunks: each
 * must give `expected` messages and the same errors as the whole stream. Returns the whole run.
 */
function everySplit(bytes: Buffer, expected: unknown[]): Run {
  const whole = feed([bytes]);
  assert.deepEqual(whole.messages, expected, 'fed whole');
  const check = (chunks: Buffer[], how: string) => {
    const r = feed(chunks);
    assert.deepEqual(r.messages, expected, how);
    assert.deepEqual(r.errors, whole.errors, `${how}: the same errors as fed whole`);
  };
  for (let i = 1; i < bytes.length; i++) check([bytes.subarray(0, i), bytes.subarray(i)], `split at ${i}`);
  check(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)), 'a byte at a time');
  const rnd = random(bytes.length);
  for (let k = 0; k < 20; k++) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length;) {
      const n = 1 + Math.floor(rnd() * 40);
      chunks.push(bytes.subarray(i, i + n));
      i += n;
    }
    check(chunks, `random chunks #${k}`);
  }
  return whole;
}

const hover = (id: number) => ({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///a.timeline.json' }, position: { line: 0, character: 1 } } });

suite('LSP framing: the resynchronising stdio reader', () => {
  test('well-formed messages, with multi-byte UTF-8 split anywhere, come through without errors', () => {
    const a = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text: '中文字幕 🎬 "quoted" \\ back' } };
    const r = everySplit(Buffer.concat([frame(hover(1)), frame(a), frame(hover(2))]), [hover(1), a, hover(2)]);
    assert.deepEqual(r.errors, []);
  });

  test('a header that promises more bytes than follow: the next message is read from its own header', () => {
    const broken = Buffer.from('Content-Length: 500\r\n\r\n{"jsonrpc":"2.0","id":7,"method":"textDoc', 'latin1');
    const r = everySplit(Buffer.concat([broken, frame(hover(1))]), [hover(1)]);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0], /promised 500 bytes/);
    // Nothing arrives after it: the body is still awaited (no timer decides it is broken)...
    const waiting = feed([broken]);
    assert.deepEqual(waiting.errors, []);
    // ...until a header does.
    waiting.parser.push(frame(hover(3)));
    assert.deepEqual(waiting.messages, [hover(3)]);
  });

  test('a run of 200 broken frames, then a well-formed request: it is answered', () => {
    const rnd = random(7);
    const parts: Buffer[] = [];
    for (let i = 0; i < 200; i++) {
      const kind = Math.floor(rnd() * 6);
      if (kind === 0) parts.push(Buffer.from(`Content-Length: ${100 + i}\r\n\r\n{"jsonrpc":"2.0",`, 'latin1'));
      else if (kind === 1) parts.push(Buffer.from('Content-Length: -5\r\n\r\n{"jsonrpc":"2.0"}', 'latin1'));
      else if (kind === 2) parts.push(Buffer.from('Content-Length: abc\r\n\r\n{}', 'latin1'));
      else if (kind === 3) parts.push(Buffer.from('Content-Length: 2\n\n{}', 'latin1'));
      else if (kind === 4) parts.push(Buffer.from('Content-Length 17\r\nGarbage\r\n\r\n{"jsonrpc":"2.0"}', 'latin1'));
      else parts.push(Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 300) }, () => Math.floor(rnd() * 256))));
    }
    const bytes = Buffer.concat([...parts, frame(hover(42))]);
    const whole = feed([bytes]);
    assert.deepEqual(whole.messages, [hover(42)]);
    assert.ok(whole.errors.length > 0);
    // Random chunkings of the whole run (every split of 20 KB would take too long).
    const r = random(11);
    for (let k = 0; k < 30; k++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length;) {
        const n = 1 + Math.floor(r() * (k < 10 ? 8 : 4000));
        chunks.push(bytes.subarray(i, i + n));
        i += n;
      }
      const run = feed(chunks);
      assert.deepEqual(run.messages, [hover(42)], `chunking #${k}`);
      assert.deepEqual(run.errors, whole.errors, `chunking #${k}`);
    }
  });

  test('malformed Content-Length lines (negative, not a number, LF only, no colon) are skipped', () => {
    for (const bad of ['Content-Length: -5\r\n\r\n{"jsonrpc":"2.0"}', 'Content-Length: abc\r\n\r\n{}', 'Content-Length: 1e3\r\n\r\n{}', 'Content-Length: \r\n\r\n{}', 'Content-Length: 2\n\n{}', 'Content-Length 17\r\nGarbage\r\n\r\n{"jsonrpc":"2.0"}']) {
      const r = everySplit(Buffer.concat([Buffer.from(bad, 'latin1'), frame(hover(1))]), [hover(1)]);
      assert.equal(r.errors.length, 1, bad);
      assert.match(r.errors[0], /skipped \d+ byte/, bad);
    }
  });

  test('garbage between messages is skipped to the next Content-Length, and reported once', () => {
    const junk = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));
    const r = everySplit(Buffer.concat([frame(hover(1)), junk, frame(hover(2)), Buffer.from('\r\n\r\n   '), frame(hover(3))]), [hover(1), hover(2), hover(3)]);
    assert.equal(r.errors.length, 2);
    assert.match(r.errors[0], /skipped 3000 byte/);
  });

  test('a body sent without the blank line after the header is read from its first line', () => {
    const body = JSON.stringify(hover(1));
    const r = everySplit(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n${body}`), frame(hover(2))]), [hover(1), hover(2)]);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0], /no blank line/);
  });

  test('unknown header lines, and a Content-Type before or after the Content-Length, are no error', () => {
    const body = JSON.stringify(hover(1));
    const r = everySplit(Buffer.concat([
      frame(body, `Content-Length: ${body.length}\r\nX-Trace: abc; def=1\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`),
      frame(body, `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nX-Other: 1\r\nContent-Length: ${body.length}\r\n\r\n`),
      frame(body, `Content-Length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset="UTF-8"\r\n\r\n`),
      frame(body, `content-length: ${body.length}\r\ncontent-type: application/vscode-jsonrpc; charset=utf8\r\n\r\n`),
    ]), [hover(1), hover(1), hover(1), hover(1)]);
    assert.deepEqual(r.errors, []);
  });

  test('a charset other than UTF-8 is refused with an error; the next message comes through', () => {
    const body = '{"jsonrpc":"2.0","method":"foo"}';
    const r = everySplit(Buffer.concat([frame(body, `Content-Length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-16\r\n\r\n`), frame(hover(1))]), [hover(1)]);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0], /charset utf-16/);
  });

  test('a body that is not JSON (or empty) is an error, and reading goes on', () => {
    const r = everySplit(Buffer.concat([frame('{not json'), frame(''), frame('[[[['), frame(hover(1)), frame('[]'), frame('null')]), [hover(1), [], null]);
    assert.equal(r.errors.length, 3);
    assert.ok(r.errors.every((e) => /not JSON/.test(e)), r.errors.join('\n'));
  });

  test('a Content-Length shorter than the body: the rest is skipped; two Content-Length lines: the last wins', () => {
    const body = JSON.stringify(hover(9));
    const short = everySplit(Buffer.concat([frame(body, `Content-Length: 20\r\n\r\n`), frame(hover(1))]), [hover(1)]);
    assert.equal(short.errors.length, 2, short.errors.join('\n'));
    const two = everySplit(Buffer.concat([frame(body, `Content-Length: 5\r\nContent-Length: ${body.length}\r\n\r\n`), frame(hover(1))]), [hover(9), hover(1)]);
    assert.equal(two.errors.length, 1);
    assert.match(two.errors[0], /second Content-Length/);
  });

  test('a Content-Length header inside a header line or a body starts a new frame; inside a JSON string it does not', () => {
    // Escaped CR LF in a JSON string: "Content-Length: 12\r\n" as text is a valid body, delivered whole.
    const tricky = { jsonrpc: '2.0', method: 'x', params: { text: 'Content-Length: 12\r\n\r\n{}', other: 'content-length:5', n: 'Content-Length: 3' } };
    const text = JSON.stringify(tricky);
    assert.ok(text.includes('Content-Length: 12\\r\\n'));
    const r = everySplit(Buffer.concat([frame(tricky), frame(hover(1))]), [tricky, hover(1)]);
    assert.deepEqual(r.errors, []);
    // Raw in a header value, or promised to an earlier body: the frame there is the one read.
    const inHeader = everySplit(Buffer.concat([Buffer.from('Content-Length: 4\r\nnull'), frame(hover(2))]), [hover(2)]);
    assert.equal(inHeader.errors.length, 1, inHeader.errors.join('\n'));
    const inBody = everySplit(Buffer.concat([Buffer.from('Content-Length: 90\r\n\r\n{"a":'), frame(hover(3))]), [hover(3)]);
    assert.equal(inBody.errors.length, 1);
  });

  test('a Content-Length line at the bounds of its form (32 spaces, 16 digits, tabs, any case) is one; past them it is not', () => {
    const sp = ' '.repeat(32);
    for (const good of [`Content-Length:${sp}2${sp}`, 'content-length:\t2\t', 'CONTENT-LENGTH:0000000000000002', 'Content-Length:2']) {
      const r = everySplit(Buffer.concat([Buffer.from(`${good}\r\n\r\n{}`, 'latin1'), frame(hover(1))]), [{}, hover(1)]);
      assert.deepEqual(r.errors, [], good);
      // The same line inside a body that promised more: the body is dropped there, found whether the
      // body is still arriving or complete.
      const inBody = everySplit(Buffer.concat([Buffer.from(`Content-Length: 60\r\n\r\n{"a":${good}\r\n\r\n{}`, 'latin1'), frame(hover(1))]), [{}, hover(1)]);
      assert.equal(inBody.errors.length, 1, good);
      assert.match(inBody.errors[0], /promised 60 bytes/, good);
    }
    for (const bad of [`Content-Length:${sp} 2`, `Content-Length:2${sp} `, 'Content-Length:00000000000000002', 'Content-Length: 2\r']) {
      const r = everySplit(Buffer.concat([Buffer.from(`${bad}\r\n\r\n{}`, 'latin1'), frame(hover(1))]), [hover(1)]);
      assert.equal(r.errors.length, 1, bad);
      assert.match(r.errors[0], /skipped \d+ byte/, bad);
    }
  });

  test('a complete body that is not JSON is searched for a header, even one whose line ends past it', () => {
    // The promised 27 bytes end inside the next header's name: whether it is one is decided by the
    // bytes after the body, and the body's error waits for them.
    const head = Buffer.from('Content-Length: 27\r\n\r\n{"jsonrpc":"2.0",', 'latin1');
    const next = frame(hover(1));
    const r = everySplit(Buffer.concat([head, next]), [hover(1)]);
    assert.deepEqual(r.errors.length, 1);
    assert.match(r.errors[0], /promised 27 bytes but a Content-Length header came after 17/);
    const waiting = feed([head, next.subarray(0, 10)]);
    assert.deepEqual([waiting.messages, waiting.errors], [[], []]);
    waiting.parser.push(next.subarray(10));
    assert.deepEqual([waiting.messages, waiting.errors], [[hover(1)], r.errors]);
    // In a charset we refuse: the header inside is what is reported, and the next message is read.
    const latin = everySplit(Buffer.concat([Buffer.from('Content-Length: 40\r\nContent-Type: a; charset=latin1\r\n\r\n{"a":', 'latin1'), next]), [hover(1)]);
    assert.equal(latin.errors.length, 1);
    assert.match(latin.errors[0], /promised 40 bytes/);
  });

  test('a well-formed body that arrives whole is not searched for a header; one arriving in chunks is, once', () => {
    const big = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { text: 'a: b,\r\n'.repeat(128 * 1024) } } };
    const bytes = frame(big);
    const whole = feed([bytes]);
    assert.equal(whole.messages.length, 1);
    // The header line and the search after the body; none of the 1 MB body.
    assert.ok(whole.parser.searched < 200, `searched ${whole.parser.searched} bytes`);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 65536) chunks.push(bytes.subarray(i, i + 65536));
    const chunked = feed(chunks);
    assert.equal(chunked.messages.length, 1);
    // Each byte once, give or take the last line's worth of each chunk, undecided until the next.
    assert.ok(chunked.parser.searched < 1.01 * bytes.length, `searched ${chunked.parser.searched} of ${bytes.length} bytes`);
  });

  test('a header promising more than the limit is refused; its bytes are skipped', () => {
    const r = feed([Buffer.from(`Content-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n{"jsonrpc":"2.0"}`), frame(hover(1))]);
    assert.deepEqual(r.messages, [hover(1)]);
    assert.match(r.errors[0], /over the limit/);
  });

  test('a header block over 64 KB is dropped, and the junk header line before a Content-Length is no error', () => {
    const endless = feed([Buffer.from(`Content-Length: 2\r\nX-Junk: ${'x'.repeat(70_000)}`), Buffer.from('\r\n\r\n{}'), frame(hover(1))]);
    assert.deepEqual(endless.messages, [hover(1)]);
    assert.match(endless.errors[0], /header block grew/);
    const junk = feed([frame('{}', `X-Junk: ${'x'.repeat(200_000)}\r\nContent-Length: 2\r\n\r\n`), frame(hover(1))]);
    assert.deepEqual(junk.messages, [{}, hover(1)]);
    assert.deepEqual(junk.errors, []);
  });

  test('a 10 MB message in 1 KB chunks arrives in linear time, and a slow one is not taken for broken', () => {
    const text = 'x'.repeat(10 * 1024 * 1024);
    const big = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { text } } };
    const bytes = Buffer.concat([frame(big), frame(hover(1))]);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 1024) chunks.push(bytes.subarray(i, i + 1024));
    const half = chunks.length >> 1;
    const r = feed(chunks.slice(0, half));
    // Half of it so far, and nothing else: no error, no message, all of it held.
    assert.deepEqual(r.messages, []);
    assert.deepEqual(r.errors, []);
    assert.equal(r.parser.buffered, half * 1024);
    for (const c of chunks.slice(half)) r.parser.push(c);
    assert.equal(r.messages.length, 2);
    assert.equal((r.messages[0] as typeof big).params.textDocument.text.length, text.length);
    assert.deepEqual(r.messages[1], hover(1));
    assert.deepEqual(r.errors, []);
    // Concatenating the buffer on every chunk would move ~50 GB here; the doubling buffer moves each
    // byte about twice.
    assert.ok(r.parser.copied < 3 * bytes.length, `${r.parser.copied} bytes moved for ${bytes.length}`);
    assert.equal(r.parser.buffered, 0);
  });

  test('memory stays bounded while skipping 10 MB of garbage', () => {
    const r = feed([]);
    const junk = Buffer.alloc(64 * 1024, 'Content-Lengt');
    let peak = 0;
    for (let i = 0; i < 160; i++) {
      r.parser.push(junk);
      peak = Math.max(peak, r.parser.buffered);
    }
    assert.ok(peak < 64, `held ${peak} bytes`);
    r.parser.push(frame(hover(1)));
    assert.deepEqual(r.messages, [hover(1)]);
    assert.equal(r.errors.length, 1);
  });

  test('ResyncingMessageReader: messages from the stream, errors through onError, close at its end', async () => {
    const stream = new PassThrough();
    const reader = new ResyncingMessageReader(stream);
    const messages: unknown[] = [];
    const errors: string[] = [];
    reader.onError((e) => errors.push(e.message));
    const closed = new Promise<void>((resolve) => reader.onClose(() => resolve()));
    reader.listen((m) => messages.push(m));
    stream.write(Buffer.from('Content-Length: 300\r\n\r\n{"jsonrpc":'));
    stream.write(frame(hover(1)));
    stream.end();
    await closed;
    assert.deepEqual(messages, [hover(1)]);
    assert.equal(errors.length, 1);
  });

  test('DirectMessageWriter: each message framed and written within the write() call, in order', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const writer = new DirectMessageWriter(stream);
    const big = { jsonrpc: '2.0' as const, id: 2, result: { text: '字幕 '.repeat(50000) } };
    const done = [writer.write(hover(1)), writer.write(big), writer.write(hover(3))];
    // Nothing deferred: the bytes are in the stream before any task or microtask runs (a PassThrough
    // emits 'data' synchronously while flowing).
    const written = Buffer.concat(chunks);
    assert.deepEqual(feed([written]).messages, [hover(1), big, hover(3)]);
    await Promise.all(done);
    // What cannot be serialized is refused through the promise and onError; the writer goes on.
    const errors: string[] = [];
    writer.onError(([e]) => errors.push(e.message));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await assert.rejects(writer.write({ jsonrpc: '2.0', id: 4, result: cyclic } as never));
    assert.equal(errors.length, 1);
    await writer.write(hover(5));
    assert.deepEqual(feed([Buffer.concat(chunks)]).messages, [hover(1), big, hover(3), hover(5)]);
  });
});
