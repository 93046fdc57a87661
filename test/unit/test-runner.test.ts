// scripts/test/runner.mjs, the stage runner behind `npm test`: a test cannot pass by not running.
// Real stages (mocha on fixture suites, node scripts that die) go through it; and `npm test` itself,
// limited with --only, must fail because the other stages did not run.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '..', '..');
type Stage = { name: string; kind: 'check' | 'mocha' | 'counted'; cmd: string[]; plan?: () => Promise<number | undefined> };
type RunStages = (stages: Stage[], o: { cwd: string; only?: Set<string>; declaredSkips: Record<string, string>; log?: (s: string) => void; quiet?: boolean }) => Promise<number>;

let runStages: RunStages;
suiteSetup(async () => {
  ({ runStages } = await import(pathToFileURL(path.join(root, 'scripts/test/runner.mjs')).href) as { runStages: RunStages });
});

const mocha = (fixture: string): string[] => [process.execPath, path.join(root, 'node_modules/mocha/bin/mocha.js'), '--no-config', '--ui', 'tdd',
  '--reporter', path.join(root, 'test/helpers/counting-reporter.cjs'), path.join(root, 'test/fixtures/runner', fixture)];
const script = (code: string): string[] => [process.execPath, '-e', code];

async function go(stages: Stage[], o: { only?: Set<string>; declaredSkips?: Record<string, string> } = {}) {
  const lines: string[] = [];
  const code = await runStages(stages, { cwd: root, only: o.only, declaredSkips: o.declaredSkips ?? {}, log: (s) => lines.push(s), quiet: true });
  const summary = lines.slice(lines.findIndex((l) => l.startsWith('=== summary') || l.includes('=== summary')));
  return { code, summary, last: lines[lines.length - 1] };
}

suite('test runner: a test cannot pass by not running', () => {
  test('passing stages: exit 0, every test counted', async () => {
    const r = await go([
      { name: 'ok', kind: 'check', cmd: script('') },
      { name: 'suite', kind: 'mocha', cmd: mocha('passes.cjs') },
    ]);
    assert.equal(r.code, 0, r.summary.join('\n'));
    assert.equal(r.last, '3 passed, 0 failed, 0 not run');
    assert.ok(r.summary.includes('  declared skips: none'));
  });

  test('a suite that skips one of its tests fails the run: the skipped test is not run', async () => {
    const r = await go([{ name: 'suite', kind: 'mocha', cmd: mocha('skips.cjs') }]);
    assert.equal(r.code, 1);
    assert.equal(r.last, '1 passed, 0 failed, 1 not run');
    assert.match(r.summary.join('\n'), /suite: 1 passed, 0 failed, 1 not run .*1 pending \(skipped\)/);
  });

  test('…unless its stage is in the declared-skip list, whose reason the summary prints', async () => {
    const r = await go([{ name: 'suite', kind: 'mocha', cmd: mocha('skips.cjs') }, { name: 'ok', kind: 'check', cmd: script('') }],
      { declaredSkips: { suite: 'needs a GPU, which CI machines lack' } });
    assert.equal(r.code, 0, r.summary.join('\n'));
    assert.match(r.summary.join('\n'), /declared skips: suite \(needs a GPU, which CI machines lack\)/);
    // The declared stage still ran; its skipped test is still counted as not run: declared, not hidden.
    assert.equal(r.last, '2 passed, 0 failed, 1 not run');
  });

  test('a declared stage\'s failures still fail the run', async () => {
    const r = await go([{ name: 'suite', kind: 'mocha', cmd: mocha('hook.cjs') }], { declaredSkips: { suite: 'a reason' } });
    assert.equal(r.code, 1);
  });

  test('a mocha run that dies halfway counts the rest of its plan as not run, not as "1 failed"', async () => {
    const r = await go([{ name: 'suite', kind: 'mocha', cmd: mocha('dies.cjs') }]);
    assert.equal(r.code, 1);
    assert.equal(r.last, '1 passed, 0 failed, 3 not run');
    assert.match(r.summary.join('\n'), /died before reporting its results/);
  });

  test('a failing setup hook: its tests are not run, the hook is the one failure', async () => {
    const r = await go([{ name: 'suite', kind: 'mocha', cmd: mocha('hook.cjs') }]);
    assert.equal(r.code, 1);
    assert.equal(r.last, '0 passed, 1 failed, 3 not run');
  });

  test('a counted stage that prints its plan and dies: its plan is not run', async () => {
    const r = await go([{ name: 'host', kind: 'counted', cmd: script('console.log("host: plan: 12 tests"); process.exit(1)') }]);
    assert.equal(r.code, 1);
    assert.equal(r.last, '0 passed, 0 failed, 12 not run');
  });

  test('a stage that dies before saying how many tests it has: unknown, and a failure', async () => {
    const r = await go([{ name: 'host', kind: 'counted', cmd: script('process.exit(1)') }]);
    assert.equal(r.code, 1);
    assert.equal(r.last, '0 passed, 0 failed, 0+? not run');
    assert.match(r.summary.join('\n'), /host: 0 passed, 0 failed, \? not run .*died before saying how many tests it has/);
  });

  test('a counted stage that exits non-zero with everything passed is a failure', async () => {
    const r = await go([{ name: 'x', kind: 'counted', cmd: script('console.log("x: plan: 2 tests"); console.log("2 passed, 0 failed, 0 not run"); process.exit(1)') }]);
    assert.equal(r.code, 1);
    assert.equal(r.last, '2 passed, 1 failed, 0 not run');
  });

  test('stages left out by --only are not run, with their plans', async () => {
    const r = await go([
      { name: 'ok', kind: 'check', cmd: script('') },
      { name: 'suite', kind: 'mocha', cmd: mocha('passes.cjs'), plan: async () => 2 },
    ], { only: new Set(['ok']) });
    assert.equal(r.code, 1);
    assert.equal(r.last, '1 passed, 0 failed, 2 not run');
    assert.match(r.summary.join('\n'), /suite: 0 passed, 0 failed, 2 not run — not selected \(--only\)/);
  });

  test('npm test --only=build fails: the stages it leaves out did not run', function () {
    this.timeout(120000);
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/test.mjs'), '--only=build'], { cwd: root, encoding: 'utf8' });
    const out = r.stdout.trim().split('\n');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(out[out.length - 1], /^1 passed, 0 failed, \d+ not run$/);
    const notRun = Number(/(\d+) not run$/.exec(out[out.length - 1])![1]);
    // The unit suites alone are hundreds of tests; the host stages add theirs.
    assert.ok(notRun > 500, `not run: ${notRun}`);
    assert.match(r.stdout, /host: 0 passed, 0 failed, \d+ not run — not selected \(--only\)/);
  });
});
