// Output resolution: each side 128–4096 px, and the shorter side at most 2160 px (seed page).
import { NodeKind, NONE } from '../json/parser';
import { readNumber } from '../model';
import type { Rule } from './rule';

export const MIN_SIDE = 128;
export const MAX_SIDE = 4096;
export const MAX_SHORT_SIDE = 2160;

export const resolutionRule: Rule = {
  codes: ['limits/resolution'],
  run(ctx) {
    const { doc, t } = ctx;
    if (doc.form !== 'produce') return;
    const tree = doc.tree;
    const root = tree.root;
    const config = root === NONE ? NONE : tree.get(root, 'ProduceConfig');
    if (config === NONE || tree.kind[config] !== NodeKind.Object) return;
    const wNode = tree.get(config, 'Width');
    const hNode = tree.get(config, 'Height');
    const w = readNumber(tree, wNode);
    const h = readNumber(tree, hNode);
    for (const [key, node, v] of [['Width', wNode, w], ['Height', hNode, h]] as const) {
      if (v === undefined || (v >= MIN_SIDE && v <= MAX_SIDE)) continue;
      ctx.supersede(tree.start[node], tree.end[node], 'schema/range');
      ctx.report({ start: tree.start[node], end: tree.end[node], severity: 'error', code: 'limits/resolution', message: t('schema.range', { key, min: MIN_SIDE, max: MAX_SIDE, unit: t('unit.px'), value: v }) });
    }
    if (w !== undefined && h !== undefined && Math.min(w, h) > MAX_SHORT_SIDE && w <= MAX_SIDE && h <= MAX_SIDE) {
      const node = w <= h ? wNode : hNode;
      ctx.report({ start: tree.outerStart(node), end: tree.end[node], severity: 'error', code: 'limits/resolution', message: t('limits.resolutionShortSide', { size: Math.min(w, h), limit: MAX_SHORT_SIDE }) });
    }
  },
};
