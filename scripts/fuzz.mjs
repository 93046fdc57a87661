#!/usr/bin/env node
// `npm run fuzz -- --count N`: fuzzes the language service and the LSP server.
//
//   npm run fuzz -- [--count N] [--seed S] [--workers W] [--timeout-ms 1000] [--lsp-messages M]
//                   [--lsp-docs D] [--no-lsp] [--findings DIR]
//   npm run fuzz -- --doc I [--seed S] [--save FILE]     rebuild document I of a run, run it in-process
//
// 1. Service: N documents mutated from the examples, the golden fixtures, earlier findings
//    (test/fixtures/fuzz/) and generated timelines (byte flips decoded as an editor decodes invalid
//    UTF-8, truncation, deep nesting, huge numbers and strings, duplicate keys, type confusion, broken
//    embedded Timeline strings; a ~10 MB document every 10,000). Each goes through every feature at
//    random offsets in a worker thread; a call running over --timeout-ms is a hang (the worker is
//    terminated and replaced; for documents over 2.6 MB, the largest the service accepts, the limit
//    grows in proportion), an exception out of a call or a rule is a crash. The process's peak
//    RSS, and the workers' heap after GC along the run, show whether memory stays flat.
// 2. LSP (scripts/fuzz/lsp.mjs): the built server (dist/server.js --stdio) gets malformed messages
//    (bad headers, invalid JSON, wrong param types, huge messages, unknown documents) and mutated
//    documents; after each malformed message a well-formed probe request must be answered (the
//    server resynchronises on the next Content-Length header); then typing: small edits one version
//    at a time, after each of which the diagnostics must equal those of the same text opened fresh
//    (the server parses an edit from the previous version). Every wait there is bounded.
// Crashing or hanging documents are written to --findings (default artifacts/fuzz/) with what failed;
// reduce one and add it to test/fixtures/fuzz/ as a regression fixture.
// The last line: `fuzz: clean: N documents, …; exit 0`, or `fuzz: FAILED (what failed): …; exit 1`;
// it counts every phase (crashes, contained rule exceptions, hangs, out-of-range results, unanswered
// probes and requests, slow requests, a dead server), so a failing run never closes on clean figures.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { bundle, parseOptions, peakRssMiB, ROOT, tempDir } from './robustness/bundle.mjs';
import { BIG_EVERY, bigDocument, loadCorpus, makeDocument, schemaDictionary } from './fuzz/mutate.mjs';
import { checkDocument, FEATURES } from './fuzz/features.mjs';
import { runLspFuzz } from './fuzz/lsp.mjs';

const USAGE = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1).filter((l) => l.startsWith('//')).slice(0, 6).map((l) => l.slice(3)).join('\n');
const o = parseOptions(process.argv.slice(2), {
  count: { type: 'number', default: 2000 },
  seed: { type: 'string', default: '1' },
  workers: { type: 'number', default: Math.max(1, Math.min(4, os.cpus().length - 1)) },
  'timeout-ms': { type: 'number', default: 1000 },
  'lsp-messages': { type: 'number' },
  'lsp-docs': { type: 'number' },
  'no-lsp': { type: 'boolean', default: false },
  findings: { type: 'string', default: path.join(ROOT, 'artifacts', 'fuzz') },
  doc: { type: 'number' },
  save: { type: 'string' },
}, USAGE);

const mib = (bytes) => bytes / 1024 / 1024;
const fmt = (n) => n.toLocaleString('en-US');

const { dir: tmp, cleanup } = tempDir('fuzz');
const { service: servicePath } = await bundle({ service: 'server/src/service/index.ts' }, tmp);

if (o.doc !== undefined) {
  process.exitCode = await reproduce(o.doc);
  cleanup();
  process.exit();
}

async function reproduce(index) {
  const { TimelineService } = createRequire(import.meta.url)(servicePath);
  const ruleFailures = [];
  const service = new TimelineService({ onRuleFailure: (f) => ruleFailures.push(f) });
  const d = makeDocument(o.seed, index, loadCorpus(), schemaDictionary(), index % BIG_EVERY === BIG_EVERY - 1 ? bigDocument() : undefined);
  console.log(`document ${index} of seed ${o.seed}: ${fmt(d.text.length)} chars from ${d.origin}, mutations: ${d.mutations.join(', ') || 'none'}`);
  if (o.save) {
    fs.writeFileSync(o.save, d.text);
    console.log(`written to ${o.save}`);
  }
  const timings = [];
  const r = await checkDocument(service, d, () => {}, () => {}, timings);
  const byFeature = new Map();
  for (const t of timings) byFeature.set(t.feature, Math.max(byFeature.get(t.feature) ?? 0, t.ms));
  for (const [f, ms] of byFeature) console.log(`  ${f.padEnd(16)} ${ms.toFixed(1)} ms (slowest call)`);
  for (const e of r.errors) console.log(`EXCEPTION in ${e.feature}: ${e.stack || e.message}`);
  for (const f of ruleFailures) console.log(`RULE ${f.rule} threw: ${f.error?.stack ?? f.error}`);
  for (const b of r.badResults) console.log(`BAD RESULT from ${b.feature}: ${b.detail}`);
  return r.errors.length || ruleFailures.length ? 1 : 0;
}

// ---- the service, in worker threads ------------------------------------------------------------------

const count = Math.floor(o.count);
const timeoutMs = o['timeout-ms'];
fs.mkdirSync(o.findings, { recursive: true });
const corpusSize = loadCorpus().length;
console.log(`fuzz: seed ${o.seed}, ${fmt(count)} documents from ${corpusSize} corpus documents, ${o.workers} worker(s), ${timeoutMs} ms per call`);

const stats = {
  done: 0, crashes: 0, hangs: 0, suspects: 0, ruleFailures: 0, badResults: 0, chars: 0, maxDocChars: 0, slowest: { ms: 0 },
  findings: [], peakRss: 0, heapSeries: [], rssSeries: [], byFeature: {},
};
const started = Date.now();

function saveFinding(kind, index, detail) {
  const corpus = loadCorpus();
  const big = index % BIG_EVERY === BIG_EVERY - 1 ? bigDocument() : undefined;
  const d = makeDocument(o.seed, index, corpus, schemaDictionary(), big);
  const base = path.join(o.findings, `${kind}-seed${o.seed}-doc${index}`);
  fs.writeFileSync(`${base}.timeline.json`, d.text);
  fs.writeFileSync(`${base}.json`, JSON.stringify({ kind, seed: o.seed, index, origin: d.origin, mutations: d.mutations, ...detail }, null, 2));
  stats.findings.push({ kind, index, file: path.relative(ROOT, `${base}.timeline.json`), detail });
}

// The watchdog's limit: --timeout-ms per call for every document up to the largest the service
// accepts (MAX_DOC_CHARS: 100 video + 100 subtitle tracks of 30 clips, ≈ 2.6 MB); the 10 MB document
// gets it in proportion to its size.
const MAX_DOC_CHARS = 2_600_000;
const limitFor = (chars) => timeoutMs * Math.max(1, chars / MAX_DOC_CHARS);
// Every feature on one document, in proportion beyond the largest; and a fresh worker's warm-up.
const DOCUMENT_LIMIT_MS = 120_000;
const WARMUP_LIMIT_MS = 120_000;

/**
 * Runs the documents `indices` on `workerCount` workers. Results go to `onResult`; a call over the
 * limit terminates its worker (replaced by a fresh one) and goes to `onHang`; a worker that dies goes
 * to `onCrash`. Resolves when every document is done.
 */
function runPool(indices, workerCount, { onResult, onHang, onCrash }) {
  let next = 0;
  const workers = [];
  let finish;
  const finished = new Promise((r) => { finish = r; });
  const maybeFinish = () => {
    if (next >= indices.length && workers.every((w) => w.current === undefined)) finish();
  };
  const retire = (state) => {
    state.current = undefined;
    if (next < indices.length) workers[state.slot] = start(state.slot);
    maybeFinish();
  };
  const dispatch = (state) => {
    if (next >= indices.length) {
      state.current = undefined;
      state.gone = true;
      void state.w.terminate();
      maybeFinish();
      return;
    }
    state.current = indices[next++];
    state.dispatchedAt = Date.now();
    state.w.postMessage({ type: 'doc', index: state.current });
  };
  function start(slot) {
    const heartbeat = new SharedArrayBuffer(8 * 4);
    const w = new Worker(new URL('./fuzz/worker.mjs', import.meta.url), { workerData: { servicePath, seed: o.seed, heartbeat }, resourceLimits: { maxOldGenerationSizeMb: 4096 } });
    const state = { w, beat: new Float64Array(heartbeat), current: undefined, gone: false, slot, heapAfterGc: undefined, startedAt: Date.now(), ready: false, dispatchedAt: 0 };
    const lost = (message) => {
      // An exception that escaped the worker's own handling, or the worker died.
      if (state.gone) return;
      state.gone = true;
      if (state.current !== undefined) onCrash(state.current, message);
      retire(state);
    };
    w.on('message', (m) => {
      if (m.type === 'ready') { state.ready = true; return dispatch(state); }
      if (m.type === 'harness-error') {
        console.error(`fuzz: the fuzzer itself failed on document ${m.index}: ${m.message}`);
        process.exit(2);
      }
      if (m.type !== 'result') return;
      if (m.heapAfterGc !== undefined) state.heapAfterGc = m.heapAfterGc;
      onResult(m, workers);
      dispatch(state);
    });
    w.on('error', (e) => lost(String(e?.stack ?? e)));
    w.on('exit', (code) => lost(`worker exited with code ${code}`));
    return state;
  }
  const watchdog = setInterval(() => {
    stats.peakRss = Math.max(stats.peakRss, process.memoryUsage().rss);
    const now = Date.now();
    for (const state of workers) {
      if (state.gone || state.current === undefined) continue;
      const since = state.beat[0];
      if (since > 0 && now - since > limitFor(state.beat[3])) {
        state.gone = true;
        void state.w.terminate();
        onHang(state.current, { feature: FEATURES[state.beat[1]] ?? '?', runningMs: now - since, limitMs: limitFor(state.beat[3]) });
        retire(state);
      } else if (now - state.dispatchedAt > DOCUMENT_LIMIT_MS * Math.max(1, state.beat[3] / MAX_DOC_CHARS)) {
        // Stuck outside any call (building the document, between calls): a hang all the same, so
        // that no document can hold the run up for ever.
        state.gone = true;
        void state.w.terminate();
        onHang(state.current, { feature: 'the whole document', runningMs: now - state.dispatchedAt, limitMs: DOCUMENT_LIMIT_MS });
        retire(state);
      }
    }
    for (const state of workers) {
      if (!state.gone && !state.ready && now - state.startedAt > WARMUP_LIMIT_MS) {
        console.error(`fuzz: a worker did not warm up in ${WARMUP_LIMIT_MS / 1000} s`);
        process.exit(2);
      }
    }
  }, Math.min(100, Math.max(10, timeoutMs / 10)));
  if (!indices.length) finish();
  for (let i = 0; i < Math.max(1, Math.min(workerCount, indices.length)); i++) workers.push(start(i));
  return finished.then(() => clearInterval(watchdog));
}

function recordResult(m, workers) {
  stats.done++;
  stats.chars += m.size;
  stats.maxDocChars = Math.max(stats.maxDocChars, m.size);
  for (const [f, ms] of Object.entries(m.byFeature)) stats.byFeature[f] = (stats.byFeature[f] ?? 0) + ms;
  if (m.slowest.ms > stats.slowest.ms) stats.slowest = { ...m.slowest, index: m.index, size: m.size };
  if (m.errors.length || m.ruleFailures.length) {
    stats.crashes++;
    stats.ruleFailures += m.ruleFailures.length;
    saveFinding('crash', m.index, { errors: m.errors, ruleFailures: m.ruleFailures });
  }
  if (m.badResults.length) {
    stats.badResults++;
    if (stats.findings.filter((f) => f.kind === 'bad-result').length < 20) saveFinding('bad-result', m.index, { badResults: m.badResults });
  }
  const progressEvery = Math.max(1, Math.floor(count / 10));
  if (stats.done % progressEvery === 0) {
    const rss = process.memoryUsage().rss;
    const heaps = workers.map((w) => w.heapAfterGc).filter((h) => h !== undefined);
    const heap = heaps.length ? Math.max(...heaps) : undefined;
    stats.rssSeries.push({ done: stats.done, rssMiB: mib(rss) });
    if (heap !== undefined) stats.heapSeries.push({ done: stats.done, heapMiB: mib(heap) });
    const rate = stats.done / ((Date.now() - started) / 1000);
    console.log(`  ${fmt(stats.done)} documents (${rate.toFixed(0)}/s), ${stats.crashes} crashes, ${stats.suspects} calls over the limit, RSS ${mib(rss).toFixed(0)} MB${heap !== undefined ? `, worker heap after GC ${mib(heap).toFixed(0)} MB` : ''}`);
  }
}

const crash = (index, message) => {
  stats.done++;
  stats.crashes++;
  saveFinding('crash', index, { feature: 'worker', message });
};

// Pass 1: every document. A call over the limit makes the document a suspect: on a loaded machine a
// GC pause or another process can stretch a 300 ms call past a second.
const suspects = [];
await runPool(Array.from({ length: count }, (_, i) => i), Math.max(1, Math.floor(o.workers)), {
  onResult: recordResult,
  onHang: (index, detail) => { stats.done++; stats.suspects++; suspects.push({ index, first: detail }); },
  onCrash: crash,
});
// Pass 2: each suspect again, alone, in a fresh warmed-up worker. Over the limit again: a hang.
if (suspects.length) {
  const byIndex = new Map(suspects.map((x) => [x.index, x]));
  await runPool(suspects.map((x) => x.index), 1, {
    onResult: (m) => {
      if (m.errors.length || m.ruleFailures.length) { stats.crashes++; saveFinding('crash', m.index, { errors: m.errors, ruleFailures: m.ruleFailures }); }
      byIndex.get(m.index).again = m.slowest;
    },
    onHang: (index, detail) => { stats.hangs++; saveFinding('hang', index, { ...detail, firstPass: byIndex.get(index).first }); },
    onCrash: (index, message) => { stats.crashes++; saveFinding('crash', index, { feature: 'worker', message }); },
  });
  const cleared = suspects.filter((x) => x.again);
  if (cleared.length) {
    console.log(`service: ${cleared.length} call(s) over the limit on the first pass finished in time alone: ${cleared.slice(0, 5).map((x) => `document ${x.index} ${x.first.feature} ${x.first.runningMs} ms → slowest call ${x.again.ms.toFixed(0)} ms (${x.again.feature})`).join('; ')}`);
  }
}
const serviceSeconds = (Date.now() - started) / 1000;

const peakRss = Math.max(peakRssMiB(), mib(stats.peakRss));

console.log(`service: ${fmt(stats.done)} documents in ${serviceSeconds.toFixed(1)} s (${fmt(Math.round(stats.chars / 1024 / 1024))} MB of text, largest ${fmt(stats.maxDocChars)} chars), slowest call ${stats.slowest.ms.toFixed(0)} ms (${stats.slowest.feature}, document ${stats.slowest.index}, ${fmt(stats.slowest.size ?? 0)} chars)`);
console.log(`service: ${stats.crashes} crashes (${stats.ruleFailures} contained rule exceptions), ${stats.hangs} hangs over ${timeoutMs} ms (${stats.suspects} call(s) over it on the first pass, run again alone), ${stats.badResults} documents with out-of-range results`);
const featureTotal = Object.values(stats.byFeature).reduce((a, b) => a + b, 0);
console.log(`service: time by feature: ${Object.entries(stats.byFeature).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([f, ms]) => `${f} ${((100 * ms) / featureTotal).toFixed(0)}%`).join(', ')}`);
if (stats.heapSeries.length > 1) {
  const first = stats.heapSeries[0];
  const last = stats.heapSeries[stats.heapSeries.length - 1];
  console.log(`memory: worker heap after GC ${first.heapMiB.toFixed(0)} MB at ${fmt(first.done)} → ${last.heapMiB.toFixed(0)} MB at ${fmt(last.done)}; RSS ${stats.rssSeries.map((r) => r.rssMiB.toFixed(0)).join(' → ')} MB`);
}
for (const f of stats.findings.slice(0, 10)) {
  const what = f.detail.errors?.[0] ? `${f.detail.errors[0].feature}: ${f.detail.errors[0].message}` : f.detail.ruleFailures?.[0] ? `rule ${f.detail.ruleFailures[0].rule}: ${f.detail.ruleFailures[0].message.split('\n')[0]}` : f.detail.feature ? `${f.detail.feature}${f.detail.runningMs ? ` still running after ${f.detail.runningMs} ms` : ''}${f.detail.message ? `: ${f.detail.message.split('\n')[0]}` : ''}` : JSON.stringify(f.detail.badResults?.[0] ?? f.detail);
  console.log(`  ${f.kind} document ${f.index} (${f.file}): ${what}`);
  console.log(`    reproduce: npm run fuzz -- --seed ${o.seed} --doc ${f.index}`);
}

// ---- the LSP server ------------------------------------------------------------------------------------
let lsp;
if (!o['no-lsp']) {
  try {
    lsp = await runLspFuzz({
      seed: o.seed,
      messages: Math.floor(o['lsp-messages'] ?? Math.min(2000, Math.max(60, count / 50))),
      docs: Math.floor(o['lsp-docs'] ?? Math.min(1000, Math.max(20, count / 100))),
      timeoutMs: Math.max(timeoutMs, 1000),
      findings: o.findings,
    });
  } catch (e) {
    console.log(`lsp: the phase itself failed: ${e?.stack ?? e}`);
    lsp = { clean: false, failures: ['the LSP phase itself failed'], summary: 'LSP phase failed' };
  }
}

cleanup();
// The closing line counts every phase: whatever fails the run is named in it, before the figures.
const plural = (n, one, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
const failures = [];
if (stats.crashes) failures.push(`${plural(stats.crashes, 'crash', 'crashes')}${stats.ruleFailures ? ` (${plural(stats.ruleFailures, 'contained rule exception')})` : ''}`);
if (stats.hangs) failures.push(plural(stats.hangs, 'hang'));
if (stats.badResults) failures.push(plural(stats.badResults, 'document with out-of-range results', 'documents with out-of-range results'));
if (lsp && !lsp.clean) failures.push(...lsp.failures);
process.exitCode = failures.length ? 1 : 0;
console.log(`fuzz: ${failures.length ? `FAILED (${failures.join(', ')})` : 'clean'}: ${fmt(stats.done)} documents, ${plural(stats.crashes, 'crash', 'crashes')} (${plural(stats.ruleFailures, 'contained rule exception')}), ${plural(stats.hangs, 'hang')}, ${stats.badResults} out-of-range; ${lsp ? lsp.summary : 'LSP not run'}; peak RSS ${peakRss.toFixed(0)} MB; exit ${process.exitCode}`);
