// TimelineIn ≥ TimelineOut: the clip occupies no time on the output. Undocumented, like In ≥ Out, so a
// warning that says what is likely (the clip is left out, or the production fails). `TimelineIn: 0,
// TimelineOut: 0` is an unset Go pair: the service most likely places the clip as if both were
// absent, but nobody has confirmed it, and read literally the clip would not appear; a warning of its
// own, with a fix that removes the pair.
import { NONE } from '../json/parser';
import { unsetFix } from '../unset';
import { ClipKey, clipNode } from '../model';
import type { Rule } from './rule';

export const timelineInOutRule: Rule = {
  codes: ['timing/timeline-in-not-before-out', 'timing/timeline-in-out-zero'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    // The clips with both written and not TimelineIn < TimelineOut, from the model's pass (ClipLists).
    for (const clip of m.lists.timelineNotIncreasing) {
      const a = clipNode(m, clip, ClipKey.TimelineIn);
      const b = clipNode(m, clip, ClipKey.TimelineOut);
      if (a === NONE || b === NONE) continue;
      if (clip.zeroTimeline) {
        ctx.report(unsetFix({ start: tree.outerStart(a), end: tree.end[a], severity: 'warning', code: 'timing/timeline-in-out-zero', message: ctx.t('timing.timelineInOutZero'), related: [{ start: tree.outerStart(b), end: tree.end[b], message: 'TimelineOut 0' }] }, m.target, [a, b], ctx.t('fix.removeTimelineInOut')));
        continue;
      }
      if (clip.timelineIn === undefined || clip.timelineOut === undefined || clip.timelineIn < clip.timelineOut) continue;
      ctx.report({
        start: tree.outerStart(a), end: tree.end[a], severity: 'warning', code: 'timing/timeline-in-not-before-out',
        message: ctx.t('timing.timelineInNotBeforeOut', { in: clip.timelineIn, out: clip.timelineOut }),
        related: [{ start: tree.outerStart(b), end: tree.end[b], message: `TimelineOut ${clip.timelineOut}` }],
      });
    }
  },
};
