// Both ends written on the output and both ends in the source: if they disagree, the service cuts
// or pads the clip, which is rarely what was meant.
import { NONE } from '../json/parser';
import { ClipKey, clipNode } from '../model';
import type { Rule } from './rule';

const TOLERANCE = 0.05; // seconds: about one frame at 24 fps, below what anyone would notice

export const durationMismatchRule: Rule = {
  codes: ['timing/duration-mismatch'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    // Only the clips whose two spans differ at all, from the model's pass (ClipLists).
    for (const clip of m.lists.spanMismatch) {
      if (clip.track.kind !== 'video' && clip.track.kind !== 'audio') continue;
      const { in: i, out: o, timelineIn: a, timelineOut: b } = clip;
      if (i === undefined || o === undefined || a === undefined || b === undefined) continue;
      if (o <= i || b <= a) continue; // reported by the in/out rules
      if (clip.type === 'Image') continue;
      const speed = clip.speed !== undefined && clip.speed > 0 ? clip.speed : 1;
      const source = (o - i) / speed;
      const span = b - a;
      if (Math.abs(source - span) <= TOLERANCE) continue;
      const n = clipNode(m, clip, ClipKey.TimelineOut);
      if (n === NONE) continue;
      ctx.report({
        start: tree.outerStart(n), end: tree.end[n], severity: 'warning', code: 'timing/duration-mismatch',
        message: ctx.t('timing.durationMismatch', { span: round(span), source: round(source) }),
      });
    }
  },
};

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
