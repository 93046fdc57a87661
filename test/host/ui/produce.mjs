// UI scenario: the whole Produce flow as a user goes through it, against a local emulator started here.
// The endpoint goes into the user settings through the settings editor, the AccessKey through
// "Set Access Key"'s input boxes; a broken timeline sends nothing; the example's production shows its
// MediaId in the notification center; the Problems panel names the broken timeline's error.
import assert from 'node:assert/strict';
import { WAIT_MS } from './workbench.mjs';
import { loadEmulator, setAccessKey, typeUserSettings, waitForNotification } from './vod-helpers.mjs';

const KEY_ID = 'ui-produce-key';
const KEY_SECRET = 'ui-produce-secret-4f1c';

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
          await typeUserSettings(ui, { 'vodTimeline.endpoint': emu.url, 'vodTimeline.produce.confirm': true, 'workbench.startupEditor': 'none' });
        });

        await ui.step('Set Access Key stores the emulator\'s key pair', () => setAccessKey(ui, KEY_ID, KEY_SECRET));

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
