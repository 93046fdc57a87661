// UI smoke scenarios. Each is one function that gets the session's Workbench driver (workbench.mjs);
// all trusted scenarios share one browser page, in this order, so keep each one self-contained: start
// from "no editors open" and close what you open. A scenario with `trust: false` runs in a second
// code-server started without --disable-workspace-trust, where the folder stays untrusted (Restricted
// Mode). Add a scenario by appending to `scenarios`; run it alone with
// `npm run test:host -- --only=ui --grep "<its name>"`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WAIT_MS } from './workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** "Category: Title" as the palette shows it, from the manifest, so a renamed title fails no test here. */
function commandTitle(id) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  const text = (s) => (s ?? '').replace(/^%(.+)%$/, (_, key) => nls[key] ?? key);
  const command = manifest.contributes.commands.find((c) => c.command === id);
  if (!command) throw new Error(`${id} is not contributed`);
  return command.category ? `${text(command.category)}: ${text(command.title)}` : text(command.title);
}

/** @typedef {import('./workbench.mjs').Workbench} Workbench */
/** @type {{ name: string, trust?: boolean, run: (ui: Workbench) => Promise<void> }[]} */
export const scenarios = [
  {
    name: 'timeline file',
    async run(ui) {
      await ui.step('workbench shows the workspace', async () => {
        // An earlier scenario may have left another view container in the side bar.
        await ui.runCommand('View: Show Explorer');
        await ui.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'short.timeline.json' }).waitFor({ timeout: WAIT_MS });
      });
      await ui.step('open short.timeline.json from the explorer', () => ui.openFromExplorer('short.timeline.json'));
      await ui.step('status bar language mode is VOD Timeline', async () => {
        assert.equal(await ui.waitForLanguageMode('VOD Timeline'), 'VOD Timeline');
      });
      await ui.step('foo.json stays JSON', async () => {
        await ui.openFromExplorer('foo.json');
        assert.equal(await ui.waitForLanguageMode('JSON'), 'JSON');
      });
      await ui.closeAllEditors();
    },
  },
  {
    name: 'command palette',
    async run(ui) {
      await ui.openFromExplorer('two-clips.timeline.json');
      // The language mode shows once the extension's contributions are registered.
      await ui.waitForLanguageMode('VOD Timeline');
      await ui.step('F1 runs Change Language Mode', async () => {
        await ui.runCommand('Change Language Mode');
        await ui.filterQuickPick('VOD');
        const items = await ui.quickPickItems();
        assert.ok(items.some((t) => t.includes('VOD Timeline')), `language picker lists VOD Timeline: ${JSON.stringify(items)}`);
      });
      await ui.escape();
      await ui.step('F1 lists and runs the extension\'s own Show Output command', async () => {
        const title = commandTitle('vodTimeline.showOutput');
        await ui.runCommand(title);
        await ui.waitForOutputChannel('VOD Timeline');
      });
      await ui.runCommand('View: Hide Panel');
      await ui.closeAllEditors();
    },
  },
  {
    name: 'restricted mode',
    trust: false,
    async run(ui) {
      await ui.step('untrusted folder opens in Restricted Mode', () => ui.waitForRestrictedMode());
      await ui.step('timeline file opens in Restricted Mode', async () => {
        await ui.openFromExplorer('short.timeline.json');
        await ui.waitForLanguageMode('VOD Timeline');
      });
      await ui.closeAllEditors();
      await ui.step('trusting the folder leaves Restricted Mode', () => ui.trustFolder());
      await ui.closeAllEditors();
    },
  },
];
