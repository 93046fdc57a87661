// Runs the same host suites (out/host-tests, test/host/suite/*.test.ts) in desktop VS Code through
// @vscode/test-electron, for a developer machine with internet access: it downloads VS Code itself,
// which CI machines cannot, so CI uses run.mjs (code-server) instead. Not part of `npm test`.
//
//   node scripts/host/run-electron.mjs [--vscode=stable|1.91.0|insiders] [--grep=REGEX]
//
// @vscode/test-electron is deliberately not a dependency of the project: the first run installs the
// version pinned in versions.json (2.x: v2 runs on Node 20, v3 needs Node 22+) into the host cache
// folder, ${VOD_TIMELINE_HOST_CACHE:-~/.cache/vod-timeline-host}/test-electron-VERSION. A copy
// installed in the repo with `npm i --no-save --save-exact @vscode/test-electron@2.5.2` wins over it.
// Linux without a display: `xvfb-run -a node scripts/host/run-electron.mjs`.
// --vscode=1.91.0 runs against the oldest VS Code that engines.vscode allows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildHostTests } from './build-tests.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const versions = JSON.parse(fs.readFileSync(path.join(root, 'scripts/host/versions.json'), 'utf8'));
const cache = process.env.VOD_TIMELINE_HOST_CACHE || path.join(os.homedir(), '.cache', 'vod-timeline-host');
const arg = (name) => process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=');
const vscodeVersion = arg('vscode') ?? 'stable';
const grep = arg('grep');

function loadTestElectron() {
  const fromRepo = createRequire(path.join(root, 'package.json'));
  try {
    return fromRepo('@vscode/test-electron');
  } catch {
    // not installed in the repo: use (or make) the pinned copy in the cache
  }
  const dir = path.join(cache, `test-electron-${versions.testElectron}`);
  const pkg = path.join(dir, 'node_modules', '@vscode', 'test-electron', 'package.json');
  if (!fs.existsSync(pkg)) {
    console.log(`host: installing @vscode/test-electron@${versions.testElectron} into ${dir}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "vod-timeline-host-tools", "private": true }\n');
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `@vscode/test-electron@${versions.testElectron}`],
      { cwd: dir, stdio: 'inherit' });
    if (npm.status !== 0) throw new Error('npm install @vscode/test-electron failed');
  }
  return createRequire(pkg)('@vscode/test-electron');
}

async function main() {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) return 1;
  const { index } = await buildHostTests();
  const { runTests } = loadTestElectron();

  const artifacts = path.join(root, 'artifacts', 'host-electron');
  fs.mkdirSync(artifacts, { recursive: true });
  const reportPath = path.join(artifacts, 'mocha-report.json');
  fs.rmSync(reportPath, { force: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vth-electron-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(root, 'test/host/workspace'), workspace, { recursive: true });
  try {
    const code = await runTests({
      version: vscodeVersion,
      extensionDevelopmentPath: root,
      extensionTestsPath: index,
      // runTests adds --disable-workspace-trust, --skip-welcome and friends itself; other installed
      // extensions would make results depend on the developer's machine.
      launchArgs: [workspace, '--disable-extensions', '--user-data-dir', path.join(tmp, 'user-data')],
      extensionTestsEnv: {
        VOD_TIMELINE_HOST_REPORT: reportPath,
        VOD_TIMELINE_HOST_GREP: grep ?? '',
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      },
    }).catch((err) => {
      console.error(`host: VS Code exited with an error: ${err?.message ?? err}`);
      return 1;
    });
    return code;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const code = await main().catch((err) => {
  console.error(`host: ${err?.stack ?? err}`);
  return 1;
});
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(fs.readFileSync(path.join(root, 'artifacts', 'host-electron', 'mocha-report.json'), 'utf8'));
  passed = report.passed;
  failed = report.failed;
  console.log(`host: VS Code ${report.host.vscode} (${report.host.appName}), report artifacts/host-electron/mocha-report.json`);
} catch {
  // no report: VS Code never ran the tests (download failed, no display, ...)
}
// A non-zero exit without a failed test (suite failed to load, VS Code crashed) still fails the run.
if (code !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
