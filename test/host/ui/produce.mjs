// UI scenario: the whole Produce flow as a user goes through it, against a local emulator started here.
// The endpoint goes into the user settings through the settings editor, the AccessKey through
// "Set Access Key"'s input boxes; a broken timeline sends nothing; the example's production shows its
// MediaId in the notification center; the Problems panel names the broken timeline's error.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { WAIT_MS } from './workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const KEY_ID = 'ui-produce-key';
const KEY_SECRET = 'ui-produce-secret-4f1c';

/** The emulator from source, bundled once for this Node process (the scenarios are plain .mjs). */
async function loadEmulator() {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vth-emu-')), 'emulator.cjs');
  await esbuild.build({
    absWorkingDir: root, entryPoints: ['emulator/src/index.ts'], bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', outfile: out, logLevel: 'error', mainFields: ['module', 'main'],
  });
  return createRequire(import.meta.url)(out);
}

/** The user settings file of this session's code-server (the layout scripts/host/run.mjs gives it). */
function userSettingsFile(ui) {
  const run = path.resolve(ui.folder, '..', '..');
  const file = path.join(run, `s-${ui.session}`, 'user-data', 'User', 'settings.json');
  if (!fs.existsSync(path.dirname(file))) throw new Error(`no user data at ${path.dirname(file)}: has scripts/host/run.mjs changed its layout?`);
  return file;
}

/** Opens the notification center and waits until an entry matches (entries arrive while it is open). */
async function waitForNotification(ui, pattern) {
  await ui.runCommand('Notifications: Show Notifications');
  const item = ui.page.locator('.notifications-center .notification-list-item', { hasText: pattern }).first();
  await item.waitFor({ timeout: WAIT_MS });
  return item.innerText();
}

const produceRequests = (emu) => emu.requests.filter((r) => r.action === 'ProduceEditingProjectVideo').length;

/** @typedef {import('./workbench.mjs').Workbench} Workbench */
/** @type {{ name: string, trust?: boolean, run: (ui: Workbench) => Promise<void> }[]} */
export const scenarios = [
  {
    name: 'produce',
    async run(ui) {
      const { startEmulator } = await loadEmulator();
      const emu = await startEmulator({ accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET, produceSeconds: 2 });
      // From here on, every screenshot's text is checked for the secret (Workbench.screenshot).
      ui.forbidden.push(KEY_SECRET);
      try {
        await ui.step('the broken timeline\'s error is in the Problems panel', async () => {
          await ui.openFromExplorer('broken.timeline.json');
          await ui.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
          const row = ui.page.locator('.markers-panel .monaco-list-row', { hasText: 'MediaId' }).first();
          await row.waitFor({ timeout: WAIT_MS });
          assert.match(await row.innerText(), /MediaID|MediaId/);
          await ui.screenshot('problems panel');
          await ui.runCommand('View: Hide Panel');
        });

        await ui.step('the endpoint is set to the emulator in the user settings', async () => {
          // A theme toggle of the previous scenario can still be writing the same file: the save is
          // checked on disk (and stays there), and done again if it was overwritten.
          const file = userSettingsFile(ui);
          for (let attempt = 1; ; attempt++) {
            await ui.runCommand('Preferences: Open User Settings (JSON)');
            const editor = ui.page.locator('.editor-instance .monaco-editor').first();
            await editor.waitFor({ timeout: WAIT_MS });
            await editor.click();
            await ui.page.keyboard.press('ControlOrMeta+A');
            await ui.page.keyboard.press('Delete');
            // Typed text gets auto-closed brackets and quotes; inserting it as one piece does not.
            await ui.page.keyboard.insertText(JSON.stringify({ 'vodTimeline.endpoint': emu.url, 'vodTimeline.produce.confirm': true, 'workbench.startupEditor': 'none' }, null, 2));
            await ui.page.keyboard.press('ControlOrMeta+S');
            await ui.page.locator('.tabs-container .tab.active:not(.dirty)').waitFor({ timeout: WAIT_MS });
            await ui.closeAllEditors();
            const saved = () => { try { return fs.readFileSync(file, 'utf8').includes(emu.url); } catch { return false; } };
            await ui.page.waitForTimeout(1500);
            if (saved()) break;
            if (attempt >= 3) assert.fail(`the user settings (${file}) do not hold the emulator's endpoint`);
          }
        });

        await ui.step('Set Access Key stores the emulator\'s key pair', async () => {
          await ui.runCommand('VOD Timeline: Set Access Key');
          const input = ui.page.locator('.quick-input-widget input.input').first();
          // One input box after the other, each titled "(n/3)": wait for the box before typing into it.
          for (const [i, value] of [KEY_ID, KEY_SECRET, ''].entries()) {
            await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: `(${i + 1}/3)` }).waitFor({ timeout: WAIT_MS });
            await input.fill(value);
            await ui.page.keyboard.press('Enter');
          }
          // The palette opened too early would replace the last box, which cancels it: nothing saved.
          await ui.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT_MS });
          await waitForNotification(ui, /Access Key saved|AccessKey 已保存/);
          const texts = await ui.page.locator('.notifications-center .notification-list-item').allInnerTexts();
          assert.ok(!texts.some((t) => t.includes(KEY_SECRET)), 'the secret is never shown');
          await ui.escape();
        });

        await ui.step('Produce on a broken timeline sends nothing', async () => {
          await ui.openFromExplorer('broken.timeline.json');
          await ui.runCommand('VOD Timeline: Produce');
          await waitForNotification(ui, /Not produced|未合成/);
          assert.equal(produceRequests(emu), 0, 'no request reached the emulator');
          await ui.runCommand('Notifications: Clear All Notifications');
          await ui.escape();
          await ui.closeAllEditors();
        });

        await ui.step('Produce on a valid timeline asks first, then shows the MediaId', async () => {
          // short.timeline.json uses a MediaId the emulator has (two-clips uses unknown ones: VOD refuses them).
          await ui.openFromExplorer('short.timeline.json');
          await ui.runCommand('VOD Timeline: Produce');
          const dialog = ui.page.locator('.monaco-dialog-box');
          await dialog.waitFor({ timeout: WAIT_MS });
          const text = await dialog.innerText();
          assert.match(text, /127\.0\.0\.1/, 'the confirmation names the endpoint');
          await ui.screenshot('confirmation');
          await dialog.locator('.monaco-button', { hasText: /^(Produce|合成)$/ }).first().click();
          const mediaId = /MediaId ([0-9a-f]{32})/.exec(await waitForNotification(ui, /MediaId [0-9a-f]{32}/))[1];
          assert.ok(emu.requests.some((r) => r.action === 'ProduceEditingProjectVideo'), 'the emulator received the production');
          assert.match(mediaId, /^[0-9a-f]{32}$/);
          assert.equal(produceRequests(emu), 1, 'exactly one production request');
          await ui.screenshot('MediaId in the notification center');
          await ui.escape();
          await ui.closeAllEditors();
        });
      } finally {
        await emu.close();
      }
    },
  },
];
