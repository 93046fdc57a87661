#!/usr/bin/env node
// The preview player's figures (a benchmark that prints figures, not a timed test), in the real host:
// `npm start` (code-server, the extension, the emulator with the sample clips), driven by chromium.
//
//   node scripts/bench/player.mjs [--minutes 10] [--play-seconds 60] [--rounds 5]
//
//   open → first frame   from "Open Preview to the Side" until the canvas shows a decodable sample frame
//                         (scripts/media/framecode.mjs on a screenshot), over --rounds preview openings
//   smoothness           --play-seconds of a three-track timeline (a full-frame track, a picture-in-picture
//                         track, a sound track): video frames presented, presented late and dropped
//                         (requestVideoFrameCallback, getVideoPlaybackQuality), and how far the player's
//                         clock ran from the wall clock
//   memory               the webview's JS heap (performance.memory) at the start and after --minutes of
//                         looping the timeline
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: o } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, 'play-seconds': { type: 'string', default: '60' }, rounds: { type: 'string', default: '5' } } });
const { tools } = await import(pathToFileURL(path.join(ROOT, 'scripts/host/ensure.mjs')).href);
const { decodeFrame } = await import(pathToFileURL(path.join(ROOT, 'scripts/media/framecode.mjs')).href);
const { PNG } = createRequire(import.meta.url)('pngjs');
const { chromium } = createRequire(path.join(tools.playwright, 'package.json'))('playwright-core');

const say = (s) => console.log(`player-bench: ${s}`);
const median = (xs) => { const a = [...xs].sort((x, y) => x - y); return a.length ? a[Math.floor(a.length / 2)] : NaN; };
const freePort = () => new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });

// A three-track timeline of the sample clips, 60 s and more: A then B full frame, C as a PiP, the music bed.
const THREE_TRACKS = {
  ProduceConfig: { Width: 640, Height: 360 },
  Timeline: {
    VideoTracks: [
      { VideoTrackClips: [{ MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: 0, Out: 40 }, { MediaId: '217bb98cf063356182dbbeb992910a4f', In: 0, Out: 40 }] },
      { VideoTrackClips: [{ MediaId: '1b2b7985d700855931d94aec1a990c71', In: 0, Out: 80, X: 0.75, Y: 0.8, Width: 0.25, Height: 0.2 }] },
    ],
    AudioTracks: [{ AudioTrackClips: [{ MediaId: 'f46da6c6d44a26b3b8f5bd545bf01b9d', In: 0, Out: 60, LoopMode: true, TimelineIn: 0, TimelineOut: 80 }] }],
  },
};

const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'vtpb-'));
const port = await freePort();
const child = spawn(process.execPath, ['scripts/start.mjs', '--port', String(port), '--sandbox', sandbox], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (d) => { out += d; });
const stop = () => { try { process.kill(-child.pid, 'SIGINT'); } catch { /* gone */ } };
process.on('exit', stop);
const deadline = Date.now() + 10 * 60_000;
while (!/Open:\s+(\S+)/.test(out)) {
  if (Date.now() > deadline || child.exitCode !== null) { console.error(out); throw new Error('npm start did not print its URL'); }
  await new Promise((r) => setTimeout(r, 250));
}
const url = out.match(/Open:\s+(\S+)/)[1];
fs.writeFileSync(path.join(sandbox, 'examples', 'bench-3tracks.timeline.json'), JSON.stringify(THREE_TRACKS, null, 2));

const browser = await chromium.launch({
  executablePath: tools.chromium, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--enable-precise-memory-info'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const webview = () => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
const state = async () => JSON.parse((await webview().locator('#stage').getAttribute('data-state', { timeout: 60_000 })) ?? 'null');
const palette = async (title) => {
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.quick-input-widget input').first().fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
};

try {
  await page.goto(url);
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'bench-3tracks.timeline.json' }).first().dblclick({ timeout: 120_000 });
  await page.waitForTimeout(3000);

  // 1. Open → first frame.
  const firsts = [];
  for (let round = 0; round < Number(o.rounds); round++) {
    const t0 = Date.now();
    await palette('VOD Timeline: Open Preview to the Side');
    let decoded = null;
    while (!decoded && Date.now() - t0 < 60_000) {
      try {
        const s = await state();
        if (s?.frame) {
          const png = PNG.sync.read(await webview().locator('#frame').screenshot());
          const k = s.frame.w / s.composition.width;
          decoded = decodeFrame(png.data, png.width, png.height, { x: s.frame.x + 1, y: s.frame.y + 1, width: 640 * k - 2, height: 360 * k - 2 });
        }
      } catch { /* the webview is still loading */ }
      if (!decoded) await page.waitForTimeout(50);
    }
    firsts.push(Date.now() - t0);
    say(`round ${round + 1}: first frame after ${Date.now() - t0} ms (clip ${decoded?.clip}, frame ${decoded?.frame})`);
    if (round < Number(o.rounds) - 1) {
      await page.locator('.tab.active .codicon-close, .tab.active .tab-actions .action-label').first().click().catch(() => {});
      await palette('View: Close All Editor Groups').catch(() => {});
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'bench-3tracks.timeline.json' }).first().dblclick();
      await page.waitForTimeout(1500);
    }
  }

  // 2. Smoothness over --play-seconds.
  await webview().locator('#scroller').focus();
  const before = await state();
  const wall0 = Date.now();
  await page.keyboard.press('k');
  await page.waitForTimeout(Number(o['play-seconds']) * 1000);
  const during = await state();
  const wall = (Date.now() - wall0) / 1000;
  await page.keyboard.press('k');
  const played = during.time - before.time;

  // 3. Memory over --minutes of looping the whole timeline.
  const heap0 = (await state()).heapMb;
  let loops = 0;
  const endAt = Date.now() + Number(o.minutes) * 60_000;
  await page.keyboard.press('k');
  while (Date.now() < endAt) {
    await page.waitForTimeout(5000);
    const s = await state();
    // At the end the player stops; K plays again from the start.
    if (!s.playing) { loops++; await webview().locator('#scroller').focus(); await page.keyboard.press('k'); }
  }
  const heap1 = (await state()).heapMb;
  await page.keyboard.press('k');

  console.log('');
  console.log(`player bench (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}; load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; ${new Date().toISOString().slice(0, 10)})`);
  console.log(`  open → first frame         median ${median(firsts)} ms (min ${Math.min(...firsts)}, max ${Math.max(...firsts)}; ${firsts.length} openings)`);
  console.log(`  ${o['play-seconds']} s of 3 tracks          output time ${played.toFixed(2)} s in ${wall.toFixed(2)} s of wall clock (${(((played - wall) / wall) * 100).toFixed(2)} %)`);
  console.log(`                             video frames presented ${during.presented - before.presented}, late ${during.late - before.late}, dropped ${during.dropped - before.dropped}; player frames drawn ${during.frames - before.frames}`);
  console.log(`  memory                     JS heap ${heap0 ?? '?'} MB → ${heap1 ?? '?'} MB after ${o.minutes} min of looping (${loops} loop restarts)`);
} finally {
  await browser.close().catch(() => {});
  stop();
  setTimeout(() => { fs.rmSync(sandbox, { recursive: true, force: true }); process.exit(process.exitCode ?? 0); }, 2000);
}
