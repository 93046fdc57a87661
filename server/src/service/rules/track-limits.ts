// At most 100 video, 100 image and 100 subtitle tracks (ProduceEditingProjectVideo).
import type { MessageId } from '../l10n';
import type { TrackKind } from '../model';
import type { Rule } from './rule';

export const TRACK_LIMIT = 100;
const LIMITED: [TrackKind, MessageId][] = [['video', 'limits.videoTracks'], ['image', 'limits.imageTracks'], ['subtitle', 'limits.subtitleTracks']];

export const trackLimitsRule: Rule = {
  codes: ['limits/tracks'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    for (const [kind, id] of LIMITED) {
      const count = m.byKind[kind].length;
      const arr = m.arrays[kind];
      if (count <= TRACK_LIMIT || arr === undefined) continue;
      const start = tree.outerStart(arr);
      const end = tree.isProperty(arr) ? tree.keyEnd[arr] : start + 1;
      ctx.supersede(start, end, 'schema/items');
      ctx.report({ start, end, severity: 'error', code: 'limits/tracks', message: ctx.t(id, { count, limit: TRACK_LIMIT }) });
    }
  },
};
