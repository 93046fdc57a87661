// UI scenario: the timeline preview as a user sees it. Opens a demo timeline (written into the session's
// workspace copy: video with a transition and Speed, picture-in-picture, an image, a clip with an error,
// music, a voice-over aligned by ReferenceClipId with an unknown-length clip after it, subtitles and a
// filter) with the editor title button, hovers and clicks a bar, walks with the keyboard, zooms, and
// screenshots it in the light, dark and both high-contrast themes (artifacts/host/ui-*-preview-*.png).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WAIT_MS } from './workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DEMO = 'preview-demo.timeline.json';
const LABEL_W = 184; // client/src/preview/webview/geometry.ts
const RULER_H = 28;
const LANE_H = 28;

const demo = {
  VideoTracks: [
    {
      MainTrack: true,
      VideoTrackClips: [
        { MediaId: '93e48fddab2797d6860df34130ca5ee0', In: 0, Out: 8, Effects: [{ Type: 'Transition', SubType: 'fade', Duration: 1 }] },
        { MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: 95, Out: 111, Speed: 2, ClipId: 'intro' },
        { MediaId: '62e64e4a0729f5c5f2320a0a90656342', In: 20, Out: 34 },
        { MediaId: 'cc2314d3318320f71dfe260fbb163a06', In: 0, Out: 12, Effects: [{ Type: 'Transition', SubType: 'wiperight', Duration: 0.5 }] },
      ],
    },
    {
      VideoTrackClips: [
        { MediaId: '217bb98cf063356182dbbeb992910a4f', In: 60, Out: 66, TimelineIn: 9, X: 0.6, Y: 0.05, Width: 0.35, Height: 0.35 },
        { MediaId: '4acaf00959ab5cbcac281eb565c4f39d', Type: 'Image', Duration: 5, TimelineIn: 24, X: 0.05, Y: 0.05, Width: 0.2, Height: 0.2 },
      ],
    },
    { VideoTrackClips: [{ MediaId: '1b2b7985d700855931d94aec1a990c71', In: 30, Out: 22, TimelineIn: 16, TimelineOut: 21 }] },
  ],
  AudioTracks: [
    { AudioTrackClips: [{ MediaId: 'f46da6c6d44a26b3b8f5bd545bf01b9d', In: 0, Out: 40, Effects: [{ Type: 'Volume', Gain: 0.4 }] }] },
    { AudioTrackClips: [{ MediaId: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', In: 0, Out: 6, ReferenceClipId: 'intro' }, { MediaId: 'd0b9f1c8a3e24b7f9c6e5a4d3b2c1f0e', In: 4 }] },
  ],
  SubtitleTracks: [
    {
      SubtitleTrackClips: [
        { Type: 'Text', Content: 'Two years in the making', TimelineIn: 1, TimelineOut: 6.5, FontSize: 48 },
        { Type: 'Text', Content: 'Every detail came from you', TimelineIn: 8, TimelineOut: 14, FontSize: 48 },
        { Type: 'Text', Content: 'Now, the live demo', TimelineIn: 22, TimelineOut: 28, FontSize: 48 },
      ],
    },
  ],
  EffectTracks: [{ EffectTrackItems: [{ Type: 'Filter', SubType: 'm1', TimelineIn: 0, Duration: 15 }] }],
};

// The host's display language (run.mjs --locale=zh-cn or VOD_TIMELINE_HOST_LOCALE): the extension's
// strings are then Chinese (package.nls.zh-cn.json, l10n/bundle.l10n.zh-cn.json), the workbench's English.
const localeArg = process.argv.findIndex((a) => a === '--locale' || a.startsWith('--locale='));
const locale = (process.env.VOD_TIMELINE_HOST_LOCALE || (localeArg < 0 ? '' : process.argv[localeArg].includes('=') ? process.argv[localeArg].split('=')[1] : process.argv[localeArg + 1]) || 'en').toLowerCase();
const zh = locale.startsWith('zh');
const bundle = zh ? JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) : {};
/** A runtime string of the extension in the host's language, {0}… filled in. */
const tr = (message, ...args) => (bundle[message] ?? message).replace(/\{(\d+)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i])));

/** "Category: Title" from the manifest in the host's language, as the palette shows it. */
function commandTitle(id) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const nls = JSON.parse(fs.readFileSync(path.join(root, zh ? 'package.nls.zh-cn.json' : 'package.nls.json'), 'utf8'));
  const text = (s) => (s ?? '').replace(/^%(.+)%$/, (_, key) => nls[key] ?? key);
  const command = manifest.contributes.commands.find((c) => c.command === id);
  if (!command) throw new Error(`${id} is not contributed`);
  return { full: `${text(command.category)}: ${text(command.title)}`, title: text(command.title) };
}

/** The preview's document: the webview's outer iframe, then VS Code's inner #active-frame. */
const webview = (ui) => ui.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

/**
 * Switches the colour theme through the user settings file (the workbench applies a change to it at
 * once), waits until the webview has the theme's body class, then one frame for the canvas to repaint.
 */
const THEMES = {
  light: { workbench: 'vs', webview: 'vscode-light' },
  dark: { workbench: 'vs-dark', webview: 'vscode-dark' },
  hc: { workbench: 'hc-black', webview: 'vscode-high-contrast' },
  hcLight: { workbench: 'hc-light', webview: 'vscode-high-contrast-light' },
};

const workbenchTheme = async (ui) => (await ui.page.locator('.monaco-workbench').getAttribute('class')).split(/\s+/).find((c) => ['vs', 'vs-dark', 'hc-black', 'hc-light'].includes(c));

/**
 * Switches the colour theme the way a user's system would: light and dark with "Toggle between
 * Light/Dark Themes" (the theme picker of this code-server lists no themes, and edits to settings.json
 * are not always noticed), high contrast through the browser's forced-colors mode, which VS Code
 * follows (window.autoDetectHighContrast, on by default) with its dark or light high-contrast theme.
 * Then waits for the webview's body class and a frame for the canvas to repaint.
 */
async function setTheme(ui, name, { preview = true } = {}) {
  const theme = THEMES[name];
  const highContrast = name === 'hc' || name === 'hcLight';
  await ui.page.emulateMedia({ forcedColors: highContrast ? 'active' : 'none', colorScheme: name === 'hc' ? 'dark' : name === 'hcLight' ? 'light' : null });
  if (!highContrast) {
    // Leaving forced colors restores the previous theme; toggle if it is the other one.
    await ui.page.locator('.monaco-workbench.vs, .monaco-workbench.vs-dark').first().waitFor({ timeout: WAIT_MS });
    if ((await workbenchTheme(ui)) !== theme.workbench) await ui.runCommand('Preferences: Toggle between Light/Dark Themes');
  }
  await ui.page.locator(`.monaco-workbench.${theme.workbench}`).waitFor({ timeout: WAIT_MS });
  if (!preview) return;
  await webview(ui).locator(`body.${theme.webview}`).waitFor({ timeout: WAIT_MS });
  await ui.page.waitForTimeout(300);
}

/** Page coordinates of a point in the canvas: lane `lane`, `dx` px right of the time axis' start. */
async function canvasPoint(ui, lane, dx) {
  const box = await webview(ui).locator('#canvas').boundingBox();
  assert.ok(box, 'the canvas has a size');
  return { x: box.x + LABEL_W + dx, y: box.y + RULER_H + lane * LANE_H + LANE_H / 2 };
}

/** @type {{ name: string, trust?: boolean, run: (ui: import('./workbench.mjs').Workbench) => Promise<void> }[]} */
export const scenarios = [
  {
    name: 'preview',
    async run(ui) {
      // The counts below are the document's own problems. Earlier scenarios leave their AccessKey saved
      // and the media library's facts cached (trusted for minutes, by design), which add cloud warnings:
      // without a key the cloud checks are off, and their facts are forgotten.
      await ui.runCommand('VOD Timeline: Remove Saved Access Key');
      await ui.runCommand('Notifications: Clear All Notifications');
      fs.writeFileSync(path.join(ui.folder, DEMO), JSON.stringify(demo, null, 2) + '\n');
      await ui.step('open the demo timeline', async () => {
        // Quick Open searches the disk; the Explorer may not have noticed a file written behind its back.
        await ui.runCommand('View: Show Explorer');
        await ui.page.keyboard.press('Control+P');
        await ui.page.locator('.quick-input-widget input.input').first().fill(DEMO);
        await ui.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: DEMO }).first().waitFor({ timeout: WAIT_MS });
        await ui.page.keyboard.press('Enter');
        await ui.page.locator('.tabs-container .tab.active', { hasText: DEMO }).waitFor({ timeout: WAIT_MS });
        await ui.waitForLanguageMode('VOD Timeline');
      });

      await ui.step('light theme: the editor title button opens the preview beside the editor', async () => {
        await setTheme(ui, 'light', { preview: false });
        const { title } = commandTitle('vodTimeline.openPreviewToSide');
        const button = ui.page.locator(`.editor-actions .action-label[aria-label^="${title}"]`).first();
        await button.waitFor({ timeout: WAIT_MS });
        await button.click();
        const view = webview(ui);
        await view.locator('#duration', { hasText: tr('Output {0}', tr('{0} s', 41)) }).waitFor({ timeout: WAIT_MS });
        assert.equal(await view.locator('#counts').innerText(), `${tr('{0} tracks', 7)} · ${tr('{0} clips', 14)}`);
        // The Transition on a track's last clip and In 30 > Out 22: two warnings (In ≥ Out is no error).
        // The count follows the diagnostics (the cloud checks just turned off may still be leaving).
        const problems = view.locator('#problems');
        const deadline = Date.now() + WAIT_MS;
        while ((await problems.innerText()) !== tr('{0} warnings', 2) && Date.now() < deadline) await ui.page.waitForTimeout(200);
        assert.equal(await problems.innerText(), tr('{0} warnings', 2));
        const legend = await view.locator('#legend').innerText();
        for (const kind of ['Video', 'Audio', 'Subtitle', 'Effect']) assert.ok(legend.includes(tr(kind)), `legend lists ${tr(kind)}: ${legend}`);
        await ui.page.locator('.tabs-container .tab', { hasText: tr('Preview {0}', DEMO) }).waitFor({ timeout: WAIT_MS });
        await view.locator('body.vscode-light').waitFor({ timeout: WAIT_MS });
      });

      await ui.step('light theme: hovering a bar shows what it is', async () => {
        const p = await canvasPoint(ui, 0, 20);
        await ui.page.mouse.move(p.x, p.y);
        const tip = webview(ui).locator('#tooltip');
        await tip.waitFor({ state: 'visible', timeout: WAIT_MS });
        const text = await tip.innerText();
        const track = (kind, i) => tr('{0} {1}', tr(kind), i);
        assert.ok(text.includes(`${track('Video', 0)} · ${tr('Clip {0}', 0)} · 93e48fddab2797d6860df34130ca5ee0`), text);
        assert.ok(text.includes(`${tr('Output: {0}', tr('{0} s', '0–8'))} ${tr('(computed)')}`), text);
        assert.ok(text.includes(tr('Transition: {0} into the next clip', tr('{0} s', 1))), text);
      });

      await ui.step('light theme: clicking a bar selects its clip in the editor', async () => {
        const p = await canvasPoint(ui, 0, 20);
        await ui.page.mouse.click(p.x, p.y);
        // The preview keeps the focus; the editor beside it shows the selection (clip 0 ends on line 17).
        await ui.page.locator('.monaco-editor .view-overlays .selected-text').first().waitFor({ timeout: WAIT_MS });
        await ui.page.locator('.monaco-editor .line-numbers.active-line-number', { hasText: /^17$/ }).waitFor({ timeout: WAIT_MS });
        await ui.page.mouse.move(p.x, p.y + 400);
      });

      await ui.step('keyboard: → and ↓ move between bars (announced), Enter selects', async () => {
        const view = webview(ui);
        await view.locator('#scroller').focus();
        await ui.page.keyboard.press('ArrowRight');
        const track = (kind, i) => tr('{0} {1}', tr(kind), i);
        await view.locator('#live', { hasText: `${track('Video', 0)} · ${tr('Clip {0}', 1)} · 4b15846bcb3ea8c958fe1e7f3da85ae2` }).waitFor({ timeout: WAIT_MS });
        await ui.page.keyboard.press('ArrowDown');
        await view.locator('#live', { hasText: `${track('Video', 1)} · ${tr('Clip {0}', 0)}` }).waitFor({ timeout: WAIT_MS });
        await ui.page.keyboard.press('Enter');
        await ui.page.locator('.monaco-editor .line-numbers.active-line-number', { hasText: /^55$/ }).waitFor({ timeout: WAIT_MS });
      });

      await ui.step('dark theme', async () => {
        await setTheme(ui, 'dark');
        const p = await canvasPoint(ui, 6, 60);
        await ui.page.mouse.move(p.x, p.y);
        await webview(ui).locator('#tooltip', { hasText: 'Filter' }).waitFor({ timeout: WAIT_MS });
      });

      await ui.step('dark theme: a problem marked on its bar, with the message on hover', async () => {
        // video[2] clip 0: In 30 > Out 22 (a warning: timing/in-not-before-out), drawn 16–21 s in lane 2.
        const box = await webview(ui).locator('#canvas').boundingBox();
        const fitPps = (box.width - LABEL_W - 48) / 41;
        const p = await canvasPoint(ui, 2, 18 * fitPps);
        await ui.page.mouse.move(p.x, p.y);
        await webview(ui).locator('#tooltip .tt-warning', { hasText: zh ? 'In（30 秒）' : 'is not before Out' }).waitFor({ timeout: WAIT_MS });
      });

      await ui.step('dark theme: zoomed in (+ twice), scrolled', async () => {
        const view = webview(ui);
        await view.locator('#zoomIn').click();
        await view.locator('#zoomIn').click();
        await ui.page.mouse.move(0, 0);
        await ui.page.waitForTimeout(300);
      });

      await ui.step('high contrast theme', async () => {
        await webview(ui).locator('#zoomFit').click();
        await setTheme(ui, 'hc');
      });

      await ui.step('light high contrast theme', async () => {
        await setTheme(ui, 'hcLight');
      });

      await ui.step('Show Preview Source goes back to the JSON', async () => {
        await setTheme(ui, 'dark');
        await ui.page.locator('.tabs-container .tab', { hasText: tr('Preview {0}', DEMO) }).click();
        await ui.runCommand(commandTitle('vodTimeline.showPreviewSource').full);
        await ui.page.locator('.tabs-container .tab.active', { hasText: DEMO }).first().waitFor({ timeout: WAIT_MS });
      });

      await ui.step('one track and one clip are counted in the singular', async () => {
        await ui.closeAllEditors();
        await ui.page.keyboard.press('Control+P');
        await ui.page.locator('.quick-input-widget input.input').first().fill('short.timeline.json');
        await ui.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'short.timeline.json' }).first().waitFor({ timeout: WAIT_MS });
        await ui.page.keyboard.press('Enter');
        await ui.page.locator('.tabs-container .tab.active', { hasText: 'short.timeline.json' }).waitFor({ timeout: WAIT_MS });
        await ui.waitForLanguageMode('VOD Timeline');
        await ui.runCommand(commandTitle('vodTimeline.openPreviewToSide').full);
        const view = webview(ui);
        await view.locator('#counts', { hasText: tr('1 track') }).waitFor({ timeout: WAIT_MS });
        assert.equal(await view.locator('#counts').innerText(), `${tr('1 track')} · ${tr('1 clip')}`);
      });
      await ui.closeAllEditors();
    },
  },
];
