// In ≥ Out: the clip has nothing to play. The video will certainly be wrong, so this is an error.
import { NONE } from '../json/parser';
import { replaceNode } from '../edits';
import type { Rule } from './rule';

export const inOutRule: Rule = {
  codes: ['timing/in-not-before-out'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    for (const track of m.tracks) {
      for (const clip of track.clips) {
        if (clip.in === undefined || clip.out === undefined || clip.in < clip.out) continue;
        const inNode = tree.get(clip.node, 'In');
        const outNode = tree.get(clip.node, 'Out');
        if (inNode === NONE || outNode === NONE) continue;
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
          start: tree.outerStart(inNode), end: tree.end[inNode], severity: 'error', code: 'timing/in-not-before-out',
          message: ctx.t('timing.inNotBeforeOut', { in: clip.in, out: clip.out }),
          related: [{ start: tree.outerStart(outNode), end: tree.end[outNode], message: `Out ${clip.out}` }],
          fixes: swap,
        });
      }
    }
  },
};
