// UI scenario with workspace trust on: in an untrusted folder (Restricted Mode) Produce is refused —
// no Produce button on a timeline's editor, no enabled Produce command in the palette — while the
// language features keep working; once the folder is trusted, Produce is offered (the control that
// shows the first checks looked in the right places). Nothing is produced.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WAIT_MS } from './workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** "VOD Timeline: Produce" and "Produce", in English and Chinese (the host may run with --locale=zh-cn). */
function produceTitles() {
  const read = (f) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
  return ['package.nls.json', 'package.nls.zh-cn.json'].filter((f) => fs.existsSync(path.join(root, f))).map(read)
    .map((nls) => ({ category: nls.category, title: nls['command.produce'] }))
    .filter((t) => t.category && t.title);
}

/** The palette rows that name the Produce command (typed into F1; the palette lists enabled commands). */
async function paletteProduceRows(ui) {
  const rows = [];
  for (const { category, title } of produceTitles()) {
    await ui.page.keyboard.press('F1');
    const input = ui.page.locator('.quick-input-widget input.input').first();
    await input.waitFor({ timeout: WAIT_MS });
    await input.fill(`>${category}: ${title}`);
    // Give the palette a moment to filter; a command it lists shows at once.
    await ui.page.waitForTimeout(1500);
    const texts = await ui.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    rows.push(...texts.filter((t) => t.split('\n')[0].trim() === `${category}: ${title}`));
    // The palette as it was when judged (the step's own screenshot comes after it closes).
    await ui.screenshot(`palette ${category}: ${title}`);
    await ui.escape();
  }
  return rows;
}

/** Editor-title actions whose label is the Produce command's. */
async function editorProduceButtons(ui) {
  const labels = produceTitles().flatMap(({ category, title }) => [title, `${category}: ${title}`]);
  const actions = await ui.page.locator('.editor-actions .action-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.getAttribute('title') ?? ''));
  return actions.filter((a) => labels.some((l) => a === l || a.startsWith(`${l} (`)));
}

/**
 * Opens a fresh folder (next to the session's workspace, so no trust given to that one covers it): an
 * earlier scenario of this session may have trusted the workspace, and they all share one page.
 * Returns the URL to go back to.
 */
async function openFreshFolder(ui) {
  const folder = path.join(path.dirname(ui.folder), `untrusted-${Date.now()}`);
  fs.mkdirSync(folder, { recursive: true });
  for (const name of ['two-clips.timeline.json', 'short.timeline.json']) fs.copyFileSync(path.join(ui.folder, name), path.join(folder, name));
  const back = ui.page.url();
  const url = new URL(back);
  url.searchParams.set('folder', folder);
  await ui.open(url.toString());
  return back;
}

/** @typedef {import('./workbench.mjs').Workbench} Workbench */
/** @type {{ name: string, trust?: boolean, run: (ui: Workbench) => Promise<void> }[]} */
export const scenarios = [
  {
    name: 'trust: Produce refused in an untrusted folder',
    trust: false,
    async run(ui) {
      let back;
      await ui.step('a new folder opens in Restricted Mode', async () => {
        back = await openFreshFolder(ui);
        await ui.waitForRestrictedMode();
      });
      await ui.step('a timeline opens with the language features (untrusted folders keep them)', async () => {
        await ui.openFromExplorer('two-clips.timeline.json');
        assert.equal(await ui.waitForLanguageMode('VOD Timeline'), 'VOD Timeline');
        // The extension's other commands are registered: Show Output is in the palette.
        await ui.runCommand('VOD Timeline: Show Output');
        await ui.waitForOutputChannel('VOD Timeline');
        await ui.runCommand('View: Hide Panel');
      });
      await ui.step('no Produce button on the timeline editor', async () => {
        assert.deepEqual(await editorProduceButtons(ui), []);
      });
      await ui.step('the command palette offers no Produce', async () => {
        assert.deepEqual(await paletteProduceRows(ui), []);
      });
      await ui.step('trusting the folder offers Produce (button and palette)', async () => {
        await ui.trustFolder();
        await ui.openFromExplorer('two-clips.timeline.json');
        await ui.waitForLanguageMode('VOD Timeline');
        await ui.page.waitForFunction(() => document.querySelectorAll('.editor-actions .action-label').length > 0, null, { timeout: WAIT_MS });
        const deadline = Date.now() + WAIT_MS;
        let buttons = [];
        while (!(buttons = await editorProduceButtons(ui)).length && Date.now() < deadline) await ui.page.waitForTimeout(500);
        assert.ok(buttons.length > 0, 'a Produce button once trusted');
        assert.ok((await paletteProduceRows(ui)).length > 0, 'Produce in the palette once trusted');
      });
      await ui.closeAllEditors();
      await ui.step('back to the session\'s workspace', () => ui.open(back));
    },
  },
];
