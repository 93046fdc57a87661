// Subtitle clips carry their words in "Content"; "Text" is a common slip (it is the Type value).
import { NONE } from '../json/parser';
import { replaceKey } from '../edits';
import { ClipKey, clipNode } from '../model';
import type { Rule } from './rule';

export const subtitleTextRule: Rule = {
  codes: ['structure/subtitle-text'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    const tree = m.tree;
    // A clip's Text and Content nodes are in the model; an effect's are looked up (a few keys).
    const check = (text: number, hasContent: boolean) => {
      if (text === NONE) return;
      const at = { start: tree.keyStart[text], end: tree.keyEnd[text] };
      ctx.supersede(at.start, at.end, 'schema/unknown-key');
      ctx.report({
        ...at, severity: 'warning', code: 'structure/subtitle-text', message: ctx.t('structure.subtitleText'),
        fixes: hasContent ? undefined : [{ title: ctx.t('fix.renameKey', { from: 'Text', to: 'Content' }), edits: [replaceKey(m.target, text, 'Content')], preferred: true, safe: true }],
      });
    };
    // Only the clips with a Text key or a Text effect, from the model's pass (ClipLists): first the
    // subtitle clips' own Text keys, then every clip's effects, as before.
    const withText = m.lists.text;
    for (const clip of withText) if (clip.track.kind === 'subtitle') check(clipNode(m, clip, ClipKey.Text), clipNode(m, clip, ClipKey.Content) !== NONE);
    // Effects by index: most clips have none or one, and a for-of iterator per clip was most of this
    // rule's time when it walked every clip (max document: ~1.8 ms against ~0.6).
    for (const clip of withText) {
      const effects = clip.effects;
      for (let i = 0; i < effects.length; i++) {
        const e = effects[i];
        if (e.type === 'Text') check(tree.get(e.node, 'Text'), tree.get(e.node, 'Content') !== NONE);
      }
    }
  },
};
