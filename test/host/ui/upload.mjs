// UI scenario: Upload to VOD against a local emulator started here (its OSS endpoint on loopback too).
// A clip is uploaded from the Explorer's context menu (the MediaId in a notification), a slow 12 MB
// upload shows bytes and rate in its progress notification and is cancelled there (VOD's record is then
// removed from the warning's button), the Uploads view shows the first upload reaching Normal, and the
// quick fix on a clip's MediaId uploads another file and puts its MediaId in the document, which the
// media library then knows (hover shows its title).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { WAIT_MS } from './workbench.mjs';
import { typeUserSettings } from './vod-helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const KEY_ID = 'ui-upload-key';
const KEY_SECRET = 'ui-upload-secret-9b2e';

async function loadEmulator() {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vth-emu-')), 'emulator.cjs');
  await esbuild.build({
    absWorkingDir: root, entryPoints: ['emulator/src/index.ts'], bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', outfile: out, logLevel: 'error', mainFields: ['module', 'main'],
  });
  return createRequire(import.meta.url)(out);
}

function nls(key) {
  const read = (f) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
  return [read('package.nls.json')[key], read('package.nls.zh-cn.json')[key]].filter(Boolean);
}


async function waitForNotification(ui, pattern) {
  await ui.runCommand('Notifications: Show Notifications');
  const item = ui.page.locator('.notifications-center .notification-list-item', { hasText: pattern }).first();
  await item.waitFor({ timeout: WAIT_MS });
  return item;
}

/** Right-clicks a file in the Explorer and runs "Upload to VOD" from its context menu. */
async function uploadFromExplorer(ui, name) {
  await ui.runCommand('View: Show Explorer');
  // Files this scenario wrote: the Explorer shows them once it reads the folder again.
  const header = ui.page.locator('.part.sidebar .pane-header', { hasText: /workspace/i }).first();
  await header.hover();
  await ui.page.locator('.part.sidebar .action-label[aria-label^="Refresh Explorer"], .part.sidebar .action-label[aria-label^="刷新资源管理器"]').first().click({ timeout: WAIT_MS });
  const row = ui.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: WAIT_MS });
  await ui.chooseFromMenu(() => row.click({ button: 'right' }), new RegExp(`^(${nls('command.uploadToVod').join('|')})$`));
}

/**
 * The editor's token for a string value: its own span, not the line's (a line's middle moves when an
 * inlay hint is drawn in it, and can be the key's token).
 */
function valueToken(editor, value) {
  return editor.locator('.view-lines span[class*="mtk"]', { hasText: new RegExp(`^"${value}"$`) }).first();
}

/** @typedef {import('./workbench.mjs').Workbench} Workbench */
/** @type {{ name: string, trust?: boolean, run: (ui: Workbench) => Promise<void> }[]} */
export const scenarios = [
  {
    name: 'upload',
    async run(ui) {
      const { startEmulator } = await loadEmulator();
      const emu = await startEmulator({ accessKeyId: KEY_ID, accessKeySecret: KEY_SECRET, uploadSeconds: 3 });
      ui.forbidden.push(KEY_SECRET);
      const page = ui.page;
      let clipId;
      try {
        await ui.step('the emulator is the endpoint and its key is saved', async () => {
          // Through the settings editor, as the produce scenario does: the file on disk may be mid-write (an
          // earlier scenario's theme toggle) or hold comments, so it is replaced there (keeping the settings
          // it had) and checked on disk.
          await typeUserSettings(ui, { 'vodTimeline.endpoint': emu.url, 'workbench.startupEditor': 'none' });
          fs.copyFileSync(path.join(root, 'emulator', 'media', 'samples', 'A-keynote-160x90.mp4'), path.join(ui.folder, 'keynote-upload.mp4'));
          fs.copyFileSync(path.join(root, 'emulator', 'media', 'samples', 'G-outro-160x90.mp4'), path.join(ui.folder, 'outro-upload.mp4'));
          fs.writeFileSync(path.join(ui.folder, 'big-upload.mp4'), randomBytes(12 * 1024 * 1024));
          await ui.runCommand('VOD Timeline: Set Access Key');
          const input = page.locator('.quick-input-widget input.input').first();
          for (const [i, value] of [KEY_ID, KEY_SECRET, ''].entries()) {
            await page.locator('.quick-input-widget .quick-input-title', { hasText: `(${i + 1}/3)` }).waitFor({ timeout: WAIT_MS });
            await input.fill(value);
            await page.keyboard.press('Enter');
          }
          await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT_MS });
          await waitForNotification(ui, /Access Key saved|AccessKey 已保存/);
          await ui.runCommand('Notifications: Clear All Notifications');
          await ui.escape();
        });

        await ui.step('Upload to VOD from the Explorer: the MediaId in a notification', async () => {
          await uploadFromExplorer(ui, 'keynote-upload.mp4');
          const item = await waitForNotification(ui, /keynote-upload\.mp4.*MediaId [0-9a-f]{32}|keynote-upload\.mp4：MediaId [0-9a-f]{32}/);
          clipId = /MediaId ([0-9a-f]{32})/.exec(await item.innerText())[1];
          assert.ok(emu.media.has(clipId), 'the emulator has the media');
          assert.equal(emu.media.get(clipId).upload.completedAt !== undefined, true, 'its file is complete');
          assert.ok(emu.requests.some((r) => r.action === 'CreateUploadVideo'));
          await ui.escape();
        });

        let bigId;
        await ui.step('a slow upload shows MiB and MiB/s in its progress notification', async () => {
          for (let i = 0; i < 40; i++) emu.setFault('UploadPart', { kind: 'latency', ms: 1500 });
          await uploadFromExplorer(ui, 'big-upload.mp4');
          await ui.runCommand('Notifications: Show Notifications');
          const item = page.locator('.notifications-center .notification-list-item', { hasText: /big-upload\.mp4/ }).first();
          await item.filter({ hasText: /MiB\/s/ }).waitFor({ timeout: WAIT_MS });
          bigId = [...emu.media.values()].find((m) => m.upload && m.upload.fileName === 'big-upload.mp4')?.MediaId;
          assert.ok(bigId, 'CreateUploadVideo made its record');
        });

        await ui.step('Cancel stops it; the warning says VOD keeps a record, and Remove from VOD deletes it', async () => {
          const item = page.locator('.notifications-center .notification-list-item', { hasText: /big-upload\.mp4/ }).filter({ hasText: /MiB\/s/ }).first();
          await item.hover();
          await item.locator('.monaco-button, .action-label', { hasText: /^(Cancel|取消)$/ }).first().click();
          const warning = page.locator('.notifications-center .notification-list-item', { hasText: new RegExp(`big-upload\\.mp4.*${bigId}|${bigId}`) }).first();
          await warning.waitFor({ timeout: WAIT_MS });
          await ui.screenshot('cancelled upload: what VOD keeps');
          await warning.locator('.monaco-button', { hasText: new RegExp(`^(${['Remove from VOD', '从视频点播删除'].join('|')})$`) }).first().click();
          await page.locator('.notifications-center .notification-list-item', { hasText: new RegExp(`(Removed ${bigId}|已从视频点播删除 ${bigId})`) }).first().waitFor({ timeout: WAIT_MS });
          assert.equal(emu.media.has(bigId), false, 'the record is gone from VOD');
          emu.clearFaults();
          await ui.runCommand('Notifications: Clear All Notifications');
          await ui.escape();
        });

        await ui.step('the Uploads view shows the clip reaching Normal', async () => {
          const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: new RegExp(nls('view.uploads').join('|'), 'i') }) });
          const header = pane.locator('.pane-header');
          await ui.openActivity('VOD Timeline', header);
          if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
          const row = pane.locator('.monaco-list-row', { hasText: clipId }).first();
          await row.waitFor({ timeout: WAIT_MS });
          await pane.locator('.monaco-list-row', { hasText: clipId }).filter({ hasText: /Normal|正常/ }).first().waitFor({ timeout: WAIT_MS });
        });

        let newId;
        await ui.step('the quick fix on a MediaId uploads a file and puts its MediaId there', async () => {
          await ui.openFromExplorer('short.timeline.json');
          const editor = page.locator('.editor-instance .monaco-editor').first();
          await editor.locator('.view-lines', { hasText: '4b15846bcb3ea8c958fe1e7f3da85ae2' }).waitFor({ timeout: WAIT_MS });
          await valueToken(editor, '4b15846bcb3ea8c958fe1e7f3da85ae2').click();
          const fix = page.locator('.action-widget .monaco-list-row, .context-view .action-label', { hasText: /Upload a file and use its MediaId|上传文件并使用其 MediaId/ }).first();
          // Ctrl+. can arrive before the editor has the focus (or the code actions): then the light bulb.
          for (let attempt = 1; ; attempt++) {
            await (attempt % 2 ? page.keyboard.press('ControlOrMeta+.') : editor.locator('.lightBulbWidget, .codicon-light-bulb').first().click());
            try {
              await fix.waitFor({ timeout: 8000 });
              break;
            } catch (err) {
              await page.keyboard.press('Escape');
              if (attempt >= 4) throw err;
              await valueToken(editor, '4b15846bcb3ea8c958fe1e7f3da85ae2').click();
            }
          }
          await fix.click();
          // The web workbench's file dialog is a quick input listing the folder: pick the file, then accept.
          const item = page.locator('.quick-input-list .monaco-list-row', { hasText: 'outro-upload.mp4' }).first();
          await item.waitFor({ timeout: WAIT_MS });
          await item.click();
          // A click on a file accepts the dialog; Enter only if it is still open (else it would type into the editor).
          try {
            await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 3000 });
          } catch {
            await page.locator('.quick-input-widget input.input').first().press('Enter');
          }
          const known = new Set([clipId]);
          const inserted = await page.waitForFunction((before) => {
            const text = document.querySelector('.editor-instance .monaco-editor .view-lines')?.textContent ?? '';
            const ids = text.match(/[0-9a-f]{32}/g) ?? [];
            return ids.find((x) => !before.includes(x) && x !== '4b15846bcb3ea8c958fe1e7f3da85ae2') ?? false;
          }, [...known], { timeout: WAIT_MS });
          newId = await inserted.jsonValue();
          assert.ok(emu.media.has(newId), `the inserted ${newId} is the uploaded media`);
          assert.equal(emu.media.get(newId).upload.fileName, 'outro-upload.mp4');
        });

        await ui.step('the media library knows the new MediaId at once: hover shows its title', async () => {
          const editor = page.locator('.editor-instance .monaco-editor').first();
          const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /outro-upload/ }).first();
          for (let attempt = 1; ; attempt++) {
            await page.mouse.move(1300, 850);
            await valueToken(editor, newId).hover();
            try {
              await hover.waitFor({ timeout: 8000 });
              break;
            } catch (err) {
              if (attempt >= 4) throw err;
            }
          }
          await ui.screenshot('hover on the new MediaId');
          await page.mouse.move(1300, 850);
          await ui.closeAllEditors();
        });
      } finally {
        await emu.close();
      }
    },
  },
];
