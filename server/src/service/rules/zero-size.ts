// Width or Height 0 on a clip: a Go float64 left unset writes it, but read literally it makes the clip
// invisible. Which reading the service takes is not documented (docs/serializations.md §5.3.3), so
// this is a warning with a fix that removes the field. X and Y 0 are real positions: not reported.
import { NONE } from '../json/parser';
import { ClipKey, clipNode, readNumber } from '../model';
import { unsetFix } from '../unset';
import type { Rule } from './rule';

export const zeroSizeRule: Rule = {
  codes: ['schema/zero-size'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    const check = (key: string, n: number) => {
      if (n === NONE || readNumber(tree, n) !== 0) return;
      ctx.report(unsetFix({ start: tree.start[n], end: tree.end[n], severity: 'warning', code: 'schema/zero-size', message: ctx.t('schema.zeroSize', { key }) }, m.target, [n], ctx.t('fix.removeProperty', { key })));
    };
    // Only the clips whose Width or Height reads 0, from the model's pass (ClipLists).
    for (const clip of m.lists.zeroSize) {
      if (clip.track.kind !== 'video' && clip.track.kind !== 'image') continue;
      check('Width', clipNode(m, clip, ClipKey.Width));
      check('Height', clipNode(m, clip, ClipKey.Height));
    }
  },
};
