// UI scenario: the Media Library view against a local emulator started here (loopback only). With the
// emulator as endpoint and its AccessKey saved, the view in the VOD Timeline activity bar lists the
// emulator's media (title, duration, status), and an item's inline Insert as Clip adds its clip to the
// open timeline.
import assert from 'node:assert/strict';
import { WAIT_MS } from './workbench.mjs';
import { loadEmulator, root, setAccessKey, typeUserSettings } from './vod-helpers.mjs';
import fs from 'node:fs';
import path from 'node:path';

const KEY_ID = 'ui-media-key';
const KEY_SECRET = 'ui-media-secret-4c1d';
const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';

function nls(key) {
  const read = (f) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
  return [read('package.nls.json')[key], read('package.nls.zh-cn.json')[key]].filter(Boolean);
}

/** @typedef {import('./workbench.mjs').Workbench} Workbench */
/** @type {{ name: string, trust?: boolean, run: (ui: Workbench) => Promise<void> }[]} */
export const scenarios = [
  {
    name: 'media library',
    async run(ui) {
      const { startEmulator } = await loadEmulator();
      const emu = await startEmulator({ accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET });
      ui.forbidden.push(KEY_SECRET);
      const page = ui.page;
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: new RegExp(nls('view.media').join('|'), 'i') }) });
      try {
        await ui.step('the emulator is the endpoint and its key is saved', async () => {
          // Through the settings JSON editor, as upload.mjs does (a write to the file is noticed only when
          // its watcher fires), keeping the runner's settings; checked on disk. The endpoint is in place
          // before the AccessKey is saved: with the key and the default endpoint the view would ask the
          // real VOD (the loopback guard fails the run).
          await typeUserSettings(ui, { 'vodTimeline.endpoint': emu.url });
          await setAccessKey(ui, KEY_ID, KEY_SECRET);
        });

        await ui.step('the Media Library view lists the emulator\'s media', async () => {
          const header = pane.locator('.pane-header');
          await ui.openActivity('VOD Timeline', header);
          if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
          // Room for every media: the rows of a tree are drawn only while in view.
          for (const key of ['view.submissions', 'view.uploads']) {
            const other = page.locator('.pane-header', { hasText: new RegExp(`^(${nls(key).join('|')})$`, 'i') }).first();
            if ((await other.getAttribute('aria-expanded')) === 'true') await other.click();
          }
          const row = pane.locator('.monaco-list-row', { hasText: 'Product launch keynote' }).first();
          // The endpoint setting reaches the extension when VS Code's watcher fires: a listing before it
          // (the runner's closed port) fails, and the setting's change lists again.
          await row.waitFor({ timeout: WAIT_MS });
          assert.match(await row.innerText(), /5:12.*Normal/s);
          const rows = await pane.locator('.monaco-list-row').count();
          assert.ok(rows >= 8, `${rows} rows shown`);
          assert.ok(emu.requests.some((r) => r.action === 'SearchMedia'), 'listed by SearchMedia');
          await ui.screenshot('media library view');
        });

        await ui.step('Insert as Clip (inline) adds the media to the open timeline', async () => {
          await ui.openFromExplorer('two-clips.timeline.json');
          const editor = page.locator('.editor-instance .monaco-editor').first();
          await editor.locator('.view-lines').waitFor({ timeout: WAIT_MS });
          const count = async () => ((await editor.locator('.view-lines').innerText()).match(new RegExp(KEYNOTE, 'g')) ?? []).length;
          const before = await count();
          const row = pane.locator('.monaco-list-row', { hasText: 'Product launch keynote' }).first();
          await ui.openActivity('VOD Timeline', row);
          await row.hover();
          await row.locator(`.action-label[aria-label^="${nls('command.media.insertClip')[0]}"], .action-label[aria-label^="${nls('command.media.insertClip')[1]}"]`).first().click({ timeout: WAIT_MS });
          const deadline = Date.now() + WAIT_MS;
          while ((await count()) <= before) {
            if (Date.now() > deadline) assert.fail('no clip of the keynote was inserted');
            await page.waitForTimeout(200);
          }
          await ui.screenshot('clip inserted');
        });

        await ui.step('dragging a media onto the timeline editor inserts its clip there', async () => {
          const editor = page.locator('.editor-instance .monaco-editor').first();
          const music = 'f46da6c6d44a26b3b8f5bd545bf01b9d';
          const row = pane.locator('.monaco-list-row', { hasText: 'Background music' }).first();
          await row.waitFor({ timeout: WAIT_MS });
          const target = editor.locator('.view-lines .view-line', { hasText: '9f8e7d6c5b4a39281706f5e4d3c2b1a0' }).first();
          await row.dragTo(target, { timeout: WAIT_MS });
          // Dropping may offer a choice of how (a widget); the first offer is ours or plain text.
          const deadline = Date.now() + WAIT_MS;
          while (!(await editor.locator('.view-lines').innerText()).includes(music)) {
            if (Date.now() > deadline) assert.fail('the dragged media reached the editor neither as a clip nor as its MediaId');
            await page.waitForTimeout(200);
          }
          const lines = await editor.locator('.view-lines').innerText();
          await ui.screenshot('media dropped on the editor');
          assert.match(lines, new RegExp(`"MediaId":\\s*"${music}",?\\s*"In":\\s*0,\\s*"Out":\\s*180`), `a clip, not a bare MediaId:\n${lines}`);
          await ui.closeAllEditors();
        });
      } finally {
        await emu.close();
        await ui.closeAllEditors().catch(() => {});
        // The endpoint stays on the emulator's (now closed) loopback port: the AccessKey stays saved, and
        // with the default endpoint the next scenarios would ask the real VOD.
      }
    },
  },
];
