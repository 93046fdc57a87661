// The `vsix` stage of `npm test`: the package a user installs, installed into a real VS Code (code-server
// --install-extension, no development path), plays a sample. `npm run package` builds the .vsix; its
// contents must hold the player and hls.js; the installed extension opens a timeline of the emulator's
// sample clips, and its preview shows clip A's frame 250 at t=0 (read back from a screenshot) and the
// HLS-only clip through hls.js at 12 s.
// Prints "vsix: plan: N tests" first and "P passed, F failed, N not run" last (scripts/test.mjs).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHECKS = [
  'npm run package builds the .vsix',
  'the .vsix holds the player and hls.js, and no sources',
  'code-server installs the .vsix',
  'the installed extension plays a sample clip (clip A, frame 250 at t = 0)',
  'the installed extension plays HLS through hls.js (frame 100 at t = 12 s)',
];
console.log(`vsix: plan: ${CHECKS.length} tests`);
if (process.argv.includes('--plan')) process.exit(0);

let passed = 0;
let failed = 0;
let done = 0;
const say = (s) => console.log(`vsix: ${s}`);
async function check(name, fn) {
  const t = Date.now();
  done++;
  try {
    await fn();
    passed++;
    say(`ok   ${name} (${Date.now() - t} ms)`);
    return true;
  } catch (e) {
    failed++;
    say(`FAIL ${name}: ${e?.message ?? e}`);
    return false;
  }
}
const finish = () => {
  console.log(`${passed} passed, ${failed} failed, ${CHECKS.length - done} not run`);
  process.exit(failed || CHECKS.length - done ? 1 : 0);
};
const freePort = () => new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
const answers = (url) => fetch(url, { signal: AbortSignal.timeout(3000) }).then((r) => r.status < 500, () => false);

const { ensureHost, tools } = await import(pathToFileURL(path.join(root, 'scripts/host/ensure.mjs')).href);
if (ensureHost({ log: say })) finish();
const { decodeFrame } = await import(pathToFileURL(path.join(root, 'scripts/media/framecode.mjs')).href);
const { PNG } = createRequire(import.meta.url)('pngjs');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtv-'));
const groups = [];
const killAll = () => { for (const pid of groups) { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } } };
process.on('exit', killAll);

try {
  if (!(await check(CHECKS[0], async () => {
    fs.rmSync(vsix, { force: true });
    const r = spawnSync(process.execPath, ['scripts/package.mjs'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`exit ${r.status}: ${(r.stderr || r.stdout).split('\n').slice(-5).join(' | ')}`);
    if (!fs.existsSync(vsix)) throw new Error(`no ${path.basename(vsix)}`);
  }))) finish();

  await check(CHECKS[1], async () => {
    const entries = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const want of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/preview/preview.js', 'extension/dist/preview/hls.js', 'extension/package.json']) {
      if (!entries.includes(want)) throw new Error(`missing ${want}`);
    }
    const sources = entries.filter((e) => /\.ts$|\/src\/|\.map$|node_modules/.test(e));
    if (sources.length) throw new Error(`sources in the package: ${sources.slice(0, 5).join(', ')}`);
  });

  const userData = path.join(dir, 'user-data');
  const extensions = path.join(dir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  if (!(await check(CHECKS[2], async () => {
    const r = spawnSync(tools.node, [tools.codeServer, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], {
      encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(tools.node)}:${process.env.PATH}` }, timeout: 120_000,
    });
    const installed = fs.existsSync(extensions) ? fs.readdirSync(extensions).filter((d) => d.startsWith(`${pkg.publisher}.${pkg.name}-`)) : [];
    if (!installed.length) throw new Error(`not installed (exit ${r.status}): ${(r.stdout + r.stderr).split('\n').slice(-4).join(' | ')}`);
  }))) finish();

  // The emulator with the sample clips (its secret from the environment, never argv), plus an HLS-only
  // copy of clip D.
  const samples = path.join(root, 'emulator', 'media', 'samples.json');
  const d = JSON.parse(fs.readFileSync(samples, 'utf8')).find((m) => m.MediaId === '93e48fddab2797d6860df34130ca5ee0');
  const abs = (p) => path.join(path.dirname(samples), p);
  const HLS_ONLY = 'd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4';
  fs.writeFileSync(path.join(dir, 'hls.json'), JSON.stringify([{ ...d, MediaId: HLS_ONLY, File: abs(d.File), Streams: d.Streams.filter((s) => s.Format === 'm3u8').map((s) => ({ ...s, File: abs(s.File) })) }]));
  const emuPort = await freePort();
  const keyId = 'vsix-smoke';
  const secret = `vsix-${Math.random().toString(36).slice(2)}`;
  const emu = spawn(process.execPath, [path.join(root, 'bin', 'vod-timeline.js'), 'emulator', '--port', String(emuPort), '--access-key-id', keyId, '--media', samples, '--media', path.join(dir, 'hls.json')], {
    detached: true, stdio: 'ignore', env: { ...process.env, VOD_EMULATOR_ACCESS_KEY_SECRET: secret },
  });
  groups.push(emu.pid);
  const emuUrl = `http://127.0.0.1:${emuPort}`;
  for (let i = 0; i < 80 && !(await answers(`${emuUrl}/`)); i++) await new Promise((r) => setTimeout(r, 250));

  const workspace = path.join(dir, 'workspace');
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(workspace, 'player.timeline.json'), fs.readFileSync(path.join(root, 'test', 'host', 'workspace', 'player.timeline.json'), 'utf8').replace('93e48fddab2797d6860df34130ca5ee0', HLS_ONLY));
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false,
    'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'git.enabled': false, 'vodTimeline.endpoint': emuUrl,
  }, null, 2));
  const port = await freePort();
  const server = spawn(tools.node, [tools.codeServer, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensions], {
    cwd: dir, detached: true, stdio: 'ignore',
    env: {
      ...process.env, PATH: `${path.dirname(tools.node)}:${process.env.PATH}`, TMPDIR: dir,
      XDG_CONFIG_HOME: path.join(dir, 'xdg', 'config'), XDG_DATA_HOME: path.join(dir, 'xdg', 'data'), XDG_CACHE_HOME: path.join(dir, 'xdg', 'cache'),
      // The extension's credentials chain reads these, as under `npm start`.
      ALIBABA_CLOUD_ACCESS_KEY_ID: keyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    },
  });
  groups.push(server.pid);
  for (let i = 0; i < 360 && !(await answers(`http://127.0.0.1:${port}/healthz`)); i++) await new Promise((r) => setTimeout(r, 250));

  const { chromium } = createRequire(path.join(tools.playwright, 'package.json'))('playwright-core');
  const browser = await chromium.launch({
    executablePath: tools.chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'browser') },
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const webview = () => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const state = async () => JSON.parse((await webview().locator('#stage').getAttribute('data-state', { timeout: 5000 })) ?? 'null');
    /** Waits until the picture decodes to clip `code` at frame ±1. */
    const expectFrame = async (code, frame) => {
      const deadline = Date.now() + 60_000;
      let last;
      for (;;) {
        try {
          const s = await state();
          if (s?.frame) {
            const png = PNG.sync.read(await webview().locator('#frame').screenshot({ timeout: 5000 }));
            const k = s.frame.w / s.composition.width;
            last = decodeFrame(png.data, png.width, png.height, { x: s.frame.x + 1, y: s.frame.y + 1, width: s.composition.width * k - 2, height: s.composition.height * k - 2 });
            if (last && last.clip === code && Math.abs(last.frame - frame) <= 1) return;
          }
        } catch { /* the webview is still loading */ }
        if (Date.now() > deadline) throw new Error(`expected clip ${code} frame ${frame}, decoded ${JSON.stringify(last)}`);
        await page.waitForTimeout(200);
      }
    };
    await check(CHECKS[3], async () => {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'player.timeline.json' }).first().dblclick({ timeout: 120_000 });
      // The palette offers the preview for the focused timeline editor.
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ timeout: 60_000 });
      await page.waitForTimeout(1000);
      await page.keyboard.press('Control+Shift+P');
      await page.locator('.quick-input-widget input').first().fill('>VOD Timeline: Open Preview to the Side');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Preview to the Side' }).first().waitFor({ timeout: 60_000 })
        .catch(async (e) => { fs.mkdirSync(path.join(root, 'artifacts'), { recursive: true }); await page.screenshot({ path: path.join(root, 'artifacts', 'vsix-smoke-failed.png') }); throw e; });
      await page.keyboard.press('Enter');
      await expectFrame(1, 250).catch(async (e) => { await page.screenshot({ path: path.join(root, 'artifacts', 'vsix-smoke-failed.png') }); throw e; });
      fs.mkdirSync(path.join(root, 'artifacts'), { recursive: true });
      await page.screenshot({ path: path.join(root, 'artifacts', 'vsix-smoke.png') });
    });
    await check(CHECKS[4], async () => {
      await webview().locator('#scroller').focus();
      for (let i = 0; i < 7 && (await state()).time < 11.99; i++) await page.keyboard.press(']');
      const s = await state();
      if (Math.abs(s.time - 12) > 0.02) throw new Error(`the boundaries led to ${s.time}, not 12`);
      await expectFrame(4, 100);
    });
  } finally {
    await browser.close().catch(() => {});
  }
} finally {
  killAll();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(vsix, { force: true });
}
finish();
