// The player's frame model at run time: which composition items are active at an output time and at
// which source time, alpha and gain. Split from composition.ts (which builds the composition from a
// document) so that the preview's webview bundles only this: no parser, no layout, no schema.
import type { TrackKind } from './model';

const round4 = (n: number) => Math.round(n * 10000) / 10000;

/** A rectangle in output pixels. */
export interface CompRect { x: number; y: number; w: number; h: number }

/** How a visual fills its rectangle: contain = letterbox, fill = stretch, cover = crop. */
export type FitMode = 'contain' | 'fill' | 'cover';

export type HAlign = 'left' | 'center' | 'right';
export type VAlign = 'top' | 'center' | 'bottom';

export interface CompText {
  content: string;
  font?: string;
  /** Output pixels. */
  fontSize: number;
  /** #RRGGBB */
  color: string;
  opacity: number;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  /** Without Alignment: x/y are the text's top-left corner; with it, margins from the aligned edges. */
  align: { h: HAlign; v: VAlign } | null;
  x: number;
  y: number;
  /** Wrap width in output pixels, when given. */
  width?: number;
  outline?: { width: number; color: string };
  box?: { color: string; opacity: number };
}

export interface CompNote {
  /** Stable id (for tests and the legend's grouping). */
  code: string;
  text: string;
}

export interface CompItem {
  id: number;
  /** Drawing order: higher is drawn later (above). */
  layer: number;
  kind: TrackKind;
  /** Index of the track within its own array, and of the clip in the track. */
  track: number;
  clip: number;
  /** For a Text effect inside a clip: its index in the clip's Effects. */
  effect?: number;
  visual: 'video' | 'image' | 'text' | 'none';
  /** Whether the item makes sound (audio clips, the sound of video clips). */
  audio: boolean;
  mediaId?: string;
  start: number;
  end: number;
  /** The end was not known (no Out, no media duration): `end` is an estimate. */
  endEstimated: boolean;
  sourceIn: number;
  /** Where the source ends (Out, else the media's end); null when unknown. */
  sourceOut: number | null;
  speed: number;
  /** LoopMode: the [In, Out] range repeats over the span. */
  loop: boolean;
  rect: CompRect;
  fit: FitMode;
  opacity: number;
  gain: number;
  /** Crossfade in / out (seconds) from Transitions. */
  fadeIn: number;
  fadeOut: number;
  text?: CompText;
  /** What the player does not render, or renders only approximately, for this item. */
  notes: CompNote[];
}

export interface Composition {
  width: number;
  height: number;
  /** Where the output size comes from: ProduceConfig, the largest source, or an assumption. */
  sizeSource: 'config' | 'media' | 'assumed';
  fps: number;
  fpsAssumed: boolean;
  duration: number;
  /** The output length was not known: `duration` is where the known and estimated items end. */
  durationEstimated: boolean;
  items: CompItem[];
  /** Notes about the whole timeline (not one clip). */
  notes: CompNote[];
}

/** One active item at an output time. */
export interface ActiveItem {
  item: CompItem;
  /** Seconds into the source (clamped to its range; a held last frame past the end). */
  sourceTime: number;
  /** The source ran out before the span: the last frame is held. */
  holding: boolean;
  /** Visual alpha (opacity × crossfade). */
  alpha: number;
  /** Audio gain (gain × crossfade). */
  gain: number;
}

/** Seconds into the source at output time t (unclamped by the span; see frameAt). */
export function sourceTimeAt(item: CompItem, t: number): { time: number; holding: boolean } {
  const elapsed = Math.max(0, t - item.start) * item.speed;
  const length = item.sourceOut !== null ? item.sourceOut - item.sourceIn : null;
  if (item.loop && length !== null && length > 0) return { time: item.sourceIn + (elapsed % length), holding: false };
  if (length !== null && elapsed > length) return { time: item.sourceOut!, holding: true };
  return { time: item.sourceIn + elapsed, holding: false };
}

/** Whether `item` is on screen / audible at output time t: start ≤ t < end. */
export function isActive(item: CompItem, t: number): boolean {
  return t >= item.start && t < item.end;
}

/** The items active at output time t, bottom layer first, with their source times. */
export function frameAt(composition: Composition, t: number): ActiveItem[] {
  const active: ActiveItem[] = [];
  if (t < 0 || t >= composition.duration) return active;
  for (const item of composition.items) {
    if (!isActive(item, t)) continue;
    const { time, holding } = sourceTimeAt(item, t);
    let fade = 1;
    if (item.fadeIn > 0 && t < item.start + item.fadeIn) fade = Math.min(fade, (t - item.start) / item.fadeIn);
    if (item.fadeOut > 0 && t > item.end - item.fadeOut) fade = Math.min(fade, Math.max(0, (item.end - t) / item.fadeOut));
    // Crossfade: the outgoing clip stays opaque under the incoming one, which fades in over it; its
    // sound fades out while the other fades in.
    const visualFade = item.fadeIn > 0 && t < item.start + item.fadeIn ? fade : 1;
    active.push({ item, sourceTime: round4(time), holding, alpha: item.opacity * visualFade, gain: item.gain * fade });
  }
  active.sort((a, b) => a.item.layer - b.item.layer || a.item.start - b.item.start || a.item.id - b.item.id);
  return active;
}

/** Output times where anything starts or ends (for "previous / next clip boundary"), sorted, unique. */
export function boundaries(composition: Composition): number[] {
  const set = new Set<number>([0, composition.duration]);
  for (const it of composition.items) {
    if (it.start <= composition.duration) set.add(it.start);
    if (it.end <= composition.duration) set.add(it.end);
  }
  return [...set].sort((a, b) => a - b);
}
