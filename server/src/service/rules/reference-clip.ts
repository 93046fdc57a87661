// ClipId / ReferenceClipId: a reference must name a ClipId on another track; ClipIds must be unique.
import type { ClipModel, TrackModel } from '../model';
import type { Rule } from './rule';

/**
 * Related locations listed per diagnostic. Thousands of clips sharing one ClipId made every one list
 * all the others: 10,000 diagnostics × 10,000 locations took 4 s (found by the fuzzer).
 */
const MAX_RELATED = 10;

export const referenceClipRule: Rule = {
  codes: ['timing/reference-clip', 'timing/duplicate-clip-id'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    const byId = new Map<string, ClipModel[]>();
    // Only the clips with a ClipId or a ReferenceClipId, from the model's pass (ClipLists).
    const withIds = m.lists.clipIdOrReference;
    for (const clip of withIds) {
      if (clip.clipId === undefined) continue;
      const list = byId.get(clip.clipId) ?? [];
      list.push(clip);
      byId.set(clip.clipId, list);
    }
    const relatedOf = (clips: ClipModel[], except: ClipModel | undefined, message: string) => {
      const out: { start: number; end: number; message: string }[] = [];
      for (const c of clips) {
        if (c === except) continue;
        if (out.length === MAX_RELATED) break;
        out.push({ start: tree.start[c.clipIdNode], end: tree.end[c.clipIdNode], message });
      }
      return out;
    };
    // The one track holding every clip of an id, or null when they are on several.
    const onlyTrack = new Map<string, TrackModel | null>();
    for (const [id, clips] of byId) {
      const track = clips[0]!.track;
      onlyTrack.set(id, clips.every((c) => c.track === track) ? track : null);
      if (clips.length < 2) continue;
      for (const clip of clips) {
        ctx.report({
          start: tree.start[clip.clipIdNode], end: tree.end[clip.clipIdNode], severity: 'warning', code: 'timing/duplicate-clip-id',
          message: ctx.t('timing.duplicateClipId', { id }),
          related: relatedOf(clips, clip, id),
        });
      }
    }
    for (const clip of withIds) {
      const track = clip.track;
      const ref = clip.referenceClipId;
      if (ref === undefined) continue;
      const at = { start: tree.start[clip.referenceNode], end: tree.end[clip.referenceNode], severity: 'warning' as const, code: 'timing/reference-clip' };
      const targets = byId.get(ref);
      if (!targets) {
        ctx.report({ ...at, message: ctx.t('timing.referenceUnknown', { id: ref }) });
      } else if (clip.clipId === ref) {
        ctx.report({ ...at, message: ctx.t('timing.referenceSelf') });
      } else if (onlyTrack.get(ref) === track) {
        ctx.report({ ...at, message: ctx.t('timing.referenceSameTrack', { id: ref }), related: relatedOf(targets, undefined, ref) });
      }
    }
  },
};
