// UI scenario: the preview's player plays test/host/workspace/player.timeline.json with the emulator's
// sample clips (every frame shows its clip code and frame index as blocks, every clip sounds its own
// tone: emulator/media/README.md), driven with real mouse and keyboard input. Each check reads the
// picture back from a screenshot of the player's canvas and decodes the blocks
// (scripts/media/framecode.mjs): the frame shown is In + (t − TimelineIn) × Speed within one frame, the
// picture-in-picture clip's pattern sits inside its rectangle and the main clip's outside it, the frame
// is black where nothing plays, the subtitle's yellow appears in its box during its range and not
// after; while playing, the mix sounds the active clip's tone. Then the same timeline without media
// (playMedia off): slates, with the same timing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { WAIT_MS } from './workbench.mjs';
import { loadEmulator, root, setAccessKey, userSettingsFile, writeUserSettings } from './vod-helpers.mjs';

const { PNG } = createRequire(import.meta.url)('pngjs');
const KEY_ID = 'ui-player-key';
const KEY_SECRET = 'ui-player-secret-8d2e';
const FPS = 25;
/** The sample clips' codes (emulator/media/samples.json's Sample.ClipCode). */
const CODE = { A: 1, B: 2, C: 3, D: 4 };
/** An HLS-only copy of clip D that this scenario's emulator serves (hls.js plays it). */
const HLS_ONLY = 'd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4';

const webview = (ui) => ui.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

/** The player's state, as the webview writes it on its stage element (playerView.ts). */
async function state(ui) {
  const raw = await webview(ui).locator('#stage').getAttribute('data-state', { timeout: WAIT_MS });
  return raw ? JSON.parse(raw) : undefined;
}

/** The player's canvas as RGBA pixels, and where the output frame lies in it. */
async function grab(ui) {
  const canvas = webview(ui).locator('#frame');
  const png = PNG.sync.read(await canvas.screenshot({ timeout: WAIT_MS }));
  const s = await state(ui);
  return { png, s };
}

/** The rectangle of output-pixel rect `r` in the screenshot (rounded inwards by a pixel). */
function toImage(s, r) {
  const k = s.frame.w / s.composition.width;
  return { x: s.frame.x + r.x * k + 1, y: s.frame.y + r.y * k + 1, width: r.w * k - 2, height: r.h * k - 2 };
}

/** Waits until the picture in `r` decodes to clip `code` at frame index ±1 of `frame` (a seek draws once the video sought). */
async function expectFrame(ui, decodeFrame, r, code, frame, what) {
  const deadline = Date.now() + 15000;
  let last;
  for (;;) {
    const { png, s } = await grab(ui);
    last = decodeFrame(png.data, png.width, png.height, toImage(s, r));
    if (last && last.clip === code && Math.abs(last.frame - frame) <= 1) return { s, decoded: last };
    if (Date.now() > deadline) assert.fail(`${what}: expected clip ${code} frame ${frame}±1, decoded ${JSON.stringify(last)} at t=${s?.time}`);
    await ui.page.waitForTimeout(150);
  }
}

/** Mean colour of a rectangle of the screenshot. */
function meanColor(png, rect) {
  let r = 0; let g = 0; let b = 0; let n = 0;
  for (let y = Math.floor(rect.y); y < rect.y + rect.height; y++) {
    for (let x = Math.floor(rect.x); x < rect.x + rect.width; x++) {
      const o = (y * png.width + x) * 4;
      r += png.data[o]; g += png.data[o + 1]; b += png.data[o + 2]; n++;
    }
  }
  return { r: r / n, g: g / n, b: b / n };
}

/** Pixels in `rect` that are clearly yellow (the subtitle's #FFFF00). */
function yellowPixels(png, rect) {
  let n = 0;
  for (let y = Math.floor(rect.y); y < rect.y + rect.height; y++) {
    for (let x = Math.floor(rect.x); x < rect.x + rect.width; x++) {
      const o = (y * png.width + x) * 4;
      if (png.data[o] > 180 && png.data[o + 1] > 180 && png.data[o + 2] < 90) n++;
    }
  }
  return n;
}

async function press(ui, key, times = 1) {
  for (let i = 0; i < times; i++) await ui.page.keyboard.press(key);
}

/** Waits until the player's time is `t` (± half a frame). */
async function waitTime(ui, t) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const s = await state(ui);
    if (s && Math.abs(s.time - t) < 0.5 / FPS) return s;
    if (Date.now() > deadline) assert.fail(`the player is at ${s?.time}, not ${t}`);
    await ui.page.waitForTimeout(100);
  }
}

// Output-pixel rectangles of player.timeline.json (640×360).
const FULL = { x: 0, y: 0, w: 640, h: 360 };
const PIP = { x: 480, y: 288, w: 160, h: 72 };
const SUBTITLE_BOX = { x: 200, y: 250, w: 240, h: 100 };

/** @type {{ name: string, trust?: boolean, run: (ui: import('./workbench.mjs').Workbench) => Promise<void> }[]} */
export const scenarios = [
  {
    name: 'player',
    async run(ui) {
      const { decodeFrame } = await import(pathToFileURL(path.join(root, 'scripts', 'media', 'framecode.mjs')).href);
      const { startEmulator } = await loadEmulator();
      // The samples, plus an HLS-only copy of clip D (so hls.js plays it; the samples' D has an MP4 too).
      const samples = path.join(root, 'emulator', 'media', 'samples.json');
      const hlsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vth-hls-')), 'hls.json');
      const d = JSON.parse(fs.readFileSync(samples, 'utf8')).find((m) => m.MediaId === '93e48fddab2797d6860df34130ca5ee0');
      const abs = (p) => path.join(path.dirname(samples), p);
      fs.writeFileSync(hlsFile, JSON.stringify([{ ...d, MediaId: HLS_ONLY, Title: 'Drone (HLS only)', File: abs(d.File), Streams: d.Streams.filter((s) => s.Format === 'm3u8').map((s) => ({ ...s, File: abs(s.File) })) }]));
      const emu = await startEmulator({ accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET, mediaFiles: [samples, hlsFile] });
      ui.forbidden.push(KEY_SECRET);
      const timeline = path.join(ui.folder, 'player.timeline.json');
      fs.writeFileSync(timeline, fs.readFileSync(timeline, 'utf8').replace('93e48fddab2797d6860df34130ca5ee0', HLS_ONLY));
      try {
        await ui.step('the endpoint and AccessKey point at the emulator with the sample clips', async () => {
          // In the Settings editor, as a user would: its inputs write through VS Code's configuration
          // service at once (a write to settings.json is noticed only when its watcher fires).
          await ui.runCommand('Preferences: Open Settings (UI)');
          await ui.page.locator('.settings-editor .settings-header').waitFor({ timeout: WAIT_MS });
          await ui.page.waitForTimeout(500);
          await ui.page.keyboard.type('vodTimeline.endpoint');
          const input = ui.page.locator('.settings-editor .settings-tree-container .setting-item', { hasText: /Endpoint/ }).first().locator('input').first();
          await input.waitFor({ timeout: WAIT_MS });
          await input.fill(emu.url);
          await input.press('Tab');
          // The editor writes after a short debounce.
          const deadline = Date.now() + WAIT_MS;
          while (!fs.readFileSync(userSettingsFile(ui), 'utf8').includes(emu.url)) {
            if (Date.now() > deadline) assert.fail('the endpoint did not reach the user settings');
            await ui.page.waitForTimeout(200);
          }
          await ui.closeAllEditors();
          await setAccessKey(ui, KEY_ID, KEY_SECRET);
        });

        await ui.step('the preview opens with the player at the output size (ProduceConfig 640×360)', async () => {
          await ui.openFromExplorer('player.timeline.json');
          await ui.runCommand('VOD Timeline: Open Preview to the Side');
          await webview(ui).locator('#stage[data-state]').waitFor({ timeout: WAIT_MS });
          const deadline = Date.now() + WAIT_MS;
          let s = await state(ui);
          while (!(s?.size?.width === 640 && s.decoders > 0) && Date.now() < deadline) {
            await ui.page.waitForTimeout(200);
            s = await state(ui);
          }
          assert.deepEqual(s.size, { width: 640, height: 360, source: 'config' });
          assert.match(await webview(ui).locator('#approx').innerText(), /Approximate preview|近似预览/);
        });

        await ui.step('clicking the first clip\'s bar seeks to its start: clip A at In 10 s (frame 250)', async () => {
          const box = await webview(ui).locator('#canvas').boundingBox();
          // Lane 0 (video 0), a few pixels into its first bar (the label column is 184 px, the ruler 28 px).
          await ui.page.mouse.click(box.x + 184 + 6, box.y + 28 + 14);
          await waitTime(ui, 0);
          await expectFrame(ui, decodeFrame, FULL, CODE.A, 250, 'clip A at t=0');
        });

        await ui.step('25 presses of "." step one second: clip A frame 275, the subtitle shown in its box', async () => {
          await webview(ui).locator('#scroller').focus();
          await press(ui, '.', 25);
          await waitTime(ui, 1);
          await expectFrame(ui, decodeFrame, FULL, CODE.A, 275, 'clip A at t=1');
          const { png, s } = await grab(ui);
          assert.ok(yellowPixels(png, toImage(s, SUBTITLE_BOX)) > 50, 'yellow subtitle pixels in the bottom-centre box');
          assert.ok(yellowPixels(png, toImage(s, { x: 0, y: 0, w: 640, h: 200 })) === 0, 'and none elsewhere');
        });

        await ui.step('"]" jumps to the next boundary (2 s): the picture-in-picture clip C inside its rectangle, A outside it', async () => {
          await press(ui, ']');
          await waitTime(ui, 2);
          await expectFrame(ui, decodeFrame, PIP, CODE.C, 1250, 'clip C (PiP) at t=2');
          // The main clip's pattern (the top 80% of the frame) is outside the PiP rectangle and reads as A.
          await expectFrame(ui, decodeFrame, FULL, CODE.A, 300, 'clip A under the PiP at t=2');
        });

        await ui.step('after its range (4 s) the subtitle is gone', async () => {
          await press(ui, ']');
          await waitTime(ui, 4);
          await expectFrame(ui, decodeFrame, FULL, CODE.A, 350, 'clip A at t=4');
          const { png, s } = await grab(ui);
          assert.equal(yellowPixels(png, toImage(s, SUBTITLE_BOX)), 0, 'no subtitle after TimelineOut');
        });

        await ui.step('clip B at Speed 2: 0.4 s into it shows In 20 + 0.4 × 2 = 20.8 s (frame 520)', async () => {
          await press(ui, ']'); // 6 s
          await waitTime(ui, 6);
          await press(ui, '.', 10);
          await waitTime(ui, 6.4);
          await expectFrame(ui, decodeFrame, FULL, CODE.B, 520, 'clip B at t=6.4');
        });

        await ui.step('black where nothing plays (the gap at 10–12 s)', async () => {
          await press(ui, ']'); // 8 s: the PiP ends
          await press(ui, ']'); // 10 s
          await waitTime(ui, 10);
          await ui.page.waitForTimeout(300);
          const { png, s } = await grab(ui);
          const c = meanColor(png, toImage(s, FULL));
          assert.ok(c.r < 8 && c.g < 8 && c.b < 8, `black frame, got ${JSON.stringify(c)}`);
        });

        await ui.step('the HLS-only clip plays through hls.js: clip D at In 4 s (frame 100)', async () => {
          await press(ui, ']'); // 12 s
          await waitTime(ui, 12);
          await expectFrame(ui, decodeFrame, FULL, CODE.D, 100, 'clip D (HLS) at t=12');
        });

        await ui.step('K plays from 0.5 s with the sound of clip A (300 Hz) and pauses again', async () => {
          const box = await webview(ui).locator('#canvas').boundingBox();
          await ui.page.mouse.click(box.x + 184 + 6, box.y + 28 + 14); // back to clip A's start
          await waitTime(ui, 0);
          await press(ui, '.', 12);
          await webview(ui).locator('#scroller').focus();
          await press(ui, 'k');
          let peak;
          const deadline = Date.now() + 8000;
          while (Date.now() < deadline) {
            await ui.page.waitForTimeout(250);
            const s = await state(ui);
            if (s.playing && s.peakHz) peak = s.peakHz;
            if (peak && s.time > 1.8) break;
          }
          await ui.screenshot('playing');
          await press(ui, 'k');
          const s = await state(ui);
          assert.equal(s.playing, false);
          assert.ok(s.time > 1.2 && s.time < 5.5, `played for a while (t=${s.time})`);
          assert.ok(peak && Math.abs(peak - 300) < 30, `the mix's loudest tone is clip A's 300 Hz (got ${peak}; audio ${s.audio})`);
          // Paused: the picture is the frame of the time the player shows.
          await expectFrame(ui, decodeFrame, FULL, CODE.A, Math.round((10 + s.time) * FPS), `clip A after pausing at ${s.time}`);
        });

        await ui.step('the legend lists what is not rendered; the help names the player\'s keys', async () => {
          const toggle = webview(ui).locator('#notesToggle');
          await toggle.click();
          const notes = await webview(ui).locator('#notes').innerText();
          // Clip B's Filter is named under its clip; nothing is listed for clip A, which renders fully.
          assert.match(notes, /Video 0 · Clip 1 · 217bb98cf063356182dbbeb992910a4f\n.*Filter m1/);
          assert.doesNotMatch(notes, /Clip 0 · 4b15846bcb3ea8c958fe1e7f3da85ae2/);
          const help = await webview(ui).locator('#help').innerText();
          assert.match(help, /K/);
          await toggle.click();
        });

        await ui.step('light and dark theme', async () => {
          await ui.runCommand('Preferences: Toggle between Light/Dark Themes');
          await ui.page.waitForTimeout(800);
          await ui.screenshot('player theme toggled');
          await ui.runCommand('Preferences: Toggle between Light/Dark Themes');
          await ui.page.waitForTimeout(800);
          await ui.screenshot('player theme back');
        });

        await ui.step('without media (playMedia off) every clip is a slate, with the same timing', async () => {
          // Turned off in the Settings editor, as a user would (its checkbox writes through VS Code's
          // configuration service at once).
          await ui.runCommand('Preferences: Open Settings (UI)');
          // The editor opens with its search box focused.
          await ui.page.locator('.settings-editor .settings-header').waitFor({ timeout: WAIT_MS });
          await ui.page.waitForTimeout(500);
          await ui.page.keyboard.type('vodTimeline.preview.playMedia');
          const item = ui.page.locator('.settings-editor .setting-item-bool', { hasText: /Play Media|playMedia/ }).first();
          const checkbox = item.locator('.setting-value-checkbox');
          await item.locator('.setting-value-checkbox[aria-checked="true"]').waitFor({ timeout: WAIT_MS });
          await checkbox.click();
          await item.locator('.setting-value-checkbox[aria-checked="false"]').waitFor({ timeout: WAIT_MS });
          await ui.screenshot('playMedia turned off');
          await ui.page.locator('.tab', { hasText: 'Preview player.timeline.json' }).first().click();
          const deadline = Date.now() + WAIT_MS;
          let s = await state(ui);
          // Both settle together: the page may be reloaded (its media origins changed), and a fresh page
          // has no decoders before the feed tells it why.
          const settled = (x) => x?.decoders === 0 && /playMedia|媒资播放已关闭/.test(x.status ?? '');
          while (!settled(s) && Date.now() < deadline) {
            await ui.page.waitForTimeout(200);
            s = await state(ui);
          }
          assert.equal(s.decoders, 0, `no media element (status: ${s.status}; active: ${s.active.join(' | ')})`);
          assert.match(s.status ?? '', /playMedia|媒资播放已关闭/);
          const box = await webview(ui).locator('#canvas').boundingBox();
          await ui.page.mouse.click(box.x + 184 + 6, box.y + 28 + 14);
          await waitTime(ui, 0);
          await webview(ui).locator('#scroller').focus();
          await press(ui, ']');
          await press(ui, ']');
          s = await waitTime(ui, 2);
          // The frame model's answer: A at 12 s and C at 50 s, drawn as slates (no pattern to decode).
          assert.ok(s.active.some((a) => a.startsWith('video 0/0 4b15846bcb3ea8c958fe1e7f3da85ae2 @12.000')), s.active.join(' | '));
          assert.ok(s.active.some((a) => a.startsWith('video 1/0 1b2b7985d700855931d94aec1a990c71 @50.000')), s.active.join(' | '));
          const { png } = await grab(ui);
          const main = meanColor(png, toImage(s, { x: 40, y: 60, w: 200, h: 100 }));
          const pip = meanColor(png, toImage(s, { x: 500, y: 300, w: 100, h: 40 }));
          assert.ok(main.r + main.g + main.b > 60, `the main slate is not black: ${JSON.stringify(main)}`);
          assert.ok(Math.abs(main.r - pip.r) + Math.abs(main.g - pip.g) + Math.abs(main.b - pip.b) > 20, 'the PiP slate has its own colour');
          assert.equal(decodeFrame(png.data, png.width, png.height, toImage(s, FULL)), null, 'no sample pattern: slates');
          await ui.screenshot('slates');
        });
      } finally {
        await emu.close();
        await ui.closeAllEditors().catch(() => {});
        // The endpoint stays on the emulator's (now closed) loopback port: the AccessKey stays saved, and
        // with the default endpoint the next scenarios' previews would ask the real VOD for media.
        await writeUserSettings(ui, { 'vodTimeline.preview.playMedia': undefined }).catch(() => {});
      }
    },
  },
];
