// A timeline with no video and no audio clips produces nothing: the service rejects it
// ("Both video tracks and audio tracks are empty").
import { NONE } from '../json/parser';
import type { Rule } from './rule';

export const noTracksRule: Rule = {
  codes: ['structure/no-tracks'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const hasClips = (kind: 'video' | 'audio') => m.byKind[kind].some((t) => t.clips.length > 0);
    if (hasClips('video') || hasClips('audio')) return;
    // Image tracks alone still need a video track under them; an Image-type clip on a video track counts as video.
    const tree = m.tree;
    const anchor = m.arrays.video ?? m.arrays.audio;
    const start = anchor !== undefined && anchor !== NONE ? tree.outerStart(anchor) : tree.start[m.timeline];
    const end = anchor !== undefined && anchor !== NONE ? tree.keyEnd[anchor] : tree.start[m.timeline] + 1;
    ctx.report({ start, end, severity: 'error', code: 'structure/no-tracks', message: ctx.t('structure.noTracks') });
  },
};
