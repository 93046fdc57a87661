// Output resolution: each side 128–4096 px, and the shorter side at most 2160 px (seed page). A size of
// 0 is an unset field, not a size: a hint of its own.
import { readNumber } from '../model';
import { unsetFix } from '../unset';
import type { Rule } from './rule';

export const MIN_SIDE = 128;
export const MAX_SIDE = 4096;
export const MAX_SHORT_SIDE = 2160;

export const resolutionRule: Rule = {
  codes: ['limits/resolution', 'limits/resolution-zero'],
  run(ctx) {
    const { doc, t } = ctx;
    // As an object or inside its JSON string (the SDK's request form): the same limits.
    const ref = doc.param('ProduceConfig');
    if (!ref) return;
    const { tree, node: config } = ref;
    const target = { tree, embedded: ref.embedded };
    const wNode = tree.get(config, 'Width');
    const hNode = tree.get(config, 'Height');
    const w = readNumber(tree, wNode);
    const h = readNumber(tree, hNode);
    for (const [key, node, v] of [['Width', wNode, w], ['Height', hNode, h]] as const) {
      if (v === 0) {
        // An unset Go int: the field reports say such productions worked (docs/serializations.md §6.2).
        ctx.supersede(tree.start[node], tree.end[node], 'schema/range');
        ctx.report(unsetFix({ start: tree.start[node], end: tree.end[node], severity: 'hint', code: 'limits/resolution-zero', tags: ['unnecessary'], message: t('limits.resolutionZero', { key }) }, target, [node], t('fix.removeProperty', { key })));
        continue;
      }
      if (v === undefined || (v >= MIN_SIDE && v <= MAX_SIDE)) continue;
      ctx.supersede(tree.start[node], tree.end[node], 'schema/range');
      ctx.report({ start: tree.start[node], end: tree.end[node], severity: 'error', code: 'limits/resolution', message: t('schema.range', { key, min: MIN_SIDE, max: MAX_SIDE, unit: t('unit.px'), value: v }) });
    }
    if (w !== undefined && h !== undefined && w > 0 && h > 0 && Math.min(w, h) > MAX_SHORT_SIDE && w <= MAX_SIDE && h <= MAX_SIDE) {
      const node = w <= h ? wNode : hNode;
      ctx.report({ start: tree.outerStart(node), end: tree.end[node], severity: 'error', code: 'limits/resolution', message: t('limits.resolutionShortSide', { size: Math.min(w, h), limit: MAX_SHORT_SIDE }) });
    }
  },
};
