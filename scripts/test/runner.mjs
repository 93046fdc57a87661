// The stage runner behind `npm test` (scripts/test.mjs holds the stage table). Its one rule: a test
// cannot pass by not running. Every stage says how many tests it means to run (its plan) and how many
// passed and failed; whatever was planned and did not report (a suite that skipped itself, a stage
// left out by --only, a runner that died halfway) is "not run", and `npm test` fails on it unless the
// stage is in the one declared-skip list, whose reasons the summary prints.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * @typedef {{ passed: number, failed: number, notRun: number | undefined, notes: string[] }} StageResult
 * `notRun: undefined` means the stage died before saying how many tests it had: unknown, not zero.
 *
 * @typedef {{
 *   name: string,
 *   kind: 'check' | 'mocha' | 'counted',
 *   cmd: string[],
 *   env?: Record<string, string>,
 *   plan?: () => Promise<number | undefined>,
 * }} Stage
 * check: one test, passed when the command exits 0. mocha: the counting reporter's lines
 * (test/helpers/counting-reporter.cjs). counted: the command's last "P passed, F failed, N not run"
 * line and its "plan: N tests" line. `plan` says how many tests a stage has without running it (for
 * stages that are not run at all).
 */

function run(cmd, { cwd, env, quiet }) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; if (!quiet) process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; if (!quiet) process.stderr.write(d); });
    child.on('error', (e) => { out += `\n${e.message}\n`; });
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, out }));
  });
}

const lastMatch = (out, re) => {
  const all = [...out.matchAll(re)];
  return all.length ? all[all.length - 1] : undefined;
};

/**
 * Reads a finished stage's output into its counts. `tally` (mocha stages: one letter per finished test,
 * see counting-reporter.cjs) counts what ran when the process died before its closing line.
 */
export function countStage(kind, code, out, signal, tally = '') {
  const notes = [];
  if (signal) notes.push(`killed by ${signal}`);
  if (kind === 'check') {
    return code === 0 ? { passed: 1, failed: 0, notRun: 0, notes } : { passed: 0, failed: 1, notRun: 0, notes: [...notes, `exit ${code}`] };
  }
  let plan;
  let passed = 0;
  let failed = 0;
  let reported = false;
  let extraNotRun = 0;
  let hooks = 0;
  if (kind === 'mocha') {
    const p = lastMatch(out, /^mocha: plan (\d+) tests$/gm);
    if (p) plan = Number(p[1]);
    const r = lastMatch(out, /^mocha: (\d+) passed, (\d+) failed, (\d+) pending, (\d+) hooks failed$/gm);
    if (r) {
      reported = true;
      passed = Number(r[1]);
      failed = Number(r[2]);
      if (Number(r[3])) notes.push(`${r[3]} pending (skipped)`);
      hooks = Number(r[4]);
      if (hooks) notes.push(`${hooks} hook(s) failed`);
    } else {
      // Died before its closing line: the tally says what had finished.
      passed = tally.split('p').length - 1;
      failed = tally.split('f').length - 1;
    }
  } else {
    const p = lastMatch(out, /^(?:\S+: )?plan: (\d+) tests\b/gm);
    if (p) plan = Number(p[1]);
    const r = lastMatch(out, /^(\d+) passed, (\d+) failed(?:, (\d+) not run)?$/gm);
    if (r) {
      reported = true;
      passed = Number(r[1]);
      failed = Number(r[2]);
      extraNotRun = Number(r[3] ?? 0);
    }
  }
  let notRun;
  if (plan !== undefined) {
    notRun = Math.max(0, plan - passed - failed);
    if (kind === 'counted') notRun = Math.max(notRun, extraNotRun);
  } else if (reported) {
    notRun = extraNotRun;
  }
  // A failed hook is a failure of its own (not a test, so it does not use up the plan); the tests it
  // kept from running are counted as not run above.
  failed += hooks;
  if (!reported) notes.push(plan !== undefined ? 'died before reporting its results' : 'died before saying how many tests it has');
  // Exited non-zero with every planned test accounted for and none failed: something outside a test
  // failed (a suite that did not load, the runner itself). That is a failure, not a pass.
  if (reported && code !== 0 && failed === 0 && !notRun) {
    failed = 1;
    notes.push(`exit ${code} with no failed test`);
  }
  if (reported && code === 0 && failed > 0) notes.push('exit 0 despite failures');
  return { passed, failed, notRun, notes };
}

/**
 * Runs the stages in order and prints the summary. `only` (a Set of stage names) leaves the others
 * out, counted as not run. Returns the exit code: 1 when anything failed or an undeclared stage did
 * not run completely.
 * @param {Stage[]} stages
 * @param {{ cwd: string, only?: Set<string>, declaredSkips: Record<string, string>, log?: (s: string) => void, quiet?: boolean }} o
 */
export async function runStages(stages, { cwd, only, declaredSkips, log = console.log, quiet = false }) {
  const t0 = Date.now();
  const rows = [];
  for (const stage of stages) {
    const s0 = Date.now();
    /** @type {StageResult} */
    let r;
    if (only && !only.has(stage.name)) {
      r = { passed: 0, failed: 0, notRun: await stage.plan?.().catch(() => undefined), notes: ['not selected (--only)'] };
      rows.push({ stage, r, declared: false, secs: 0 });
      continue;
    }
    log(`\n=== ${stage.name}: ${stage.cmd.join(' ')}`);
    const tallyFile = path.join(os.tmpdir(), `vod-timeline-tally-${process.pid}-${stage.name}`);
    fs.rmSync(tallyFile, { force: true });
    const { code, signal, out } = await run(stage.cmd, { cwd, env: { ...stage.env, VOD_TIMELINE_TEST_TALLY: tallyFile }, quiet });
    let tally = '';
    try { tally = fs.readFileSync(tallyFile, 'utf8'); fs.rmSync(tallyFile, { force: true }); } catch { /* nothing ran */ }
    r = countStage(stage.kind, code, out, signal, tally);
    // A declared stage still runs: what it does run counts, and its failures fail the run; only what it
    // could not run is excused, for the reason given.
    rows.push({ stage, r, declared: declaredSkips[stage.name] !== undefined, secs: (Date.now() - s0) / 1000 });
  }

  let passed = 0;
  let failed = 0;
  let notRun = 0;
  let unknown = false;
  let blocking = false;
  log(`\n=== summary (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  for (const { stage, r, declared, secs } of rows) {
    passed += r.passed;
    failed += r.failed;
    if (r.notRun === undefined) unknown = true;
    else notRun += r.notRun;
    const incomplete = r.notRun === undefined || r.notRun > 0;
    if (r.failed > 0 || (incomplete && !declared)) blocking = true;
    const nr = r.notRun === undefined ? '? not run' : `${r.notRun} not run`;
    const notes = declared ? [...r.notes, `declared skip: ${declaredSkips[stage.name]}`] : r.notes;
    log(`  ${stage.name}: ${r.passed} passed, ${r.failed} failed, ${nr}${secs ? ` (${secs.toFixed(1)} s)` : ''}${notes.length ? ` — ${notes.join('; ')}` : ''}`);
  }
  const skips = Object.entries(declaredSkips).filter(([name]) => stages.some((s) => s.name === name));
  log(skips.length ? `  declared skips: ${skips.map(([n, why]) => `${n} (${why})`).join('; ')}` : '  declared skips: none');
  log(`${passed} passed, ${failed} failed, ${notRun}${unknown ? '+?' : ''} not run`);
  return blocking ? 1 : 0;
}
