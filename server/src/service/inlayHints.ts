// Inlay hints: where each clip lands on the output, written right after the clip's `{` as an editor
// shows an inferred type, with a tooltip that says how it was derived. The figures are the shared
// layout's (layout.ts), the one the preview, CodeLens, hover and `inspect` show: never computed again.
//
// After the `{` rather than after the last time field: every clip has one, even a subtitle without any
// time field; in a list of one-line clips the hints line up in one column; in a multi-line clip the
// hint ends the clip's first line, where the outline's "Clip N" points; and typing inside the clip
// never moves it.
//
// A clip gets a hint only when it tells something the text does not: a start or end the layout
// computed (TimelineIn/TimelineOut not both written), a Speed other than 1, or a track's AutoSpeed.
// None when its start is unknown (it follows a clip whose length only the media knows), nor when a
// time of its own is in error or undocumented territory (an error on In/Out/TimelineIn/TimelineOut/
// Speed/Duration/MaxOut/ReferenceClipId, In ≥ Out, a negative time, a broken reference): a number
// would look authoritative where VOD rejects the request or its behaviour is unknown. Clips that
// follow such a clip on their track get none either, for their start is derived from it.
//
// A Timeline written as a JSON string (produce documents) gets none: the hints would sit inside the
// string, usually one long line.

import type { TimelineDocument } from './document';
import { type JsonTree, NodeKind } from './json/parser';
import { readNumber } from './model';
import type { Localize } from './l10n';
import { documentLayout, type ClipLayout, type TrackLayout } from './layout';
import { formatDuration, formatTimeRange } from './duration';
import type { Diagnostic } from './types';

export interface InlayHint {
  /** Where the hint is shown: right after the clip's `{`. */
  offset: number;
  label: string;
  /** Markdown: how the placement was derived (left out when not asked for: an editor resolves it later). */
  tooltip?: string;
  paddingLeft: boolean;
  paddingRight: boolean;
}

/** The clip's own keys whose problems make its placement unknowable. */
const TIME_KEYS = new Set(['In', 'Out', 'TimelineIn', 'TimelineOut', 'Speed', 'Duration', 'MaxOut', 'ReferenceClipId']);

/** Warnings that say what VOD does with these times is not documented (not only that they look wrong). */
const UNKNOWABLE = new Set(['timing/in-not-before-out', 'timing/timeline-in-not-before-out', 'timing/negative', 'timing/reference-clip']);

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * Hints for the clips whose `{` is in [range.start, range.end]; `diagnostics`: the document's validation.
 * `tooltips: false` leaves the tooltips out: on the 6,600-clip document with every time computed they
 * were most of the time and of the JSON sent; an editor asks for one when the pointer rests on a hint.
 */
export function inlayHints(doc: TimelineDocument, range: { start: number; end: number }, diagnostics: readonly Diagnostic[], t: Localize, tooltips = true): InlayHint[] {
  const ref = doc.timeline;
  if (!ref || ref.tree !== doc.tree) return [];
  const layout = documentLayout(doc);
  if (!layout) return [];
  const tree = ref.tree;
  // Starts of the problems that make a time unknowable, ascending (validate sorts by position).
  const starts: number[] = [];
  for (const d of diagnostics) if (d.severity === 'error' || UNKNOWABLE.has(d.code)) starts.push(d.start);
  starts.sort((a, b) => a - b);
  const unit = (value: string) => t('hover.seconds', { value });
  const out: InlayHint[] = [];
  for (const tl of layout.tracks) {
    const clips = tl.clips;
    let i = firstAtOrAfter(clips, tree, range.start - 1);
    if (i >= clips.length || tree.start[clips[i].clip.node] + 1 > range.end) continue;
    let tainted = taintedBefore(tl, i, tree, starts);
    for (; i < clips.length; i++) {
      const cl = clips[i];
      const open = tree.start[cl.clip.node];
      if (open + 1 > range.end) break;
      tainted = broken(tree, cl.clip.node, starts) || (tainted && follows(tl, cl));
      // A clip that is no object (a stray number in the list) has no `{` to follow.
      if (tainted || tree.kind[cl.clip.node] !== NodeKind.Object) continue;
      const hint = hintFor(tl, i, unit, t, tooltips);
      if (!hint) continue;
      const next = doc.text.charCodeAt(open + 1);
      out.push({ offset: open + 1, ...hint, paddingLeft: true, paddingRight: !(next === 32 || next === 9 || next === 10 || next === 13) });
    }
  }
  out.sort((a, b) => a.offset - b.offset);
  return out;
}

/** The first clip whose `{` is at or after `offset` (a track's clips are in document order). */
function firstAtOrAfter(clips: ClipLayout[], tree: JsonTree, offset: number): number {
  let lo = 0;
  let hi = clips.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tree.start[clips[mid].clip.node] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Placed after the previous clip of its track (so it inherits any doubt about that clip's end). */
function follows(tl: TrackLayout, cl: ClipLayout): boolean {
  const kind = tl.track.kind;
  if (kind === 'subtitle' || kind === 'image' || kind === 'effect' || tl.track.type === 'Effect') return false;
  return cl.clip.timelineIn === undefined && cl.clip.referenceClipId === undefined && cl.clip.index > 0;
}

/** Whether clip `i − 1` leaves clip `i` a doubtful start: walks back along the chain of followers. */
function taintedBefore(tl: TrackLayout, i: number, tree: JsonTree, starts: number[]): boolean {
  let j = i;
  while (j > 0 && follows(tl, tl.clips[j])) {
    j--;
    if (broken(tree, tl.clips[j].clip.node, starts)) return true;
  }
  return false;
}

/**
 * A time of the clip's own that cannot be read (`"Speed": "fast"`: the layout goes on as if it were
 * absent, VOD may not), or an error or UNKNOWABLE warning on one of its time fields (key or value).
 */
function broken(tree: JsonTree, clip: number, starts: number[]): boolean {
  const from = tree.start[clip];
  const to = tree.end[clip];
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  const flagged = lo < starts.length && starts[lo] < to;
  const first = tree.childStart[clip];
  for (let k = 0; k < tree.childCount[clip]; k++) {
    const v = tree.children[first + k];
    const key = tree.keys[v];
    if (key === undefined || !TIME_KEYS.has(key)) continue;
    if (key !== 'ReferenceClipId' && unreadable(tree, v)) return true;
    // A Speed of 0 or less: the layout plays it at 1, a guess.
    if (key === 'Speed' && (readNumber(tree, v) ?? 1) <= 0) return true;
    if (!flagged) continue;
    const a = tree.keyStart[v] >= 0 ? tree.keyStart[v] : tree.start[v];
    for (let s = lo; s < starts.length && starts[s] < to; s++) if (starts[s] >= a && starts[s] <= tree.end[v]) return true;
  }
  return false;
}

/** Neither a number (or numeric string) nor one of the ways of writing "not set" (null, ""). */
function unreadable(tree: JsonTree, v: number): boolean {
  const kind = tree.kind[v];
  if (kind === NodeKind.Null || (kind === NodeKind.String && (tree.strs[v] ?? '').trim() === '')) return false;
  return readNumber(tree, v) === undefined;
}

function hintFor(tl: TrackLayout, i: number, unit: (value: string) => string, t: Localize, tooltips: boolean): { label: string; tooltip?: string } | undefined {
  const cl = tl.clips[i];
  const clip = cl.clip;
  if (cl.start === null || !Number.isFinite(cl.start) || (cl.end !== null && !Number.isFinite(cl.end))) return undefined;
  const kind = tl.track.kind;
  const independent = kind === 'subtitle' || kind === 'image' || kind === 'effect' || tl.track.type === 'Effect';
  const media = (kind === 'video' || kind === 'audio') && tl.track.type !== 'Effect';
  const image = kind === 'image' || clip.type === 'Image' || clip.type === 'GlobalImage';
  // Speed counts where it changes the length: on media and image clips (the layout ignores it elsewhere).
  // An image with a Duration lasts that long at any Speed.
  const speeded = cl.speed !== 1 && (media || image) && !(image && clip.duration !== undefined);
  if (!cl.implicitStart && !cl.implicitEnd && !speeded && cl.autoSpeed === 1) return undefined;
  const range = formatTimeRange(cl.start, cl.end, { unit });
  const duration = cl.end !== null ? formatDuration(cl.end - cl.start, unit) : undefined;
  const label = duration !== undefined ? t('inlay.label', { range, duration }) : range;
  if (!tooltips) return { label };
  const byReference = clip.referenceClipId !== undefined && (clip.timelineIn === undefined || clip.timelineOut === undefined);
  const lines: string[] = [];

  // Where it starts (a 0, 0 pair is read as not set, as the layout reads it).
  if (clip.zeroTimeline) lines.push(t('inlay.zeroTimeline'));
  if (clip.zeroSource && media) lines.push(t('inlay.zeroSource'));
  if (!cl.implicitStart) lines.push(t('inlay.start.written'));
  else if (byReference) lines.push(t('inlay.start.reference', { id: clip.referenceClipId! }));
  else if (independent) lines.push(t('inlay.start.outputStart'));
  else if (i === 0) lines.push(t('inlay.start.first'));
  else {
    const prev = tl.clips[i - 1];
    const name = t('symbol.clip', { index: prev.clip.index });
    lines.push(prev.transition > 0
      ? t('inlay.start.afterTransition', { clip: name, end: formatDuration(prev.end, unit), transition: formatDuration(prev.transition, unit) })
      : t('inlay.start.follows', { clip: name, end: formatDuration(prev.end, unit) }));
  }

  // How long it lasts.
  const source = cl.sourceOut !== null ? cl.sourceOut - cl.sourceIn : null;
  // Subtitle and effect items without a Duration, image-track clips without any length: to the output's end.
  const toOutputEnd = clip.duration === undefined && (kind === 'subtitle' || kind === 'effect' || tl.track.type === 'Effect' || (kind === 'image' && source === null));
  if (!cl.implicitEnd) lines.push(t('inlay.end.written'));
  else if (byReference && cl.end !== null) lines.push(t('inlay.end.reference', { id: clip.referenceClipId! }));
  else if ((independent || image) && clip.duration !== undefined) lines.push(t('inlay.end.duration', { duration: formatDuration(clip.duration, unit) }));
  else if (toOutputEnd) lines.push(t('inlay.end.outputEnd'));
  else if (cl.end === null || source === null) lines.push(t('inlay.end.mediaEnd'));
  else lines.push(t('inlay.end.source', { source: formatDuration(source, unit), range: formatTimeRange(cl.sourceIn, cl.sourceOut, { unit }) }));
  if (speeded && source !== null) {
    lines.push(t('inlay.speed', { speed: fmt(cl.speed), source: formatDuration(source, unit), duration: formatDuration(source / cl.speed, unit) }));
  }
  if (cl.autoSpeed !== 1) lines.push(t('inlay.autoSpeed', { factor: fmt(cl.autoSpeed) }));

  const header = `**${t('hover.clipOutput', { range, duration: duration ?? t('hover.unknown') })}**`;
  return { label, tooltip: [header, lines.map((l) => `- ${l}`).join('\n')].join('\n\n') };
}
