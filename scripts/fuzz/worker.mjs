// A fuzz worker (worker thread): builds documents from (seed, index) and runs every feature of the
// bundled language service on each, at random offsets. Before each call it stamps the call's name
// and start time into a shared buffer, so the main thread can see a call that runs over the limit
// and terminate this worker (a hang is counted, never waited for). Exceptions are caught per call
// and reported: the service promises never to throw on bad input.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { bigDocument, loadCorpus, makeDocument, schemaDictionary } from './mutate.mjs';
import { checkDocument, FEATURES } from './features.mjs';
import { createRandom } from '../gen-timeline.mjs';

const { servicePath, seed, heartbeat } = workerData;
const { TimelineService } = createRequire(import.meta.url)(servicePath);
// [0] start of the current call (Date.now(), 0 when idle), [1] index of the call in FEATURES, [2] document index,
// [3] the document's length (the limit grows with it beyond the largest document the service accepts).
const beat = new Float64Array(heartbeat);

const ruleFailures = [];
const service = new TimelineService({
  onRuleFailure: (f) => ruleFailures.push({ rule: f.rule, message: String(f.error?.stack ?? f.error) }),
  host: {
    // Like the LSP server: MediaIds come asynchronously from the client.
    mediaIds: (prefix) => new Promise((resolve) => setImmediate(() => resolve([
      { mediaId: `${prefix}0123456789abcdef0123456789abcdef`.slice(0, 32), title: 'fuzz media' },
    ]))),
  },
});

const corpus = loadCorpus();
const dict = schemaDictionary();
let big;
let docs = 0;
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : undefined;

parentPort.on('message', async (msg) => {
  if (msg.type !== 'doc') return;
  const { index } = msg;
  beat[0] = 0;
  beat[2] = index;
  beat[3] = 0;
  if (index % 10_000 === 9_999) big ??= bigDocument();
  let d;
  try {
    d = makeDocument(seed, index, corpus, dict, big);
  } catch (e) {
    // A bug of the fuzzer, not of the service: stop the run.
    parentPort.postMessage({ type: 'harness-error', index, message: String(e?.stack ?? e) });
    return;
  }
  ruleFailures.length = 0;
  beat[3] = d.text.length;
  const t0 = performance.now();
  const timings = [];
  const result = await checkDocument(service, d, (feature) => {
    beat[1] = FEATURES.indexOf(feature);
    beat[0] = Date.now();
  }, () => { beat[0] = 0; }, timings);
  const byFeature = {};
  for (const t of timings) byFeature[t.feature] = (byFeature[t.feature] ?? 0) + t.ms;
  beat[0] = 0;
  let heapAfterGc;
  if (gc && ++docs % 250 === 0) {
    gc();
    heapAfterGc = process.memoryUsage().heapUsed;
  }
  parentPort.postMessage({
    type: 'result', index, size: d.text.length, origin: d.origin, mutations: d.mutations, ms: performance.now() - t0,
    errors: result.errors, ruleFailures: ruleFailures.slice(), badResults: result.badResults, slowest: result.slowest,
    heapAfterGc, byFeature,
  });
});
// Warm up before the watchdog starts: a fresh worker (also the one replacing a terminated worker)
// runs interpreted code until the JIT has seen it, several times slower than a warm server.
for (const c of corpus.slice(0, 16)) {
  await checkDocument(service, { text: c.text, rnd: createRandom(`warmup:${c.name}`) }, () => {}, () => {});
}
ruleFailures.length = 0;
parentPort.postMessage({ type: 'ready' });
