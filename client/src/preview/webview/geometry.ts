// Geometry of the timeline view: time ↔ pixels, lanes, hit testing, ruler ticks, keyboard navigation,
// zoom and reveal. Pure (no DOM), so it is unit-tested in Node and the canvas code only draws.

import type { BarRef, PreviewModel } from '../protocol';

/** Width of the lane labels on the left, height of the ruler on top, height of a lane (CSS px). */
export const LABEL_W = 184;
export const RULER_H = 28;
export const LANE_H = 28;
/** Space between a bar and its lane's edges. */
export const BAR_INSET = 4;
/** Room after the last bar. */
export const RIGHT_PAD = 48;
/** Bars never get thinner than this, so a 0.01 s clip in a 2-hour timeline stays clickable. */
export const MIN_BAR_W = 2;
export const MAX_PPS = 2000;

export interface View {
  /** Pixels per second. */
  pps: number;
  scrollX: number;
  scrollY: number;
  /** Visible size of the drawing area (CSS px), ruler and labels included. */
  width: number;
  height: number;
}

export function contentWidth(model: PreviewModel, pps: number): number {
  return Math.ceil(LABEL_W + model.extent * pps + RIGHT_PAD);
}

export function contentHeight(model: PreviewModel): number {
  return RULER_H + model.lanes.length * LANE_H + BAR_INSET;
}

/** The zoom that shows the whole extent in `width`. */
export function fitPps(extent: number, width: number): number {
  const room = Math.max(40, width - LABEL_W - RIGHT_PAD);
  return Math.min(MAX_PPS, room / Math.max(extent, 0.001));
}

/** Zoom limits: from "everything fits" (or a little below) up to MAX_PPS. */
export function clampPps(pps: number, extent: number, width: number): number {
  const min = Math.min(fitPps(extent, width), MAX_PPS) * 0.5;
  return Math.max(min, Math.min(MAX_PPS, pps));
}

export function clampScroll(model: PreviewModel, view: View): View {
  const maxX = Math.max(0, contentWidth(model, view.pps) - view.width);
  const maxY = Math.max(0, contentHeight(model) - view.height);
  return { ...view, scrollX: Math.max(0, Math.min(maxX, view.scrollX)), scrollY: Math.max(0, Math.min(maxY, view.scrollY)) };
}

export const timeToX = (t: number, view: View) => LABEL_W + t * view.pps - view.scrollX;
export const xToTime = (x: number, view: View) => (x - LABEL_W + view.scrollX) / view.pps;
export const laneTop = (lane: number, view: View) => RULER_H + lane * LANE_H - view.scrollY;

/** First and last lane (inclusive) that show in the view; last < first when none. */
export function visibleLanes(model: PreviewModel, view: View): [number, number] {
  const first = Math.max(0, Math.floor(view.scrollY / LANE_H));
  const last = Math.min(model.lanes.length - 1, Math.floor((view.scrollY + view.height - RULER_H) / LANE_H));
  return [first, last];
}

export interface Rect { x: number; y: number; w: number; h: number }

export function barRect(model: PreviewModel, ref: BarRef, view: View): Rect | undefined {
  const clip = model.lanes[ref.lane]?.clips[ref.clip];
  if (!clip) return undefined;
  const x = timeToX(clip.x0, view);
  const w = Math.max(MIN_BAR_W, (clip.x1 - clip.x0) * view.pps);
  return { x, y: laneTop(ref.lane, view) + BAR_INSET, w, h: LANE_H - 2 * BAR_INSET };
}

/**
 * The bar under (x, y) in view coordinates. Where bars overlap, the one drawn last (later in the
 * track) wins, as on screen; a bar missed by a pixel or two still counts when nothing is hit exactly.
 */
export function hitTest(model: PreviewModel, view: View, x: number, y: number): BarRef | undefined {
  if (x < LABEL_W || y < RULER_H) return undefined;
  const lane = Math.floor((y - RULER_H + view.scrollY) / LANE_H);
  const l = model.lanes[lane];
  if (!l) return undefined;
  const inLane = y - laneTop(lane, view);
  if (inLane < BAR_INSET - 1 || inLane > LANE_H - BAR_INSET + 1) return undefined;
  let exact = -1;
  let near = -1;
  let nearDistance = 4;
  for (let i = 0; i < l.clips.length; i++) {
    const c = l.clips[i];
    const left = timeToX(c.x0, view);
    const right = left + Math.max(MIN_BAR_W, (c.x1 - c.x0) * view.pps);
    if (x >= left && x <= right) exact = i;
    else {
      const d = x < left ? left - x : x - right;
      if (d < nearDistance) { nearDistance = d; near = i; }
    }
  }
  const clip = exact >= 0 ? exact : near;
  return clip >= 0 ? { lane, clip } : undefined;
}

const STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

/** Seconds between labelled ruler ticks so that labels are at least `minPx` apart. */
export function tickStep(pps: number, minPx = 72): number {
  for (const s of STEPS) if (s * pps >= minPx) return s;
  return STEPS[STEPS.length - 1];
}

/** Ruler label: seconds below a minute of extent ("12.5 s"), m:ss above ("1:05", "1:05.5"). */
export function formatTick(t: number, step: number, extent: number): string {
  const decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  if (extent < 60) return `${t.toFixed(decimals)} s`;
  const sign = t < 0 ? '-' : '';
  // Round once, then split: 59.96 s at 0.1 s steps is 1:00.0, never 0:60.0.
  const scale = 10 ** decimals;
  const a = Math.round(Math.abs(t) * scale) / scale;
  const h = Math.floor(a / 3600);
  const m = Math.floor((a - h * 3600) / 60);
  const ss = (a - h * 3600 - m * 60).toFixed(decimals).padStart(decimals ? 3 + decimals : 2, '0');
  return h ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}

/** Ticks (seconds) from the view's left edge to its right edge, labelled every `step`. */
export function ticks(view: View, extent: number): { step: number; times: number[] } {
  const step = tickStep(view.pps);
  const t0 = Math.max(0, Math.floor(xToTime(LABEL_W, view) / step) * step);
  const t1 = Math.min(extent, xToTime(view.width, view));
  const times: number[] = [];
  for (let i = Math.round(t0 / step); i * step <= t1 && times.length < 1000; i++) times.push(Math.round(i * step * 1000) / 1000);
  return { step, times };
}

function firstBar(model: PreviewModel, fromLane: number, dir: 1 | -1, last = false): BarRef | null {
  for (let lane = fromLane; lane >= 0 && lane < model.lanes.length; lane += dir) {
    const order = model.lanes[lane].order;
    if (order.length) return { lane, clip: last ? order[order.length - 1] : order[0] };
  }
  return null;
}

/** The clip of `lane` closest in time to `t` (overlapping it if any). */
function nearestInLane(model: PreviewModel, lane: number, t: number): number {
  const clips = model.lanes[lane].clips;
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < clips.length; i++) {
    const c = clips[i];
    const d = t < c.x0 ? c.x0 - t : t > c.x1 ? t - c.x1 : 0;
    if (d < bestD) { bestD = d; best = i; }
  }
  return best;
}

export type NavKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown' | 'CtrlHome' | 'CtrlEnd';

/** Where a key moves the current bar: ←/→ along the track in time order, ↑/↓ to the nearest bar of the next track with clips. */
export function navigate(model: PreviewModel, current: BarRef | null, key: NavKey, pageLanes = 10): BarRef | null {
  if (!current || !model.lanes[current.lane]?.clips[current.clip]) {
    return key === 'End' || key === 'CtrlEnd' ? firstBar(model, model.lanes.length - 1, -1, true) : firstBar(model, 0, 1);
  }
  const lane = model.lanes[current.lane];
  const pos = lane.order.indexOf(current.clip);
  const clip = lane.clips[current.clip];
  const mid = (clip.x0 + clip.x1) / 2;
  const toLane = (target: number, dir: 1 | -1): BarRef | null => {
    for (let l = target; l >= 0 && l < model.lanes.length; l += dir) {
      if (model.lanes[l].clips.length) return { lane: l, clip: nearestInLane(model, l, mid) };
    }
    return null;
  };
  switch (key) {
    case 'ArrowLeft': return pos > 0 ? { lane: current.lane, clip: lane.order[pos - 1] } : current;
    case 'ArrowRight': return pos < lane.order.length - 1 ? { lane: current.lane, clip: lane.order[pos + 1] } : current;
    case 'Home': return { lane: current.lane, clip: lane.order[0] };
    case 'End': return { lane: current.lane, clip: lane.order[lane.order.length - 1] };
    case 'ArrowUp': return toLane(current.lane - 1, -1) ?? current;
    case 'ArrowDown': return toLane(current.lane + 1, 1) ?? current;
    case 'PageUp': return toLane(Math.max(0, current.lane - pageLanes), 1) ?? current;
    case 'PageDown': return toLane(Math.min(model.lanes.length - 1, current.lane + pageLanes), -1) ?? current;
    case 'CtrlHome': return firstBar(model, 0, 1) ?? current;
    case 'CtrlEnd': return firstBar(model, model.lanes.length - 1, -1, true) ?? current;
  }
}

/** The scroll position that brings `ref` into view (with a margin), changing as little as possible. */
export function reveal(model: PreviewModel, view: View, ref: BarRef): View {
  const clip = model.lanes[ref.lane]?.clips[ref.clip];
  if (!clip) return view;
  const margin = 24;
  let { scrollX, scrollY } = view;
  const left = LABEL_W + clip.x0 * view.pps;
  const right = LABEL_W + clip.x1 * view.pps;
  const visibleW = view.width - LABEL_W;
  if (left - scrollX < LABEL_W + margin || right - scrollX > view.width - margin) {
    // A bar wider than the view shows its start; otherwise it is centred.
    scrollX = right - left > visibleW - 2 * margin ? left - LABEL_W - margin : (left + right) / 2 - LABEL_W - visibleW / 2;
  }
  const top = RULER_H + ref.lane * LANE_H;
  if (top - scrollY < RULER_H) scrollY = top - RULER_H;
  else if (top + LANE_H - scrollY > view.height) scrollY = top + LANE_H - view.height;
  return clampScroll(model, { ...view, scrollX, scrollY });
}

/** Zooms to `pps` keeping the time under `anchorX` (view px) where it is. */
export function zoomAt(model: PreviewModel, view: View, pps: number, anchorX: number): View {
  const next = clampPps(pps, model.extent, view.width);
  const x = Math.max(LABEL_W, anchorX);
  const t = xToTime(x, view);
  return clampScroll(model, { ...view, pps: next, scrollX: LABEL_W + t * next - x });
}
