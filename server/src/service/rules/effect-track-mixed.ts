// One effect type per EffectTrack (ICE docs), so a warning.
import type { Rule } from './rule';

export const effectTrackMixedRule: Rule = {
  codes: ['structure/effect-track-mixed'],
  run(ctx) {
    const m = ctx.model;
    if (!m) return;
    for (const track of m.byKind.effect) {
      const types = new Set(track.clips.map((c) => c.type).filter((x): x is string => !!x));
      if (types.size < 2) continue;
      const n = track.clipsNode;
      ctx.report({ start: m.tree.outerStart(n), end: m.tree.keyEnd[n], severity: 'warning', code: 'structure/effect-track-mixed', message: ctx.t('structure.effectTrackMixed', { types: [...types].join(', ') }) });
    }
  },
};
