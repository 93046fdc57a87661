#!/usr/bin/env node
// `npm run crash-safety -- --kills N`: the submission history survives kill -9.
//
//   npm run crash-safety -- [--kills N] [--writers-entries M] [--seed S] [--keep]
//
// 1. Kills: a child process (scripts/robustness/history-writer.ts, the product's FileHistoryStore)
//    appends entries in a loop, each "submitting" with its request, every other one then updated to
//    "producing", and reports each acknowledged write on stdout. It is killed with SIGKILL at a random
//    point (while opening the file, between writes, in the middle of one), N times, each time on the
//    file the previous one left (a fresh file every 100 kills). After every kill the file must load
//    (as JSON and through FileHistoryStore, with no problem reported), every acknowledged entry and
//    update must be there and intact (its request file too), at most the one write in flight may be
//    missing, and nothing may be half-written. The next writer must get past the dead one's lock.
// 2. Two writers: two processes append M entries each to one file at the same time; then again with
//    one of them killed midway. No acknowledged entry may be lost.
// The last line: `crash-safety: N kills, …; 2 writers: …`. Exit code 1 when a check failed.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createRandom } from './gen-timeline.mjs';
import { bundle, parseOptions, tempDir } from './robustness/bundle.mjs';

const USAGE = 'usage: npm run crash-safety -- [--kills N] [--writers-entries M] [--seed S] [--keep]';
const o = parseOptions(process.argv.slice(2), {
  kills: { type: 'number', default: 50 },
  'writers-entries': { type: 'number', default: 150 },
  seed: { type: 'string', default: '1' },
  keep: { type: 'boolean', default: false },
}, USAGE);

const { dir: tmp, cleanup } = tempDir('crash-safety');
const built = await bundle({ writer: 'scripts/robustness/history-writer.ts', store: 'client/src/vod/history/store.ts' }, path.join(tmp, 'build'));
const { FileHistoryStore, parseHistoryIndex } = createRequire(import.meta.url)(built.store);
const rnd = createRandom(`crash-safety:${o.seed}`);
const failures = [];
const fail = (message) => {
  failures.push(message);
  if (failures.length <= 20) console.log(`  FAIL ${message}`);
};

/** A writer process and what it has said so far. */
function startWriter(file, prefix, start, count) {
  const args = [built.writer, '--file', file, '--prefix', prefix, '--start', String(start)];
  if (count !== undefined) args.push('--count', String(count));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const w = { child, prefix, acked: new Map(), updated: new Set(), begun: new Set(), beganUpdate: new Set(), problems: [], errors: '', ready: false, done: false, exit: undefined, listeners: [] };
  let buffer = '';
  child.stdout.on('data', (d) => {
    buffer += d;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const [what, a, b] = line.split(' ');
      if (what === 'ready') w.ready = true;
      else if (what === 'begin') w.begun.add(Number(a));
      else if (what === 'ack') w.acked.set(Number(a), b);
      else if (what === 'begin-update') w.beganUpdate.add(Number(a));
      else if (what === 'ack-update') w.updated.add(Number(a));
      else if (what === 'problem') w.problems.push(line.slice(8));
      else if (what === 'done') w.done = true;
      else if (what === 'error') w.errors += line;
      for (const l of w.listeners.splice(0)) l();
    }
  });
  child.stderr.on('data', (d) => { w.errors += d; });
  w.exited = new Promise((resolve) => child.on('exit', (code, signal) => { w.exit = { code, signal }; for (const l of w.listeners.splice(0)) l(); resolve(); }));
  /** Resolves when `pred()` holds, or after `ms` (with false). */
  w.until = (pred, ms) => new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const check = () => {
      if (pred()) { clearTimeout(timer); resolve(true); } else if (w.exit) { clearTimeout(timer); resolve(pred()); } else w.listeners.push(check);
    };
    check();
  });
  return w;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Checks the history file against what the writers acknowledged; returns the entries by title. */
async function verify(file, writers, { allowInFlight, label }) {
  const folder = path.dirname(file);
  let raw;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT' && writers.every((w) => w.acked.size === 0)) return { byTitle: new Map(), loaded: true };
    fail(`${label}: cannot read the history file: ${e.code ?? e}`);
    return { byTitle: new Map(), loaded: false };
  }
  let parsed;
  try {
    parsed = parseHistoryIndex(raw);
  } catch (e) {
    fail(`${label}: the history file does not parse (${e.message}); ${raw.length} bytes, ends with ${JSON.stringify(raw.slice(-80))}`);
    return { byTitle: new Map(), loaded: false };
  }
  if (parsed.dropped) fail(`${label}: ${parsed.dropped} malformed entr(ies) in the file`);
  // As the product opens it: no problem may be reported (corrupt, invalid entries, unreadable).
  const problems = [];
  const store = await FileHistoryStore.open({ file, watch: false, maxEntries: 5000, onProblem: (p) => problems.push(p) });
  store.dispose();
  for (const p of problems) fail(`${label}: FileHistoryStore reported ${p.kind}: ${p.detail ?? ''}`);
  const byTitle = new Map(parsed.entries.map((e) => [e.title, e]));
  if (byTitle.size !== parsed.entries.length) fail(`${label}: duplicate titles in the file`);
  let inFlightMissing = 0;
  for (const w of writers) {
    for (const [seq, id] of w.acked) {
      const e = byTitle.get(`${w.prefix}-${seq}`);
      if (!e) { fail(`${label}: acknowledged entry ${w.prefix}-${seq} is missing`); continue; }
      if (e.id !== id) fail(`${label}: entry ${w.prefix}-${seq} has id ${e.id}, acknowledged as ${id}`);
      if (e.fileName !== `${w.prefix}-${seq}.timeline.json` || e.region !== 'cn-shanghai' || e.mode !== 'timeline' || e.clips !== seq % 7) fail(`${label}: entry ${w.prefix}-${seq} is not what was written: ${JSON.stringify(e)}`);
      if (w.updated.has(seq) && (e.status !== 'producing' || e.mediaId !== `m${String(seq).padStart(31, '0')}`)) fail(`${label}: acknowledged update of ${w.prefix}-${seq} is missing (status ${e.status})`);
      const requestFile = path.join(folder, 'requests', `${id}.json`);
      try {
        const req = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
        if (req.request?.Title !== `${w.prefix}-${seq}` || typeof JSON.parse(req.request.Timeline) !== 'object') fail(`${label}: request of ${w.prefix}-${seq} is not what was sent`);
      } catch (err) {
        fail(`${label}: request file of ${w.prefix}-${seq}: ${err.message}`);
      }
    }
    const inFlight = [...w.begun].filter((s) => !w.acked.has(s));
    for (const seq of inFlight) if (!byTitle.has(`${w.prefix}-${seq}`)) inFlightMissing++;
    const allowed = allowInFlight ? 1 : 0;
    if (inFlight.length > allowed) fail(`${label}: ${inFlight.length} writes of ${w.prefix} were in flight at once`);
  }
  // Nothing that was never begun may appear.
  const known = new Set(writers.flatMap((w) => [...w.begun].map((s) => `${w.prefix}-${s}`)));
  for (const title of byTitle.keys()) {
    if (!known.has(title)) fail(`${label}: unexpected entry ${title}`);
  }
  return { byTitle, loaded: true, inFlightMissing, entries: parsed.entries.length };
}

// ---- 1. kill -9 at random points -------------------------------------------------------------------------
const kills = Math.floor(o.kills);
const stats = { kills: 0, loads: 0, inFlightMissing: 0, inFlightPresent: 0, midWrite: 0, beforeReady: 0, staleLocks: 0, leftoverTemps: 0, entriesWritten: 0 };
let generation = 0;
let file;
let nextSeq = 0;
let history = [];
const started = Date.now();
for (let k = 0; k < kills; k++) {
  if (k % 100 === 0) {
    generation++;
    file = path.join(tmp, `gen${generation}`, 'history.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    nextSeq = 0;
    history = [];
  }
  const lockBefore = fs.existsSync(`${file}.lock`);
  const lockText = lockBefore ? fs.readFileSync(`${file}.lock`, 'utf8') : undefined;
  const t0 = Date.now();
  const w = startWriter(file, `k${generation}`, nextSeq);
  history.push(w);
  const mode = rnd.next();
  if (mode < 0.1) {
    // While it starts and reads (or recovers) the file.
    await sleep(rnd.int(0, 80));
  } else {
    const ready = await w.until(() => w.ready, 30_000);
    if (!ready) fail(`kill ${k}: the writer did not start${lockBefore ? ' (a dead writer\'s lock was there)' : ''}: ${w.errors.slice(0, 500)} ${JSON.stringify(w.exit)}`);
    if (mode < 0.55) {
      await sleep(rnd.int(0, 150));
    } else {
      // Right after the k-th acknowledged write, plus a little: inside the next one.
      const target = rnd.int(0, 12);
      await w.until(() => w.acked.size > target, 30_000);
      await sleep(rnd.int(0, 4));
    }
    if (lockBefore && w.acked.size > 0) stats.staleLocks++;
    if (process.env.CRASH_DEBUG && Date.now() - t0 > 3000) console.log(`  slow: kill ${k} waited ${Date.now() - t0} ms; lock before: ${JSON.stringify(lockText)}`);
  }
  if (!w.ready) stats.beforeReady++;
  w.child.kill('SIGKILL');
  await w.exited;
  stats.kills++;
  if (w.exit.signal !== 'SIGKILL') fail(`kill ${k}: the writer ended before the kill (${JSON.stringify(w.exit)}): ${w.errors.slice(0, 500)}`);
  for (const p of w.problems) fail(`kill ${k}: the writer reported ${p}`);
  if ([...w.begun].some((s) => !w.acked.has(s)) || [...w.beganUpdate].some((s) => !w.updated.has(s))) stats.midWrite++;
  stats.entriesWritten += w.acked.size;
  nextSeq = Math.max(nextSeq, ...[...w.begun].map((s) => s + 1));
  const r = await verify(file, history, { allowInFlight: true, label: `kill ${k}` });
  if (r.loaded) stats.loads++;
  // The in-flight entry of this kill: missing (allowed) or complete.
  const inFlight = [...w.begun].filter((s) => !w.acked.has(s));
  for (const s of inFlight) {
    if (r.byTitle.has(`${w.prefix}-${s}`)) stats.inFlightPresent++;
    else stats.inFlightMissing++;
  }
  // A later writer reuses the in-flight sequence numbers only if the entry is not there.
  for (const s of inFlight) if (!r.byTitle.has(`${w.prefix}-${s}`)) w.begun.delete(s);
  stats.leftoverTemps = fs.readdirSync(path.dirname(file)).filter((n) => n.includes('.tmp-')).length;
  if ((k + 1) % Math.max(1, Math.floor(kills / 10)) === 0) {
    console.log(`  ${k + 1} kills: ${stats.loads} loads ok, ${stats.entriesWritten} acknowledged entries, ${stats.midWrite} kills inside a write, ${failures.length} failures (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

// ---- 2. two writers at once ----------------------------------------------------------------------------
const perWriter = Math.floor(o['writers-entries']);
const twoWriters = { entries: 0, lost: 0, rounds: [] };
for (const round of ['both finish', 'one killed midway']) {
  const f = path.join(tmp, `writers-${round.replace(/ /g, '-')}`, 'history.json');
  fs.mkdirSync(path.dirname(f), { recursive: true });
  const a = startWriter(f, 'a', 0, perWriter);
  const b = startWriter(f, 'b', 0, perWriter);
  if (round === 'one killed midway') {
    await a.until(() => a.acked.size >= perWriter / 2, 60_000);
    await sleep(rnd.int(0, 3));
    a.child.kill('SIGKILL');
  }
  await Promise.all([a.exited, b.exited]);
  for (const w of round === 'both finish' ? [a, b] : [b]) {
    if (w.exit.code !== 0 || !w.done) fail(`two writers (${round}): writer ${w.prefix} ended with ${JSON.stringify(w.exit)}: ${w.errors.slice(0, 500)}`);
  }
  for (const w of [a, b]) for (const p of w.problems) fail(`two writers (${round}): writer ${w.prefix} reported ${p}`);
  const before = failures.length;
  const r = await verify(f, [a, b], { allowInFlight: round !== 'both finish', label: `two writers (${round})` });
  const acked = a.acked.size + b.acked.size;
  const present = [...a.acked.keys()].filter((s) => r.byTitle.has(`a-${s}`)).length + [...b.acked.keys()].filter((s) => r.byTitle.has(`b-${s}`)).length;
  twoWriters.entries += acked;
  twoWriters.lost += acked - present;
  twoWriters.rounds.push(`${round}: ${present}/${acked} acknowledged entries${failures.length > before ? ' (FAILED)' : ''}`);
}
console.log(`two writers: ${twoWriters.rounds.join('; ')}`);

const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (o.keep) console.log(`files kept in ${tmp}`);
else cleanup();
console.log(`kills: ${stats.kills} (${stats.beforeReady} while opening the file, ${stats.midWrite} inside a write), ${stats.entriesWritten} acknowledged entries, in-flight entry after a kill: ${stats.inFlightMissing} missing, ${stats.inFlightPresent} complete; ${stats.staleLocks} dead writers' locks taken over; ${failures.length} failures; ${seconds} s`);
const lost = failures.filter((f) => /acknowledged (entry|update)/.test(f)).length;
const broken = failures.filter((f) => /does not parse|malformed|reported corrupt|reported invalid|not what was/.test(f)).length;
console.log(`crash-safety: ${stats.kills} kills, ${stats.loads} loads ok, ${lost} acknowledged writes lost, ${broken} half-written, ${stats.inFlightMissing} in-flight entries missing (at most 1 per kill); 2 writers: ${twoWriters.entries} entries, ${twoWriters.lost} lost`);
process.exitCode = failures.length ? 1 : 0;
