// Values that stand for "not set": null (Jackson, Newtonsoft, System.Text.Json and the official
// samples' own `"CateId": null`), "" and 0 (Go's zero values), [] for an empty object (PHP). Each
// diagnostic about one offers to remove it; this module adds the document-wide fix that removes them
// all at once, for those who want a clean request (Produce itself sends what the document says).

import type { EditTarget } from './edits';
import { removeNodes } from './edits';
import type { Localize } from './l10n';
import type { Diagnostic, Fix, TextEdit } from './types';

/** The codes whose fix removes a placeholder value (docs/serializations.md §6). */
export const UNSET_CODES: ReadonlySet<string> = new Set([
  'schema/null-value',
  'schema/empty-value',
  'schema/empty-choice',
  'timing/in-out-zero',
  'timing/timeline-in-out-zero',
  'limits/resolution-zero',
  'schema/zero-size',
]);

interface Removal {
  target: EditTarget;
  nodes: number[];
}

const removals = new WeakMap<Diagnostic, Removal>();

/** The removal fix for one diagnostic (its nodes are remembered for the document-wide fix). */
export function unsetFix(d: Diagnostic, target: EditTarget, nodes: number[], title: string): Diagnostic {
  removals.set(d, { target, nodes });
  d.fixes = [{ title, edits: removeNodes(target, nodes), preferred: true }, ...(d.fixes ?? [])];
  return d;
}

/**
 * With more than one placeholder among the diagnostics shown (after the user's `rules`), each gets a
 * second fix, shared by identity so an editor lists it once: remove them all.
 */
export function addRemoveAllUnset(diagnostics: Diagnostic[], t: Localize): void {
  const found = diagnostics.filter((d) => UNSET_CODES.has(d.code) && removals.has(d));
  if (found.length < 2) return;
  const byTree = new Map<EditTarget['tree'], { target: EditTarget; nodes: Set<number> }>();
  for (const d of found) {
    const r = removals.get(d)!;
    let entry = byTree.get(r.target.tree);
    if (!entry) byTree.set(r.target.tree, (entry = { target: r.target, nodes: new Set() }));
    for (const n of r.nodes) entry.nodes.add(n);
  }
  const edits: TextEdit[] = [];
  for (const { target, nodes } of byTree.values()) edits.push(...removeNodes(target, [...nodes]));
  edits.sort((a, b) => a.start - b.start);
  const all: Fix = { title: t('fix.removeAllUnset', { count: found.length }), edits };
  for (const d of found) d.fixes = [...(d.fixes ?? []), all];
}
