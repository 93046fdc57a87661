// In-process measurements of the bundled language service (what users run), started by scripts/bench.mjs.
//
//   node --expose-gc scripts/bench/inproc.mjs --service .bench/build/service.cjs \
//        --doc 1x=FILE --doc 2x=FILE --doc 4x=FILE [--runs 9] [--warmup 2]
//     JSON.parse of each text vs full validation (parse + validate, fresh document each time), in
//     rounds: every round times each document once, in an order rotated every round, so that all
//     sizes see the same machine conditions and the same JIT state (as in a long-running server);
//     an untimed validation of the same document first leaves parse buffers of its size in the pool.
//   node --expose-gc scripts/bench/inproc.mjs --service ... --max FILE [--errors-doc FILE --errors FILE]
//     On the max document, in a process of its own (its peak RSS is the figure): completion, hover
//     and layout latency (layout alternating with full validation, for their ratio), what one
//     validated document holds, and whether every injected error is reported.
//   node --cpu-prof ... scripts/bench/inproc.mjs --service ... --max FILE --profile-runs 20
//     Validation only, for the CPU profile.
//
// Prints one JSON object on stdout. Every timed operation starts after a short idle pause, works on a
// fresh parse, and the parse is disposed (its buffers go back to the pool) afterwards, as the LSP
// server and the CLI do when a version is replaced. --expose-gc is used only for the memory figures.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { coverage, locatePointers, selfPeakKiB } from './util.mjs';

const { values: o } = parseArgs({
  options: {
    service: { type: 'string' },
    doc: { type: 'string', multiple: true, default: [] },
    max: { type: 'string' },
    runs: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '2' },
    'errors-doc': { type: 'string' },
    errors: { type: 'string' },
    'profile-runs': { type: 'string' },
  },
});
if (!o.service || (!o.doc.length && !o.max)) throw new Error('inproc.mjs needs --service and --doc LABEL=FILE or --max FILE');

const S = createRequire(import.meta.url)(path.resolve(o.service));
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
const svc = new S.TimelineService();
const t = S.localizer('en');
const otherRules = S.RULES.filter((r) => r !== S.schemaRule);
const runs = Number(o.runs);
const warmup = Number(o.warmup);

function validateOnce(t) {
  const doc = svc.parse(t);
  const diagnostics = svc.validate(doc);
  return { doc, diagnostics };
}

// A short idle pause before each timed operation lets V8's concurrent GC work left by the previous
// one finish. No forced GC: a full gc() right before an operation made svc.parse + validate about 2×
// slower on the next run (JSON.parse hardly changed), which is not what a server sees.
const IDLE_MS = 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Times `fn` on a fresh value from `prepare` (not timed); `after` cleans up (not timed). With
 * `minorGc`, a scavenge after `prepare` drops the young garbage `prepare` left (a parse leaves a lot),
 * so that `fn` is not charged for collecting it; unlike a full GC it leaves the heap as it was.
 */
async function timeOnce(prepare, fn, after, minorGc = false) {
  const input = prepare();
  if (minorGc && typeof globalThis.gc === 'function') globalThis.gc({ type: 'minor' });
  await sleep(IDLE_MS);
  const t0 = performance.now();
  const out = await fn(input);
  const t = performance.now() - t0;
  after?.(input, out);
  return { t, out };
}

/** Heap and array-buffer bytes one parsed and validated document holds (over `baseline`, parse pool included). */
function liveDocument(text, baseline) {
  const live = validateOnce(text);
  gc();
  const m = process.memoryUsage();
  const held = { heapBytes: m.heapUsed - baseline.heapUsed, arrayBufferBytes: m.arrayBuffers - baseline.arrayBuffers, diagnostics: live.diagnostics.length };
  live.doc.dispose();
  return held;
}

const out = { runs, warmup, idleBeforeEachMs: IDLE_MS };

if (o.doc.length) {
  // ---- sizes: JSON.parse vs validation, interleaved rounds --------------------------------------------
  const docs = o.doc.map((spec) => {
    const eq = spec.indexOf('=');
    const file = spec.slice(eq + 1);
    const text = fs.readFileSync(file, 'utf8');
    return {
      label: spec.slice(0, eq), file, text, bytes: Buffer.byteLength(text), jsonParse: [], validation: [], parseOnly: [], validateOnly: [],
      checks: [], model: [], layout: [], rules: [], diagnosticCount: null,
    };
  });
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < docs.length; k++) {
      const d = docs[(k + round) % docs.length];
      // Untimed: leaves parse buffers of this document's size in the pool, as when one document is
      // edited (otherwise the other sizes' rounds decide whether a parse finds buffers or allocates).
      validateOnce(d.text).doc.dispose();
      const a = await timeOnce(() => d.text, (t) => JSON.parse(t));
      const b = await timeOnce(() => d.text, (t) => validateOnce(t), (_, r) => r.doc.dispose());
      d.diagnosticCount = b.out.diagnostics.length;
      // The same split in two: svc.parse alone, then svc.validate on that parse.
      const c = await timeOnce(() => d.text, (t) => svc.parse(t));
      const e = await timeOnce(() => c.out, (doc) => svc.validate(doc), (doc) => doc.dispose());
      // And svc.validate's stages one by one on a fresh parse: the schema checks, the model of tracks
      // and clips (one pass), layout, the other rules (model and layout already there, as validate
      // leaves them for the rules after the first).
      const f = await timeOnce(() => d.text, (t) => svc.parse(t));
      const doc = f.out;
      const checks = await timeOnce(() => doc, (x) => S.validateSchema(x, svc.schema, t, []));
      const model = await timeOnce(() => doc, (x) => S.buildModel(x));
      const layout = await timeOnce(() => doc, (x) => S.documentLayout(x));
      const rules = await timeOnce(() => doc, (x) => S.runRules(x, svc.schema, {}, t, undefined, otherRules));
      doc.dispose();
      if (round >= warmup) {
        d.jsonParse.push(a.t);
        d.validation.push(b.t);
        d.parseOnly.push(c.t);
        d.validateOnly.push(e.t);
        d.checks.push(checks.t);
        d.model.push(model.t);
        d.layout.push(layout.t);
        d.rules.push(rules.t);
      }
    }
  }
  out.sizes = Object.fromEntries(docs.map(({ label, text: _text, ...rest }) => [label, rest]));
  out.peakRssKiB = selfPeakKiB();
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
}

// ---- the max document ------------------------------------------------------------------------------------
const text = fs.readFileSync(o.max, 'utf8');

if (o['profile-runs']) {
  // Only validation, so that the profile shows where its time goes.
  for (let i = 0; i < warmup; i++) validateOnce(text).doc.dispose();
  const n = Number(o['profile-runs']);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) validateOnce(text).doc.dispose();
  process.stdout.write(JSON.stringify({ profileRuns: n, totalMs: performance.now() - t0 }) + '\n');
  process.exit(0);
}

gc();
const baseline = process.memoryUsage(); // service loaded, text read
for (let i = 0; i < warmup; i++) validateOnce(text).doc.dispose();
out.doc = o.max;
out.bytes = Buffer.byteLength(text);
out.liveDocument = liveDocument(text, baseline);

{
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
  out.positions = at;
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
      const r = await timeOnce(prepare, fn, dispose, true);
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
  out.features = {
    completionAfterBrace: await both((doc) => svc.complete(doc, at.completionAfterBrace), items),
    completionInMediaId: await both((doc) => svc.complete(doc, at.completionInMediaId), items),
    hoverMediaIdKey: await both((doc) => svc.hover(doc, at.hoverMediaIdKey), hoverText),
    hoverInKey: await both((doc) => svc.hover(doc, at.hoverInKey), hoverText),
  };
  // Layout, measured alongside JSON.parse and full validation (parse + validate) in this process: on a
  // fresh parse (the model of tracks and clips, then layout), and after a validation, which leaves its
  // model and layout for it: the `vodTimeline/layout` answer the server sends the preview and
  // CodeLens (that layout with an LSP range per track and clip).
  const layout = [];
  const validation = [];
  const jsonParse = [];
  const afterValidation = [];
  let tracks = 0;
  let clips = 0;
  for (let i = 0; i < warmup + runs; i++) {
    const j = await timeOnce(() => text, (t) => JSON.parse(t));
    const v = await timeOnce(() => text, (t) => validateOnce(t), (_, r) => r.doc.dispose());
    const l = await timeOnce(parse, (doc) => svc.layout(doc), dispose, true);
    const a = await timeOnce(parseAndValidate, (doc) => S.layoutResult(doc, svc), dispose, true);
    tracks = l.out?.tracks?.length ?? 0;
    clips = a.out.tracks.reduce((n, tr) => n + tr.clips.length, 0);
    if (i >= warmup) {
      jsonParse.push(j.t);
      validation.push(v.t);
      layout.push(l.t);
      afterValidation.push(a.t);
    }
  }
  out.features.layout = { fresh: layout, validated: afterValidation, validation, jsonParse, result: `${tracks} tracks, ${clips} clips` };
}

if (o['errors-doc'] && o.errors) {
  const errText = fs.readFileSync(o['errors-doc'], 'utf8');
  const injected = JSON.parse(fs.readFileSync(o.errors, 'utf8'));
  const { doc, diagnostics } = validateOnce(errText);
  const cov = coverage(errText, injected, diagnostics);
  const codeMismatch = cov.matches.filter((m) => !m.diagnostics.some((d) => m.error.expectedCodes.includes(d.code))).map((m) => ({ pointer: m.error.pointer, kind: m.error.kind, got: m.diagnostics.map((d) => d.code) }));
  out.injected = {
    total: cov.total,
    covered: cov.covered,
    diagnostics: diagnostics.length,
    missing: cov.missing.map((e) => ({ pointer: e.pointer, kind: e.kind })),
    codeMismatch,
  };
  doc.dispose();
}

out.peakRssKiB = selfPeakKiB();
process.stdout.write(JSON.stringify(out) + '\n');
