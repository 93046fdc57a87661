// What the extension and the preview webview say to each other (postMessage). The layout the language
// server sends is server/src/protocol.ts's LayoutResult. Types only: imported by both sides.

import type { CompositionResult, LayoutResult, Position, Range, TrackKind } from '../../../server/src/protocol';

export type { CompositionResult, LayoutResult, Position, Range, TrackKind };

/**
 * Where the player takes a MediaId's picture and sound from (resolved by the extension through the VOD
 * client), or why it shows a slate instead. URLs expire: the extension refreshes them before.
 */
export type PlayerSource =
  /** Video or audio, played by a media element: a transcoded MP4, an HLS stream (hls.js), or the source file (range requests). */
  | { kind: 'media'; url: string; format: 'mp4' | 'hls' | 'mp3' | 'file'; definition?: string; width?: number; height?: number; expiresAt?: number }
  | { kind: 'image'; url: string; expiresAt?: number }
  | { kind: 'slate'; reason: string };

/** 0 none, 1 information/hint, 2 warning, 3 error. */
export type Severity = 0 | 1 | 2 | 3;

export interface PreviewClip {
  /** Index in its track's clips array (the JSON index). */
  index: number;
  label: string;
  /** Output times from the layout; null = unknown. */
  start: number | null;
  end: number | null;
  /** Where the bar is drawn: known times, or an estimate where they are unknown. */
  x0: number;
  x1: number;
  implicitStart: boolean;
  implicitEnd: boolean;
  sourceIn: number;
  sourceOut: number | null;
  speed: number;
  transition: number;
  severity: Severity;
  /** Messages of the diagnostics on this clip (first few). */
  problems: string[];
}

export interface PreviewLane {
  kind: TrackKind;
  /** Index within its own array (VideoTracks[2] → 2). */
  index: number;
  main: boolean;
  effect: boolean;
  start: number | null;
  end: number | null;
  severity: Severity;
  /** Diagnostics on the track itself, outside its clips. */
  problems: string[];
  clips: PreviewClip[];
  /** Clip positions in `clips` ordered by x0 (then x1): the order ←/→ walk. */
  order: number[];
}

export interface PreviewModel {
  version: number;
  fileName: string;
  form: 'timeline' | 'produce';
  duration: number | null;
  minDuration: number;
  /** Seconds the ruler spans: the output and every bar. */
  extent: number;
  lanes: PreviewLane[];
  clipCount: number;
  errors: number;
  warnings: number;
  /** No timeline in the document (syntax error, not a timeline). */
  empty: boolean;
}

/**
 * The model as it crosses to the webview: lanes without their clips, the clips as one flat array of
 * numbers (CLIP_FIELDS per clip, lane after lane, null for unknown times), labels interned, problems
 * sparse. A quarter of the JSON of the object form, and no per-object cost on the way.
 */
export interface WireModel {
  version: number;
  fileName: string;
  form: 'timeline' | 'produce';
  duration: number | null;
  minDuration: number;
  extent: number;
  clipCount: number;
  errors: number;
  warnings: number;
  empty: boolean;
  lanes: (Omit<PreviewLane, 'clips' | 'order'> & { n: number })[];
  labels: string[];
  clips: (number | null)[];
  /** Problems by clip position in `clips` (0-based clip number, not array offset). */
  problems: Record<number, string[]>;
}

/** index, label, start, end, x0, x1, flags (1 implicitStart, 2 implicitEnd), sourceIn, sourceOut, speed, transition, severity */
export const CLIP_FIELDS = 12;

export type LaneHead = Omit<PreviewLane, 'clips' | 'order'>;

/** A new lane from an old one (delta.ts): its clips [at, at + del) replaced by `ins`. */
export interface LanePatch {
  /** Position of the old lane it starts from; -1: a new lane (at 0, del 0). */
  from: number;
  /** The lane's own fields when they changed (absent: the old lane's). */
  head?: LaneHead;
  at: number;
  del: number;
  /** Inserted clips, CLIP_FIELDS numbers each as in WireModel.clips; labels index ModelDelta.labels. */
  ins: (number | null)[];
  /** Problems of inserted clips, by position in `ins` (0-based clip number). */
  problems?: Record<number, string[]>;
}

/** What changed from the model numbered `base` (which the webview must hold) to the one numbered `seq`. */
export interface ModelDelta {
  base: number;
  seq: number;
  /** The model's own fields (a dozen values: always sent). */
  head: Omit<WireModel, 'lanes' | 'labels' | 'clips' | 'problems'>;
  labels: string[];
  /** One entry per new lane: a number is the old lane at that position, unchanged. */
  lanes: (number | LanePatch)[];
}

/** A bar: lane = position in `lanes`, clip = position in that lane's `clips`. */
export interface BarRef { lane: number; clip: number }

/**
 * The model a page is written with (html.ts), drawn as soon as its script runs: the first paint does not
 * wait for the page to say "ready" and for a 400 KB message to cross a workbench that is busy with the
 * document just opened. Numbered by the same DeltaSender as every model sent after it.
 */
export interface InitialModel { uri: string; seq: number; model: WireModel; current: BarRef | null; sent: number }

export interface PreviewStrings {
  [key: string]: string;
}

export type ToWebview =
  /**
   * `model` is a WireModel as UTF-8 JSON bytes: VS Code moves typed arrays to the webview as binary,
   * far faster across the extension host → workbench → webview hops than 6,600 objects or a big string.
   */
  | { type: 'model'; uri: string; seq: number; model: Uint8Array; current: BarRef | null; sent: number }
  /**
   * After the first model: a ModelDelta as UTF-8 JSON bytes (delta.ts). A webview that does not hold
   * the model numbered `delta.base` answers 'resync' and gets the full model.
   */
  | { type: 'delta'; delta: Uint8Array; current: BarRef | null; sent: number }
  | { type: 'current'; bar: BarRef | null; reveal: boolean }
  | { type: 'testClick'; bar: BarRef; detail: number }
  | { type: 'testKey'; key: string }
  /** The player's input: the composition (CompositionResult | null as UTF-8 JSON bytes), where each MediaId plays from, and why not when it does not. */
  | { type: 'player'; composition: Uint8Array; sources: Record<string, PlayerSource>; mediaEnabled: boolean; notice?: string }
  | { type: 'zoom'; action: 'in' | 'out' | 'fit' };

export type FromWebview =
  /**
   * Epoch ms, for the first-paint figures: `origin` the page's navigation start, `html` its HTML
   * received, `loaded` its stylesheet and script received (0: not measured), `script` when the script ran.
   * `seq`: the model the page was written with and has drawn (InitialModel), null when none.
   */
  | { type: 'ready'; origin: number; html: number; loaded: number; script: number; seq: number | null }
  /** The webview holds model `seq` (null: none) and could not apply a delta: send the full model. */
  | { type: 'resync'; seq: number | null }
  | { type: 'select'; bar: BarRef; focusEditor: boolean }
  | { type: 'current'; bar: BarRef | null }
  /** `decodeMs`: bytes → model (full or delta); `paintMs`: the canvas; `paintedAt`: epoch ms after both. */
  | { type: 'rendered'; version: number; seq: number; delta: boolean; bars: number; lanes: number; drawn: number; decodeMs: number; paintMs: number; sent: number; receivedAt: number; paintedAt: number; pxPerSecond: number; width: number; height: number }
  /** After a model or delta: how many bars the webview marks with an error or a warning. */
  | { type: 'marked'; version: number; errors: number; warnings: number }
  | { type: 'error'; message: string }
  /** The player's picture height in device pixels (the extension picks the stream definition by it). */
  | { type: 'playerSize'; height: number }
  /** The player's state after each change (and twice a second while playing), for tests and benches. */
  | {
    type: 'playerState';
    time: number;
    playing: boolean;
    duration: number;
    fps: number;
    fpsAssumed: boolean;
    size: { width: number; height: number; source: 'config' | 'media' | 'assumed' } | null;
    /** The output frame's rectangle in the webview (CSS pixels): where a screenshot finds the picture. */
    frame: { x: number; y: number; w: number; h: number } | null;
    audio: string;
    decoders: number;
    /** Frames drawn, video frames presented and presented late (requestVideoFrameCallback). */
    frames: number;
    presented: number;
    late: number;
    /** Video frames the browser dropped (getVideoPlaybackQuality). */
    dropped: number;
    /** The loudest frequency of the mix now (Hz), when sound is routed through Web Audio. */
    peakHz: number | null;
    /** Items active now: "video 0/1 MEDIAID @12.34". */
    active: string[];
    loop: { start: number; end: number } | null;
    /** Runtime notes (slates, budget, sound), and the status line. */
    notes: number;
    status?: string;
    /** JS heap in use (MB), where the browser tells. */
    heapMb?: number;
  };
