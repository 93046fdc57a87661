// ProduceEditingProjectVideo takes its JSON parameters as strings (ProduceParams): tests that build
// timelines as objects serialize them here, as the service does for a real document.
import type { ProduceParams } from '../../server/src/service';

const JSON_PARAMS = new Set(['Timeline', 'ProduceConfig', 'MediaMetadata', 'UserData']);

export function wire(request: Record<string, unknown>): ProduceParams {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(request)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' || !JSON_PARAMS.has(k) ? String(v) : JSON.stringify(v);
  }
  return out as ProduceParams;
}
