// At most 200 materials, counted with the real media: distinct IDs the media library confirms,
// including the legacy VideoId/ImageId fields the local count (limits/materials) leaves out.
import { NONE } from '../json/parser';
import { readString } from '../model';
import { MATERIAL_LIMIT } from './materials';
import type { CloudRule } from './cloud-rule';

const LEGACY_ID_KEYS = ['VideoId', 'ImageId'];

export const cloudMaterialsRule: CloudRule = {
  codes: ['cloud/materials'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    const real = new Set<string>();
    let firstOver = NONE;
    const count = (id: string | undefined, node: number) => {
      if (!id) return;
      if (real.has(id) || !ctx.media(id)?.found) return;
      real.add(id);
      if (real.size === MATERIAL_LIMIT + 1) firstOver = node;
    };
    for (const track of m.tracks) for (const clip of track.clips) {
      count(clip.mediaId, clip.mediaIdNode);
      if (clip.mediaId) continue;
      for (const key of LEGACY_ID_KEYS) {
        const node = tree.get(clip.node, key);
        if (node !== NONE) count(readString(tree, node), node);
      }
    }
    if (real.size <= MATERIAL_LIMIT || firstOver === NONE) return;
    // The local count (distinct MediaIds) already says so, as an error, when it is over the limit itself.
    const mediaIds = new Set<string>();
    for (const track of m.tracks) for (const clip of track.clips) if (clip.mediaId) mediaIds.add(clip.mediaId);
    if (mediaIds.size > MATERIAL_LIMIT) return;
    ctx.report({ start: tree.start[firstOver], end: tree.end[firstOver], severity: 'warning', code: 'cloud/materials', message: ctx.t('cloud.materials', { count: real.size, limit: MATERIAL_LIMIT }) });
  },
};
