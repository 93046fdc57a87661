// The preview's model: the server's layout plus the document's diagnostics mapped onto clips and
// tracks, with a drawing position for every bar (an estimate where the layout says "unknown"), and the
// lookup from an editor position to the bar under it. Pure: no `vscode`, unit-tested in Node.

import { type BarRef, CLIP_FIELDS, type LayoutResult, type Position, type PreviewClip, type PreviewLane, type PreviewModel, type Range, type Severity, type WireModel } from './protocol';

export interface SimpleDiagnostic {
  range: Range;
  severity: Severity;
  message: string;
}

/** Messages kept per clip or track (the tooltip shows them; the Problems view has the rest). */
const MAX_PROBLEMS = 4;

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function contains(range: Range, p: Position): boolean {
  return comparePositions(range.start, p) <= 0 && comparePositions(p, range.end) <= 0;
}

/** What a bar says: the MediaId, else the subtitle text (first line), else the Type. */
export function clipLabel(clip: { mediaId?: string; text?: string; type?: string }): string {
  if (clip.mediaId) return clip.mediaId;
  if (clip.text !== undefined) {
    const line = clip.text.split(/\\[nN]|\n/)[0].trim();
    return line || clip.text.trim();
  }
  return clip.type ?? '';
}

/**
 * Length drawn for a clip whose end is unknown (Out omitted: the media's length decides): a tenth of
 * what is known of the output, between 2 s and 60 s, so it is visible but never dominates.
 */
export function unknownLength(known: number): number {
  return Math.min(60, Math.max(2, known * 0.1));
}

export function emptyModel(fileName: string, version: number): PreviewModel {
  return { version, fileName, form: 'timeline', duration: null, minDuration: 0, extent: 10, lanes: [], clipCount: 0, errors: 0, warnings: 0, empty: true };
}

/** Bars in document order, for position → bar lookups (clip objects never nest). */
export class ClipIndex {
  private readonly starts: Range[] = [];
  private readonly refs: BarRef[] = [];
  private readonly tracks: { range: Range; lane: number }[] = [];

  constructor(layout: LayoutResult | undefined) {
    if (!layout) return;
    const all: { range: Range; ref: BarRef }[] = [];
    layout.tracks.forEach((t, lane) => {
      this.tracks.push({ range: t.range, lane });
      t.clips.forEach((c, clip) => all.push({ range: c.range, ref: { lane, clip } }));
    });
    all.sort((a, b) => comparePositions(a.range.start, b.range.start));
    for (const a of all) {
      this.starts.push(a.range);
      this.refs.push(a.ref);
    }
  }

  get size(): number {
    return this.refs.length;
  }

  /** The bar whose clip object contains `p`, if any. */
  barAt(p: Position): BarRef | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (comparePositions(this.starts[mid].start, p) <= 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && contains(this.starts[found], p) ? this.refs[found] : undefined;
  }

  /** The lane whose track object contains `p` (innermost not needed: tracks never nest). */
  laneAt(p: Position): number | undefined {
    for (const t of this.tracks) if (contains(t.range, p)) return t.lane;
    return undefined;
  }
}

/** Builds what the webview draws from a layout and the document's diagnostics. */
export function buildPreviewModel(layout: LayoutResult | undefined | null, diagnostics: readonly SimpleDiagnostic[], fileName: string, version: number, index?: ClipIndex): PreviewModel {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 3) errors++;
    else if (d.severity === 2) warnings++;
  }
  if (!layout || layout.tracks.length === 0) return { ...emptyModel(fileName, version), errors, warnings };

  let knownEnd = Math.max(layout.duration ?? 0, layout.minDuration);
  for (const t of layout.tracks) for (const c of t.clips) {
    if (c.end !== null && c.end > knownEnd) knownEnd = c.end;
    if (c.start !== null && c.start > knownEnd) knownEnd = c.start;
  }
  const nominal = unknownLength(knownEnd);

  let clipCount = 0;
  let extent = knownEnd;
  const lanes: PreviewLane[] = layout.tracks.map((t) => {
    let cursor = 0;
    const clips: PreviewClip[] = t.clips.map((c) => {
      const x0 = c.start ?? cursor;
      let x1 = c.end ?? x0 + nominal;
      if (x1 < x0) x1 = x0;
      cursor = Math.max(0, x1 - c.transition);
      if (x1 > extent) extent = x1;
      return {
        index: c.index, label: clipLabel(c), start: c.start, end: c.end, x0, x1,
        implicitStart: c.implicitStart, implicitEnd: c.implicitEnd,
        sourceIn: c.sourceIn, sourceOut: c.sourceOut, speed: c.speed, transition: c.transition,
        severity: 0, problems: [],
      };
    });
    clipCount += clips.length;
    const order = clipOrder(clips);
    return { kind: t.kind, index: t.index, main: t.main, effect: t.kind === 'effect' || t.type === 'Effect', start: t.start, end: t.end, severity: 0, problems: [], clips, order };
  });

  if (diagnostics.length) {
    const idx = index ?? new ClipIndex(layout);
    // Errors first in each clip's list, whatever order the diagnostics came in.
    for (const d of [...diagnostics].sort((a, b) => b.severity - a.severity)) {
      const bar = idx.barAt(d.range.start);
      const target: { severity: Severity; problems: string[] } | undefined = bar ? lanes[bar.lane].clips[bar.clip] : (() => {
        const lane = idx.laneAt(d.range.start);
        return lane === undefined ? undefined : lanes[lane];
      })();
      if (!target) continue;
      if (d.severity > target.severity) target.severity = d.severity;
      if (target.problems.length < MAX_PROBLEMS) target.problems.push(d.message);
    }
  }

  return {
    version, fileName, form: layout.form, duration: layout.duration, minDuration: layout.minDuration,
    extent: Math.max(extent, 1), lanes, clipCount, errors, warnings, empty: false,
  };
}

/** Times cross to the webview rounded to 0.1 ms. */
export const r4 = (n: number | null) => (n === null ? null : Math.round(n * 10000) / 10000);

/** The order ←/→ walk: clip positions sorted by x0, then x1. */
export function clipOrder(clips: readonly PreviewClip[]): number[] {
  return clips.map((_, i) => i).sort((a, b) => clips[a].x0 - clips[b].x0 || clips[a].x1 - clips[b].x1 || a - b);
}

/** Appends `c` to `out` as CLIP_FIELDS numbers (its label as `labelId`), the form of WireModel.clips. */
/** The number of `label` in a model's (or delta's) label list, adding it on first use: each label sent once. */
export function labelId(label: string, labels: string[], ids: Map<string, number>): number {
  let id = ids.get(label);
  if (id === undefined) {
    id = labels.length;
    labels.push(label);
    ids.set(label, id);
  }
  return id;
}

export function encodeClip(c: PreviewClip, labelId: number, out: (number | null)[]): void {
  out.push(c.index, labelId, r4(c.start), r4(c.end), r4(c.x0), r4(c.x1), (c.implicitStart ? 1 : 0) | (c.implicitEnd ? 2 : 0), r4(c.sourceIn), r4(c.sourceOut), c.speed, r4(c.transition), c.severity);
}

/** The clip at offset `o` of `f` (encodeClip's form). */
export function decodeClip(f: readonly (number | null)[], o: number, labels: readonly string[], problems: string[]): PreviewClip {
  const flags = f[o + 6] as number;
  return {
    index: f[o] as number, label: labels[f[o + 1] as number], start: f[o + 2], end: f[o + 3], x0: f[o + 4] as number, x1: f[o + 5] as number,
    implicitStart: (flags & 1) !== 0, implicitEnd: (flags & 2) !== 0, sourceIn: f[o + 7] as number, sourceOut: f[o + 8], speed: f[o + 9] as number,
    transition: f[o + 10] as number, severity: f[o + 11] as Severity, problems,
  };
}

export function encodeModel(model: PreviewModel): WireModel {
  const labels: string[] = [];
  const labelIds = new Map<string, number>();
  const clips: (number | null)[] = [];
  const problems: Record<number, string[]> = {};
  let k = 0;
  for (const lane of model.lanes) for (const c of lane.clips) {
    encodeClip(c, labelId(c.label, labels, labelIds), clips);
    if (c.problems.length) problems[k] = c.problems;
    k++;
  }
  return {
    version: model.version, fileName: model.fileName, form: model.form, duration: model.duration, minDuration: model.minDuration,
    extent: model.extent, clipCount: model.clipCount, errors: model.errors, warnings: model.warnings, empty: model.empty,
    lanes: model.lanes.map(({ clips: list, order: _order, ...lane }) => ({ ...lane, n: list.length })),
    labels, clips, problems,
  };
}

export function decodeModel(wire: WireModel): PreviewModel {
  let k = 0;
  const lanes: PreviewLane[] = wire.lanes.map(({ n, ...lane }) => {
    const clips: PreviewClip[] = new Array(n);
    for (let i = 0; i < n; i++, k++) clips[i] = decodeClip(wire.clips, k * CLIP_FIELDS, wire.labels, wire.problems[k] ?? []);
    return { ...lane, clips, order: clipOrder(clips) };
  });
  return {
    version: wire.version, fileName: wire.fileName, form: wire.form, duration: wire.duration, minDuration: wire.minDuration, extent: wire.extent,
    lanes, clipCount: wire.clipCount, errors: wire.errors, warnings: wire.warnings, empty: wire.empty,
  };
}
