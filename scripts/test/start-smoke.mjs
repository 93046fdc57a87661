// The `start` stage of `npm test`: the README's main job, run the way a user runs it. `npm start`
// (through npm, as the README says, so npm's own environment is part of what is tested) in a throwaway
// sandbox on a free port; the URL it prints must answer with the workbench, the workbench must load in
// the browser with the examples and the extension, the emulator must answer, and Ctrl-C must stop it
// all. On a machine without the host, this is also where `npm start` installs it.
// Prints "start: plan: N tests" first and "P passed, F failed, N not run" last (scripts/test.mjs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { checklist, freePort } from './checklist.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHECKS = [
  'npm start prints the URL',
  'the URL answers with the workbench page',
  'the workbench loads in the browser with the examples and the extension',
  'the emulator answers',
  'Ctrl-C stops code-server and the emulator',
];
// First use installs the host (apt, Node 24, code-server): minutes, not seconds. Bounded all the same.
const START_LIMIT_MS = Number(process.env.VOD_TIMELINE_START_LIMIT || 20 * 60) * 1000;
const say = (s) => console.log(`start-smoke: ${s}`);
console.log(`start: plan: ${CHECKS.length} tests`);

const { check, finish } = checklist(CHECKS, say);
const answers = (url) => fetch(url, { signal: AbortSignal.timeout(5000) }).then((r) => r.status < 500, () => false);

const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'vts-'));
const port = await freePort();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const child = spawn(npm, ['start', '--', '--port', String(port), '--sandbox', sandbox], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
let exited = null;
child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
const exitedP = new Promise((resolve) => child.on('exit', (code, signal) => { exited = signal ?? code; resolve(exited); }));
const stopGroup = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
process.on('exit', () => stopGroup('SIGKILL'));

let url;
let emulatorUrl;
try {
  const ok = await check(CHECKS[0], async () => {
    const deadline = Date.now() + START_LIMIT_MS;
    while (!/Open:\s+(\S+)/.test(output)) {
      if (exited !== null) throw new Error(`npm start exited (${exited}) before printing a URL`);
      if (Date.now() > deadline) throw new Error(`no URL after ${START_LIMIT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
    url = output.match(/Open:\s+(\S+)/)[1];
    emulatorUrl = output.match(/Emulator:\s+(\S+)/)?.[1];
  });
  if (ok) {
    await check(CHECKS[1], async () => {
      const res = await fetch(url, { signal: AbortSignal.timeout(15000) });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      const html = await res.text();
      if (!html.includes('vscode-workbench-web-configuration')) throw new Error('not a workbench page');
    });
    await check(CHECKS[2], async () => {
      const { tools } = await import('../host/ensure.mjs');
      const { chromium } = createRequire(path.join(tools.playwright, 'package.json'))('playwright-core');
      const browser = await chromium.launch({
        executablePath: tools.chromium,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
        env: { ...process.env, XDG_CONFIG_HOME: path.join(sandbox, 'browser-config'), XDG_CACHE_HOME: path.join(sandbox, 'browser-cache') },
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(url);
        // The examples are listed in the Explorer, and the extension's own container is in the activity bar.
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: '.timeline.json' }).first().waitFor({ timeout: 120000 });
        await page.locator('.part.activitybar .action-item a[aria-label^="VOD Timeline"], .part.activitybar .action-item[aria-label^="VOD Timeline"]').first().waitFor({ timeout: 60000 });
        // An example opened: the extension's status bar item (duration · tracks · clips · problems)
        // shows that it activated and that its language server answered.
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'subtitles.timeline.json' }).first().dblclick();
        await page.locator('.part.statusbar .statusbar-item', { has: page.locator('.codicon-device-camera-video') }).first().waitFor({ timeout: 60000 });
        fs.mkdirSync(path.join(root, 'artifacts'), { recursive: true });
        await page.screenshot({ path: path.join(root, 'artifacts', 'start-smoke.png') });
      } finally {
        await browser.close().catch(() => {});
      }
    });
    await check(CHECKS[3], async () => {
      if (!emulatorUrl) throw new Error('npm start printed no emulator URL');
      if (!(await answers(`${emulatorUrl}/`))) throw new Error(`${emulatorUrl} does not answer`);
    });
    await check(CHECKS[4], async () => {
      // Ctrl-C in a terminal reaches the whole foreground process group: npm and start.mjs.
      stopGroup('SIGINT');
      const stopped = await Promise.race([exitedP.then(() => true), new Promise((r) => setTimeout(() => r(false), 20000))]);
      if (!stopped) throw new Error('npm start still running 20 s after Ctrl-C');
      const deadline = Date.now() + 10000;
      for (;;) {
        const alive = [await answers(`http://127.0.0.1:${port}/healthz`), emulatorUrl ? await answers(`${emulatorUrl}/`) : false];
        if (!alive.some(Boolean)) break;
        if (Date.now() > deadline) throw new Error(`still answering after Ctrl-C: ${alive[0] ? 'code-server ' : ''}${alive[1] ? 'emulator' : ''}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    });
  }
} finally {
  stopGroup('SIGKILL');
  fs.rmSync(sandbox, { recursive: true, force: true });
}
finish();
