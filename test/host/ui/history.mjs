// UI scenario: the "VOD Timeline" activity-bar container with its Submissions view. A history file with
// one submission of each status is written into the session's global storage (the extension's store
// watches it, as it watches other windows' writes), then the sidebar is opened, an entry expanded, its
// context menu shown, a submitted timeline opened, and the history cleared to show the welcome view,
// which says "open a timeline" without one in the editor and offers Produce with one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const EXTENSION_ID = 'vod-timeline.vod-timeline';

/** A manifest string (package.nls.json), in English and Chinese: the host may run with --locale=zh-cn. */
function nls(key) {
  const read = (f) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
  return [read('package.nls.json')[key], read('package.nls.zh-cn.json')[key]].filter(Boolean);
}

/**
 * The history file of this session's code-server. scripts/host/run.mjs puts the workspace copy at
 * RUN/ws-ui-SESSION/workspace and the server's user data at RUN/s-SESSION/user-data.
 */
function historyFile(ui) {
  const run = path.resolve(ui.folder, '..', '..');
  const userData = path.join(run, `s-${ui.session}`, 'user-data');
  if (!fs.existsSync(userData)) throw new Error(`no user data at ${userData}: has scripts/host/run.mjs changed its layout?`);
  return path.join(userData, 'User', 'globalStorage', EXTENSION_ID, 'history', 'history.json');
}

const SENT_TIMELINE = JSON.stringify({
  VideoTracks: [{ VideoTrackClips: [
    { MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: 0, Out: 8 },
    { MediaId: '217bb98cf063356182dbbeb992910a4f', In: 2, Out: 9 },
  ] }],
  SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'Spring launch', TimelineIn: 0, TimelineOut: 4 }] }],
});

function seed(file, folder) {
  const now = Date.now();
  const at = (minutesAgo) => new Date(now - minutesAgo * 60_000).toISOString();
  const base = { region: 'cn-shanghai', endpoint: 'vod.cn-shanghai.aliyuncs.com', mode: 'timeline', tracks: 2, clips: 3 };
  const entries = [
    // In ap-southeast-1 while the settings say cn-shanghai: never polled from here (no network in tests).
    { ...base, id: 'ui-producing', title: 'Launch cut (v3)', fileName: 'launch.timeline.json', createdAt: at(1), updatedAt: at(1), status: 'producing',
      region: 'ap-southeast-1', endpoint: 'vod.ap-southeast-1.aliyuncs.com',
      mediaId: '9f2c4be1d0a84c6f8e3b7a5d2c1f0e9a', projectId: 'b3d5e7f9a1c34e6b8d0f2a4c6e8b0d2f', requestId: '5A7C9E1B-3D5F-4A6C-8E0B-2D4F6A8C0E1B', vodStatus: 'Uploading' },
    // Produced from the workspace's short.timeline.json: Compare with Current File has a file to read.
    { ...base, id: 'ui-normal', title: 'Spring campaign teaser', fileName: 'short.timeline.json', documentUri: pathToFileURL(path.join(folder, 'short.timeline.json')).href,
      createdAt: at(26), updatedAt: at(20), status: 'normal',
      mediaId: '1c3e5a7b9d0f4e2a6c8b0d2f4a6c8e0b', projectId: 'a2c4e6b8d0f24a6c8e0b2d4f6a8c0e2b', requestId: '0B2D4F6A-8C0E-4B2D-9F6A-8C0E2B4D6F8A', vodStatus: 'Normal', checkedAt: at(20) },
    { ...base, id: 'ui-failed', title: 'Product demo (portrait)', fileName: 'demo-portrait.timeline.json', createdAt: at(130), updatedAt: at(129), status: 'failed',
      requestId: '7E9A1C3E-5B7D-4F1A-8C3E-5B7D9F1A3C5E', errorCode: 'InvalidParameter.Timeline', errorMessage: 'The specified parameter Timeline is not valid: clip 3 has Out before In.' },
    { ...base, id: 'ui-unknown', title: 'Weekly recap', fileName: 'recap.timeline.json', createdAt: at(60 * 26), updatedAt: at(60 * 26), status: 'unknown',
      errorCode: 'ReadTimeout', errorMessage: 'No answer within 60 s after the request was sent.' },
    { ...base, id: 'ui-keynote', title: 'Keynote highlights', fileName: 'keynote.timeline.json', createdAt: at(60 * 24 * 3), updatedAt: at(60 * 24 * 3), status: 'normal',
      mediaId: '8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c', projectId: 'c4e6b8d0f2a44c6e8b0d2f4a6c8e0b2d', requestId: '3C5E7A9C-1E3A-4C5E-9A1C-3E5A7C9E1A3C', vodStatus: 'Normal' },
  ];
  fs.mkdirSync(path.join(path.dirname(file), 'requests'), { recursive: true });
  fs.writeFileSync(path.join(path.dirname(file), 'requests', 'ui-normal.json'),
    JSON.stringify({ version: 1, request: { Timeline: SENT_TIMELINE, Title: 'Spring campaign teaser' }, truncated: false }));
  const tmp = `${file}.tmp-ui`;
  fs.writeFileSync(tmp, JSON.stringify({ version: 1, entries }, null, 1));
  fs.renameSync(tmp, file);
  return entries;
}

/**
 * Waits until the Submissions view's welcome content is the manifest's `key` (in either language): its
 * second line of text and its button, and not the other welcome's button.
 */
async function welcomeSays(view, key) {
  const other = key === 'viewsWelcome.submissions' ? 'viewsWelcome.submissions.noTimeline' : 'viewsWelcome.submissions';
  const button = (k) => nls(k).map((t) => t.match(/\[([^\]]+)\]\(command:/)[1]);
  const line = (k) => nls(k).map((t) => t.split('\n').find((l, i) => i > 0 && !l.startsWith('[')));
  const welcome = view.locator('.welcome-view-content');
  await welcome.locator('.monaco-button', { hasText: new RegExp(`^(${button(key).join('|')})$`) }).first().waitFor({ timeout: 15000 });
  const text = await welcome.innerText();
  assert.ok(line(key).some((l) => text.includes(l)), `welcome says ${JSON.stringify(line(key))}: ${JSON.stringify(text)}`);
  const buttons = (await welcome.locator('.monaco-button').allInnerTexts()).map((t) => t.trim());
  assert.ok(!buttons.some((b) => button(other).includes(b)), `no ${JSON.stringify(button(other))} button: ${JSON.stringify(buttons)}`);
}

/** @typedef {import('./workbench.mjs').Workbench} Workbench */
/** @type {{ name: string, trust?: boolean, run: (ui: Workbench) => Promise<void> }[]} */
export const scenarios = [
  {
    name: 'submissions sidebar',
    async run(ui) {
      const page = ui.page;
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: new RegExp(nls('view.submissions').join('|'), 'i') }) });
      const rows = view.locator('.monaco-list-row');
      let entries;
      await ui.step('history seeded into global storage', async () => {
        entries = seed(historyFile(ui), ui.folder);
      });
      await ui.step('activity bar opens the VOD Timeline container with the Submissions view', async () => {
        await ui.openActivity('VOD Timeline', rows.first());
        await page.waitForFunction((n) => document.querySelectorAll('.pane .monaco-list-row[aria-level="1"]').length >= n, entries.length, { timeout: 20000 });
        const labels = await view.locator('.monaco-list-row[aria-level="1"] .label-name').allInnerTexts();
        assert.deepEqual(labels.map((l) => l.trim()), entries.map((e) => e.title));
        await page.mouse.move(1300, 850); // no hover on the list
      });
      await ui.step('a failed entry expands into its details (error code and message)', async () => {
        await view.locator('.monaco-list-row[aria-level="1"]', { hasText: 'Product demo' }).click();
        await page.keyboard.press('ArrowRight');
        await view.locator('.monaco-list-row[aria-level="2"]', { hasText: 'InvalidParameter.Timeline' }).waitFor({ timeout: 10000 });
        await page.mouse.move(1300, 850);
      });
      await ui.step('the tooltip shows the entry in full', async () => {
        // A hover that starts while the tree is still re-rendering is dropped: move off and on again.
        const tooltip = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: '1c3e5a7b9d0f4e2a6c8b0d2f4a6c8e0b' }).first();
        for (let attempt = 1; ; attempt++) {
          await page.mouse.move(1300, 850);
          await view.locator('.monaco-list-row[aria-level="1"]', { hasText: 'Spring campaign teaser' }).hover();
          try {
            await tooltip.waitFor({ timeout: 5000 });
            break;
          } catch (err) {
            if (attempt >= 3) throw err;
          }
        }
      });
      await ui.step('the context menu offers the entry’s actions', async () => {
        await page.mouse.move(1300, 850);
        await view.locator('.monaco-list-row[aria-level="1"]', { hasText: 'Spring campaign teaser' }).click({ button: 'right' });
        const menu = page.locator('.context-view .monaco-menu');
        await menu.waitFor({ timeout: 10000 });
        const items = (await menu.locator('.action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
        for (const key of ['command.history.openTimeline', 'command.history.compareWithCurrent', 'command.history.openInConsole', 'command.history.copyMediaId', 'command.history.produceAgain', 'command.history.remove']) {
          assert.ok(items.some((t) => nls(key).includes(t)), `${key} in ${JSON.stringify(items)}`);
        }
      });
      await ui.escape();
      await ui.step('Open Submitted Timeline shows the sent text, read-only', async () => {
        await ui.chooseFromMenu(
          () => view.locator('.monaco-list-row[aria-level="1"]', { hasText: 'Spring campaign teaser' }).click({ button: 'right' }),
          new RegExp(`^(${nls('command.history.openTimeline').join('|')})$`));
        await page.locator('.tab', { hasText: '(sent).timeline.json' }).waitFor({ timeout: 15000 });
        await page.locator('.monaco-editor .view-lines', { hasText: 'Spring launch' }).first().waitFor({ timeout: 15000 });
      });
      await ui.closeAllEditors();
      await ui.step('Compare with Current File: the request sent beside what the file would send now', async () => {
        await ui.chooseFromMenu(
          () => view.locator('.monaco-list-row[aria-level="1"]', { hasText: 'Spring campaign teaser' }).click({ button: 'right' }),
          new RegExp(`^(${nls('command.history.compareWithCurrent').join('|')})$`));
        await page.locator('.tab', { hasText: /short\.timeline\.json.*↔/ }).first().waitFor({ timeout: 15000 });
        const diff = page.locator('.monaco-diff-editor').first();
        await diff.waitFor({ timeout: 15000 });
        // The sent Timeline had two clips and a subtitle; the file has one clip: removed lines on the left.
        await diff.locator('.editor.original .view-lines', { hasText: 'Spring launch' }).waitFor({ timeout: 15000 });
        await diff.locator('.editor.modified .view-lines', { hasText: '4b15846bcb3ea8c958fe1e7f3da85ae2' }).waitFor({ timeout: 15000 });
        assert.ok(await diff.locator('.line-delete, .char-delete').count() > 0, 'the diff marks what the file no longer sends');
      });
      await ui.closeAllEditors();
      await ui.step('Clear History (after a modal confirmation) leaves the welcome view: open a timeline first', async () => {
        // The view's overflow menu ("More Actions...") holds Clear History. The container has two views
        // (Submissions, Uploads), so each view's actions are in its own pane header, shown on hover.
        await ui.chooseFromMenu(async () => {
          await view.locator('.pane-header').first().hover();
          await view.locator('.pane-header .action-label.codicon-toolbar-more').first().click();
        }, new RegExp(`^(${nls('command.history.clear').join('|')})$`));
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ timeout: 10000 });
        await dialog.locator('.monaco-button', { hasText: new RegExp(nls('command.history.clear').join('|')) }).first().click();
        await welcomeSays(view, 'viewsWelcome.submissions.noTimeline');
      });
      await ui.step('with the history empty, the palette lists none of the item-only commands', async () => {
        /** The palette's rows for `text` (their first lines), once a row for `text` shows or `settle` ms passed. */
        const paletteRows = async (text, settle) => {
          const input = page.locator('.quick-input-widget input.input').first();
          for (let attempt = 1; ; attempt++) {
            await page.keyboard.press('F1');
            try {
              await input.waitFor({ state: 'visible', timeout: 5000 });
              break;
            } catch (err) {
              if (attempt >= 3) throw err;
            }
          }
          await input.fill(`>${text}`);
          await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: settle }).catch(() => {});
          const rows = (await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((t) => t.split('\n')[0].trim());
          await ui.escape();
          await input.waitFor({ state: 'hidden', timeout: 5000 });
          return rows;
        };
        // The palette has the extension's commands (Show Output is listed), but not these six.
        const shown = `${nls('category')[0]}: ${nls('command.showOutput')[0]}`;
        assert.ok((await paletteRows(shown, 15000)).includes(shown), `${shown} is listed`);
        const hidden = ['copyMediaId', 'copyProjectId', 'openInConsole', 'openTimeline', 'compareWithCurrent', 'remove'].flatMap((id) => nls(`command.history.${id}`).map((t) => `${nls('category')[0]}: ${t}`));
        for (const title of new Set(hidden)) {
          const rows = await paletteRows(title, 1000); // a listed command shows at once
          assert.ok(!rows.includes(title), `${title} is listed: ${JSON.stringify(rows)}`);
        }
      });
      await ui.step('with a timeline in the editor, the empty view offers Produce', async () => {
        // From the Explorer, then back to the VOD Timeline container. (Not Quick Open: its file list,
        // once filled, would miss the file the preview scenario writes later in this session.)
        await ui.openFromExplorer('short.timeline.json');
        await page.locator('.tabs-container .tab.active', { hasText: 'short.timeline.json' }).waitFor({ timeout: 15000 });
        await ui.openActivity('VOD Timeline', view.locator('.welcome-view-content'));
        await welcomeSays(view, 'viewsWelcome.submissions');
      });
      await ui.closeAllEditors();
      await ui.step('with the editor closed, it says to open a timeline again', async () => {
        await welcomeSays(view, 'viewsWelcome.submissions.noTimeline');
      });
      // Leave the sidebar as the next scenario expects it.
      await page.locator('.part.activitybar .action-item a[aria-label^="Explorer"], .part.activitybar .action-item[aria-label^="Explorer"]').first().click().catch(() => {});
    },
  },
];
