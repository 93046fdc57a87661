// Helpers for UI scenarios that talk to a local VOD emulator: the emulator itself (bundled from source),
// the user settings written through VS Code's settings editor, the AccessKey through "Set Access Key".
// No scenarios here (scripts/host/run.mjs loads every .mjs of this folder and finds none in this one).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { WAIT_MS } from './workbench.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The emulator from source, bundled once for this Node process (the scenarios are plain .mjs). */
let emulatorModule;
export async function loadEmulator() {
  if (emulatorModule) return emulatorModule;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vth-emu-')), 'emulator.cjs');
  await esbuild.build({
    absWorkingDir: root, entryPoints: ['emulator/src/index.ts'], bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', outfile: out, logLevel: 'error', mainFields: ['module', 'main'],
  });
  emulatorModule = createRequire(import.meta.url)(out);
  return emulatorModule;
}

/** The user settings file of this session's code-server (the layout scripts/host/run.mjs gives it). */
export function userSettingsFile(ui) {
  const run = path.resolve(ui.folder, '..', '..');
  const file = path.join(run, `s-${ui.session}`, 'user-data', 'User', 'settings.json');
  if (!fs.existsSync(path.dirname(file))) throw new Error(`no user data at ${path.dirname(file)}: has scripts/host/run.mjs changed its layout?`);
  return file;
}

/**
 * The session's user settings with `settings` added, as the JSON text a scenario types into the settings
 * editor in place of the file's. The runner's own settings stay: with the whole file replaced by a few
 * keys, `chat.disableAIFeatures` and `telemetry.telemetryLevel` went, Copilot Chat activated in the
 * extension host and tried to reach Microsoft's telemetry and experiment services (the loopback guard
 * caught it). Read as leniently as VS Code reads it (a scenario's earlier edit can leave a stray brace at
 * the end); an empty file is mid-write (a theme toggle): read again, for a bounded time. Call it before
 * the editor empties the file: an auto-save can write the empty text.
 */
export async function userSettingsText(ui, settings) {
  const file = userSettingsFile(ui);
  const { parse } = createRequire(import.meta.url)('jsonc-parser');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const now = parse(fs.readFileSync(file, 'utf8'), [], { allowTrailingComma: true });
    if (now && typeof now === 'object' && !Array.isArray(now) && Object.keys(now).length) return JSON.stringify({ ...now, ...settings }, null, 2);
    if (Date.now() > deadline) throw new Error(`the user settings (${file}) held no settings for 10 s: ${JSON.stringify(fs.readFileSync(file, 'utf8').slice(0, 200))}`);
    await ui.page.waitForTimeout(200);
  }
}

/**
 * Adds `settings` to the session's user settings through the settings JSON editor, as a user does (VS
 * Code applies them at once; a write to the file is noticed only when its watcher fires), keeping the
 * runner's settings. Checked on disk: the values are there and the file has no syntax error. Typing
 * into that editor can leave a stray brace at the end, which VS Code reads leniently but then refuses to
 * write into ("Unable to write into user settings"): the Settings editor of a later scenario could then
 * change nothing. Such a file is written again whole, with the same values.
 */
export async function typeUserSettings(ui, settings) {
  const page = ui.page;
  const file = userSettingsFile(ui);
  const { parse } = createRequire(import.meta.url)('jsonc-parser');
  const check = () => {
    const errors = [];
    let now;
    try { now = parse(fs.readFileSync(file, 'utf8'), errors, { allowTrailingComma: true }); } catch { return 'unreadable'; }
    if (!now || typeof now !== 'object') return 'not an object';
    const missing = Object.entries(settings).filter(([k, v]) => JSON.stringify(now[k]) !== JSON.stringify(v)).map(([k]) => k);
    if (missing.length) return `without ${missing.join(', ')}`;
    return errors.length ? 'syntax' : 'ok';
  };
  for (let attempt = 1; ; attempt++) {
    const text = await userSettingsText(ui, settings);
    await ui.runCommand('Preferences: Open User Settings (JSON)');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ timeout: WAIT_MS });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // Typed text gets auto-closed brackets and quotes; inserting it as one piece mostly does not.
    await page.keyboard.insertText(text);
    await page.keyboard.press('ControlOrMeta+S');
    await page.locator('.tabs-container .tab.active:not(.dirty)').waitFor({ timeout: WAIT_MS });
    await ui.closeAllEditors();
    await page.waitForTimeout(1500);
    let state = check();
    if (state === 'syntax') {
      fs.writeFileSync(file, text);
      await page.waitForTimeout(1500);
      state = check();
    }
    if (state === 'ok') return;
    if (attempt >= 3) assert.fail(`the user settings (${file}) are ${state} after ${attempt} attempts: ${JSON.stringify(fs.readFileSync(file, 'utf8').slice(0, 300))}`);
  }
}

/**
 * Sets user settings of this session in its settings file (VS Code watches it and applies the change;
 * `undefined` removes a key). The produce scenario writes them through the settings editor, as a user
 * does; scenarios that only need settings in place write the file.
 */
export async function writeUserSettings(ui, settings) {
  const file = userSettingsFile(ui);
  const read = () => { try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return {}; } };
  const holds = () => { const now = read(); return Object.entries(settings).every(([k, v]) => JSON.stringify(now[k]) === JSON.stringify(v)); };
  // The workbench writes this file too (a theme toggle stores workbench.colorTheme, a moment later): the
  // values are merged into what is there, checked after a while, and written again if overwritten.
  for (let attempt = 1; ; attempt++) {
    const next = { ...read(), ...settings };
    for (const [k, v] of Object.entries(settings)) if (v === undefined) delete next[k];
    fs.writeFileSync(file, JSON.stringify(next, null, 2));
    await ui.page.waitForTimeout(1500);
    if (holds()) return;
    if (attempt >= 4) assert.fail(`the user settings (${file}) do not keep ${JSON.stringify(settings)}: ${fs.readFileSync(file, 'utf8')}`);
  }
}

/** Opens the notification center and waits until an entry matches (entries arrive while it is open). */
export async function waitForNotification(ui, pattern) {
  await ui.runCommand('Notifications: Show Notifications');
  const item = ui.page.locator('.notifications-center .notification-list-item', { hasText: pattern }).first();
  await item.waitFor({ timeout: WAIT_MS });
  return item.innerText();
}

/** "VOD Timeline: Set Access Key" through its three input boxes; the secret is never shown. */
export async function setAccessKey(ui, id, secret) {
  await ui.runCommand('VOD Timeline: Set Access Key');
  const input = ui.page.locator('.quick-input-widget input.input').first();
  // One input box after the other, each titled "(n/3)": wait for the box before typing into it.
  for (const [i, value] of [id, secret, ''].entries()) {
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: `(${i + 1}/3)` }).waitFor({ timeout: WAIT_MS });
    await input.fill(value);
    await ui.page.keyboard.press('Enter');
  }
  // The palette opened too early would replace the last box, which cancels it: nothing saved.
  await ui.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT_MS });
  await waitForNotification(ui, /Access Key saved|AccessKey 已保存/);
  const texts = await ui.page.locator('.notifications-center .notification-list-item').allInnerTexts();
  assert.ok(!texts.some((t) => t.includes(secret)), 'the secret is never shown');
  await ui.escape();
}
