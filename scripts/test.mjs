// `npm test`: every stage CI runs, in order, with one summary line at the end that CI can read.
// Stages: build, typecheck, lint (one check each), then the mocha suites and the VS Code host suites,
// which report their own test counts. `--only unit,host` limits the stages; VOD_TIMELINE_SKIP_HOST=1
// skips the host stage (for machines without the host installed).
import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;

const stages = [
  { name: 'build', kind: 'check', cmd: ['node', 'scripts/build.mjs'] },
  { name: 'typecheck', kind: 'check', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', kind: 'check', cmd: ['npx', 'eslint', '.'] },
  { name: 'unit', kind: 'mocha', cmd: ['npx', 'mocha', '--reporter', 'spec'] },
  { name: 'host', kind: 'counted', cmd: ['node', 'scripts/host/run.mjs'], when: () => fs.existsSync(path.join(root, 'scripts/host/run.mjs')) && !process.env.VOD_TIMELINE_SKIP_HOST },
  // The same editor suites with VS Code's display language set to Simplified Chinese: messages,
  // hovers and the manifest must follow it.
  { name: 'host-zh', kind: 'counted', cmd: ['node', 'scripts/host/run.mjs', '--only=integration', '--grep=editor features|language', '--locale=zh-cn'], when: () => fs.existsSync(path.join(root, 'scripts/host/run.mjs')) && !process.env.VOD_TIMELINE_SKIP_HOST },
];

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

// Mocha's spec reporter: "  12 passing (3s)", "  2 failing", "  1 pending".
function mochaCounts(out) {
  const passing = [...out.matchAll(/^\s*(\d+) passing/gm)].map((m) => Number(m[1]));
  const failing = [...out.matchAll(/^\s*(\d+) failing/gm)].map((m) => Number(m[1]));
  return { passed: passing.reduce((a, b) => a + b, 0), failed: failing.reduce((a, b) => a + b, 0) };
}

// Our own suites print "N passed, N failed" as their last summary line.
function countedLine(out) {
  const all = [...out.matchAll(/(\d+) passed, (\d+) failed/g)];
  if (!all.length) return null;
  const last = all[all.length - 1];
  return { passed: Number(last[1]), failed: Number(last[2]) };
}

let passed = 0;
let failed = 0;
const summary = [];
const t0 = Date.now();
for (const stage of stages) {
  if (only && !only.has(stage.name)) continue;
  if (stage.when && !stage.when()) { summary.push(`${stage.name}: skipped`); continue; }
  const s0 = Date.now();
  console.log(`\n=== ${stage.name}: ${stage.cmd.join(' ')}`);
  const { code, out } = await run(stage.cmd);
  let p = 0;
  let f = 0;
  if (stage.kind === 'check') {
    if (code === 0) p = 1; else f = 1;
  } else {
    const counts = stage.kind === 'mocha' ? mochaCounts(out) : countedLine(out);
    if (counts) { p = counts.passed; f = counts.failed; }
    // A runner that dies before reporting, or exits non-zero with no failure counted, is a failure too.
    if (code !== 0 && f === 0) f = 1;
  }
  passed += p;
  failed += f;
  summary.push(`${stage.name}: ${p} passed, ${f} failed (${((Date.now() - s0) / 1000).toFixed(1)} s)`);
}
console.log(`\n=== summary (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
for (const line of summary) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
