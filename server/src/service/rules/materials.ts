// At most 200 materials in total: counted as distinct MediaIds across every track.
import type { Rule } from './rule';

export const MATERIAL_LIMIT = 200;

export const materialsRule: Rule = {
  codes: ['limits/materials'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    // The first clip of each distinct MediaId, in document order, from the model's pass (ClipLists).
    const firsts = m.lists.firstOfMediaId;
    if (firsts.length <= MATERIAL_LIMIT) return;
    const firstOver = firsts[MATERIAL_LIMIT].mediaIdNode;
    const tree = m.tree;
    ctx.report({ start: tree.start[firstOver], end: tree.end[firstOver], severity: 'error', code: 'limits/materials', message: ctx.t('limits.materials', { count: firsts.length, limit: MATERIAL_LIMIT }) });
  },
};
