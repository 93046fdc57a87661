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
    // A fix shared by many diagnostics ("remove all comments") is one action: skip it by identity
    // before serializing its (possibly thousands of) edits for the content check.
    const seenFix = new Set<Fix>();
    for (const d of diagnostics) {
      if (!d.fixes || !overlaps(d, start, end)) continue;
      for (const fix of d.fixes) {
        if (seenFix.has(fix)) continue;
        seenFix.add(fix);
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

/**
 * Edit ranges already taken, kept sorted and merged where they overlap, so that "does [start, end)
 * collide with one of them?" is a binary search: a document with 20,000 fixable problems made the
 * linear scan per edit take minutes (every code action request computes "fix all").
 */
class TakenRanges {
  private readonly starts: number[] = [];
  /** Non-decreasing: stored ranges never overlap (only touch), see add(). */
  private readonly ends: number[] = [];

  /** The first stored range that ends after `offset`. */
  private firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid] > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** True when some taken [s, e) has start < e && end > s (an insertion strictly inside one, too). */
  collides(start: number, end: number): boolean {
    const k = this.firstEndingAfter(start);
    return k < this.starts.length && this.starts[k] < end;
  }

  add(start: number, end: number): void {
    const lo = this.firstEndingAfter(start);
    let hi = lo;
    while (hi < this.starts.length && this.starts[hi] < end) hi++;
    if (hi > lo) {
      // Overlaps stored ranges (edits of one fix may overlap each other): store their union.
      const s = Math.min(start, this.starts[lo]);
      const e = Math.max(end, this.ends[hi - 1]);
      this.starts.splice(lo, hi - lo, s);
      this.ends.splice(lo, hi - lo, e);
      return;
    }
    let i = lo;
    while (i > 0 && this.starts[i - 1] > start) i--;
    this.starts.splice(i, 0, start);
    this.ends.splice(i, 0, end);
  }
}

/** Every safe fix whose edits do not collide with an earlier one, in document order. */
export function safeFixes(diagnostics: Diagnostic[]): { edits: TextEdit[]; diagnostics: Diagnostic[] } {
  const edits: TextEdit[] = [];
  const used: Diagnostic[] = [];
  const taken = new TakenRanges();
  const seenEdit = new Set<string>();
  for (const d of diagnostics) {
    const fix = d.fixes?.find((f) => f.safe);
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !seenEdit.has(`${e.start}:${e.end}:${e.newText}`));
    if (fresh.some((e) => taken.collides(e.start, e.end))) continue;
    for (const e of fresh) {
      seenEdit.add(`${e.start}:${e.end}:${e.newText}`);
      taken.add(e.start, e.end);
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
  const kept: TextEdit[] = [];
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.end > lastStart) continue; // overlapping: keep the later one already applied
    kept.push(e);
    lastStart = e.start;
  }
  // Assembled front to back in one join: re-slicing the whole text once per edit was quadratic.
  const parts: string[] = [];
  let pos = 0;
  for (let i = kept.length - 1; i >= 0; i--) {
    parts.push(text.slice(pos, kept[i].start), kept[i].newText);
    pos = kept[i].end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}
