// `npm start`: the main job. Builds the extension, installs the VS Code host if needed, starts the
// local VOD emulator and code-server with the extension loaded and the examples as the workspace, and
// prints the URL to open. Produce goes to the emulator: its endpoint is set in this sandbox's user
// settings only, and its test keys reach the server as ALIBABA_CLOUD_* environment variables (never a
// settings file). Ctrl-C stops everything (whole process groups, no orphans).
//
// Options: --port N (code-server, default 8080), --emulator-port N (default a free port),
//          --produce-seconds S (how long the emulator takes to produce, default 8), --locale zh-cn,
//          --sandbox DIR (the throwaway user data and workspace copy, default .cache/start)
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHost, tools } from './host/ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
};
const say = (s) => console.log(`start: ${s}`);

const children = [];
function stopAll(code) {
  for (const c of children) {
    try { process.kill(-c.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  setTimeout(() => {
    for (const c of children) {
      try { process.kill(-c.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    process.exit(code);
  }, 1500).unref();
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { say('stopping'); stopAll(0); });
process.on('exit', () => {
  for (const c of children) {
    try { process.kill(-c.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

function run(cmd, argv, label) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`start: ${label} failed (exit ${r.status})`);
    process.exit(1);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url, what, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode})`);
    if (await fetch(url).then((r) => r.ok || r.status < 500, () => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not come up in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

run(process.execPath, ['scripts/build.mjs'], 'build');
// The VS Code host (code-server, its Node, chromium's fonts): installed here on first use, once per
// machine, with a line per part; where it cannot be (no root, no sudo) setup.sh says what to run.
const notReady = ensureHost({ log: say });
if (notReady) {
  console.error(`start: ${notReady}`);
  process.exit(1);
}
const nodeBin = tools.node;
const codeServer = tools.codeServer;

const sandbox = path.resolve(opt('sandbox', path.join(root, '.cache', 'start')));
fs.rmSync(sandbox, { recursive: true, force: true });
const userData = path.join(sandbox, 'user-data');
const workspace = path.join(sandbox, 'examples');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.mkdirSync(path.join(sandbox, 'tmp'), { recursive: true });
// A copy, so that trying things in the sandbox never edits the checked-in examples.
fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
fs.cpSync(path.join(root, 'schemas'), path.join(sandbox, 'schemas'), { recursive: true });

const emulatorPort = Number(opt('emulator-port', 0)) || await freePort();
const port = Number(opt('port', 8080));
const accessKeyId = `emulator-${crypto.randomBytes(4).toString('hex')}`;
const accessKeySecret = crypto.randomBytes(18).toString('base64url');

const emulator = spawn(process.execPath, [path.join(root, 'bin/vod-timeline.js'), 'emulator', '--port', String(emulatorPort),
  '--access-key-id', accessKeyId, '--produce-seconds', String(opt('produce-seconds', 8)),
  // The examples' MediaIds with sample clips, so their media can be played (emulator/media/README.md).
  '--media', path.join(root, 'emulator', 'media', 'samples.json')], {
  cwd: root, detached: true, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, VOD_EMULATOR_ACCESS_KEY_SECRET: accessKeySecret },
});
children.push(emulator);
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;

fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'chat.disableAIFeatures': true,
  // A first look without clutter: no empty secondary side bar, no Git prompt about the repository the
  // sandbox folder sits in (.cache/start is inside this checkout), no notice about auto-forwarded ports.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
  'remote.autoForwardPorts': false,
  // The sandbox's own user settings: only here does Produce go to the emulator.
  'vodTimeline.endpoint': emulatorUrl,
  'vodTimeline.region': 'cn-shanghai',
}, null, 2));

const locale = opt('locale');
const cliArgs = [codeServer, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
  '--disable-getting-started-override', '--user-data-dir', userData, '--extensions-dir', path.join(sandbox, 'extensions'),
  '--vscode-option', 'enable-smoke-test-driver', '--disable-workspace-trust'];
if (locale) cliArgs.push('--locale', locale);
const xdg = path.join(sandbox, 'xdg');
const server = spawn(nodeBin, cliArgs, {
  cwd: sandbox, detached: true, stdio: ['ignore', fs.openSync(path.join(sandbox, 'code-server.log'), 'w'), fs.openSync(path.join(sandbox, 'code-server.log'), 'a')],
  env: {
    ...process.env,
    PATH: `${path.dirname(nodeBin)}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_DATA_HOME: path.join(xdg, 'data'), XDG_CACHE_HOME: path.join(xdg, 'cache'),
    TMPDIR: path.join(sandbox, 'tmp'),
    ALIBABA_CLOUD_ACCESS_KEY_ID: accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: accessKeySecret,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
  },
});
children.push(server);

try {
  await waitFor(`${emulatorUrl}/`, 'the emulator', 20000, emulator);
  await waitFor(`http://127.0.0.1:${port}/healthz`, 'code-server', 90000, server);
} catch (e) {
  console.error(`start: ${e.message}; see ${path.relative(root, path.join(sandbox, 'code-server.log'))}`);
  stopAll(1);
  await new Promise(() => {});
}
const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
const meta = html.match(/id="vscode-workbench-web-configuration" data-settings="([^"]*)"/);
const authority = meta ? JSON.parse(meta[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')).remoteAuthority : 'remote';
const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${root}`], ['skipWelcome', 'true']];
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

console.log(`
  VOD Timeline is running.

  Open:      ${url}
  Workspace: ${path.relative(root, workspace)} (a copy of examples/)
  Emulator:  ${emulatorUrl} (Produce goes here; test keys are in the server's environment only)

  Try: open a *.timeline.json, break something, see it underlined; run "VOD Timeline: Produce".
  Ctrl-C stops code-server and the emulator.
`);
server.on('exit', (code) => { say(`code-server exited (${code})`); stopAll(code ?? 1); });
emulator.on('exit', (code) => { say(`emulator exited (${code})`); stopAll(code ?? 1); });
