// Transitions: one on the last clip of a track has nothing to blend into; one longer than its clip
// eats the clip.
import { removeNode } from '../edits';
import type { Rule } from './rule';

export const transitionsRule: Rule = {
  codes: ['timing/transition-on-last-clip', 'timing/transition-too-long'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    const layout = ctx.layout();
    // Layout lists the model's tracks in its order.
    const laidOut = new Map(layout?.tracks.map((t) => [t.track, t]));
    // Only the clips with a Transition effect, from the model's pass (ClipLists), in document order.
    for (const clip of m.lists.transition) {
      const track = clip.track;
      if (track.kind !== 'video') continue;
      const i = clip.index;
      // By index: a for-of iterator per clip cost more than this loop's body (most clips have 0-1).
      const effects = clip.effects;
      for (let k = 0; k < effects.length; k++) {
        const e = effects[k];
        if (e.type !== 'Transition') continue;
        // Its range as two numbers, not an object: most transitions are fine, and an object each was garbage.
        const start = tree.start[e.node];
        const end = Math.min(tree.end[e.node], start + 1);
        if (i === track.clips.length - 1) {
          const edit = removeNode(m.target, e.node);
          ctx.report({ start, end, severity: 'warning', code: 'timing/transition-on-last-clip', message: ctx.t('timing.transitionOnLastClip'), fixes: edit ? [{ title: ctx.t('fix.removeTransition'), edits: [edit] }] : undefined });
        }
        const cl = laidOut.get(track)?.clips[i];
        const d = e.duration ?? 1;
        if (cl && cl.start !== null && cl.end !== null && d > cl.end - cl.start + 1e-6) {
          ctx.report({ start, end, severity: 'warning', code: 'timing/transition-too-long', message: ctx.t('timing.transitionTooLong', { duration: d, clip: Math.round((cl.end - cl.start) * 1000) / 1000 }) });
        }
      }
    }
  },
};
