// ClipId / ReferenceClipId: a reference must name a ClipId on another track; ClipIds must be unique.
import type { ClipModel } from '../model';
import type { Rule } from './rule';

export const referenceClipRule: Rule = {
  codes: ['timing/reference-clip', 'timing/duplicate-clip-id'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    const byId = new Map<string, ClipModel[]>();
    for (const track of m.tracks) for (const clip of track.clips) {
      if (clip.clipId === undefined) continue;
      const list = byId.get(clip.clipId) ?? [];
      list.push(clip);
      byId.set(clip.clipId, list);
    }
    for (const [id, clips] of byId) {
      if (clips.length < 2) continue;
      for (const clip of clips) {
        ctx.report({
          start: tree.start[clip.clipIdNode], end: tree.end[clip.clipIdNode], severity: 'warning', code: 'timing/duplicate-clip-id',
          message: ctx.t('timing.duplicateClipId', { id }),
          related: clips.filter((c) => c !== clip).map((c) => ({ start: tree.start[c.clipIdNode], end: tree.end[c.clipIdNode], message: id })),
        });
      }
    }
    for (const track of m.tracks) for (const clip of track.clips) {
      const ref = clip.referenceClipId;
      if (ref === undefined) continue;
      const at = { start: tree.start[clip.referenceNode], end: tree.end[clip.referenceNode], severity: 'warning' as const, code: 'timing/reference-clip' };
      const targets = byId.get(ref);
      if (!targets) {
        ctx.report({ ...at, message: ctx.t('timing.referenceUnknown', { id: ref }) });
      } else if (targets.includes(clip)) {
        ctx.report({ ...at, message: ctx.t('timing.referenceSelf') });
      } else if (targets.every((c) => c.track === track)) {
        ctx.report({ ...at, message: ctx.t('timing.referenceSameTrack', { id: ref }), related: targets.map((c) => ({ start: tree.start[c.clipIdNode], end: tree.end[c.clipIdNode], message: ref })) });
      }
    }
  },
};
