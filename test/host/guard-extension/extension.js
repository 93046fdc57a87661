// Test-only extension, copied into every host-test code-server's extensions folder by
// scripts/host/run.mjs. The loopback guard (test/host/loopback-only.cjs) reaches the extension hosts
// on code-server's command line (--require): this extension says whether it did, so a UI session can
// fail when its extension host runs unguarded (the "loopback guard" step in run.mjs).
// If the guard is missing it installs it on activation ("*": with the first extensions, but VS Code
// may activate an extension whose event arrived earlier before it), and still reports "not preloaded".
'use strict';
const vscode = require('vscode');

const MARK = Symbol.for('vod-timeline.loopback-guard');

function activate(context) {
  const found = globalThis[MARK];
  if (!found && process.env.VOD_TIMELINE_LOOPBACK_GUARD) require(process.env.VOD_TIMELINE_LOOPBACK_GUARD);
  const status = () => {
    const guard = globalThis[MARK];
    return {
      pid: process.pid,
      installed: Boolean(guard),
      preloaded: Boolean(guard?.preloaded),
      installedBy: !guard ? null : guard.preloaded ? 'preload' : found ? 'require before this extension' : 'this extension',
      networkLog: process.env.VOD_TIMELINE_NETWORK_LOG ?? null,
    };
  };
  context.subscriptions.push(vscode.commands.registerCommand('vodTimelineTest.loopbackGuard.status', () => {
    const s = status();
    // Read back by the UI step from the notification center; the text is for the runner, not users.
    const text = s.preloaded
      ? `Loopback guard: preloaded in extension host ${s.pid}`
      : `Loopback guard: NOT preloaded in extension host ${s.pid} (${s.installed ? `installed by ${s.installedBy}` : 'not installed'})`;
    void vscode.window.showInformationMessage(text);
    return s;
  }));
}

module.exports = { activate, deactivate() {} };
