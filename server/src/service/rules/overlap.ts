// Overlapping clips on one video or audio track. A Transition overlaps on purpose (the next clip is
// pulled in by its Duration), so only overlap beyond that is reported.
import type { Rule } from './rule';

const EPSILON = 1e-6;

export const overlapRule: Rule = {
  codes: ['timing/overlap'],
  run(ctx) {
    const layout = ctx.layout();
    if (!layout || !ctx.model) return;
    const tree = ctx.model.tree;
    for (const tl of layout.tracks) {
      if (tl.track.kind !== 'video' && tl.track.kind !== 'audio') continue;
      if (tl.track.type === 'Effect') continue;
      let prev: (typeof tl.clips)[number] | undefined;
      for (const c of tl.clips) {
        if (c.start === null || c.end === null) { prev = undefined; continue; }
        if (prev && prev.end !== null && prev.start !== null && c.start < prev.end - prev.transition - EPSILON && c.end > prev.start + EPSILON) {
          const node = c.clip.node;
          ctx.report({
            start: tree.start[node], end: Math.min(tree.end[node], tree.start[node] + 1), severity: 'warning', code: 'timing/overlap',
            message: ctx.t('timing.overlap', { start: c.start, end: c.end, prevStart: prev.start, prevEnd: prev.end }),
            related: [{ start: tree.start[prev.clip.node], end: tree.start[prev.clip.node] + 1, message: `${prev.start}–${prev.end} s` }],
          });
        }
        if (!prev || prev.end === null || c.end >= prev.end) prev = c;
      }
    }
  },
};
