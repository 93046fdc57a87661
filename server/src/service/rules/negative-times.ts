// Negative times: the service may clamp them, so this is a warning, not an error.
import { NONE } from '../json/parser';
import { readNumber } from '../model';
import type { Rule } from './rule';

const TIME_KEYS = ['In', 'Out', 'TimelineIn', 'TimelineOut', 'Duration', 'MaxOut'];

export const negativeTimesRule: Rule = {
  codes: ['timing/negative'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    const check = (obj: number) => {
      for (const key of TIME_KEYS) {
        const n = tree.get(obj, key);
        if (n === NONE) continue;
        const v = readNumber(tree, n);
        if (v !== undefined && v < 0) {
          ctx.report({ start: tree.start[n], end: tree.end[n], severity: 'warning', code: 'timing/negative', message: ctx.t('timing.negative', { key, value: v }) });
          ctx.supersede(tree.start[n], tree.end[n], 'schema/range');
        }
      }
    };
    for (const track of m.tracks) {
      for (const clip of track.clips) {
        check(clip.node);
        for (const e of clip.effects) check(e.node);
      }
    }
  },
};
