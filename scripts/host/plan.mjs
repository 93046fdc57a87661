// How many tests the host stage means to run, known before any host starts: so that a host that never
// comes up, or dies halfway, leaves its tests counted as "not run" instead of as one failure.
//   integration: the bundled suites are loaded by a mocha in dry-run mode in plain Node, with `vscode`
//                replaced by an inert stand-in (suites only register tests at load time; no test body
//                runs), with the same --grep the host applies.
//   ui:          each scenario's `ui.step(` calls in its source, plus "workbench loads" and "loopback
//                guard in the extension host" per session.
//                scripts/host/run.mjs checks the count against what a passing scenario actually ran, so a
//                step hidden in a helper cannot silently fall out of the plan.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** A value that answers every property access, call and `new` with itself: enough for module-level code. */
function inert() {
  const target = function () {};
  return new Proxy(target, {
    get: (_, key) => (key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : inert()),
    apply: () => inert(),
    construct: () => inert(),
  });
}

/** Number of integration tests in the bundled suites (out/host-tests/suite/*.test.js) that `grep` selects. */
export async function planIntegration(suiteDir, grep) {
  const require = createRequire(import.meta.url);
  const Module = require('node:module');
  const Mocha = require('mocha');
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? inert() : load.call(this, request, ...rest);
  };
  try {
    const mocha = new Mocha({ ui: 'tdd', dryRun: true, reporter: function Silent() {} });
    if (grep) mocha.grep(new RegExp(grep));
    for (const f of fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(suiteDir, f));
    return await new Promise((resolve) => {
      const runner = mocha.run(() => undefined);
      runner.once('start', () => resolve(runner.total));
    });
  } finally {
    Module._load = load;
    // The suites' own mocha globals stay registered otherwise; the host process loads them afresh.
    for (const key of Object.keys(require.cache)) if (key.startsWith(suiteDir)) delete require.cache[key];
  }
}

/** The steps a scenario's source names: `ui.step(` calls in its run function. */
export function plannedSteps(scenario) {
  return (scenario.run.toString().match(/\bui\.step\(/g) ?? []).length;
}

/** Every scenario of test/host/ui/*.mjs (but workbench.mjs, the driver), in file order. */
export async function loadScenarios(root, grep) {
  const dir = path.join(root, 'test/host/ui');
  const all = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.mjs') && f !== 'workbench.mjs').sort()) {
    const mod = await import(pathToFileURL(path.join(dir, file)).href);
    for (const s of mod.scenarios ?? []) all.push({ ...s, file, planned: plannedSteps(s) });
  }
  const re = grep ? new RegExp(grep) : null;
  return all.filter((s) => !re || re.test(s.name));
}

/** The UI part's plan: each session's two steps of its own (run.mjs's runUi) plus its scenarios' steps. */
export function planUi(scenarios) {
  const sessions = new Set(scenarios.map((s) => (s.trust === false ? 'untrusted' : 'trusted')));
  return 2 * sessions.size + scenarios.reduce((n, s) => n + s.planned, 0);
}
