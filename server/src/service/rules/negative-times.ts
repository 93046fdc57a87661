// Negative times: the service may clamp them, so this is a warning, not an error.
import { NONE } from '../json/parser';
import { ClipKey, clipNode, readNumber } from '../model';
import type { Rule } from './rule';

const TIME_KEYS = ['In', 'Out', 'TimelineIn', 'TimelineOut', 'Duration', 'MaxOut'];

export const negativeTimesRule: Rule = {
  codes: ['timing/negative'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    const one = (n: number, key: string) => {
      if (n === NONE) return;
      const v = readNumber(tree, n);
      if (v !== undefined && v < 0) {
        ctx.report({ start: tree.start[n], end: tree.end[n], severity: 'warning', code: 'timing/negative', message: ctx.t('timing.negative', { key, value: v }) });
        ctx.supersede(tree.start[n], tree.end[n], 'schema/range');
      }
    };
    // Only the clips with a negative time, their own or an effect's, from the model's pass (ClipLists).
    for (const clip of m.lists.negativeTime) {
      // The model read the clip's times in its own pass (readNumber of the same value nodes; a
      // pair of zeros it drops is not negative): only a negative one is looked at again. The
      // server validates a few times per document, mostly before V8 has optimized this loop,
      // so a call per key per clip was most of this rule's time there.
      if (clip.in !== undefined && clip.in < 0) one(clipNode(m, clip, ClipKey.In), 'In');
      if (clip.out !== undefined && clip.out < 0) one(clipNode(m, clip, ClipKey.Out), 'Out');
      if (clip.timelineIn !== undefined && clip.timelineIn < 0) one(clipNode(m, clip, ClipKey.TimelineIn), 'TimelineIn');
      if (clip.timelineOut !== undefined && clip.timelineOut < 0) one(clipNode(m, clip, ClipKey.TimelineOut), 'TimelineOut');
      if (clip.duration !== undefined && clip.duration < 0) one(clipNode(m, clip, ClipKey.Duration), 'Duration');
      if (clip.maxOut !== undefined && clip.maxOut < 0) one(clipNode(m, clip, ClipKey.MaxOut), 'MaxOut');
      // Effects are small objects: the keys of one that has times are looked up by name. By
      // index: a for-of iterator per clip cost more than the loop's body (most clips have 0-1).
      const effects = clip.effects;
      for (let i = 0; i < effects.length; i++) if (effects[i].timed) for (const key of TIME_KEYS) one(tree.get(effects[i].node, key), key);
    }
  },
};
