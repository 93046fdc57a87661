/// <reference lib="dom" />
// The preview webview: a canvas that draws the visible part of the timeline under a transparent
// scroller (native scrollbars, wheel and touch scrolling), zoom with Ctrl+wheel, the toolbar or + − 0,
// keyboard navigation between bars, a tooltip and a live region for screen readers; above them the
// player (playerView.ts), whose playhead runs on the ruler. It draws what the extension sends and
// reports clicks; the only network use is the player's media, from the hosts VOD named (the CSP).

import type { BarRef, CompositionResult, FromWebview, InitialModel, ModelDelta, PreviewModel, Severity, ToWebview, TrackKind } from '../protocol';
import { DeltaReceiver } from '../delta';
import { drawFrame } from './draw';
import {
  LABEL_W, type NavKey, type View, clampPps, clampScroll, contentHeight, contentWidth, fitPps,
  hitTest, navigate, reveal, zoomAt, barRect,
} from './geometry';
import { iconSvg } from './icons';
import { clipCount, errorCount, secondsUnit, trackCount, tracksAndClips, warningCount, type L10n } from '../../vod/counts';
import { formatDuration, formatTimeRange } from '../../../../server/src/service/duration';
import { readTheme, type Theme } from './theme';
import { PlayerView } from './playerView';
import { RULER_H, xToTime } from './geometry';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Kept by VS Code while the panel is hidden and across reloads (the serializer reopens `uri`). */
interface SavedState { uri?: string; pps: number; fit: boolean; scrollX: number; scrollY: number }

const vscode = acquireVsCodeApi();
const strings: Record<string, string> = JSON.parse(document.getElementById('vod-strings')?.textContent || '{}');
const s = (key: string, ...args: (string | number)[]) => (strings[key] ?? key).replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
/** The counted nouns arrive keyed by their English text, so `s` is a translator for client/src/counts.ts. */
const l10n: L10n = { t: s };
/** Times in the one format of every surface (server/src/service/duration.ts). */
const unit = secondsUnit(l10n);
const time = (t: number | null) => formatDuration(t, unit);
const timeRange = (a: number | null, b: number | null) => formatTimeRange(a, b, { unit });

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewport = $('viewport');
const canvas = $<HTMLCanvasElement>('canvas');
const scroller = $('scroller');
const spacer = $('spacer');
const tooltip = $('tooltip');
const live = $('live');
const empty = $('empty');
const ctx = canvas.getContext('2d', { alpha: false })!;

let model: PreviewModel | undefined;
/** `model` and its number: deltas apply to it only. */
const receiver = new DeltaReceiver();
let theme: Theme = readTheme();
let current: BarRef | null = null;
let hover: BarRef | null = null;
let focused = false;
let laneSeverity: Severity[] = [];
let laneLabels: string[] = [];
const saved = vscode.getState();
let fitMode = saved?.fit ?? true;
let view: View = { pps: saved?.pps ?? 10, scrollX: saved?.scrollX ?? 0, scrollY: saved?.scrollY ?? 0, width: 300, height: 200 };
let uri = saved?.uri;
let frameRequested = false;
let syncingScroll = false;

const post = (m: FromWebview) => vscode.postMessage(m);

// The player above the lanes; its playhead and the clips under it are drawn on the lanes.
const player = new PlayerView({
  s,
  post,
  formatTime: (t) => time(t),
  onTime: () => requestFrame(),
  selectedRange: () => {
    const c = current && model?.lanes[current.lane]?.clips[current.clip];
    return c && c.start !== null && c.end !== null ? { start: c.start, end: c.end } : null;
  },
});
/** "lane:clip" of every bar whose clip is under the playhead (highlighted while playing). */
let laneOf = new Map<string, number>();
function playingBars(): Set<string> {
  const out = new Set<string>();
  if (!model) return out;
  for (const item of player.activeItems()) {
    const lane = laneOf.get(`${item.kind}:${item.track}`);
    if (lane === undefined) continue;
    const clip = model.lanes[lane].clips.findIndex((c) => c.index === item.clip);
    if (clip >= 0) out.add(`${lane}:${clip}`);
  }
  return out;
}

function kindName(kind: TrackKind): string {
  return s(`kind.${kind}`);
}

function outputLabel(m: PreviewModel): string {
  return m.duration !== null ? s('output', time(m.duration)) : s('outputAtLeast', time(m.minDuration));
}

function persist(): void {
  vscode.setState({ uri, pps: view.pps, fit: fitMode, scrollX: view.scrollX, scrollY: view.scrollY });
}

/** Size the canvas to the scroller's client area (scrollbars excluded) at the device pixel ratio. */
function measure(): void {
  const w = Math.max(1, scroller.clientWidth);
  const h = Math.max(1, scroller.clientHeight);
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
  }
  view = { ...view, width: w, height: h };
}

/** Spacer size = content size, so the native scrollbars cover the whole timeline. */
function layoutSpacer(): void {
  if (!model) return;
  if (fitMode) view = { ...view, pps: fitPps(model.extent, view.width) };
  else view = { ...view, pps: clampPps(view.pps, model.extent, view.width) };
  spacer.style.width = `${contentWidth(model, view.pps)}px`;
  spacer.style.height = `${contentHeight(model)}px`;
  view = clampScroll(model, view);
  syncScroller();
}

function syncScroller(): void {
  if (scroller.scrollLeft !== view.scrollX || scroller.scrollTop !== view.scrollY) {
    syncingScroll = true;
    scroller.scrollLeft = view.scrollX;
    scroller.scrollTop = view.scrollY;
    // The browser may round; read back what it took.
    view = { ...view, scrollX: scroller.scrollLeft, scrollY: scroller.scrollTop };
    syncingScroll = false;
  }
}

function paint(): { drawn: number; ms: number } {
  if (!model) return { drawn: 0, ms: 0 };
  const t0 = performance.now();
  const drawn = drawFrame(ctx, window.devicePixelRatio || 1, {
    model, view, current, hover, focused, laneSeverity, laneLabels, mainLabel: s('main'), outputLabel: outputLabel(model),
    playhead: player.player.composition ? player.player.time : null, playing: playingBars(),
  }, theme);
  return { drawn, ms: performance.now() - t0 };
}

function requestFrame(): void {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    paint();
  });
}

function renderToolbar(m: PreviewModel): void {
  $('title').textContent = m.fileName;
  $('duration').textContent = outputLabel(m);
  $('counts').textContent = `${trackCount(l10n, m.lanes.length)} · ${clipCount(l10n, m.clipCount)}`;
  const problems = $('problems');
  problems.textContent = '';
  if (m.errors || m.warnings) {
    const add = (cls: string, text: string) => {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = text;
      problems.appendChild(span);
    };
    if (m.errors) add('errors', errorCount(l10n, m.errors));
    if (m.warnings) add('warnings', warningCount(l10n, m.warnings));
  }
  const kinds = [...new Set(m.lanes.map((l) => l.kind))];
  const legend = $('legend');
  const key = kinds.join(',');
  if (legend.dataset.kinds !== key) {
    legend.dataset.kinds = key;
    legend.textContent = '';
    for (const k of kinds) {
      const item = document.createElement('span');
      item.className = `legend-item kind-${k}`;
      item.innerHTML = iconSvg(k);
      item.appendChild(document.createTextNode(kindName(k)));
      legend.appendChild(item);
    }
  }
}

function severities(m: PreviewModel): Severity[] {
  return m.lanes.map((l) => {
    let sev = l.severity;
    for (const c of l.clips) if (c.severity > sev) sev = c.severity;
    return sev as Severity;
  });
}

function reportMarked(m: PreviewModel): void {
  let errors = 0;
  let warnings = 0;
  for (const l of m.lanes) for (const c of l.clips) {
    if (c.severity === 3) errors++;
    else if (c.severity === 2) warnings++;
  }
  post({ type: 'marked', version: m.version, errors, warnings });
}

function setModel(bytes: Uint8Array, seq: number, cur: BarRef | null, sent: number): void {
  const receivedAt = Date.now();
  const t0 = performance.now();
  const m = receiver.full(seq, JSON.parse(new TextDecoder().decode(bytes)));
  install(m, cur, { sent, receivedAt, decodeMs: performance.now() - t0, delta: false });
}

/** Applies a delta to the model we hold; asks for the whole model when it does not fit. */
function setDelta(bytes: Uint8Array, cur: BarRef | null, sent: number): void {
  const receivedAt = Date.now();
  const t0 = performance.now();
  const d: ModelDelta = JSON.parse(new TextDecoder().decode(bytes));
  const r = receiver.apply(d);
  if ('model' in r) {
    install(r.model, cur, { sent, receivedAt, decodeMs: performance.now() - t0, delta: true });
    return;
  }
  if (r.error) post({ type: 'error', message: `preview delta ${d.base}→${d.seq}: ${r.error}` });
  // A step missed (or a delta that does not fit): the extension sends the whole model.
  if (r.resync !== undefined) post({ type: 'resync', seq: r.resync });
}

function install(m: PreviewModel, cur: BarRef | null, t: { sent: number; receivedAt: number; decodeMs: number; delta: boolean }): void {
  const first = !model;
  const sameLanes = model !== undefined && model.lanes.length === m.lanes.length && model.lanes.every((l, i) => l.kind === m.lanes[i].kind && l.index === m.lanes[i].index);
  model = m;
  laneSeverity = severities(m);
  if (!sameLanes) {
    laneLabels = m.lanes.map((l) => s('track', kindName(l.kind), l.index));
    laneOf = new Map(m.lanes.map((l, i) => [`${l.kind}:${l.index}`, i]));
  }
  current = cur && m.lanes[cur.lane]?.clips[cur.clip] ? cur : current && m.lanes[current.lane]?.clips[current.clip] ? current : null;
  if (hover && !m.lanes[hover.lane]?.clips[hover.clip]) hover = null;
  renderToolbar(m);
  empty.hidden = !m.empty;
  empty.textContent = m.empty ? s('noTimeline') : '';
  scroller.setAttribute('aria-label', s('timelineLabel', m.fileName, outputLabel(m), tracksAndClips(l10n, m.lanes.length, m.clipCount)));
  measure();
  layoutSpacer();
  if (first && current) scrollTo(reveal(m, view, current));
  const { drawn, ms } = paint();
  reportMarked(m);
  post({
    type: 'rendered', version: m.version, seq: receiver.seq ?? -1, delta: t.delta, bars: m.clipCount, lanes: m.lanes.length, drawn, decodeMs: t.decodeMs, paintMs: ms,
    sent: t.sent, receivedAt: t.receivedAt, paintedAt: Date.now(), pxPerSecond: view.pps, width: view.width, height: view.height,
  });
}

function scrollTo(next: View): void {
  view = next;
  syncScroller();
  persist();
  requestFrame();
}

function setCurrent(ref: BarRef | null, options: { reveal?: boolean; announce?: boolean; notify?: boolean } = {}): void {
  current = ref;
  if (model && ref && options.reveal) scrollTo(reveal(model, view, ref));
  if (options.announce && ref) announce(ref);
  if (options.notify) post({ type: 'current', bar: ref });
  requestFrame();
}

function describe(ref: BarRef): { title: string; lines: string[]; problems: string[]; severity: Severity } | undefined {
  const lane = model?.lanes[ref.lane];
  const c = lane?.clips[ref.clip];
  if (!lane || !c) return undefined;
  const lines: string[] = [];
  const computed = c.implicitStart || c.implicitEnd ? ` ${s('computed')}` : '';
  lines.push(`${s('outputRange', timeRange(c.start, c.end))}${computed}`);
  if (c.start !== null && c.end !== null) lines.push(s('length', time(c.end - c.start)));
  else lines.push(s('unknownLength'));
  if (lane.kind === 'video' || lane.kind === 'audio') {
    if (!lane.effect) lines.push(c.sourceOut === null ? s('sourceRange', time(c.sourceIn), s('mediaEnd')) : s('source', timeRange(c.sourceIn, c.sourceOut)));
  }
  if (c.speed !== 1) lines.push(s('speed', c.speed));
  if (c.transition) lines.push(s('transition', time(c.transition)));
  return {
    title: `${laneLabels[ref.lane]} · ${s('clip', c.index)}${c.label ? ` · ${c.label}` : ''}`,
    lines, problems: c.problems, severity: c.severity,
  };
}

function announce(ref: BarRef): void {
  const d = describe(ref);
  if (!d) return;
  const problems = d.problems.length ? `. ${d.problems.join('. ')}` : '';
  live.textContent = `${d.title}. ${d.lines.join('. ')}${problems}`;
}

function showTooltip(ref: BarRef | null, x: number, y: number): void {
  const d = ref ? describe(ref) : undefined;
  if (!d) {
    tooltip.hidden = true;
    return;
  }
  tooltip.textContent = '';
  const title = document.createElement('div');
  title.className = 'tt-title';
  title.textContent = d.title;
  tooltip.appendChild(title);
  for (const line of d.lines) {
    const div = document.createElement('div');
    div.textContent = line;
    tooltip.appendChild(div);
  }
  for (const p of d.problems) {
    const div = document.createElement('div');
    div.className = d.severity === 3 ? 'tt-error' : 'tt-warning';
    div.textContent = p;
    tooltip.appendChild(div);
  }
  tooltip.hidden = false;
  const rect = viewport.getBoundingClientRect();
  const tw = tooltip.offsetWidth;
  const th = tooltip.offsetHeight;
  const left = Math.min(Math.max(4, x + 14), rect.width - tw - 4);
  const top = y + 18 + th > rect.height ? Math.max(4, y - th - 10) : y + 18;
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${top}px`;
}

function zoom(action: 'in' | 'out' | 'fit', anchorX?: number): void {
  if (!model) return;
  if (action === 'fit') {
    fitMode = true;
    layoutSpacer();
  } else {
    fitMode = false;
    const anchor = anchorX ?? (current ? (barRect(model, current, view)?.x ?? view.width / 2) : (LABEL_W + view.width) / 2);
    view = zoomAt(model, view, view.pps * (action === 'in' ? 1.5 : 1 / 1.5), anchor);
    spacer.style.width = `${contentWidth(model, view.pps)}px`;
    syncScroller();
  }
  persist();
  requestFrame();
}

function select(ref: BarRef, focusEditor: boolean): void {
  setCurrent(ref, { announce: true });
  // Selecting a clip moves the playhead to its start.
  const c = model?.lanes[ref.lane]?.clips[ref.clip];
  if (c && c.start !== null && player.player.composition) player.seek(c.start);
  post({ type: 'select', bar: ref, focusEditor });
}

function localPoint(e: MouseEvent): { x: number; y: number } {
  const r = scroller.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
}

// --- events ---------------------------------------------------------------------------------------
scroller.addEventListener('scroll', () => {
  if (syncingScroll) return;
  view = { ...view, scrollX: scroller.scrollLeft, scrollY: scroller.scrollTop };
  tooltip.hidden = true;
  persist();
  requestFrame();
}, { passive: true });

scroller.addEventListener('wheel', (e) => {
  if (!model || !(e.ctrlKey || e.metaKey)) return;
  e.preventDefault();
  fitMode = false;
  const { x } = localPoint(e);
  const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002));
  view = zoomAt(model, view, view.pps * factor, x);
  spacer.style.width = `${contentWidth(model, view.pps)}px`;
  syncScroller();
  persist();
  requestFrame();
}, { passive: false });

// The ruler: click or drag moves the playhead.
let scrubbing = false;
const scrubTo = (e: MouseEvent) => {
  if (!model) return;
  const { x } = localPoint(e);
  if (x < LABEL_W) return;
  player.seek(Math.max(0, xToTime(x, view)));
};
scroller.addEventListener('mousedown', (e) => {
  if (!model || e.button !== 0) return;
  const { x, y } = localPoint(e);
  if (y >= RULER_H || x < LABEL_W) return;
  scrubbing = true;
  scrubTo(e);
  e.preventDefault();
});
window.addEventListener('mousemove', (e) => { if (scrubbing) scrubTo(e); });
window.addEventListener('mouseup', () => { scrubbing = false; });

scroller.addEventListener('click', (e) => {
  if (!model) return;
  const { x, y } = localPoint(e);
  if (y < RULER_H) return; // the ruler seeks (mousedown above)
  const ref = hitTest(model, view, x, y);
  if (ref) select(ref, false);
  scroller.focus({ preventScroll: true });
});

scroller.addEventListener('dblclick', (e) => {
  if (!model) return;
  const { x, y } = localPoint(e);
  const ref = hitTest(model, view, x, y);
  if (ref) select(ref, true);
});

scroller.addEventListener('mousemove', (e) => {
  if (!model) return;
  const { x, y } = localPoint(e);
  const ref = hitTest(model, view, x, y) ?? null;
  if (ref?.lane !== hover?.lane || ref?.clip !== hover?.clip) {
    hover = ref;
    scroller.classList.toggle('over-bar', !!ref);
    requestFrame();
  }
  showTooltip(ref, x, y);
});

scroller.addEventListener('mouseleave', () => {
  hover = null;
  tooltip.hidden = true;
  scroller.classList.remove('over-bar');
  requestFrame();
});

scroller.addEventListener('focus', () => {
  focused = true;
  if (model && !current) setCurrent(navigate(model, null, 'ArrowRight'), { reveal: true, announce: true });
  else if (current) announce(current);
  requestFrame();
});
scroller.addEventListener('blur', () => {
  focused = false;
  requestFrame();
});

const NAV: Record<string, NavKey> = { ArrowLeft: 'ArrowLeft', ArrowRight: 'ArrowRight', ArrowUp: 'ArrowUp', ArrowDown: 'ArrowDown', Home: 'Home', End: 'End', PageUp: 'PageUp', PageDown: 'PageDown' };

function onKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  if (player.onKey(e)) return true;
  if (!model) return false;
  const ctrl = e.ctrlKey || e.metaKey;
  let nav = NAV[e.key];
  if (nav && ctrl && (e.key === 'Home' || e.key === 'End')) nav = e.key === 'Home' ? 'CtrlHome' : 'CtrlEnd';
  if (nav && !e.altKey) {
    const pageLanes = Math.max(1, Math.floor(view.height / 28) - 2);
    setCurrent(navigate(model, current, nav, pageLanes), { reveal: true, announce: true, notify: true });
    return true;
  }
  if ((e.key === 'Enter' || e.key === ' ') && current) {
    select(current, e.key === 'Enter' && ctrl);
    return true;
  }
  if (e.key === '+' || e.key === '=') { zoom('in'); return true; }
  if (e.key === '-' || e.key === '_') { zoom('out'); return true; }
  if (e.key === '0') { zoom('fit'); return true; }
  return false;
}

// The player's keys work wherever the focus is in the panel (its buttons, the lanes).
document.addEventListener('keydown', (e) => {
  if (e.target === scroller || e.defaultPrevented) return; // the lanes ask the player first
  if (player.onKey(e)) e.preventDefault();
});

scroller.addEventListener('keydown', (e) => {
  if (onKey(e)) e.preventDefault();
});

$('zoomIn').addEventListener('click', () => zoom('in'));
$('zoomOut').addEventListener('click', () => zoom('out'));
$('zoomFit').addEventListener('click', () => zoom('fit'));

new ResizeObserver(() => {
  measure();
  layoutSpacer();
  requestFrame();
}).observe(viewport);

// VS Code swaps the body class and the CSS variables when the theme changes.
new MutationObserver(() => {
  theme = readTheme();
  requestFrame();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  try {
    switch (m.type) {
      case 'model':
        uri = m.uri;
        setModel(m.model, m.seq, m.current, m.sent);
        persist();
        break;
      case 'delta':
        setDelta(m.delta, m.current, m.sent);
        break;
      case 'player':
        player.setInput(JSON.parse(new TextDecoder().decode(m.composition)) as CompositionResult | null, m.sources, m.mediaEnabled, m.notice);
        requestFrame();
        break;
      case 'current':
        setCurrent(m.bar, { reveal: m.reveal });
        break;
      case 'zoom':
        zoom(m.action);
        break;
      case 'testKey':
        onKey({ key: m.key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false });
        break;
      case 'testClick': {
        // A real click at the bar's centre, through the same hit testing as the mouse.
        if (!model) break;
        scrollTo(reveal(model, view, m.bar));
        const r = barRect(model, m.bar, view);
        if (!r) break;
        const box = scroller.getBoundingClientRect();
        const init: MouseEventInit = { bubbles: true, cancelable: true, clientX: box.left + Math.max(LABEL_W + 1, r.x + Math.min(r.w, Math.max(1, view.width - r.x)) / 2), clientY: box.top + r.y + r.h / 2, detail: m.detail };
        scroller.dispatchEvent(new MouseEvent(m.detail >= 2 ? 'dblclick' : 'click', init));
        break;
      }
    }
  } catch (err) {
    post({ type: 'error', message: String((err as Error)?.stack ?? err) });
  }
});

window.addEventListener('error', (e) => post({ type: 'error', message: String(e.error?.stack ?? e.message) }));

measure();
{
  // The model the page was written with, drawn now: the extension then sends only what changed since.
  const initial = document.getElementById('vod-initial-model')?.textContent;
  if (initial) {
    try {
      const receivedAt = Date.now();
      const t0 = performance.now();
      const i = JSON.parse(initial) as InitialModel;
      uri = i.uri;
      const m = receiver.full(i.seq, i.model);
      install(m, i.current, { sent: i.sent, receivedAt, decodeMs: performance.now() - t0, delta: false });
      persist();
    } catch (err) {
      // 'ready' then says it holds nothing, and the extension sends the whole model.
      receiver.seq = null;
      post({ type: 'error', message: String((err as Error)?.stack ?? err) });
    }
  }
  // Where the page's own loading went (the host bench prints it).
  const at = (ms: number | undefined) => (ms ? Math.round(performance.timeOrigin + ms) : 0);
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const loaded = Math.max(0, ...performance.getEntriesByType('resource').map((e) => at((e as PerformanceResourceTiming).responseEnd)));
  post({ type: 'ready', origin: performance.timeOrigin, html: at(nav?.responseEnd), loaded, script: Date.now(), seq: receiver.seq });
}
