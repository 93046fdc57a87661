// In-process measurements of the bundled language service on one document, in a process of its own
// (so that its JIT state and peak RSS belong to that document). Started by scripts/bench.mjs:
//
//   node --expose-gc scripts/bench/inproc.mjs --service .bench/build/service.cjs --doc FILE
//        [--runs 9] [--warmup 2] [--features] [--errors-doc FILE --errors FILE.errors.json]
//   node --cpu-prof ... scripts/bench/inproc.mjs --service ... --doc FILE --profile-runs 20
//
// Prints one JSON object on stdout. Every timed operation starts after a full GC (when --expose-gc
// is on), works on a fresh parse, and the parse is disposed (buffers back to the pool) afterwards,
// as the LSP server and the CLI do when a version is replaced.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { coverage, locatePointers, selfPeakKiB } from './util.mjs';

const { values: o } = parseArgs({
  options: {
    service: { type: 'string' },
    doc: { type: 'string' },
    runs: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '2' },
    features: { type: 'boolean', default: false },
    'errors-doc': { type: 'string' },
    errors: { type: 'string' },
    'profile-runs': { type: 'string' },
  },
});
if (!o.service || !o.doc) throw new Error('inproc.mjs needs --service and --doc');

const { TimelineService } = createRequire(import.meta.url)(path.resolve(o.service));
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
const svc = new TimelineService();
const text = fs.readFileSync(o.doc, 'utf8');
const runs = Number(o.runs);
const warmup = Number(o.warmup);

function validateOnce(t) {
  const doc = svc.parse(t);
  const diagnostics = svc.validate(doc);
  return { doc, diagnostics };
}

if (o['profile-runs']) {
  // Only validation, so that the profile shows where its time goes.
  for (let i = 0; i < warmup; i++) validateOnce(text).doc.dispose();
  const n = Number(o['profile-runs']);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) validateOnce(text).doc.dispose();
  process.stdout.write(JSON.stringify({ profileRuns: n, totalMs: performance.now() - t0 }) + '\n');
  process.exit(0);
}

/** Times `fn` on a fresh value from `prepare` (not timed); `after` cleans up (not timed). */
async function timeOnce(prepare, fn, after) {
  const input = prepare();
  gc();
  const t0 = performance.now();
  const out = await fn(input);
  const t = performance.now() - t0;
  after?.(input, out);
  return { t, out };
}

const result = { doc: o.doc, bytes: Buffer.byteLength(text), runs, warmup, gcBeforeEach: typeof globalThis.gc === 'function' };
gc();
const baseline = process.memoryUsage(); // service loaded, text read

// JSON.parse and validation, interleaved so that both see the same machine conditions.
const jsonParse = [];
const validation = [];
let diagnosticCount = null;
for (let i = 0; i < warmup + runs; i++) {
  const a = await timeOnce(() => text, (t) => JSON.parse(t));
  const b = await timeOnce(() => text, (t) => validateOnce(t), (_, r) => r.doc.dispose());
  diagnosticCount = b.out.diagnostics.length;
  if (i >= warmup) {
    jsonParse.push(a.t);
    validation.push(b.t);
  }
}
Object.assign(result, { jsonParse, validation, diagnosticCount });

{
  // What one parsed and validated document holds (over the baseline; includes the parse pool).
  const live = validateOnce(text);
  gc();
  const m = process.memoryUsage();
  result.liveDocument = { heapBytes: m.heapUsed - baseline.heapUsed, arrayBufferBytes: m.arrayBuffers - baseline.arrayBuffers, diagnostics: live.diagnostics.length };
  live.doc.dispose();
}

if (o.features) {
  // Positions in the middle clip of the middle video track.
  const timeline = JSON.parse(text);
  const t = Math.floor(timeline.VideoTracks.length / 2);
  const c = Math.floor(timeline.VideoTracks[t].VideoTrackClips.length / 2);
  const clip = `/VideoTracks/${t}/VideoTrackClips/${c}`;
  const where = locatePointers(text, [clip, `${clip}/MediaId`, `${clip}/In`]);
  const at = {
    clip,
    completionAfterBrace: where.get(clip).start + 1,
    completionInMediaId: where.get(`${clip}/MediaId`).start + 1, // just after the opening quote
    hoverMediaIdKey: where.get(`${clip}/MediaId`).keyStart + 1,
    hoverInKey: where.get(`${clip}/In`).keyStart + 1,
  };
  result.positions = at;
  const parse = () => svc.parse(text);
  const parseAndValidate = () => {
    const doc = svc.parse(text);
    svc.validate(doc);
    return doc;
  };
  const dispose = (doc) => doc.dispose();
  const series = async (prepare, fn) => {
    const times = [];
    let last;
    for (let i = 0; i < warmup + runs; i++) {
      const r = await timeOnce(prepare, fn, dispose);
      last = r.out;
      if (i >= warmup) times.push(r.t);
    }
    return { times, last };
  };
  // Each operation on a fresh parse (nothing memoized: the first request after an edit) and on a
  // validated one (the model and layout memoized by validation: the usual case in the editor).
  const both = async (fn, describe) => {
    const fresh = await series(parse, fn);
    const validated = await series(parseAndValidate, fn);
    return { fresh: fresh.times, validated: validated.times, result: describe(fresh.last) };
  };
  const items = (r) => `${r?.items?.length ?? 0} items`;
  const hoverText = (r) => (r?.contents ? 'non-empty' : 'EMPTY');
  result.features = {
    completionAfterBrace: await both((doc) => svc.complete(doc, at.completionAfterBrace), items),
    completionInMediaId: await both((doc) => svc.complete(doc, at.completionInMediaId), items),
    hoverMediaIdKey: await both((doc) => svc.hover(doc, at.hoverMediaIdKey), hoverText),
    hoverInKey: await both((doc) => svc.hover(doc, at.hoverInKey), hoverText),
  };
  const layout = await series(parse, (doc) => svc.layout(doc));
  result.features.layout = { fresh: layout.times, result: `${layout.last?.tracks?.length ?? 0} tracks` };
}

if (o['errors-doc'] && o.errors) {
  const errText = fs.readFileSync(o['errors-doc'], 'utf8');
  const injected = JSON.parse(fs.readFileSync(o.errors, 'utf8'));
  const { doc, diagnostics } = validateOnce(errText);
  const cov = coverage(errText, injected, diagnostics);
  const codeMismatch = cov.matches.filter((m) => !m.diagnostics.some((d) => m.error.expectedCodes.includes(d.code))).map((m) => ({ pointer: m.error.pointer, kind: m.error.kind, got: m.diagnostics.map((d) => d.code) }));
  result.injected = {
    total: cov.total,
    covered: cov.covered,
    diagnostics: diagnostics.length,
    missing: cov.missing.map((e) => ({ pointer: e.pointer, kind: e.kind })),
    codeMismatch,
  };
  doc.dispose();
}

result.peakRssKiB = selfPeakKiB();
process.stdout.write(JSON.stringify(result) + '\n');
