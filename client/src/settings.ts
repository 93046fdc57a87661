// Typed access to every `vodTimeline.*` setting: `setting('preview.updateDelay')`. The defaults live in
// one place, package.json (read from the running extension's manifest, not repeated here); a value of
// the wrong type or out of its declared range reads as the default. Scopes are declared there too: the
// settings that decide where requests and credentials go are application-scoped, so a cloned
// repository's workspace settings cannot redirect them.
import vscode = require('vscode');
import { checkedValue, SECTION, type SettingKey, type SettingSchema, type SettingTypes } from './settingsModel';

export { SECTION };

let manifest: Record<string, SettingSchema> = {};

/** Called once at activation with the extension's manifest (context.extension.packageJSON). */
export function initSettings(packageJSON: { contributes?: { configuration?: { properties?: Record<string, SettingSchema> } } }): void {
  manifest = packageJSON.contributes?.configuration?.properties ?? {};
}

/** The setting's value (for `scope`, when it is resource-scoped), checked against package.json. */
export function setting<K extends SettingKey>(key: K, scope?: vscode.Uri): SettingTypes[K] {
  const value = vscode.workspace.getConfiguration(SECTION, scope).get<unknown>(key);
  return checkedValue<K>(manifest[`${SECTION}.${key}`], value);
}

/** Whether a configuration change touches `key` (or, with several, any of them). */
export function affects(e: vscode.ConfigurationChangeEvent, ...keys: SettingKey[]): boolean {
  return keys.some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}

/** Writes a user (global) setting. */
export function updateSetting<K extends SettingKey>(key: K, value: SettingTypes[K] | undefined): Thenable<void> {
  return vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

/** What the language server reads: a plain object, sent at start and on every change. */
export function serverSettings(): Record<string, unknown> {
  return {
    region: setting('region'),
    validation: { delay: setting('validation.delay'), workspace: setting('validation.workspace'), maxFiles: setting('validation.maxFiles') },
    cloud: { enabled: setting('cloud.enabled'), checks: setting('cloud.checks') },
    inlayHints: { enabled: setting('inlayHints.enabled') },
  };
}
