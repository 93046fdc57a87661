// `npm run test:host`: runs the host suites in a real VS Code (code-server 1.139 + Debian chromium),
// installed on first use by scripts/host/setup.sh (ensure.mjs). One code-server serves every suite (a launch, until its workbench
// and extension host are up, costs 15-25 s):
//   (a) integration: mocha inside the extension host (test/host/suite/*.test.ts, bundled by build-tests.mjs),
//       loaded through the workbench URL's `payload`; the workbench reports the end via codeAutomationExit;
//   (b) UI smoke: test/host/ui/*.mjs scenarios driving the workbench in the browser.
// Scenarios marked `trust: false` get a second server without --disable-workspace-trust, started only
// when such a scenario is selected. Before anything starts it prints its plan ("host: plan: N tests",
// see plan.mjs); the last line is "P passed, F failed, N not run" (scripts/test.mjs reads both): a
// skipped test, a step after a failed one, or a part that never started is not run, and fails the run.
//
// Options:
//   --only=integration|ui     run one part
//   --grep=REGEX              integration: mocha --grep on full test titles; ui: scenario names
//   --locale=zh-cn            display language of the host (vscode.env.language), see stubLanguagePack()
//   --keep                    keep the temp folders (server data, workspace copies) and print them
//   --plan                    print the plan and exit (no host needed)
//   --profile                 integration: a test may ask for a Chromium trace (every renderer, JS samples) around
//                             a step with test/host/profile.ts; it lands in artifacts/host/profile/ next to the
//                             extension host's CPU profile. Summarise with scripts/host/profile-summary.mjs.
//   --rpc-log                 with --profile: log the workbench ⇄ extension host messages to profile/rpc.log
// Environment: VOD_TIMELINE_HOST_CACHE (see setup.sh), VOD_TIMELINE_HOST_TIMEOUT (integration, seconds),
// VOD_TIMELINE_HOST_LOCALE (same as --locale).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { buildHostTests } from './build-tests.mjs';
import { ensureHost, tools, versions } from './ensure.mjs';
import { loadScenarios, planIntegration, planUi } from './plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const args = process.argv.slice(2);
const opt = (name) => {
  const hit = args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return undefined;
  if (hit.includes('=')) return hit.slice(hit.indexOf('=') + 1);
  const next = args[args.indexOf(hit) + 1];
  return next && !next.startsWith('--') ? next : true;
};
const only = opt('only');
const grep = typeof opt('grep') === 'string' ? opt('grep') : undefined;
const locale = (typeof opt('locale') === 'string' ? opt('locale') : undefined) ?? (process.env.VOD_TIMELINE_HOST_LOCALE || undefined);
const keep = Boolean(opt('keep'));
const profile = Boolean(opt('profile'));
// With --profile: every message between the workbench and the extension host, as VS Code's own RPC logger
// prints them in the browser console (direction, bytes, method), with the time the runner heard of it.
const rpcLog = profile && Boolean(opt('rpc-log'));
// A run in another display language keeps its own folder: `npm test` runs both, and the second must not
// wipe the screenshots and logs of the first.
const artifacts = path.join(root, 'artifacts', locale && !locale.toLowerCase().startsWith('en') ? `host-${locale.toLowerCase()}` : 'host');
const integrationTimeoutMs = Number(process.env.VOD_TIMELINE_HOST_TIMEOUT || 300) * 1000;

const t0 = Date.now();
const secs = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line) => console.log(`host: ${line}`);

// --- cleanup: everything we start is registered here and torn down on every exit path ---------------
const servers = [];
let runDir; // every temp file of this run lives below it, so one rm cleans up
let browser;
let cleaning;
function killGroupSync(server, signal) {
  try { process.kill(-server.pid, signal); return true; } catch { return false; }
}
function groupAlive(server) {
  try { process.kill(-server.pid, 0); return true; } catch { return false; }
}
async function cleanup() {
  cleaning ??= (async () => {
    if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    // code-server's file watcher, pty host and extension hosts outlive the main process unless the whole
    // group goes; give them a moment to flush logs before SIGKILL.
    for (const s of servers) killGroupSync(s, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (servers.some(groupAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const s of servers) if (groupAlive(s)) killGroupSync(s, 'SIGKILL');
    for (const s of servers) {
      // The extension host and renderer logs (exthost.log, remoteagent.log) explain most host failures.
      const logs = path.join(s.dir, 'user-data', 'logs');
      if (fs.existsSync(logs)) fs.cpSync(logs, path.join(artifacts, `logs-${s.name}`), { recursive: true });
    }
    if (runDir && keep) say(`kept temp folder ${runDir}`);
    else if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
  })();
  return cleaning;
}
process.on('exit', () => { for (const s of servers) killGroupSync(s, 'SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    say(`${sig}: stopping code-server and the browser`);
    void cleanup().finally(() => process.exit(130));
  });
}

function tempDir(label) {
  // Short names: code-server and the git extension put unix sockets below TMPDIR (108-byte limit).
  runDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'vth-'));
  const d = path.join(runDir, label);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

/** The checked-in workspace is copied per session: tests may edit, save or create files in it. */
function workspaceCopy(label) {
  const d = path.join(tempDir(`ws-${label}`), 'workspace');
  fs.cpSync(path.join(root, 'test/host/workspace'), d, { recursive: true });
  return d;
}

// Workbench chrome that only costs time or screen space in tests; nothing the extension reads.
const USER_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
};

/**
 * `--locale zh-cn` alone leaves code-server in English: the server only switches language when a
 * language pack for it is registered in USER_DATA/languagepacks.json, and the real packs come from
 * Open VSX, which this machine cannot reach. A stub pack with no translations is enough to make the
 * host run in that language: vscode.env.language becomes "zh-cn" and extensions get their
 * package.nls.zh-cn.json, while the workbench's own strings fall back to English.
 */
function stubLanguagePack(userData, dir, language) {
  const translations = path.join(dir, 'language-pack', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify({
    [language]: {
      hash: `vod-timeline-stub-${language}`,
      // The server's language list reads the first extension's identifier; without one it throws and
      // the workbench never loads the development extension.
      extensions: [{ extensionIdentifier: { id: `vod-timeline-test.language-pack-${language}` }, version: '0.0.0' }],
      translations: { vscode: translations },
      label: language,
    },
  }));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server in its own process group. `trust: false` leaves workspace trust on, so a folder
 * opened in it starts untrusted (fresh user data and browser context: nothing remembers a decision).
 */
async function startServer({ name, trust = true, env = {} }) {
  const started = Date.now();
  const dir = tempDir(`s-${name}`);
  fs.mkdirSync(path.join(dir, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'user-data', 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  fs.mkdirSync(path.join(dir, 'tmp'));
  if (locale && !locale.toLowerCase().startsWith('en')) stubLanguagePack(path.join(dir, 'user-data'), dir, locale.toLowerCase());
  const port = await freePort();
  const log = path.join(artifacts, `code-server-${name}.log`);
  const logFd = fs.openSync(log, 'w');
  const xdg = path.join(dir, 'xdg');
  installGuardExtension(path.join(dir, 'extensions'));
  // The loopback guard on code-server's own command line: VS Code drops NODE_OPTIONS for extension
  // hosts but forks them with the server's execArgv (minus --inspect), and code-server's wrapper forks
  // the server with its own; so every extension host has the guard before any extension is loaded.
  const cliArgs = ['--require', LOOPBACK_GUARD, tools.codeServer, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-getting-started-override',
    '--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', path.join(dir, 'extensions'),
    '--vscode-option', 'enable-smoke-test-driver', '--reconnection-grace-time', '5'];
  if (trust) cliArgs.push('--disable-workspace-trust');
  if (locale) cliArgs.push('--locale', locale);
  const child = spawn(tools.node, cliArgs, {
    cwd: dir,
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: {
      ...process.env,
      PATH: `${path.dirname(tools.node)}:${process.env.PATH}`,
      XDG_CONFIG_HOME: path.join(xdg, 'config'),
      XDG_DATA_HOME: path.join(xdg, 'data'),
      XDG_CACHE_HOME: path.join(xdg, 'cache'),
      // The agent host and extension hosts leave sockets in TMPDIR after a kill.
      TMPDIR: path.join(dir, 'tmp'),
      // The @alicloud/credentials default chain would probe the ECS metadata address from the host.
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      // Loopback only, for code-server and every Node process under it (the extension host, our
      // server): anything else is refused and written down (test/host/loopback-only.cjs).
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${LOOPBACK_GUARD}`.trim(),
      // VS Code drops NODE_OPTIONS for extension hosts (hence --require above); the guard extension and
      // the integration suite's index require it by this name when it is missing there.
      VOD_TIMELINE_LOOPBACK_GUARD: LOOPBACK_GUARD,
      VOD_TIMELINE_NETWORK_LOG: networkLog(name),
      // code-server's extension gallery (Open VSX) is asked at start: point it at a closed loopback port.
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item', resourceUrlTemplate: 'http://127.0.0.1:9/{publisher}/{name}/{version}/{path}' }),
      ...env,
    },
  });
  fs.closeSync(logFd);
  const server = { name, pid: child.pid, port, dir, userDataDir: path.join(dir, 'user-data'), log, base: `http://127.0.0.1:${port}`, exited: null };
  servers.push(server);
  child.on('exit', (code, signal) => { server.exited = signal ?? code; });

  const deadline = Date.now() + 90000;
  for (;;) {
    if (server.exited !== null) throw new Error(`code-server (${name}) exited with ${server.exited} before it was healthy; log: ${rel(log)}`);
    const ok = await fetch(`${server.base}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`code-server (${name}) not healthy after 90 s; log: ${rel(log)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The workbench addresses the server's files as vscode-remote://AUTHORITY/abs/path; the authority is
  // only published in the page's configuration meta tag ("remote" in 4.139).
  const html = await (await fetch(`${server.base}/`)).text();
  const meta = html.match(/id="vscode-workbench-web-configuration" data-settings="([^"]*)"/);
  if (!meta) throw new Error(`code-server (${name}): no workbench configuration in the page; log: ${rel(log)}`);
  server.authority = JSON.parse(meta[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')).remoteAuthority;
  say(`code-server ${versions.codeServer} (${name}${trust ? '' : ', workspace trust on'}) healthy on ${server.base} in ${secs(started)}`);
  return server;
}

/**
 * test/host/guard-extension/ as an installed extension of this server (a fresh extensions folder has
 * no extensions.json, so code-server scans its folders): in every extension host it answers the
 * "loopback guard" step, and installs the guard itself if the --require did not reach that host.
 */
function installGuardExtension(extensionsDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(GUARD_EXTENSION, 'package.json'), 'utf8'));
  fs.cpSync(GUARD_EXTENSION, path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), { recursive: true });
}

function workbenchUrl(server, { folder, tests }) {
  const uri = (p) => `vscode-remote://${server.authority}${p}`;
  const payload = [['extensionDevelopmentPath', uri(root)], ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  if (tests) payload.push(['extensionTestsPath', uri(tests)]);
  if (tests && rpcLog) payload.push(['logExtensionHostCommunication', 'true']);
  return `${server.base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Browser console → a log file. The extension host forwards its console as `console.log('%c INFO',
 * 'color: …', message…)`, so the text is in the arguments, not in the format string.
 */
function recordConsole(page, file) {
  const out = fs.createWriteStream(file);
  let queue = Promise.resolve();
  page.on('console', (m) => {
    // Logged by --rpc-log into its own file; its arguments (whole documents) are not worth the copy here.
    if (rpcLog && RPC_LINE.test(m.text())) return;
    queue = queue.then(async () => {
      let parts;
      try {
        parts = await Promise.all(m.args().map((a) => a.jsonValue()));
      } catch {
        parts = [m.text()];
      }
      let prefix = '';
      if (typeof parts[0] === 'string' && parts[0].includes('%c')) {
        const styles = parts[0].split('%c').length - 1;
        prefix = `${parts[0].replace(/%c/g, '').trim()} `;
        parts = parts.slice(1 + styles);
      }
      // Mocha's reporter lines arrive as printf-style format strings ("%s (%dms)") plus arguments.
      const text = prefix + (typeof parts[0] === 'string' ? format(...parts) : parts.map((p) => JSON.stringify(p)).join(' '));
      // Error objects serialize to little more than {"name":"Error"}; the page's own rendering says more.
      out.write(`[${m.type()}] ${text.trim() && !/^(ERR )?\{"name":"\w+"\}$/.test(text.trim()) ? text : m.text()}\n`);
    });
  });
  page.on('pageerror', (e) => { queue = queue.then(() => { out.write(`[pageerror] ${e?.stack ?? e}\n`); }); });
  return { close: () => queue.then(() => new Promise((r) => out.end(r))) };
}

const RPC_LINE = /\[(Ext → Win|Win → Ext)\]/;

function rel(p) {
  return path.relative(process.cwd(), p) || p;
}

// --- the two parts ------------------------------------------------------------------------------------
async function runIntegration(server, index, planned) {
  const started = Date.now();
  const reportPath = path.join(artifacts, 'mocha-report.json');
  const consoleLog = path.join(artifacts, 'integration-console.log');
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const out = recordConsole(page, consoleLog);
  if (profile) traceOnRequest(page, profileDir());
  let exitCode;
  const exited = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code) => { exitCode = code; resolve(code); });
  });
  await page.goto(workbenchUrl(server, { folder: workspaceCopy('integration'), tests: index }));
  const timedOut = new Promise((resolve) => setTimeout(() => resolve('timeout'), integrationTimeoutMs).unref());
  const outcome = await Promise.race([exited, timedOut]);
  await page.screenshot({ path: path.join(artifacts, 'integration-end.png') }).catch(() => {});
  await out.close();
  await context.close();

  let report;
  try { report = JSON.parse(fs.readFileSync(reportPath, 'utf8')); } catch { /* reported below */ }
  const result = { name: 'integration', passed: report?.passed ?? 0, failed: report?.failed ?? 0, notRun: 0, logs: [reportPath, consoleLog, server.log] };
  for (const t of report?.tests ?? []) {
    if (t.state === 'failed') console.log(`  FAIL ${t.title}\n       ${t.error.split('\n').slice(0, 6).join('\n       ')}`);
    else console.log(`  ${t.state === 'passed' ? 'ok  ' : 'skip'} ${t.title}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
  }
  if (outcome === 'timeout') {
    say(`integration: no codeAutomationExit after ${integrationTimeoutMs / 1000} s`);
    result.failed++;
  } else if (!report) {
    say(`integration: host exited with ${exitCode} but wrote no report (${rel(reportPath)})`);
    result.failed++;
  } else if (exitCode !== 0 && result.failed === 0) {
    // The tests index threw outside a test (a suite that did not load, mocha itself).
    say(`integration: host exited with ${exitCode} without a failed test`);
    result.failed++;
  }
  if (report && report.host.loopbackGuard !== 'preloaded') {
    // test/host/index.ts says how the guard got into the extension host the tests ran in.
    say(`integration: the loopback guard was not preloaded in the extension host (${report.host.loopbackGuard ?? 'not reported'})`);
    result.failed++;
  }
  if (report) say(`integration: VS Code ${report.host.vscode} (${report.host.appName}, ${report.host.uiKind}, node ${report.host.node}, language ${report.host.language})`);
  // Skipped (pending) tests, and whatever a host that stopped early never reached, did not run.
  const ran = result.passed + (report?.tests ?? []).filter((t) => t.state === 'failed').length;
  result.notRun = Math.max(0, planned - ran);
  if (report && report.tests.length > planned) {
    say(`integration: the host registered ${report.tests.length} tests, the plan ${planned}: a suite registers tests the dry run does not see`);
    result.failed++;
  }
  say(`integration: ${result.passed} passed, ${result.failed} failed, ${result.notRun} not run in ${secs(started)}`);
  return result;
}

function profileDir() {
  return path.join(artifacts, 'profile');
}

/**
 * `--profile`: the extension host cannot reach the browser, so test/host/profile.ts asks through its
 * console ("vod-timeline-profile start|stop NAME") and waits for the answer as a file in the profile folder.
 * Playwright's tracing covers every renderer process (the workbench and the webviews' frames).
 */
function traceOnRequest(page, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const done = { start: 'started', stop: 'stopped' };
  let queue = Promise.resolve();
  const rpc = rpcLog ? fs.createWriteStream(path.join(dir, 'rpc.log')) : undefined;
  page.on('console', (m) => {
    if (rpc && RPC_LINE.test(m.text())) {
      rpc.write(`${Date.now()} ${m.text().replace(/%c/g, '').replace(/color: [^ ]+/g, '').slice(0, 300)}\n`);
      return;
    }
    const hit = /vod-timeline-profile (start|stop) ([\w.-]+)/.exec(m.text());
    if (!hit) return;
    const [, what, name] = hit;
    queue = queue.then(async () => {
      try {
        if (what === 'start') {
          await browser.startTracing(page, {
            path: path.join(dir, `${name}-renderer.trace.json`),
            categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel', 'blink.user_timing',
              'loading', 'navigation', 'disabled-by-default-v8.cpu_profiler', 'v8', 'ipc', 'mojom'],
          });
        } else {
          await browser.stopTracing();
        }
        fs.writeFileSync(path.join(dir, `${name}.${done[what]}`), String(Date.now()));
      } catch (e) {
        fs.writeFileSync(path.join(dir, `${name}.${done[what]}`), `error: ${e?.message ?? e}`);
      }
    });
  });
}

async function runUi(server, scenarios, name) {
  const started = Date.now();
  const { Workbench, plain, WAIT_MS } = await import(pathToFileURL(path.join(root, 'test/host/ui/workbench.mjs')).href);
  const consoleLog = path.join(artifacts, `ui-${name}-console.log`);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const out = recordConsole(page, consoleLog);
  const folder = workspaceCopy(`ui-${name}`);
  const ui = new Workbench(page, { session: name, artifacts, folder, userDataDir: server.userDataDir, log: (l) => console.log(l) });
  const result = { name: `ui (${name})`, passed: 0, failed: 0, notRun: 0, logs: [consoleLog, server.log] };
  // Steps a scenario planned (plan.mjs) and never reached: after its first failed step, or all of them
  // when the workbench did not load.
  let notRun = 0;
  let outside = 0;
  let loaded = false;
  try {
    await ui.step(`workbench loads`, () => ui.open(workbenchUrl(server, { folder })));
    loaded = true;
  } catch {
    // Counted and screenshotted by ui.step.
  }
  if (loaded) {
    try {
      await ui.step('loopback guard in the extension host', () => checkGuard(ui, WAIT_MS));
    } catch {
      // Counted by ui.step; the scenarios still run (the guard extension has installed the guard late).
    }
  }
  for (const scenario of scenarios) {
    if (!loaded) { notRun += scenario.planned; continue; }
    ui.scenario = scenario.name;
    const before = ui.passed + ui.failed;
    const failedBefore = ui.failed;
    let threw = false;
    try {
      await scenario.run(ui);
    } catch (err) {
      threw = true;
      // A throw outside ui.step() would otherwise go uncounted.
      if (ui.failed === failedBefore) {
        outside++;
        console.log(`  FAIL ${scenario.name} (outside a step): ${plain(err).split('\n')[0]}`);
        await ui.screenshot('FAILED').catch(() => {});
      }
      await ui.escape(3).catch(() => {});
    }
    const ran = ui.passed + ui.failed - before;
    if (!threw && ran !== scenario.planned) {
      // The plan is read from the scenario's source; a passing run that disagrees means a step the
      // count cannot see (in a helper, in a loop): the counts would no longer be trustworthy.
      console.log(`  FAIL ${scenario.name}: ran ${ran} steps, its source names ${scenario.planned} (scripts/host/plan.mjs counts ui.step( calls in run())`);
      outside++;
    }
    notRun += Math.max(0, scenario.planned - ran);
  }
  result.passed = ui.passed;
  result.failed = ui.failed + outside;
  result.notRun = notRun;
  await out.close();
  await context.close();
  say(`ui (${name}): ${result.passed} passed, ${result.failed} failed, ${result.notRun} not run in ${secs(started)}`);
  return result;
}

/**
 * Asks the session's extension host, through the guard extension's command, whether the loopback
 * guard was preloaded there; fails when it was not (missing, or only installed when the guard
 * extension activated, after extensions that VS Code may activate first).
 */
async function checkGuard(ui, waitMs) {
  await ui.runCommand('Host Tests: Loopback Guard Status');
  await ui.runCommand('Notifications: Show Notifications');
  const item = ui.page.locator('.notifications-center .notification-list-item', { hasText: 'Loopback guard:' }).first();
  await item.waitFor({ timeout: waitMs });
  const text = (await item.innerText()).split('\n')[0];
  ui.log(`       ${text}`);
  await ui.screenshot('loopback guard status');
  // Scenarios that read the notification center start from an empty one.
  await ui.runCommand('Notifications: Clear All Notifications');
  await ui.escape();
  if (!/^Loopback guard: preloaded in extension host \d+$/.test(text)) throw new Error(`the extension host is not guarded from the start: ${text}`);
}

// --- main ---------------------------------------------------------------------------------------------
/** What this run means to run (see plan.mjs), printed before anything can fail. */
let plan;

async function main() {
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });

  const { index, outDir } = await buildHostTests({ quiet: Boolean(opt('plan')) });
  const wantIntegration = !only || only === 'integration';
  const scenarios = !only || only === 'ui' ? await loadScenarios(root, grep) : [];
  const trusted = scenarios.filter((s) => s.trust !== false);
  const untrusted = scenarios.filter((s) => s.trust === false);
  const integrationPlan = wantIntegration ? await planIntegration(path.join(outDir, 'suite'), grep) : 0;
  plan = { integration: integrationPlan, ui: planUi(scenarios) };
  plan.total = plan.integration + plan.ui;
  say(`plan: ${plan.total} tests (integration ${plan.integration}, ui ${plan.ui} steps in ${scenarios.length} scenarios)`);
  if (opt('plan')) return [];

  // Installs the host on first use (once per machine); says what to run by hand where it cannot.
  const notReady = ensureHost({ log: say });
  if (notReady) return [{ name: 'setup', passed: 0, failed: 0, notRun: plan.total, logs: [] }];

  // The extension under test is dist/extension.js; a stale bundle would test yesterday's code.
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) return [{ name: 'build', passed: 0, failed: 1, notRun: plan.total, logs: [] }];

  const { chromium } = createRequire(path.join(tools.playwright, 'package.json'))('playwright-core');
  const [server, untrustedServer] = await Promise.all([
    wantIntegration || trusted.length
      ? startServer({ name: 'trusted', env: { VOD_TIMELINE_HOST_REPORT: path.join(artifacts, 'mocha-report.json'), VOD_TIMELINE_HOST_GREP: grep ?? '', VOD_TIMELINE_HOST_PROFILE: profile ? profileDir() : '' } })
      : null,
    // Started alongside the first one: the two launches overlap instead of adding up.
    untrusted.length ? startServer({ name: 'untrusted', trust: false }) : null,
  ]);
  browser = await chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    args: BROWSER_ARGS,
    // Our own handlers stop the browser together with the servers.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Chromium writes "Crash Reports" below XDG_CONFIG_HOME even with a temp profile.
    env: { ...process.env, XDG_CONFIG_HOME: tempDir('browser-config'), XDG_CACHE_HOME: tempDir('browser-cache') },
  });

  const results = [];
  if (wantIntegration) results.push(await runIntegration(server, index, plan.integration));
  if (trusted.length) results.push(await runUi(server, trusted, 'trusted'));
  if (untrusted.length) results.push(await runUi(untrustedServer, untrusted, 'untrusted'));
  return results;
}

const LOOPBACK_GUARD = path.join(root, 'test', 'host', 'loopback-only.cjs');
const GUARD_EXTENSION = path.join(root, 'test', 'host', 'guard-extension');

/** Where a session's refused connections outside loopback are written. */
function networkLog(name) {
  return path.join(artifacts, `network-${name}.log`);
}

/** A failure for every session whose processes tried to reach beyond loopback. */
function networkFailures() {
  const out = [];
  for (const s of servers) {
    const file = networkLog(s.name);
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    if (!lines.length) continue;
    const hosts = [...new Set(lines.map((l) => { try { const r = JSON.parse(l); return `${r.host}${r.port ? `:${r.port}` : ''}`; } catch { return '?'; } }))];
    say(`FAIL the ${s.name} session tried to reach the network outside loopback ${lines.length} time(s): ${hosts.join(', ')} (refused; each with its stack in ${rel(file)})`);
    out.push({ name: `network (${s.name})`, passed: 0, failed: 1, notRun: 0, logs: [file] });
  }
  return out;
}

let results;
try {
  results = await main();
} catch (err) {
  console.error(`host: ${err?.stack ?? err}`);
  results = [{ name: 'host', passed: 0, failed: 1, notRun: undefined, logs: servers.map((s) => s.log) }];
}
await cleanup();
results.push(...networkFailures());
const leftovers = servers.filter(groupAlive);
if (leftovers.length) say(`WARNING: process group(s) still alive: ${leftovers.map((s) => s.pid).join(', ')}`);
if (opt('plan')) process.exit(plan ? 0 : 1);

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
// A part that threw before it counted: whatever of the plan did not report is not run.
const counted = results.reduce((n, r) => n + (r.notRun ?? 0), 0);
const notRun = results.some((r) => r.notRun === undefined) && plan ? Math.max(counted, plan.total - passed - failed) : counted;
if (failed) {
  say('failed; logs:');
  for (const p of new Set(results.filter((r) => r.failed).flatMap((r) => r.logs))) console.log(`  ${rel(p)}`);
  for (const s of servers) console.log(`  ${rel(path.join(artifacts, `logs-${s.name}`))}/ (extension host, server)`);
}
say(`screenshots and logs in ${rel(artifacts)}/; total ${secs(t0)}`);
// A --grep or --only that selects nothing would otherwise pass silently.
if (plan && plan.total === 0) say('nothing selected: check --only and --grep');
console.log(`${passed} passed, ${failed} failed, ${notRun} not run`);
process.exitCode = failed || notRun || passed === 0 ? 1 : 0;
