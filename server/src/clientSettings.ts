// The client's `vodTimeline.*` settings as the server uses them. They arrive as JSON from three places
// (initializationOptions, workspace/configuration, didChangeConfiguration) and from any LSP client, so
// each field is kept only when it has its type: a region that was a number reached the rules and threw
// there (found by the LSP fuzz).

import type { ClientSettings } from './protocol';

/** The longest debounce taken from the settings (ms); VS Code's own setting allows far less. */
const MAX_DELAY_MS = 60_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The well-typed fields of `raw`; everything else is dropped (and its default applies). */
export function clientSettings(raw: unknown): ClientSettings {
  const out: ClientSettings = {};
  if (!isObject(raw)) return out;
  if (typeof raw.region === 'string') out.region = raw.region;
  if (isObject(raw.validation)) {
    const v = raw.validation;
    const validation: NonNullable<ClientSettings['validation']> = {};
    if (typeof v.delay === 'number' && Number.isFinite(v.delay)) validation.delay = Math.min(Math.max(v.delay, 0), MAX_DELAY_MS);
    if (v.workspace === 'all' || v.workspace === 'openFiles') validation.workspace = v.workspace;
    if (typeof v.maxFiles === 'number' && Number.isSafeInteger(v.maxFiles) && v.maxFiles >= 0) validation.maxFiles = v.maxFiles;
    out.validation = validation;
  }
  if (isObject(raw.cloud)) {
    const cloud: NonNullable<ClientSettings['cloud']> = {};
    if (typeof raw.cloud.enabled === 'boolean') cloud.enabled = raw.cloud.enabled;
    if (typeof raw.cloud.checks === 'boolean') cloud.checks = raw.cloud.checks;
    out.cloud = cloud;
  }
  if (isObject(raw.inlayHints) && typeof raw.inlayHints.enabled === 'boolean') out.inlayHints = { enabled: raw.inlayHints.enabled };
  return out;
}
