// Inlay hints as the editor draws them: after each clip's `{` of two-clips.timeline.json (two video
// clips without TimelineIn, one audio clip), the place on the output the layout computed. The step's
// screenshot shows them. Run alone: `npm run test:host -- --only=ui --grep "inlay hints"`.
import assert from 'node:assert/strict';
import { WAIT_MS } from './workbench.mjs';

/** @typedef {import('./workbench.mjs').Workbench} Workbench */
/** @type {{ name: string, trust?: boolean, run: (ui: Workbench) => Promise<void> }[]} */
export const scenarios = [
  {
    name: 'inlay hints',
    async run(ui) {
      await ui.openFromExplorer('two-clips.timeline.json');
      await ui.waitForLanguageMode('VOD Timeline');
      await ui.step('each computed clip shows where it lands, after its {', async () => {
        // The editor draws a hint's label as text or as CSS content of an injected span, depending on the
        // version: both are read. The host's language decides the unit: "5–11 s (6 s)", or "5–11 秒（6 秒）".
        const labels = () => {
          const out = [];
          for (const e of document.querySelectorAll('.view-line span')) {
            if (e.children.length) continue;
            for (const t of [e.textContent ?? '', getComputedStyle(e, '::before').content, getComputedStyle(e, '::after').content]) {
              const m = /(\d+–\d+ (?:s \(\d+ s\)|秒（\d+ 秒）))/.exec(t.replace(/\u00a0/g, ' '));
              if (m) out.push(m[1]);
            }
          }
          return out;
        };
        const handle = await ui.page.waitForFunction(`(${labels})().length >= 3 ? (${labels})() : false`, undefined, { timeout: WAIT_MS });
        const found = await handle.jsonValue();
        const zh = found.some((l) => l.includes('秒'));
        const want = zh ? ['0–5 秒（5 秒）', '5–11 秒（6 秒）', '0–11 秒（11 秒）'] : ['0–5 s (5 s)', '5–11 s (6 s)', '0–11 s (11 s)'];
        assert.deepEqual(found, want);
      });
      await ui.closeAllEditors();
    },
  },
];
