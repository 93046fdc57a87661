// Code actions (every quick fix the rules offer, plus "fix all safe problems"), and applying fixes
// to text (`vod-timeline validate --fix`).

import type { Diagnostic, Fix, TextEdit } from './types';
import type { Localize } from './l10n';

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'source.fixAll';
  edits: TextEdit[];
  /** The diagnostics this action resolves. */
  diagnostics: Diagnostic[];
  preferred?: boolean;
}

function overlaps(d: Diagnostic, start: number, end: number): boolean {
  return d.start <= end && d.end >= start;
}

export function codeActions(diagnostics: Diagnostic[], start: number, end: number, t: Localize, only?: string[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const wantQuickFix = !only || only.some((k) => k === 'quickfix' || 'quickfix'.startsWith(k + '.') || k === '');
  const wantFixAll = !only || only.some((k) => k === 'source' || k.startsWith('source.fixAll'));
  if (wantQuickFix) {
    const seen = new Set<string>();
    for (const d of diagnostics) {
      if (!d.fixes || !overlaps(d, start, end)) continue;
      for (const fix of d.fixes) {
        const key = fix.title + JSON.stringify(fix.edits);
        if (seen.has(key)) continue;
        seen.add(key);
        actions.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, diagnostics: [d], preferred: fix.preferred });
      }
    }
  }
  if (wantFixAll) {
    const all = safeFixes(diagnostics);
    if (all.edits.length > 0 && (only || all.diagnostics.length > 1)) {
      actions.push({ title: t('fix.fixAllSafe', { count: all.diagnostics.length }), kind: 'source.fixAll', edits: all.edits, diagnostics: all.diagnostics });
    }
  }
  return actions;
}

/** Every safe fix whose edits do not collide with an earlier one, in document order. */
export function safeFixes(diagnostics: Diagnostic[]): { edits: TextEdit[]; diagnostics: Diagnostic[] } {
  const chosen: { fix: Fix; d: Diagnostic }[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes?.find((f) => f.safe);
    if (fix) chosen.push({ fix, d });
  }
  const edits: TextEdit[] = [];
  const used: Diagnostic[] = [];
  const taken: [number, number][] = [];
  const seenEdit = new Set<string>();
  for (const { fix, d } of chosen) {
    const fresh = fix.edits.filter((e) => !seenEdit.has(`${e.start}:${e.end}:${e.newText}`));
    if (fresh.some((e) => taken.some(([s, en]) => e.start < en && e.end > s) || taken.some(([s, en]) => e.start === e.end && e.start > s && e.start < en))) continue;
    for (const e of fresh) {
      seenEdit.add(`${e.start}:${e.end}:${e.newText}`);
      taken.push([e.start, e.end]);
      edits.push(e);
    }
    used.push(d);
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  return { edits, diagnostics: used };
}

/** Applies non-overlapping edits (offsets into the original text). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.end > lastStart) continue; // overlapping: keep the later one already applied
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}
