// MainTrack: only the first counts; clips that start after the main track ends never show.
import type { Rule } from './rule';

export const mainTrackRule: Rule = {
  codes: ['timing/multiple-main-tracks', 'timing/after-output-end'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    const mains = m.tracks.filter((t) => t.main && (t.kind === 'video' || t.kind === 'audio'));
    const first = mains[0];
    for (const track of mains.slice(1)) {
      const n = tree.get(track.node, 'MainTrack');
      ctx.report({
        start: tree.outerStart(n), end: tree.end[n], severity: 'warning', code: 'timing/multiple-main-tracks',
        message: ctx.t('timing.multipleMainTracks', { first: `${first.spec.tracksKey}[${first.index}]` }),
        related: [{ start: tree.outerStart(tree.get(first.node, 'MainTrack')), end: tree.end[tree.get(first.node, 'MainTrack')], message: 'MainTrack' }],
      });
    }
    if (!first) return;
    const layout = ctx.layout();
    if (!layout || layout.duration === null) return;
    const end = layout.duration;
    for (const tl of layout.tracks) {
      if (tl.track === first) continue;
      for (const c of tl.clips) {
        if (c.start !== null && c.start >= end - 1e-6 && end > 0) {
          ctx.report({ start: tree.start[c.clip.node], end: tree.start[c.clip.node] + 1, severity: 'warning', code: 'timing/after-output-end', message: ctx.t('timing.afterOutputEnd', { start: c.start, end }) });
        }
      }
    }
  },
};
