// At most 200 materials in total: counted as distinct MediaIds across every track.
import type { Rule } from './rule';

export const MATERIAL_LIMIT = 200;

export const materialsRule: Rule = {
  codes: ['limits/materials'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const seen = new Set<string>();
    let firstOver = -1;
    for (const track of m.tracks) for (const clip of track.clips) {
      if (!clip.mediaId) continue;
      if (!seen.has(clip.mediaId)) {
        seen.add(clip.mediaId);
        if (seen.size === MATERIAL_LIMIT + 1) firstOver = clip.mediaIdNode;
      }
    }
    if (seen.size <= MATERIAL_LIMIT) return;
    const tree = m.tree;
    ctx.report({ start: tree.start[firstOver], end: tree.end[firstOver], severity: 'error', code: 'limits/materials', message: ctx.t('limits.materials', { count: seen.size, limit: MATERIAL_LIMIT }) });
  },
};
