// MediaMetadata limits (VOD docs): Title ≤ 128 bytes, Description ≤ 1024 bytes, ≤ 16 Tags of ≤ 32 bytes each.
import { NodeKind, NONE } from '../json/parser';
import { utf8Length } from '../values';
import type { Rule } from './rule';

const LIMITS: [string, number][] = [['Title', 128], ['Description', 1024]];
const MAX_TAGS = 16;
const MAX_TAG_BYTES = 32;

export const mediaMetadataRule: Rule = {
  codes: ['limits/media-metadata'],
  run(ctx) {
    const { doc, t } = ctx;
    // As an object or inside its JSON string (the SDK's request form): the same limits.
    const ref = doc.param('MediaMetadata');
    if (!ref) return;
    const { tree, node: meta } = ref;
    for (const [key, limit] of LIMITS) {
      const n = tree.get(meta, key);
      if (n === NONE || tree.kind[n] !== NodeKind.String) continue;
      const length = utf8Length(tree.strs[n]!);
      if (length > limit) ctx.report({ start: tree.start[n], end: tree.end[n], severity: 'error', code: 'limits/media-metadata', message: t('limits.bytes', { key, length, limit }) });
    }
    const tags = tree.get(meta, 'Tags');
    if (tags === NONE || tree.kind[tags] !== NodeKind.String) return;
    const list = tree.strs[tags]!.split(',').map((s) => s.trim()).filter(Boolean);
    const at = { start: tree.start[tags], end: tree.end[tags], severity: 'error' as const, code: 'limits/media-metadata' };
    if (list.length > MAX_TAGS) ctx.report({ ...at, message: t('limits.tagCount', { count: list.length, limit: MAX_TAGS }) });
    for (const tag of list) {
      const length = utf8Length(tag);
      if (length > MAX_TAG_BYTES) ctx.report({ ...at, message: t('limits.tagBytes', { tag, length, limit: MAX_TAG_BYTES }) });
    }
  },
};
