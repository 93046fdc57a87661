#!/usr/bin/env node
// `npm run bench:upload`: a 200 MB file through the built `vod-timeline upload` (multipart, ali-oss)
// into the emulator on loopback, killed (SIGKILL) partway, then run again: the second run must resume
// the same MediaId without sending again the parts the first one had finished. Prints throughput on
// loopback and the parts re-sent. A benchmark that prints figures, not a test (it fails only when the
// resume re-sends a finished part or the stored file differs).
//
//   npm run bench:upload [-- --mb N] [--kill-after-parts K] [--keep]

import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bundle, parseOptions, ROOT, tempDir } from './robustness/bundle.mjs';

const USAGE = 'usage: npm run bench:upload [-- --mb N] [--kill-after-parts K]';
const o = parseOptions(process.argv.slice(2), {
  mb: { type: 'number', default: 200 },
  'kill-after-parts': { type: 'number', default: 20 },
}, USAGE);

const cliJs = path.join(ROOT, 'dist', 'cli.js');
const newest = (dir) => fs.readdirSync(dir, { withFileTypes: true }).reduce((t, e) => Math.max(t, e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs), 0);
const sources = Math.max(...['cli/src', 'client/src/vod', 'server/src'].map((d) => newest(path.join(ROOT, d))));
if (!fs.existsSync(cliJs) || !fs.existsSync(path.join(ROOT, 'dist', 'oss.js')) || fs.statSync(cliJs).mtimeMs < sources) {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
}

const { dir: tmp, cleanup } = tempDir('bench-upload');
const { emulator } = await bundle({ emulator: 'emulator/src/index.ts' }, tmp);
const { startEmulator } = createRequire(import.meta.url)(emulator);

// The file: random bytes (incompressible), written in 8 MiB chunks.
const file = path.join(tmp, 'bench-200mb.mp4');
const size = Math.round(o.mb * 1024 * 1024);
const hash = createHash('sha256');
const fd = fs.openSync(file, 'w');
for (let left = size; left > 0;) {
  const chunk = randomBytes(Math.min(left, 8 * 1024 * 1024));
  hash.update(chunk);
  fs.writeSync(fd, chunk);
  left -= chunk.length;
}
fs.closeSync(fd);
const sha = hash.digest('hex');

const emu = await startEmulator({ uploadDir: path.join(tmp, 'oss') });
const stateDir = path.join(tmp, 'state');
const env = { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: emu.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emu.accessKeySecret, HOME: tmp };
const args = [path.join(ROOT, 'bin', 'vod-timeline.js'), 'upload', file, '--endpoint', emu.url, '--state-dir', stateDir, '--format', 'json'];
const okParts = (reqs) => reqs.filter((r) => r.op === 'UploadPart' && r.status === 200).map((r) => r.partNumber);

console.log(`bench:upload: ${o.mb} MB of random bytes, multipart through the built CLI (ali-oss) into the emulator on loopback; SIGKILL after ${o['kill-after-parts']} finished parts, then the same command again`);

// Run 1, killed.
const t1 = performance.now();
const first = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
let firstErr = '';
first.stderr.on('data', (d) => { firstErr += d; });
const killedAt = await new Promise((resolve, reject) => {
  const timer = setInterval(() => {
    if (okParts(emu.ossRequests).length >= o['kill-after-parts']) {
      clearInterval(timer);
      first.kill('SIGKILL');
      resolve(performance.now());
    }
  }, 5);
  first.once('exit', (code) => { clearInterval(timer); if (code !== null) reject(new Error(`the first run ended by itself (exit ${code}) before the kill:\n${firstErr}`)); });
});
await new Promise((r) => first.once('exit', r));
const run1Requests = emu.ossRequests.slice();
const acceptedBeforeKill = okParts(run1Requests);
const bytesBeforeKill = run1Requests.filter((r) => r.op === 'UploadPart' && r.status === 200).reduce((a, r) => a + r.bytes, 0);
// What the killed process had written down as finished (its journal), the parts a resume may skip.
const entries = fs.readdirSync(stateDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(stateDir, f), 'utf8')));
const journalled = new Set((entries[0]?.checkpoint?.doneParts ?? []).map((p) => p.number));

// Run 2, resumed.
const t2 = performance.now();
const second = await new Promise((resolve) => {
  const p = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { err += d; });
  p.once('exit', (code) => resolve({ code, out, err }));
});
const t3 = performance.now();
const run2Requests = emu.ossRequests.slice(run1Requests.length);
const sentAgain = okParts(run2Requests);
const resentFinished = sentAgain.filter((n) => journalled.has(n));
const resentInFlight = sentAgain.filter((n) => acceptedBeforeKill.includes(n) && !journalled.has(n));
const bytesRun2 = run2Requests.filter((r) => r.op === 'UploadPart' && r.status === 200).reduce((a, r) => a + r.bytes, 0);

let mediaId;
let stored;
try {
  mediaId = JSON.parse(second.out)[0].MediaId;
  stored = createHash('sha256').update(fs.readFileSync(emu.media.get(mediaId).upload.file)).digest('hex');
} catch {
  // Reported below.
}
const mbps = (bytes, ms) => `${((bytes / 1024 / 1024) / (ms / 1000)).toFixed(1)} MiB/s`;
const parts = run1Requests.filter((r) => r.op === 'InitiateMultipartUpload').length ? Math.ceil(size / (4 * 1024 * 1024)) : 0;
console.log(`  parts: ${parts} of 4 MiB; run 1 killed after ${acceptedBeforeKill.length} parts accepted by OSS (${journalled.size} written down as finished), ${((killedAt - t1) / 1000).toFixed(2)} s`);
console.log(`  run 1 throughput (to the kill, hashing included): ${mbps(bytesBeforeKill, killedAt - t1)}`);
console.log(`  run 2: exit ${second.code}, ${sentAgain.length} parts sent in ${((t3 - t2) / 1000).toFixed(2)} s, throughput ${mbps(bytesRun2, t3 - t2)}; same MediaId: ${mediaId && entries[0]?.mediaId === mediaId ? 'yes' : 'NO'}`);
console.log(`  finished parts re-sent: ${resentFinished.length}${resentFinished.length ? ` (${resentFinished.join(', ')})` : ''}; parts in flight at the kill (accepted by OSS, not yet written down) sent again: ${resentInFlight.length}`);
console.log(`  stored file identical: ${stored === sha ? 'yes' : 'NO'}`);
await emu.close();
cleanup();
if (second.code !== 0 || resentFinished.length || stored !== sha) {
  console.error(second.err);
  process.exitCode = 1;
}
