// The stdio reader's own cost (server/src/framing.ts) on the max document's didOpen: the time
// FrameParser.push takes for the whole frame, minus the UTF-8 decode and JSON.parse every reader
// does anyway, fed whole and in 64 KB chunks (a pipe's size). Figures, not a test:
//
// The differences are small beside the parse and swing with the machine's load, so the search for a
// header over the whole body (what a body still arriving costs) is also timed alone.
//
//   node --import tsx scripts/bench/framing.mjs [--runs 31] [--reader FILE.ts (another framing.ts)]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateTimeline } from '../gen-timeline.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '31' }, reader: { type: 'string', default: new URL('../../server/src/framing.ts', import.meta.url).pathname } } });
const { FrameParser } = await import(pathToFileURL(path.resolve(values.reader)).href);
const runs = Number(values.runs);
const { text } = generateTimeline({ scale: 'max', seed: 1 });
const msg = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///max.timeline.json', languageId: 'vod-timeline', version: 1, text } } };
const body = Buffer.from(JSON.stringify(msg), 'utf8');
const bytes = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
const chunked = [];
for (let i = 0; i < bytes.length; i += 65536) chunked.push(bytes.subarray(i, i + 65536));

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const decoder = new TextDecoder('utf-8');
function time(fn) {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
const results = { parse: [], whole: [], chunked: [], wholeOwn: [], chunkedOwn: [], search: [] };
const headerLength = bytes.length - body.length;
// A parser holding the whole frame, unread: its (private) findHeader searched over the body alone.
const held = new FrameParser({ message() {}, error() {} });
held.append(bytes);
for (let r = 0; r < runs + 3; r++) {
  const sink = [];
  const parse = time(() => sink.push(JSON.parse(decoder.decode(body))));
  const whole = time(() => new FrameParser({ message: (m) => sink.push(m), error: (e) => { throw e; } }).push(bytes));
  const search = time(() => {
    if (held.findHeader(headerLength, bytes.length).kind !== 'no') throw new Error('a header in the body');
  });
  const chunks = time(() => {
    const p = new FrameParser({ message: (m) => sink.push(m), error: (e) => { throw e; } });
    for (const c of chunked) p.push(c);
  });
  if (sink.length !== 3) throw new Error('a message was lost');
  if (r < 3) continue; // warm-up
  results.parse.push(parse);
  results.whole.push(whole);
  results.chunked.push(chunks);
  results.search.push(search);
  // The difference within one run: the parse timed next to the reader, under the same load.
  results.wholeOwn.push(whole - parse);
  results.chunkedOwn.push(chunks - parse);
}
const p = median(results.parse);
const f = (x) => x.toFixed(2);
console.log(`didOpen of the max document: ${(body.length / 1e6).toFixed(2)} MB, ${chunked.length} chunks of 64 KB; medians of ${runs} runs`);
console.log(`  decode + JSON.parse alone: ${f(p)} ms`);
console.log(`  FrameParser, fed whole:    ${f(median(results.whole))} ms (reader's own cost, median of the per-run differences: ${f(median(results.wholeOwn))} ms)`);
console.log(`  the search for a header over the body alone: ${f(median(results.search))} ms`);
console.log(`  FrameParser, 64 KB chunks: ${f(median(results.chunked))} ms (reader's own cost, median of the per-run differences: ${f(median(results.chunkedOwn))} ms)`);
