// Where every clip lands on the output: the one answer the timing rules, hover, symbols, the status
// bar, the preview, CodeLens and `vod-timeline inspect` all share, so they never disagree.
//
// Rules (reference §2.1, §2.3–§2.9): clips without TimelineIn follow the previous clip of their track
// (the first starts at 0); a clip plays (Out − In) / Speed seconds; Out defaults to the media's end,
// which only the cloud knows, so it is "unknown" (null) unless a media duration is supplied; a
// Transition of D seconds on a clip makes the next (implicitly placed) clip start D seconds earlier;
// an image clip lasts its Duration; subtitle and image-track clips without times span the output.
// The output lasts as long as the main track when there is one, else as long as the video tracks
// (audio past the video is cut), else the audio; a Timeline `MaxDuration` caps it (ICE: wins over the
// main track). A clip with `ReferenceClipId` takes the TimelineIn/TimelineOut it leaves out from the
// clip with that `ClipId` on another track. A video track of `Type: "Effect"` holds effect items.
// With a main track, a video or audio track whose TrackShortenMode (longer) or TrackExpandMode
// (shorter) is "AutoSpeed" is played faster or slower so that it ends with the main track (ICE).

import type { TimelineDocument } from './document';
import { buildModel, readNumber, type ClipModel, type TimelineModel, type TrackModel } from './model';
import { NONE } from './json/parser';

export interface ClipLayout {
  clip: ClipModel;
  /** Output start / end in seconds; null = unknown (depends on the media's real length). */
  start: number | null;
  end: number | null;
  /** Source range in seconds; sourceOut null = until the end of the media. */
  sourceIn: number;
  sourceOut: number | null;
  speed: number;
  /** True when start / end were computed rather than written. */
  implicitStart: boolean;
  implicitEnd: boolean;
  /** Seconds by which the next clip is pulled in by a Transition on this clip. */
  transition: number;
  /** The track's AutoSpeed factor is already in `speed` and the times (1 when none applies). */
  autoSpeed: number;
}

export interface TrackLayout {
  track: TrackModel;
  clips: ClipLayout[];
  start: number | null;
  end: number | null;
}

export interface Layout {
  tracks: TrackLayout[];
  /** Output duration in seconds, or null when unknown. */
  duration: number | null;
  /** What is known for certain: the output lasts at least this long. */
  minDuration: number;
  mainTrack: TrackModel | undefined;
}

export interface LayoutOptions {
  /** Real media durations (from the cloud or a cache), when known. */
  mediaDuration?: (mediaId: string) => number | undefined;
}

const TRANSITION_DEFAULT = 1;

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}

function isImageClip(clip: ClipModel): boolean {
  return clip.track.kind === 'image' || clip.type === 'Image' || clip.type === 'GlobalImage';
}

/** Effect items: on an EffectTrack, or on a video track of `Type: "Effect"`. */
function isEffectTrack(track: TrackModel): boolean {
  return track.kind === 'effect' || (track.kind === 'video' && track.type === 'Effect');
}

/** The clip a ReferenceClipId names (first ClipId match on another track), when already laid out. */
type ReferenceLookup = (clip: ClipModel) => ClipLayout | undefined;

function layoutTrack(track: TrackModel, options: LayoutOptions, reference?: ReferenceLookup): TrackLayout {
  const clips: ClipLayout[] = [];
  const effect = isEffectTrack(track);
  // Subtitle, image-track and effect items default to the start of the output, not the previous clip.
  const independent = effect || track.kind === 'subtitle' || track.kind === 'image';
  let cursor: number | null = 0;
  for (const clip of track.clips) {
    const speed = clip.speed !== undefined && clip.speed > 0 ? clip.speed : 1;
    const sourceIn = clip.in !== undefined && clip.in >= 0 ? clip.in : 0;
    let sourceOut: number | null = clip.out ?? null;
    if (sourceOut === null && clip.mediaId && options.mediaDuration) {
      const d = options.mediaDuration(clip.mediaId);
      if (d !== undefined) sourceOut = clip.maxOut !== undefined ? Math.min(d, clip.maxOut) : d;
    }
    let natural: number | null = null;
    if (track.kind === 'subtitle' || effect) {
      natural = clip.duration ?? null;
    } else if (isImageClip(clip)) {
      natural = clip.duration ?? (sourceOut !== null ? (sourceOut - sourceIn) / speed : null);
    } else if (sourceOut !== null) {
      natural = Math.max(0, (sourceOut - sourceIn) / speed);
    }
    const ref = clip.referenceClipId !== undefined && (clip.timelineIn === undefined || clip.timelineOut === undefined) ? reference?.(clip) : undefined;
    const implicitStart = clip.timelineIn === undefined;
    const start: number | null = clip.timelineIn !== undefined ? clip.timelineIn : ref ? ref.start : independent ? 0 : cursor;
    const implicitEnd = clip.timelineOut === undefined;
    let end: number | null = clip.timelineOut !== undefined
      ? clip.timelineOut
      : ref && ref.end !== null ? ref.end : start !== null && natural !== null ? start + natural : null;
    if (end !== null) end = round(end);
    let transition = 0;
    // By index: a for-of iterator per clip cost more than this loop's body (most clips have 0-1 effects).
    const effects = clip.effects;
    for (let i = 0; i < effects.length; i++) {
      const e = effects[i];
      if (e.type === 'Transition') transition = e.duration !== undefined && e.duration > 0 ? e.duration : TRANSITION_DEFAULT;
    }
    clips.push({ clip, start: start === null ? null : round(start), end, sourceIn, sourceOut, speed, implicitStart, implicitEnd, transition, autoSpeed: 1 });
    cursor = end === null ? null : Math.max(0, end - transition);
  }
  let start: number | null = null;
  let end: number | null = null;
  let unknown = false;
  for (const c of clips) {
    if (c.start !== null && (start === null || c.start < start)) start = c.start;
    if (c.end === null) unknown = true;
    else if (end === null || c.end > end) end = c.end;
  }
  return { track, clips, start, end: unknown ? null : end };
}

function sameTimes(a: TrackLayout, b: TrackLayout): boolean {
  for (let i = 0; i < a.clips.length; i++) if (a.clips[i].start !== b.clips[i].start || a.clips[i].end !== b.clips[i].end) return false;
  return true;
}

/**
 * Lays out every track; tracks with ReferenceClipId clips are laid out again against the others until
 * nothing moves (references may chain across tracks; a cycle stops after a few passes).
 */
function layoutTracks(model: TimelineModel, options: LayoutOptions): TrackLayout[] {
  const tracks = model.tracks.map((t) => layoutTrack(t, options));
  // The tracks with a ReferenceClipId clip, from the model's list of clips with an id or a reference
  // (rarely any) rather than another walk over every clip.
  const withReference = new Set<TrackModel>();
  for (const c of model.lists.clipIdOrReference) if (c.referenceClipId !== undefined) withReference.add(c.track);
  if (withReference.size === 0) return tracks;
  const referring = tracks.filter((tl) => withReference.has(tl.track));
  const position = new Map(tracks.map((tl, i) => [tl.track, i]));
  for (let pass = 0; pass < 4; pass++) {
    const byId = new Map<string, ClipLayout[]>();
    for (const tl of tracks) for (const c of tl.clips) {
      if (c.clip.clipId === undefined) continue;
      const list = byId.get(c.clip.clipId);
      if (list) list.push(c);
      else byId.set(c.clip.clipId, [c]);
    }
    const lookup: ReferenceLookup = (clip) => byId.get(clip.referenceClipId!)?.find((c) => c.clip.track !== clip.track);
    let moved = false;
    for (const old of referring) {
      const i = position.get(old.track)!;
      const next = layoutTrack(old.track, options, lookup);
      if (!sameTimes(tracks[i], next)) moved = true;
      tracks[i] = next;
    }
    if (!moved) break;
  }
  return tracks;
}

export function computeLayout(model: TimelineModel, options: LayoutOptions = {}): Layout {
  const tracks = layoutTracks(model, options);
  const byTrack = new Map(tracks.map((t) => [t.track, t]));
  const mainTrack = model.tracks.find((t) => t.main && (t.kind === 'video' || t.kind === 'audio'));
  let duration: number | null;
  let minDuration = 0;
  // The latest known clip end. A track's end, when known, is already the latest of its clips' ends
  // (layoutTrack): only a track with an unknown end has its clips looked at (or a NaN end, which
  // layoutTrack keeps when the first clip has it, and this loop skips).
  const knownMax = (list: TrackLayout[]) => {
    let max = 0;
    for (const tl of list) {
      if (tl.end !== null && !Number.isNaN(tl.end)) {
        if (tl.end > max) max = tl.end;
        continue;
      }
      for (const c of tl.clips) if (c.end !== null && c.end > max) max = c.end;
    }
    return max;
  };
  if (mainTrack) {
    const tl = byTrack.get(mainTrack)!;
    duration = tl.end;
    minDuration = knownMax([tl]);
    if (duration !== null && duration > 0) for (const other of tracks) autoSpeed(other, mainTrack, duration);
  } else {
    const video = tracks.filter((t) => t.track.kind === 'video' && !isEffectTrack(t.track) && t.clips.length > 0);
    const basis = video.length > 0 ? video : tracks.filter((t) => t.track.kind === 'audio' && t.clips.length > 0);
    minDuration = knownMax(basis);
    duration = basis.some((t) => t.end === null) ? null : basis.length ? minDuration : 0;
  }
  // MaxDuration (ICE) caps the output, main track or not.
  const maxDuration = readNumber(model.tree, model.tree.get(model.timeline, 'MaxDuration'));
  if (maxDuration !== undefined && maxDuration > 0) {
    if (duration !== null) duration = Math.min(duration, maxDuration);
    else if (minDuration >= maxDuration) duration = maxDuration;
    minDuration = Math.min(minDuration, maxDuration);
  }
  // Items that span "the whole output" by default end where the output ends.
  for (const tl of tracks) {
    if (tl.track.kind !== 'subtitle' && tl.track.kind !== 'image' && !isEffectTrack(tl.track)) continue;
    let unknown = false;
    for (const c of tl.clips) {
      if (c.end === null && c.clip.timelineOut === undefined && c.clip.duration === undefined) c.end = duration;
      if (c.end === null) unknown = true;
    }
    tl.end = unknown ? null : tl.clips.reduce<number | null>((m, c) => (c.end !== null && (m === null || c.end > m) ? c.end : m), null);
  }
  return { tracks, duration: duration === null ? null : round(duration), minDuration: round(minDuration), mainTrack };
}

/**
 * TrackShortenMode / TrackExpandMode "AutoSpeed" (ICE, reference §2.3): a track longer than the main
 * track is sped up, a shorter one slowed down, so that it ends where the main track ends. Its clips'
 * times and speeds are scaled by one factor.
 */
function autoSpeed(tl: TrackLayout, main: TrackModel, mainEnd: number): void {
  const track = tl.track;
  if (track === main || (track.kind !== 'video' && track.kind !== 'audio') || track.type === 'Effect') return;
  if (tl.end === null || tl.end <= 0 || tl.clips.some((c) => c.clip.referenceClipId !== undefined)) return;
  const longer = tl.end > mainEnd + 1e-6 && track.shortenMode === 'AutoSpeed';
  const shorter = tl.end < mainEnd - 1e-6 && track.expandMode === 'AutoSpeed';
  if (!longer && !shorter) return;
  const factor = tl.end / mainEnd;
  for (const c of tl.clips) {
    if (c.start !== null) c.start = round(c.start / factor);
    if (c.end !== null) c.end = round(c.end / factor);
    c.transition = round(c.transition / factor);
    c.speed = round(c.speed * factor);
    c.autoSpeed = round(factor);
  }
  if (tl.start !== null) tl.start = round(tl.start / factor);
  tl.end = round(tl.end / factor);
}

/** The layout of a document, computed once per version. */
export function documentLayout(doc: TimelineDocument, options?: LayoutOptions): Layout | undefined {
  const model = buildModel(doc);
  if (!model) return undefined;
  if (options?.mediaDuration) return computeLayout(model, options);
  return doc.cached('layout', () => computeLayout(model));
}

export function clipLayoutOf(layout: Layout, clipNode: number): ClipLayout | undefined {
  if (clipNode === NONE) return undefined;
  for (const t of layout.tracks) for (const c of t.clips) if (c.clip.node === clipNode) return c;
  return undefined;
}
