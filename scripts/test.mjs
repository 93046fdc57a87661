// `npm test`: every stage CI runs, in order, and one summary. Each stage says how many tests it has and
// how many passed and failed; a test that did not run (skipped, not selected, after a crash) fails the
// run unless its stage is in DECLARED_SKIPS below with the reason, which the summary prints (see
// scripts/test/runner.mjs). `--only=unit,host` runs some stages: the others then count as not run.
// What the stages need (the VS Code host, the browser, fonts) is installed by them on first use.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStages } from './test/runner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The Alibaba Cloud credentials chain would probe the ECS metadata address (100.100.100.200) from any
// code path that resolves credentials; tests reach nothing but loopback.
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED ??= 'true';

/**
 * The one list of stages allowed not to run, each with its reason. Empty: everything runs everywhere
 * `npm test` is supported (Debian or Ubuntu, as root or with passwordless sudo).
 * @type {Record<string, string>}
 */
const DECLARED_SKIPS = {};

const node = process.execPath;
const npx = (...a) => ['npx', '--no-install', ...a];

/** A plan read from a command's "plan: N tests" line. */
const planFrom = (cmd, re) => async () => {
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, encoding: 'utf8' });
  const m = `${r.stdout}`.match(re);
  return m ? Number(m[1]) : undefined;
};
const one = async () => 1;

const stages = [
  // What the other stages need (the VS Code host, chromium, fonts, Neovim, ffmpeg), installed when missing.
  { name: 'setup', kind: 'check', cmd: [node, 'scripts/host/ensure.mjs'], plan: one },
  { name: 'build', kind: 'check', cmd: [node, 'scripts/build.mjs'], plan: one },
  { name: 'typecheck', kind: 'check', cmd: npx('tsc', '-p', 'tsconfig.json', '--noEmit'), plan: one },
  { name: 'lint', kind: 'check', cmd: npx('eslint', '.'), plan: one },
  {
    name: 'unit',
    kind: 'mocha',
    cmd: npx('mocha', '--reporter', 'test/helpers/counting-reporter.cjs'),
    plan: planFrom(npx('mocha', '--dry-run', '--reporter', 'test/helpers/counting-reporter.cjs'), /^mocha: plan (\d+) tests$/m),
  },
  // The same server in a second real editor: Neovim from the OS packages, set up with the README's snippet.
  { name: 'nvim', kind: 'counted', cmd: [node, 'test/nvim/run.mjs'], plan: planFrom([node, 'test/nvim/run.mjs', '--plan'], /plan: (\d+) tests/) },
  // The README's main job exactly as a user runs it (`npm start`); on a fresh machine this is where the
  // host gets installed.
  { name: 'start', kind: 'counted', cmd: [node, 'scripts/test/start-smoke.mjs'], plan: async () => 5 },
  { name: 'host', kind: 'counted', cmd: [node, 'scripts/host/run.mjs'], plan: planFrom([node, 'scripts/host/run.mjs', '--plan'], /plan: (\d+) tests/) },
  // The same editor suites with VS Code's display language set to Simplified Chinese: messages,
  // hovers and the manifest must follow it.
  ...[['--only=integration', '--grep=editor features|language', '--locale=zh-cn']].map((a) => ({
    name: 'host-zh',
    kind: 'counted',
    cmd: [node, 'scripts/host/run.mjs', ...a],
    plan: planFrom([node, 'scripts/host/run.mjs', '--plan', ...a], /plan: (\d+) tests/),
  })),
];

// The package a user installs, installed into code-server, plays a sample (last: it builds dist/ minified).
stages.push({ name: 'vsix', kind: 'counted', cmd: [node, 'scripts/test/vsix-smoke.mjs'], plan: planFrom([node, 'scripts/test/vsix-smoke.mjs', '--plan'], /plan: (\d+) tests/) });

const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;
if (only) {
  const unknown = [...only].filter((n) => !stages.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`test: no stage ${unknown.join(', ')} (stages: ${stages.map((s) => s.name).join(', ')})`);
    process.exit(2);
  }
}
process.exitCode = await runStages(stages, { cwd: root, only, declaredSkips: DECLARED_SKIPS });
