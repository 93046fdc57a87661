// In ≥ Out: the clip has nothing to play. Nothing documents what the service does then (the
// reference's list of checks puts it under warnings), so this is a warning that says what is likely:
// the clip is left out or the production fails. `"In": 0, "Out": 0` is no such mistake: it is how an
// unset pair of Go float64s is written, and productions with it have worked (docs/serializations.md
// §6.2), so it is a hint of its own with a fix that removes the pair.
import { NONE } from '../json/parser';
import { replaceNode } from '../edits';
import { unsetFix } from '../unset';
import { ClipKey, clipNode } from '../model';
import type { Rule } from './rule';

export const inOutRule: Rule = {
  codes: ['timing/in-not-before-out', 'timing/in-out-zero'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    // The clips with In and Out both written and not In < Out, from the model's pass (ClipLists).
    for (const clip of m.lists.sourceNotIncreasing) {
      const inNode = clipNode(m, clip, ClipKey.In);
      const outNode = clipNode(m, clip, ClipKey.Out);
      if (inNode === NONE || outNode === NONE) continue;
      if (clip.zeroSource) {
        ctx.report(unsetFix({ start: tree.outerStart(inNode), end: tree.end[inNode], severity: 'hint', code: 'timing/in-out-zero', tags: ['unnecessary'], message: ctx.t('timing.inOutZero'), related: [{ start: tree.outerStart(outNode), end: tree.end[outNode], message: 'Out 0' }] }, m.target, [inNode, outNode], ctx.t('fix.removeInOut')));
        continue;
      }
      if (clip.in === undefined || clip.out === undefined || clip.in < clip.out) continue;
      const swap = clip.in > clip.out
        ? [{ title: ctx.t('fix.swapInOut'), edits: [replaceNode(m.target, inNode, tree.text.slice(tree.start[outNode], tree.end[outNode])), replaceNode(m.target, outNode, tree.text.slice(tree.start[inNode], tree.end[inNode]))] }]
        : undefined;
      // Inside an embedded Timeline the raw slices are already escaped text: keep them verbatim.
      if (swap && m.target.embedded) {
        swap[0].edits = [
          { start: tree.start[inNode], end: tree.end[inNode], newText: tree.text.slice(tree.start[outNode], tree.end[outNode]) },
          { start: tree.start[outNode], end: tree.end[outNode], newText: tree.text.slice(tree.start[inNode], tree.end[inNode]) },
        ];
      }
      ctx.report({
        start: tree.outerStart(inNode), end: tree.end[inNode], severity: 'warning', code: 'timing/in-not-before-out',
        message: ctx.t('timing.inNotBeforeOut', { in: clip.in, out: clip.out }),
        related: [{ start: tree.outerStart(outNode), end: tree.end[outNode], message: `Out ${clip.out}` }],
        fixes: swap,
      });
    }
  },
};
