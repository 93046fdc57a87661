// What the output looks and sounds like at any moment, for the preview's player: the layout (the one
// that draws the lanes and that `inspect` prints) turned into a flat list of items — each clip's
// output span, source range, speed, place in the frame, opacity, gain, text — plus `frameAt(t)`,
// which says which items are active at output time t and at which source time. The webview draws
// what this says and decides nothing about timing itself, so the player, the lanes and the timing
// rules cannot disagree.
//
// Behaviours where the documentation leaves room (each one is said in the player's legend):
// - A clip whose output span and source length disagree plays its source at Speed from In and is cut
//   at the span's end; when the source runs out first, its last frame is held (VOD "cuts or pads").
// - A clip whose end is unknown (no Out and no media duration) is shown for an estimated length.
// - Without X/Y/Width/Height a visual fills the frame, letter- or pillar-boxed in black (VOD-2021);
//   with Width and Height, AdaptMode applies (Fill by default); with only some of them, the missing
//   ones default to the full frame.
// - A Transition of D seconds on a clip is a crossfade of D seconds into the next clip.

import type { TimelineDocument } from './document';
import { type JsonTree, NodeKind, NONE } from './json/parser';
import { computeLayout, documentLayout, type ClipLayout, type Layout, type LayoutOptions } from './layout';
import { buildModel, readBoolean, readNumber, readString, type ClipModel, type TrackKind } from './model';
import type { Localize } from './l10n';
import type { CompItem, CompNote, CompRect, CompText, Composition, FitMode, HAlign, VAlign } from './frame';

export type { ActiveItem, CompItem, CompNote, CompRect, CompText, Composition, FitMode, HAlign, VAlign } from './frame';
export { boundaries, frameAt, isActive, sourceTimeAt } from './frame';

/** What the player knows about a MediaId (from the media library; all optional). */
export interface MediaFacts {
  duration?: number;
  width?: number;
  height?: number;
  fps?: number;
}

export interface CompositionOptions {
  media?: (mediaId: string) => MediaFacts | undefined;
}

export const ASSUMED_SIZE = { width: 1920, height: 1080 };
export const ASSUMED_FPS = 25;
/** Seconds an item of unknown length is shown for. */
export const ESTIMATED_LENGTH = 10;
/** Effects the player draws; the rest are listed as not rendered. */
const RENDERED_EFFECTS = new Set(['Text', 'Volume', 'Transition']);
/** Effects drawn only roughly. */
const APPROXIMATED_EFFECTS = new Set(['Background']);
const ALIGNMENTS: Record<string, { h: HAlign; v: VAlign }> = {
  TopLeft: { h: 'left', v: 'top' }, TopCenter: { h: 'center', v: 'top' }, TopRight: { h: 'right', v: 'top' },
  CenterLeft: { h: 'left', v: 'center' }, CenterCenter: { h: 'center', v: 'center' }, CenterRight: { h: 'right', v: 'center' },
  BottomLeft: { h: 'left', v: 'bottom' }, BottomCenter: { h: 'center', v: 'bottom' }, BottomRight: { h: 'right', v: 'bottom' },
  // ICE's short forms: horizontal only, vertically centred.
  Left: { h: 'left', v: 'center' }, Center: { h: 'center', v: 'center' }, Right: { h: 'right', v: 'center' },
};
/** Browsers play media between these rates; outside them the player seeks instead. */
export const MIN_PLAYBACK_RATE = 0.0625;
export const MAX_PLAYBACK_RATE = 16;

function num(tree: JsonTree, node: number, key: string): number | undefined {
  return node === NONE ? undefined : readNumber(tree, tree.get(node, key));
}
function str(tree: JsonTree, node: number, key: string): string | undefined {
  return node === NONE ? undefined : readString(tree, tree.get(node, key));
}
function color(value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  const m = /^#?([0-9a-fA-F]{6})$/.exec(value.trim());
  return m ? `#${m[1].toUpperCase()}` : fallback;
}
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round4 = (n: number) => Math.round(n * 10000) / 10000;

/** A position or size: a fraction of the output (values ≤ 1), else pixels (reference §2.1). */
function extent(value: number | undefined, full: number): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return value <= 1 ? value * full : value;
}

/** ProduceConfig Width/Height, whether ProduceConfig is an object or a JSON string. */
function produceConfigSize(doc: TimelineDocument): { width?: number; height?: number } {
  if (doc.form !== 'produce') return {};
  const tree = doc.tree;
  const root = tree.root;
  const config = root === NONE ? NONE : tree.get(root, 'ProduceConfig');
  if (config === NONE) return {};
  if (tree.kind[config] === NodeKind.Object) return { width: num(tree, config, 'Width'), height: num(tree, config, 'Height') };
  if (tree.kind[config] === NodeKind.String) {
    try {
      const v = JSON.parse(tree.strs[config] ?? '') as Record<string, unknown>;
      const n = (x: unknown) => (typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x)) ? Number(x) : undefined);
      return { width: n(v?.Width), height: n(v?.Height) };
    } catch {
      return {};
    }
  }
  return {};
}

function isImage(clip: ClipModel): boolean {
  return clip.track.kind === 'image' || clip.type === 'Image' || clip.type === 'GlobalImage';
}

function isEffectTrack(kind: TrackKind, type: string | undefined): boolean {
  return kind === 'effect' || (kind === 'video' && type === 'Effect');
}

/** Text style of a subtitle clip or a Text effect (object node `node`). */
function readText(tree: JsonTree, node: number, out: { width: number; height: number }, t: Localize, notes: CompNote[]): CompText {
  const content = (str(tree, node, 'Content') ?? '').replace(/\\[Nn]/g, '\n');
  const fontSize = num(tree, node, 'FontSize') ?? 20;
  const face = tree.get(node, 'FontFace');
  const faceFlag = (key: string) => (face !== NONE && tree.kind[face] === NodeKind.Object ? readBoolean(tree, tree.get(face, key)) === true : false);
  const alignName = str(tree, node, 'Alignment');
  const align = alignName ? ALIGNMENTS[alignName] ?? null : null;
  const text: CompText = {
    content,
    font: str(tree, node, 'Font'),
    fontSize: fontSize > 0 ? fontSize : 20,
    color: color(str(tree, node, 'FontColor'), '#FFFFFF'),
    opacity: clamp(num(tree, node, 'FontColorOpacity') ?? 1, 0, 1),
    bold: faceFlag('Bold'),
    italic: faceFlag('Italic'),
    underline: faceFlag('Underline'),
    align,
    x: extent(num(tree, node, 'X'), out.width) ?? 0,
    y: extent(num(tree, node, 'Y'), out.height) ?? 0,
  };
  const width = extent(num(tree, node, 'TextWidth'), out.width) ?? extent(num(tree, node, 'Width'), out.width);
  if (width !== undefined && width > 0) text.width = width;
  const outline = num(tree, node, 'Outline');
  const borderStyle = num(tree, node, 'BorderStyle');
  if (borderStyle === 3) {
    text.box = { color: color(str(tree, node, 'BackColour') ?? str(tree, node, 'OutlineColour'), '#000000'), opacity: 0.6 };
  } else if (outline !== undefined && outline > 0) {
    text.outline = { width: outline, color: color(str(tree, node, 'OutlineColour'), '#000000') };
  }
  // SubtitleEffects: the simple outline and box are drawn; other kinds are listed.
  const effects = tree.get(node, 'SubtitleEffects');
  if (effects !== NONE && tree.kind[effects] === NodeKind.Array) {
    const first = tree.childStart[effects];
    for (let i = 0; i < tree.childCount[effects]; i++) {
      const e = tree.children[first + i];
      const type = str(tree, e, 'Type');
      if (type === 'Outline') text.outline = { width: num(tree, e, 'Bord') ?? num(tree, e, 'XBord') ?? 1, color: color(str(tree, e, 'Color'), '#000000') };
      else if (type === 'Box') text.box = { color: color(str(tree, e, 'Color'), '#000000'), opacity: clamp(num(tree, e, 'Opacity') ?? 1, 0, 1) };
      else if (type) notes.push({ code: 'text.subtitleEffect', text: t('player.note.subtitleEffect', { type }) });
    }
  }
  if (str(tree, node, 'FontUrl') ?? str(tree, node, 'FontURL')) notes.push({ code: 'text.fontUrl', text: t('player.note.fontUrl') });
  if (tree.get(node, 'EffectColorStyle') !== NONE || tree.get(node, 'BubbleStyleId') !== NONE) notes.push({ code: 'text.style', text: t('player.note.textStyle') });
  for (const key of ['AaiMotionInEffect', 'AaiMotionOutEffect', 'AaiMotionLoopEffect', 'ScrollSpeed', 'ScrollDirection']) {
    if (tree.get(node, key) !== NONE) { notes.push({ code: 'text.motion', text: t('player.note.textMotion') }); break; }
  }
  if (num(tree, node, 'Angle')) notes.push({ code: 'text.angle', text: t('player.note.textAngle') });
  if (/\{\\/.test(content)) notes.push({ code: 'text.overrides', text: t('player.note.textOverrides') });
  return text;
}

/** The frame rectangle and fit of a visual clip (reference §2.1, §2.4, §2.6). */
function placement(tree: JsonTree, clip: ClipModel, out: { width: number; height: number }, t: Localize, notes: CompNote[]): { rect: CompRect; fit: FitMode } {
  const x = extent(num(tree, clip.node, 'X'), out.width);
  const y = extent(num(tree, clip.node, 'Y'), out.height);
  const w = extent(num(tree, clip.node, 'Width'), out.width);
  const h = extent(num(tree, clip.node, 'Height'), out.height);
  if (x === undefined && y === undefined && w === undefined && h === undefined) {
    return { rect: { x: 0, y: 0, w: out.width, h: out.height }, fit: 'contain' };
  }
  const rect = { x: x ?? 0, y: y ?? 0, w: w ?? out.width, h: h ?? out.height };
  if (w === undefined || h === undefined) {
    notes.push({ code: 'place.partial', text: t('player.note.partialPlacement') });
    return { rect, fit: 'contain' };
  }
  const mode = str(tree, clip.node, 'AdaptMode');
  const fit: FitMode = mode === 'Contain' ? 'contain' : mode === 'Cover' ? 'cover' : 'fill';
  return { rect, fit };
}

/** The Volume gain of a clip (product of its Volume effects), noting partial ranges. */
function gainOf(tree: JsonTree, clip: ClipModel, t: Localize, notes: CompNote[]): number {
  let gain = 1;
  for (const e of clip.effects) {
    if (e.type !== 'Volume') continue;
    const g = num(tree, e.node, 'Gain');
    if (g !== undefined && g >= 0) gain *= g;
    if (tree.get(e.node, 'In') !== NONE || tree.get(e.node, 'Out') !== NONE || tree.get(e.node, 'TimelineIn') !== NONE) {
      notes.push({ code: 'audio.partialVolume', text: t('player.note.partialVolume') });
    }
  }
  return gain;
}

/**
 * The composition of a document: every item the player draws or plays. `media` gives what the media
 * library knows (durations make unknown ends known; sizes give the output size when ProduceConfig
 * does not).
 */
export function documentComposition(doc: TimelineDocument, t: Localize, options: CompositionOptions = {}): Composition | undefined {
  const model = buildModel(doc);
  if (!model) return undefined;
  const layoutOptions: LayoutOptions = options.media ? { mediaDuration: (id) => options.media!(id)?.duration } : {};
  const layout: Layout | undefined = options.media ? computeLayout(model, layoutOptions) : documentLayout(doc);
  if (!layout) return undefined;
  const tree = model.tree;
  const globalNotes: CompNote[] = [];

  // Output size: ProduceConfig, else the largest source (VOD-2021: max width × max height of the video
  // tracks' sources), else assumed.
  const config = produceConfigSize(doc);
  let width = config.width && config.width > 0 ? config.width : undefined;
  let height = config.height && config.height > 0 ? config.height : undefined;
  let sizeSource: Composition['sizeSource'] = width && height ? 'config' : 'assumed';
  if (!width || !height) {
    let mw = 0;
    let mh = 0;
    for (const track of model.byKind.video) for (const clip of track.clips) {
      const facts = clip.mediaId ? options.media?.(clip.mediaId) : undefined;
      if (facts?.width && facts.height) { mw = Math.max(mw, facts.width); mh = Math.max(mh, facts.height); }
    }
    if (mw > 0 && mh > 0) {
      width ??= mw;
      height ??= mh;
      sizeSource = 'media';
    } else {
      width ??= ASSUMED_SIZE.width;
      height ??= ASSUMED_SIZE.height;
    }
  }
  const out = { width: width!, height: height! };

  // Frame rate: the sources' when they all agree, else assumed.
  const rates = new Set<number>();
  for (const tl of layout.tracks) for (const c of tl.clips) {
    const fps = c.clip.mediaId ? options.media?.(c.clip.mediaId)?.fps : undefined;
    if (fps && fps > 0) rates.add(fps);
  }
  const fps = rates.size === 1 ? [...rates][0] : ASSUMED_FPS;

  const items: CompItem[] = [];
  let layer = 0;
  // Stacking: video tracks in array order (first at the bottom), then image tracks (above video),
  // then subtitles on top; audio has no picture.
  const order = [...layout.tracks].sort((a, b) => rank(a.track.kind) - rank(b.track.kind));
  for (const tl of order) {
    const kind = tl.track.kind;
    if (isEffectTrack(kind, tl.track.type)) {
      for (const c of tl.clips) {
        const start = c.start ?? 0;
        const end = c.end ?? layout.duration ?? start + ESTIMATED_LENGTH;
        items.push(baseItem(items.length, layer, c, start, end, c.end === null, out));
        const it = items[items.length - 1];
        it.visual = 'none';
        it.audio = false;
        it.notes.push({ code: 'effect.track', text: t('player.note.effectTrack', { type: c.clip.type ?? '?' }) });
      }
      layer++;
      continue;
    }
    for (let i = 0; i < tl.clips.length; i++) {
      const c = tl.clips[i];
      const clip = c.clip;
      const notes: CompNote[] = [];
      const start = c.start ?? 0;
      let end = c.end;
      let estimated = false;
      if (end === null) {
        // Unknown end: until the next clip of the track starts, or a nominal length.
        const next = tl.clips[i + 1]?.start;
        end = next !== null && next !== undefined && next > start ? next : start + ESTIMATED_LENGTH;
        estimated = true;
        notes.push({ code: 'time.unknownEnd', text: t('player.note.unknownEnd', { seconds: round4(end - start) }) });
      }
      const item = baseItem(items.length, layer, c, start, end, estimated, out);
      item.notes = notes;
      if (kind === 'subtitle') {
        item.visual = 'text';
        item.audio = false;
        item.text = readText(tree, clip.node, out, t, notes);
        if (clip.type === 'Subtitle' || str(tree, clip.node, 'FileURL') !== undefined) {
          item.visual = 'none';
          notes.push({ code: 'text.file', text: t('player.note.subtitleFile') });
        }
      } else if (kind === 'audio') {
        item.visual = 'none';
        item.audio = true;
        item.loop = readBoolean(tree, tree.get(clip.node, 'LoopMode')) === true;
        item.gain = gainOf(tree, clip, t, notes);
      } else {
        const image = isImage(clip);
        item.visual = image ? 'image' : 'video';
        item.audio = !image;
        const place = placement(tree, clip, out, t, notes);
        item.rect = place.rect;
        item.fit = place.fit;
        item.opacity = clamp(num(tree, clip.node, 'Opacity') ?? 1, 0, 1);
        item.gain = image ? 0 : gainOf(tree, clip, t, notes);
      }
      if (c.speed < MIN_PLAYBACK_RATE || c.speed > MAX_PLAYBACK_RATE) {
        notes.push({ code: 'time.speed', text: t('player.note.speed', { speed: c.speed, min: MIN_PLAYBACK_RATE, max: MAX_PLAYBACK_RATE }) });
      }
      // The span and the source disagree: cut, or hold the last frame.
      if (item.visual !== 'text' && item.sourceOut !== null && !item.loop && item.visual !== 'image') {
        const source = (item.sourceOut - item.sourceIn) / item.speed;
        const span = end - start;
        if (span > source + 0.05) notes.push({ code: 'time.hold', text: t('player.note.hold', { seconds: round4(span - source) }) });
      }
      for (const e of clip.effects) {
        if (!e.type) continue;
        if (e.type === 'Text') continue;
        if (APPROXIMATED_EFFECTS.has(e.type)) notes.push({ code: 'effect.approximated', text: t('player.note.effectApproximated', { type: e.type }) });
        else if (!RENDERED_EFFECTS.has(e.type)) notes.push({ code: 'effect.notRendered', text: t('player.note.effectNotRendered', { type: e.subType ? `${e.type} ${e.subType}` : e.type }) });
      }
      items.push(item);
      // Text effects: drawn over their clip, for the clip's span unless they say otherwise.
      clip.effects.forEach((e, ei) => {
        if (e.type !== 'Text') return;
        const textNotes: CompNote[] = [];
        const tin = num(tree, e.node, 'TimelineIn');
        const tout = num(tree, e.node, 'TimelineOut');
        const sin = num(tree, e.node, 'In');
        const sout = num(tree, e.node, 'Out');
        // In/Out are source-relative: mapped onto the output through the clip's In and Speed.
        const fromSource = (s: number) => start + (s - c.sourceIn) / c.speed;
        const tStart = tin ?? (sin !== undefined ? fromSource(sin) : start);
        const tEnd = tout ?? (sout !== undefined ? fromSource(sout) : e.duration !== undefined ? tStart + e.duration : end!);
        const textItem = baseItem(items.length, layer, c, Math.max(0, tStart), Math.max(tStart, tEnd), false, out);
        textItem.effect = ei;
        textItem.visual = 'text';
        textItem.audio = false;
        textItem.mediaId = undefined;
        textItem.text = readText(tree, e.node, out, t, textNotes);
        textItem.notes = textNotes;
        items.push(textItem);
      });
      // A Transition of D on this clip: the next clip starts D earlier and fades in over D.
      if (c.transition > 0 && tl.clips[i + 1]) {
        item.fadeOut = c.transition;
        const subType = clip.effects.find((e) => e.type === 'Transition')?.subType;
        if (subType && subType !== 'fade') notes.push({ code: 'effect.transition', text: t('player.note.transition', { type: subType }) });
      }
      if (i > 0 && tl.clips[i - 1].transition > 0) item.fadeIn = tl.clips[i - 1].transition;
    }
    layer++;
  }

  let duration = layout.duration;
  let durationEstimated = false;
  if (duration === null) {
    durationEstimated = true;
    duration = layout.minDuration;
    for (const it of items) if ((it.kind === 'video' || it.kind === 'audio' || it.kind === 'image') && it.end > duration) duration = it.end;
    globalNotes.push({ code: 'time.unknownDuration', text: t('player.note.unknownDuration', { seconds: round4(duration) }) });
  }
  if (sizeSource === 'assumed') globalNotes.push({ code: 'size.assumed', text: t('player.note.assumedSize', { width: out.width, height: out.height }) });
  if (rates.size !== 1) globalNotes.push({ code: 'fps.assumed', text: t('player.note.assumedFps', { fps }) });
  return { width: out.width, height: out.height, sizeSource, fps, fpsAssumed: rates.size !== 1, duration: round4(duration), durationEstimated, items, notes: globalNotes };
}

function rank(kind: TrackKind): number {
  return kind === 'video' ? 0 : kind === 'image' ? 1 : kind === 'effect' ? 2 : kind === 'subtitle' ? 3 : 4;
}

function baseItem(id: number, layer: number, c: ClipLayout, start: number, end: number, estimated: boolean, out: { width: number; height: number }): CompItem {
  return {
    id,
    layer,
    kind: c.clip.track.kind,
    track: c.clip.track.index,
    clip: c.clip.index,
    visual: 'none',
    audio: false,
    mediaId: c.clip.mediaId,
    start: round4(start),
    end: round4(end),
    endEstimated: estimated,
    sourceIn: c.sourceIn,
    sourceOut: c.sourceOut,
    speed: c.speed,
    loop: false,
    rect: { x: 0, y: 0, w: out.width, h: out.height },
    fit: 'contain',
    opacity: 1,
    gain: 1,
    fadeIn: 0,
    fadeOut: 0,
    notes: [],
  };
}
