// Every `vodTimeline.*` setting the extension reads, with its type: the one list (package.json declares
// each setting's default, scope and description; a test keeps the two equal). Pure: no `vscode`, so
// the value checks are unit-tested. client/src/settings.ts reads values through this.

export interface SettingTypes {
  region: string;
  'validation.delay': number;
  'validation.workspace': 'all' | 'openFiles';
  'validation.maxFiles': number;
  'trace.server': 'off' | 'messages' | 'verbose';
  endpoint: string;
  appId: string;
  profile: string;
  'credentials.allowEcsMetadata': boolean;
  'produce.confirm': boolean;
  'produce.timeoutSeconds': number;
  'history.maxEntries': number;
  'history.pollStatus': boolean;
  'history.notifyOnFinish': boolean;
  'cloud.enabled': boolean;
  'cloud.checks': boolean;
  'cloud.confirmSave': boolean;
  'preview.updateDelay': number;
  'preview.playMedia': boolean;
  'codeLens.enabled': boolean;
  'inlayHints.enabled': boolean;
  'upload.storageLocation': string;
  'upload.cateId': number;
}

export type SettingKey = keyof SettingTypes;

export const SECTION = 'vodTimeline';

/** The keys, for the test that compares them with package.json. */
export const SETTING_KEYS: readonly SettingKey[] = [
  'region', 'validation.delay', 'validation.workspace', 'validation.maxFiles', 'trace.server', 'endpoint', 'appId', 'profile',
  'credentials.allowEcsMetadata', 'produce.confirm', 'produce.timeoutSeconds', 'history.maxEntries', 'history.pollStatus',
  'history.notifyOnFinish', 'cloud.enabled', 'cloud.checks', 'cloud.confirmSave', 'preview.updateDelay', 'preview.playMedia', 'codeLens.enabled',
  'inlayHints.enabled', 'upload.storageLocation', 'upload.cateId',
];

/** What package.json says of a setting (the part the checks use). */
export interface SettingSchema {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

/**
 * `value` if it fits the declared schema, else the declared default: a hand-edited settings.json with
 * "validation.delay": "fast" or a region of "shanghai" must not reach the server or the VOD client.
 */
export function checkedValue<K extends SettingKey>(schema: SettingSchema | undefined, value: unknown): SettingTypes[K] {
  const fallback = schema?.default as SettingTypes[K];
  if (value === undefined || value === null || !schema) return fallback;
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return fallback;
      if (schema.enum && !schema.enum.includes(value)) return fallback;
      if (schema.pattern && value !== '' && !new RegExp(schema.pattern).test(value)) return fallback;
      return value as SettingTypes[K];
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
      if (schema.minimum !== undefined && value < schema.minimum) return fallback;
      if (schema.maximum !== undefined && value > schema.maximum) return fallback;
      return value as SettingTypes[K];
    case 'boolean':
      return (typeof value === 'boolean' ? value : fallback) as SettingTypes[K];
    default:
      return value as SettingTypes[K];
  }
}
