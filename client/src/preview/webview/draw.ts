// Draws one frame of the timeline on a canvas: only the lanes and bars inside the view, bars of a lane
// batched into one path per style, labels only where they fit. A frame of the 6,600-clip document
// costs a few milliseconds whatever the zoom.

import type { BarRef, PreviewModel, Severity, TrackKind } from '../protocol';
import {
  BAR_INSET, LABEL_W, LANE_H, MIN_BAR_W, RULER_H, type View,
  formatTick, laneTop, ticks, timeToX, visibleLanes, xToTime,
} from './geometry';
import { ICONS } from './icons';
import { isHighContrast, type Theme } from './theme';

export interface DrawState {
  model: PreviewModel;
  view: View;
  current: BarRef | null;
  hover: BarRef | null;
  focused: boolean;
  /** Worst severity per lane, the track's own and its clips'. */
  laneSeverity: Severity[];
  /** "Video 0" etc. per lane. */
  laneLabels: string[];
  mainLabel: string;
  outputLabel: string;
  /** The player's output time (null: no player input yet). */
  playhead?: number | null;
  /** "lane:clip" of the bars under the playhead. */
  playing?: ReadonlySet<string>;
}

const iconPaths = new Map<TrackKind, Path2D>();
function icon(kind: TrackKind): Path2D {
  let p = iconPaths.get(kind);
  if (!p) iconPaths.set(kind, (p = new Path2D(ICONS[kind])));
  return p;
}

const widths = new Map<string, number>();
let widthFont = '';
function textWidth(ctx: CanvasRenderingContext2D, s: string): number {
  if (ctx.font !== widthFont) {
    widths.clear();
    widthFont = ctx.font;
  }
  let w = widths.get(s);
  if (w === undefined) {
    w = ctx.measureText(s).width;
    if (widths.size > 20000) widths.clear();
    widths.set(s, w);
  }
  return w;
}

/** `s` cut (with an ellipsis) to about `room` px. */
function fit(ctx: CanvasRenderingContext2D, s: string, room: number): string | undefined {
  if (room < 12) return undefined;
  const w = textWidth(ctx, s);
  if (w <= room) return s;
  const n = Math.floor((s.length * room) / w) - 1;
  return n >= 2 ? s.slice(0, n) + '…' : undefined;
}

function severityColor(theme: Theme, s: Severity): string {
  return s === 3 ? theme.error : s === 2 ? theme.warning : theme.info;
}

/** A small badge: a filled circle for errors, a triangle for warnings (shape, not only colour). */
function badge(ctx: CanvasRenderingContext2D, theme: Theme, s: Severity, cx: number, cy: number, r: number): void {
  ctx.fillStyle = severityColor(theme, s);
  ctx.beginPath();
  if (s === 3) ctx.arc(cx, cy, r, 0, Math.PI * 2);
  else {
    ctx.moveTo(cx, cy - r);
    ctx.lineTo(cx + r, cy + r * 0.8);
    ctx.lineTo(cx - r, cy + r * 0.8);
    ctx.closePath();
  }
  ctx.fill();
  ctx.fillStyle = theme.background;
  ctx.fillRect(cx - 0.75, cy - r * 0.55, 1.5, r * 0.7);
  ctx.fillRect(cx - 0.75, cy + r * 0.3, 1.5, 1.5);
}

/** Draws the frame; returns how many bars were drawn. */
export function drawFrame(ctx: CanvasRenderingContext2D, dpr: number, state: DrawState, theme: Theme): number {
  const { model, view } = state;
  const { width, height } = view;
  const hc = isHighContrast(theme);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  const [first, last] = visibleLanes(model, view);
  const tLeft = xToTime(LABEL_W, view);
  const tRight = xToTime(width, view);
  const { step, times } = ticks(view, model.extent);
  const fontSize = Math.round(Math.min(13, Math.max(11, theme.fontSize - 1)));
  const font = `${fontSize}px ${theme.font}`;
  let drawn = 0;

  // Lanes: stripes and grid.
  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_W, RULER_H, width - LABEL_W, height - RULER_H);
  ctx.clip();
  ctx.fillStyle = theme.laneStripe;
  for (let lane = first; lane <= last; lane++) if (lane % 2 === 1) ctx.fillRect(LABEL_W, laneTop(lane, view), width - LABEL_W, LANE_H);
  ctx.strokeStyle = theme.border;
  ctx.globalAlpha = 0.6;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of times) {
    const x = Math.round(timeToX(t, view)) + 0.5;
    ctx.moveTo(x, RULER_H);
    ctx.lineTo(x, height);
  }
  ctx.stroke();
  ctx.globalAlpha = 1;

  // Bars, one batch per lane (a lane has one colour), estimated ones (unknown times) dashed.
  const fillAlpha = hc ? 0.14 : theme.kind === 'light' ? 0.2 : 0.3;
  const laneBars: number[] = [];
  ctx.font = font;
  ctx.textBaseline = 'middle';
  for (let lane = first; lane <= last; lane++) {
    const l = model.lanes[lane];
    const color = theme.kinds[l.kind];
    const y = laneTop(lane, view) + BAR_INSET;
    const h = LANE_H - 2 * BAR_INSET;
    laneBars.length = 0;
    for (let i = 0; i < l.clips.length; i++) {
      const c = l.clips[i];
      if (c.x1 < tLeft - 1 || c.x0 > tRight) continue;
      laneBars.push(i);
    }
    if (!laneBars.length) continue;
    drawn += laneBars.length;
    const solid = new Path2D();
    const dashed = new Path2D();
    const stripes = new Path2D();
    for (const i of laneBars) {
      const c = l.clips[i];
      const x = timeToX(c.x0, view);
      const w = Math.max(MIN_BAR_W, (c.x1 - c.x0) * view.pps);
      // Whole pixels keep edges crisp; a 1 px gap separates touching bars.
      const rx = Math.round(x) + 0.5;
      const rw = Math.max(1, Math.round(w) - 1);
      const target = c.start === null || c.end === null ? dashed : solid;
      target.rect(rx, y + 0.5, rw, h - 1);
      if (w >= 8) stripes.rect(Math.round(x), y, 3, h);
    }
    ctx.fillStyle = color;
    ctx.globalAlpha = fillAlpha;
    ctx.fill(solid);
    ctx.globalAlpha = fillAlpha * 0.6;
    ctx.fill(dashed);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = color;
    ctx.lineWidth = hc ? 1.5 : 1;
    ctx.stroke(solid);
    ctx.setLineDash([4, 3]);
    ctx.stroke(dashed);
    ctx.setLineDash([]);
    ctx.fill(stripes);

    // Labels (and the kind icon) where a bar is wide enough.
    ctx.fillStyle = theme.foreground;
    for (const i of laneBars) {
      const c = l.clips[i];
      const x = timeToX(c.x0, view);
      const w = (c.x1 - c.x0) * view.pps;
      if (w < 30) continue;
      const left = Math.max(x, LABEL_W) + 6;
      const right = x + w - (c.severity >= 2 ? 16 : 4);
      let textX = left;
      if (right - left > 70) {
        ctx.save();
        ctx.translate(left, y + h / 2 - 6);
        ctx.scale(0.75, 0.75);
        ctx.fillStyle = color;
        ctx.fill(icon(l.kind), 'evenodd');
        ctx.restore();
        textX += 16;
      }
      const text = fit(ctx, c.label || `#${c.index}`, right - textX);
      if (text) ctx.fillText(text, textX, y + h / 2 + 0.5);
    }

    // Problems: a thick border in the severity colour and a badge in the corner.
    for (const i of laneBars) {
      const c = l.clips[i];
      if (c.severity < 2) continue;
      const x = timeToX(c.x0, view);
      const w = Math.max(MIN_BAR_W, (c.x1 - c.x0) * view.pps);
      ctx.strokeStyle = severityColor(theme, c.severity);
      ctx.lineWidth = 2;
      ctx.strokeRect(Math.round(x) + 1, y + 1, Math.max(1, Math.round(w) - 2), h - 2);
      if (w >= 14) badge(ctx, theme, c.severity, x + w - 8, y + h / 2, 5);
    }
  }

  // After the output's end: dimmed (audio and overlays there are cut).
  const end = model.duration ?? model.minDuration;
  const endX = timeToX(end, view);
  if (endX < width) {
    ctx.fillStyle = theme.background;
    ctx.globalAlpha = 0.45;
    ctx.fillRect(Math.max(LABEL_W, endX), RULER_H, width - Math.max(LABEL_W, endX), height - RULER_H);
    ctx.globalAlpha = 1;
  }
  if (endX >= LABEL_W && endX <= width) {
    ctx.strokeStyle = theme.foreground;
    ctx.lineWidth = 1.5;
    if (model.duration === null) ctx.setLineDash([5, 4]);
    ctx.beginPath();
    ctx.moveTo(Math.round(endX) + 0.5, RULER_H);
    ctx.lineTo(Math.round(endX) + 0.5, height);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  // Hover and current bar outlines on top of everything in the lanes.
  const outline = (ref: BarRef | null, color: string, lineWidth: number) => {
    if (!ref) return;
    const c = model.lanes[ref.lane]?.clips[ref.clip];
    if (!c || ref.lane < first || ref.lane > last) return;
    const x = timeToX(c.x0, view);
    const w = Math.max(MIN_BAR_W, (c.x1 - c.x0) * view.pps);
    const y = laneTop(ref.lane, view) + BAR_INSET;
    ctx.strokeStyle = color;
    ctx.lineWidth = lineWidth;
    ctx.strokeRect(Math.round(x) - 1, y - 1.5, Math.round(w) + 1, LANE_H - 2 * BAR_INSET + 3);
  };
  if (state.hover && (!state.current || state.hover.lane !== state.current.lane || state.hover.clip !== state.current.clip)) outline(state.hover, theme.foreground, 1);
  // The clips under the playhead: a dashed outline (the selection keeps its solid one).
  if (state.playing?.size) {
    ctx.setLineDash([3, 2]);
    for (const key of state.playing) {
      const [lane, clip] = key.split(':').map(Number);
      if (state.current && state.current.lane === lane && state.current.clip === clip) continue;
      outline({ lane, clip }, theme.focus, 1.5);
    }
    ctx.setLineDash([]);
  }
  outline(state.current, theme.focus, state.focused ? 2.5 : 2);
  // The playhead: a line through the lanes.
  const playX = state.playhead !== null && state.playhead !== undefined ? timeToX(state.playhead, view) : undefined;
  if (playX !== undefined && playX >= LABEL_W && playX <= width) {
    ctx.strokeStyle = theme.focus;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(Math.round(playX), RULER_H);
    ctx.lineTo(Math.round(playX), height);
    ctx.stroke();
  }
  ctx.restore();

  // Ruler.
  ctx.fillStyle = theme.rulerBackground;
  ctx.fillRect(0, 0, width, RULER_H);
  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, RULER_H - 0.5);
  ctx.lineTo(width, RULER_H - 0.5);
  ctx.stroke();
  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_W, 0, width - LABEL_W, RULER_H);
  ctx.clip();
  ctx.strokeStyle = theme.muted;
  ctx.beginPath();
  const minor = step / 5;
  for (let t = Math.max(0, Math.floor(tLeft / minor) * minor), n = 0; t <= tRight && n < 5000; t += minor, n++) {
    const x = Math.round(timeToX(t, view)) + 0.5;
    ctx.moveTo(x, RULER_H - 4);
    ctx.lineTo(x, RULER_H);
  }
  for (const t of times) {
    const x = Math.round(timeToX(t, view)) + 0.5;
    ctx.moveTo(x, RULER_H - 10);
    ctx.lineTo(x, RULER_H);
  }
  ctx.stroke();
  ctx.fillStyle = theme.muted;
  ctx.font = `${fontSize - 1}px ${theme.font}`;
  ctx.textBaseline = 'top';
  for (const t of times) ctx.fillText(formatTick(t, step, model.extent), Math.round(timeToX(t, view)) + 3, 4);
  if (endX >= LABEL_W - 6 && endX <= width + 6) {
    // The output's end on the ruler: a marker pointing down.
    ctx.fillStyle = theme.foreground;
    ctx.beginPath();
    ctx.moveTo(endX - 5, RULER_H - 8);
    ctx.lineTo(endX + 5, RULER_H - 8);
    ctx.lineTo(endX, RULER_H - 1);
    ctx.closePath();
    ctx.fill();
  }
  if (playX !== undefined && playX >= LABEL_W - 6 && playX <= width + 6) {
    // The playhead's handle on the ruler (click or drag the ruler to move it).
    ctx.fillStyle = theme.focus;
    ctx.fillRect(Math.round(playX) - 1, 0, 2, RULER_H);
    ctx.beginPath();
    ctx.moveTo(playX - 6, 0);
    ctx.lineTo(playX + 6, 0);
    ctx.lineTo(playX + 6, 6);
    ctx.lineTo(playX, 12);
    ctx.lineTo(playX - 6, 6);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();

  // Lane labels.
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, RULER_H, LABEL_W, height - RULER_H);
  ctx.clip();
  ctx.fillStyle = theme.labelBackground;
  ctx.fillRect(0, RULER_H, LABEL_W, height - RULER_H);
  ctx.font = font;
  ctx.textBaseline = 'middle';
  for (let lane = first; lane <= last; lane++) {
    const l = model.lanes[lane];
    const y = laneTop(lane, view);
    if (state.current?.lane === lane) {
      ctx.fillStyle = theme.hover;
      ctx.fillRect(0, y, LABEL_W, LANE_H);
    }
    ctx.save();
    ctx.translate(10, y + LANE_H / 2 - 8);
    ctx.fillStyle = theme.kinds[l.kind];
    ctx.fill(icon(l.kind), 'evenodd');
    ctx.restore();
    ctx.fillStyle = theme.foreground;
    let x = 32;
    const sev = state.laneSeverity[lane] ?? 0;
    const room = LABEL_W - x - (sev >= 2 ? 22 : 8);
    const label = fit(ctx, state.laneLabels[lane], room) ?? '';
    ctx.fillText(label, x, y + LANE_H / 2 + 0.5);
    x += textWidth(ctx, label) + 6;
    if (l.main) {
      const text = state.mainLabel;
      const w = textWidth(ctx, text) + 8;
      if (x + w <= LABEL_W - (sev >= 2 ? 22 : 6)) {
        ctx.strokeStyle = theme.muted;
        ctx.lineWidth = 1;
        ctx.strokeRect(Math.round(x) + 0.5, y + 6.5, Math.round(w), LANE_H - 13);
        ctx.fillStyle = theme.muted;
        ctx.fillText(text, x + 4, y + LANE_H / 2 + 0.5);
      }
    }
    if (sev >= 2) badge(ctx, theme, sev, LABEL_W - 12, y + LANE_H / 2, 5);
  }
  ctx.restore();
  ctx.strokeStyle = theme.border;
  ctx.beginPath();
  ctx.moveTo(LABEL_W - 0.5, 0);
  ctx.lineTo(LABEL_W - 0.5, height);
  ctx.stroke();

  // Corner: the output's length.
  ctx.fillStyle = theme.rulerBackground;
  ctx.fillRect(0, 0, LABEL_W - 1, RULER_H - 1);
  ctx.fillStyle = theme.foreground;
  ctx.font = `600 ${fontSize}px ${theme.font}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(fit(ctx, state.outputLabel, LABEL_W - 16) ?? '', 10, RULER_H / 2);
  return drawn;
}
