// TimelineIn ≥ TimelineOut: the clip occupies no time on the output.
import { NONE } from '../json/parser';
import type { Rule } from './rule';

export const timelineInOutRule: Rule = {
  codes: ['timing/timeline-in-not-before-out'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    for (const track of m.tracks) {
      for (const clip of track.clips) {
        if (clip.timelineIn === undefined || clip.timelineOut === undefined || clip.timelineIn < clip.timelineOut) continue;
        const a = tree.get(clip.node, 'TimelineIn');
        const b = tree.get(clip.node, 'TimelineOut');
        if (a === NONE || b === NONE) continue;
        ctx.report({
          start: tree.outerStart(a), end: tree.end[a], severity: 'error', code: 'timing/timeline-in-not-before-out',
          message: ctx.t('timing.timelineInNotBeforeOut', { in: clip.timelineIn, out: clip.timelineOut }),
          related: [{ start: tree.outerStart(b), end: tree.end[b], message: `TimelineOut ${clip.timelineOut}` }],
        });
      }
    }
  },
};
