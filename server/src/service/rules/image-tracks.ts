// ImageTracks are drawn over video; without VideoTracks they have nothing to sit on (ICE docs: a warning).
import type { Rule } from './rule';

export const imageTracksRule: Rule = {
  codes: ['structure/image-tracks-without-video'],
  run(ctx) {
    const m = ctx.model;
    if (!m || m.arrays.image === undefined) return;
    if (m.byKind.image.every((t) => t.clips.length === 0)) return;
    if (m.byKind.video.some((t) => t.clips.length > 0)) return;
    const n = m.arrays.image;
    ctx.report({ start: m.tree.outerStart(n), end: m.tree.keyEnd[n], severity: 'warning', code: 'structure/image-tracks-without-video', message: ctx.t('structure.imageTracksWithoutVideo') });
  },
};
