// UI smoke scenarios. Each is one function that gets the session's Workbench driver (workbench.mjs);
// all trusted scenarios share one browser page, in this order, so keep each one self-contained: start
// from "no editors open" and close what you open. A scenario with `trust: false` runs in a second
// code-server started without --disable-workspace-trust, where the folder stays untrusted (Restricted
// Mode). Add a scenario by appending to `scenarios`; run it alone with
// `npm run test:host -- --only=ui --grep "<its name>"`.
import assert from 'node:assert/strict';

/** @typedef {import('./workbench.mjs').Workbench} Workbench */
/** @type {{ name: string, trust?: boolean, run: (ui: Workbench) => Promise<void> }[]} */
export const scenarios = [
  {
    name: 'timeline file',
    async run(ui) {
      await ui.step('workbench shows the workspace', async () => {
        await ui.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'short.timeline.json' }).waitFor({ timeout: 30000 });
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
      await ui.step('F1 runs Change Language Mode', async () => {
        await ui.runCommand('Change Language Mode');
        await ui.filterQuickPick('VOD');
        const items = await ui.quickPickItems();
        assert.ok(items.some((t) => t.includes('VOD Timeline')), `language picker lists VOD Timeline: ${JSON.stringify(items)}`);
      });
      await ui.escape();
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
