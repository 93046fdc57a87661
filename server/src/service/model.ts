// A typed view of the Timeline's tracks and clips, read once per document version and shared by
// the timing, structure and limits rules, layout, symbols and hover. Numbers written as strings are
// read as the service reads them; anything unreadable is simply absent (the schema rule reports it).

import type { TimelineDocument } from './document';
import { type JsonTree, keyIdOf, NodeKind, NONE, registerKeys } from './json/parser';
import type { EditTarget } from './edits';

export type TrackKind = 'video' | 'audio' | 'image' | 'subtitle' | 'effect';

export interface TrackSpec {
  kind: TrackKind;
  tracksKey: string;
  clipsKey: string;
  trackDef: string;
  clipDef: string;
}

export const TRACK_SPECS: readonly TrackSpec[] = [
  { kind: 'video', tracksKey: 'VideoTracks', clipsKey: 'VideoTrackClips', trackDef: 'VideoTrack', clipDef: 'VideoTrackClip' },
  { kind: 'audio', tracksKey: 'AudioTracks', clipsKey: 'AudioTrackClips', trackDef: 'AudioTrack', clipDef: 'AudioTrackClip' },
  { kind: 'image', tracksKey: 'ImageTracks', clipsKey: 'ImageTrackClips', trackDef: 'ImageTrack', clipDef: 'ImageTrackClip' },
  { kind: 'subtitle', tracksKey: 'SubtitleTracks', clipsKey: 'SubtitleTrackClips', trackDef: 'SubtitleTrack', clipDef: 'SubtitleTrackClip' },
  { kind: 'effect', tracksKey: 'EffectTracks', clipsKey: 'EffectTrackItems', trackDef: 'EffectTrack', clipDef: 'EffectTrackItem' },
];

export interface EffectModel {
  node: number;
  type?: string;
  subType?: string;
  duration?: number;
  /** It has one of In, Out, TimelineIn, TimelineOut, Duration, MaxOut (timing/negative reads them). */
  timed: boolean;
  /** One of those reads negative (any occurrence of a repeated key). */
  negativeTime: boolean;
}

/**
 * The keys whose value nodes the timing, structure and limits rules read, found in the model's one pass
 * over each clip (the last of a repeated key, as tree.get finds it; NONE when absent): a rule looks
 * them up with clipNode() instead of searching the clip's keys again (each `tree.get` was a scan of the
 * clip's properties, several per clip and rule). They live in one Int32Array per model, not in ten
 * more fields per clip (the heap the GC walks).
 */
export const enum ClipKey { In, Out, TimelineIn, TimelineOut, Duration, MaxOut, Width, Height, Text, Content }
const CLIP_KEYS = 10;

export interface ClipModel {
  track: TrackModel;
  index: number;
  node: number;
  type?: string;
  mediaId?: string;
  mediaIdNode: number;
  in?: number;
  out?: number;
  maxOut?: number;
  timelineIn?: number;
  timelineOut?: number;
  duration?: number;
  speed?: number;
  clipId?: string;
  clipIdNode: number;
  referenceClipId?: string;
  referenceNode: number;
  /** Subtitle / text content, for labels. */
  content?: string;
  /**
   * `"In": 0, "Out": 0` (or TimelineIn/TimelineOut): what an unset pair of Go float64s looks like. The
   * service very likely reads it as not set, so the model does too (in, out are left undefined); the
   * timing rules say so (timing/in-out-zero, timing/timeline-in-out-zero).
   */
  zeroSource?: boolean;
  zeroTimeline?: boolean;
  effects: EffectModel[];
  /** The clip's place in TimelineModel.keyNodes (see clipNode). */
  slot: number;
}

export interface TrackModel {
  spec: TrackSpec;
  kind: TrackKind;
  /** Index within its own array (VideoTracks[3] → 3). */
  index: number;
  node: number;
  clipsNode: number;
  clips: ClipModel[];
  main: boolean;
  /** VideoTrack `Type` ("Effect" turns a video track into an effect track). */
  type?: string;
  /** `TrackShortenMode` / `TrackExpandMode` (ICE): "AutoSpeed" fits the track to the main track. */
  shortenMode?: string;
  expandMode?: string;
}

/**
 * The clips each per-clip rule has something to look at, gathered in the model's one pass over each
 * clip while it is at hand. Each rule reads its list and checks its own condition again on those
 * clips only; each list holds every clip its rule can report (a superset), in document order (tracks
 * as in `tracks`, then clips). A rule walking all the clips again cost one more cache miss per clip:
 * on the 4× benchmark document (26,400 clips) those walks grew 5-17× from the 1× one.
 */
export interface ClipLists {
  /** In and Out both written, and not In < Out as read (the zero pair included): timing/in-out. */
  sourceNotIncreasing: ClipModel[];
  /** TimelineIn and TimelineOut both written, and not TimelineIn < TimelineOut (zero pair included). */
  timelineNotIncreasing: ClipModel[];
  /** A negative In, Out, TimelineIn, TimelineOut, Duration or MaxOut, on the clip or on one of its effects. */
  negativeTime: ClipModel[];
  /** An effect of Type "Transition". */
  transition: ClipModel[];
  /** In, Out, TimelineIn and TimelineOut all read, and (Out − In) / Speed is not TimelineOut − TimelineIn. */
  spanMismatch: ClipModel[];
  /** A ClipId or a ReferenceClipId. */
  clipIdOrReference: ClipModel[];
  /** A Text key, or an effect of Type "Text". */
  text: ClipModel[];
  /** Width or Height reads 0. */
  zeroSize: ClipModel[];
  /** The first clip of each distinct non-empty MediaId. */
  firstOfMediaId: ClipModel[];
}

/** Below any tolerance a rule applies to a span difference (timing/duration-mismatch: 0.05 s). */
const SPAN_EPSILON = 1e-9;

export interface TimelineModel {
  tree: JsonTree;
  timeline: number;
  target: EditTarget;
  tracks: TrackModel[];
  byKind: Record<TrackKind, TrackModel[]>;
  /** The `VideoTracks` (etc.) array node per kind, when present. */
  arrays: Partial<Record<TrackKind, number>>;
  clipCount: number;
  /** ClipKey value nodes of every clip, CLIP_KEYS per clip (clipNode reads them). */
  keyNodes: Int32Array;
  /** The clips each per-clip rule reads (see ClipLists). */
  lists: ClipLists;
}

/** The value node of one of the clip's keys the rules read (ClipKey), or NONE. */
export function clipNode(m: TimelineModel, clip: ClipModel, key: ClipKey): number {
  return m.keyNodes[clip.slot * CLIP_KEYS + key];
}

const NUMERIC = /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A number as the service reads it: a JSON number, or a string that holds one. */
export function readNumber(tree: JsonTree, node: number): number | undefined {
  if (node === NONE) return undefined;
  const kind = tree.kind[node];
  if (kind === NodeKind.Number) return tree.num[node];
  if (kind === NodeKind.String) {
    const s = tree.strs[node]!;
    if (NUMERIC.test(s)) return Number(s);
  }
  return undefined;
}

export function readString(tree: JsonTree, node: number): string | undefined {
  return node !== NONE && tree.kind[node] === NodeKind.String ? tree.strs[node] : undefined;
}

export function readBoolean(tree: JsonTree, node: number): boolean | undefined {
  if (node === NONE) return undefined;
  if (tree.kind[node] === NodeKind.Boolean) return tree.num[node] !== 0;
  if (tree.kind[node] === NodeKind.String) {
    const s = tree.strs[node];
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

// The keys the model reads, numbered by the parser (json/parser.ts registerKeys): one switch on a
// small integer per property instead of string comparisons. A tree parsed before they were registered
// (never, as this module registers them when it loads) would carry 0 and be read by name instead.
const enum Slot { None, MediaId, Type, In, Out, MaxOut, TimelineIn, TimelineOut, Duration, Speed, ClipId, ReferenceClipId, Content, Effects, SubType, Width, Height, Text }
const SLOT_KEYS: [string, Slot][] = [
  ['MediaId', Slot.MediaId], ['Type', Slot.Type], ['In', Slot.In], ['Out', Slot.Out], ['MaxOut', Slot.MaxOut], ['TimelineIn', Slot.TimelineIn],
  ['TimelineOut', Slot.TimelineOut], ['Duration', Slot.Duration], ['Speed', Slot.Speed], ['ClipId', Slot.ClipId], ['ReferenceClipId', Slot.ReferenceClipId],
  ['Content', Slot.Content], ['Effects', Slot.Effects], ['SubType', Slot.SubType], ['Width', Slot.Width], ['Height', Slot.Height], ['Text', Slot.Text],
];
registerKeys(SLOT_KEYS.map(([k]) => k));
const SLOT_BY_NAME = new Map<string, Slot>(SLOT_KEYS);
const SLOT_BY_ID: Slot[] = [];
for (const [k, slot] of SLOT_KEYS) SLOT_BY_ID[keyIdOf(k)] = slot;

function slotOf(tree: JsonTree, node: number): Slot {
  const id = tree.keyId[node];
  if (id !== 0) return SLOT_BY_ID[id] ?? Slot.None;
  return SLOT_BY_NAME.get(tree.keys[node] ?? '') ?? Slot.None;
}

function readEffect(tree: JsonTree, e: number): EffectModel {
  let type = NONE;
  let subType = NONE;
  let duration = NONE;
  let timed = false;
  let negativeTime = false;
  const first = tree.childStart[e];
  const count = tree.childCount[e];
  // The last occurrence of a key wins, as tree.get finds it.
  for (let i = 0; i < count; i++) {
    const v = tree.children[first + i];
    switch (slotOf(tree, v)) {
      case Slot.Type: type = v; break;
      case Slot.SubType: subType = v; break;
      case Slot.Duration: duration = v; timed = true; if (isNegative(tree, v)) negativeTime = true; break;
      case Slot.In: case Slot.Out: case Slot.TimelineIn: case Slot.TimelineOut: case Slot.MaxOut: timed = true; if (isNegative(tree, v)) negativeTime = true; break;
    }
  }
  return { node: e, type: readString(tree, type), subType: readString(tree, subType), duration: readNumber(tree, duration), timed, negativeTime };
}

function isNegative(tree: JsonTree, node: number): boolean {
  const v = readNumber(tree, node);
  return v !== undefined && v < 0;
}

function readClip(tree: JsonTree, node: number, track: TrackModel, index: number, slot: number, nodes: Int32Array, lists: ClipLists, media: Set<string>): ClipModel {
  // The same fields for every clip: one object shape.
  const clip: ClipModel = {
    track, index, node, type: undefined, mediaId: undefined, mediaIdNode: NONE, in: undefined, out: undefined, maxOut: undefined,
    timelineIn: undefined, timelineOut: undefined, duration: undefined, speed: undefined, clipId: undefined, clipIdNode: NONE,
    referenceClipId: undefined, referenceNode: NONE, content: undefined, effects: NO_EFFECTS, slot,
  };
  const at = slot * CLIP_KEYS;
  for (let k = 0; k < CLIP_KEYS; k++) nodes[at + k] = NONE;
  if (tree.kind[node] !== NodeKind.Object) return clip;
  const first = tree.childStart[node];
  const count = tree.childCount[node];
  // One pass over the clip's properties; the last occurrence of a key wins, as on the server.
  for (let i = 0; i < count; i++) {
    const v = tree.children[first + i];
    switch (slotOf(tree, v)) {
      case Slot.MediaId: clip.mediaIdNode = v; clip.mediaId = readString(tree, v); break;
      case Slot.Type: clip.type = readString(tree, v); break;
      case Slot.In: nodes[at + ClipKey.In] = v; clip.in = readNumber(tree, v); break;
      case Slot.Out: nodes[at + ClipKey.Out] = v; clip.out = readNumber(tree, v); break;
      case Slot.MaxOut: nodes[at + ClipKey.MaxOut] = v; clip.maxOut = readNumber(tree, v); break;
      case Slot.TimelineIn: nodes[at + ClipKey.TimelineIn] = v; clip.timelineIn = readNumber(tree, v); break;
      case Slot.TimelineOut: nodes[at + ClipKey.TimelineOut] = v; clip.timelineOut = readNumber(tree, v); break;
      case Slot.Duration: nodes[at + ClipKey.Duration] = v; clip.duration = readNumber(tree, v); break;
      case Slot.Speed: clip.speed = readNumber(tree, v); break;
      case Slot.ClipId: clip.clipIdNode = v; clip.clipId = readString(tree, v); break;
      case Slot.ReferenceClipId: clip.referenceNode = v; clip.referenceClipId = readString(tree, v); break;
      case Slot.Content: nodes[at + ClipKey.Content] = v; clip.content = readString(tree, v); break;
      case Slot.Width: nodes[at + ClipKey.Width] = v; break;
      case Slot.Height: nodes[at + ClipKey.Height] = v; break;
      case Slot.Text: nodes[at + ClipKey.Text] = v; break;
      case Slot.Effects: {
        let effects: EffectModel[] = NO_EFFECTS;
        if (tree.kind[v] === NodeKind.Array) {
          const ef = tree.childStart[v];
          const n = tree.childCount[v];
          let objects = 0;
          for (let j = 0; j < n; j++) if (tree.kind[tree.children[ef + j]] === NodeKind.Object) objects++;
          // Sized once: the first push onto [] reserves 17 slots, most of them never used (most
          // clips have 0-3 effects), and that garbage was a tenth of the model's allocation.
          if (objects > 0) {
            effects = new Array<EffectModel>(objects);
            let k = 0;
            for (let j = 0; j < n; j++) {
              const e = tree.children[ef + j];
              if (tree.kind[e] === NodeKind.Object) effects[k++] = readEffect(tree, e);
            }
          }
        }
        clip.effects = effects;
        break;
      }
    }
  }
  if (clip.in === 0 && clip.out === 0) {
    clip.in = clip.out = undefined;
    clip.zeroSource = true;
  }
  if (clip.timelineIn === 0 && clip.timelineOut === 0) {
    clip.timelineIn = clip.timelineOut = undefined;
    clip.zeroTimeline = true;
  }
  gather(tree, clip, nodes, at, lists, media);
  return clip;
}

/**
 * Puts the clip on the ClipLists it belongs to, while it is at hand. The comparisons are written as
 * `!(a < b)` where the rule skips on `a < b`, so that NaN (Infinity − Infinity) lands on the list
 * exactly as the rule would report it.
 */
function gather(tree: JsonTree, clip: ClipModel, nodes: Int32Array, at: number, lists: ClipLists, media: Set<string>): void {
  const { in: i, out: o, timelineIn: a, timelineOut: b } = clip;
  if (nodes[at + ClipKey.In] !== NONE && nodes[at + ClipKey.Out] !== NONE && (clip.zeroSource || (i !== undefined && o !== undefined && !(i < o)))) lists.sourceNotIncreasing.push(clip);
  if (nodes[at + ClipKey.TimelineIn] !== NONE && nodes[at + ClipKey.TimelineOut] !== NONE && (clip.zeroTimeline || (a !== undefined && b !== undefined && !(a < b)))) lists.timelineNotIncreasing.push(clip);
  const effects = clip.effects;
  let negativeEffect = false;
  let transition = false;
  let textEffect = false;
  for (let k = 0; k < effects.length; k++) {
    const e = effects[k];
    if (e.negativeTime) negativeEffect = true;
    if (e.type === 'Transition') transition = true;
    else if (e.type === 'Text') textEffect = true;
  }
  if (negativeEffect || (i !== undefined && i < 0) || (o !== undefined && o < 0) || (a !== undefined && a < 0) || (b !== undefined && b < 0)
    || (clip.duration !== undefined && clip.duration < 0) || (clip.maxOut !== undefined && clip.maxOut < 0)) lists.negativeTime.push(clip);
  if (transition) lists.transition.push(clip);
  if (i !== undefined && o !== undefined && a !== undefined && b !== undefined) {
    const speed = clip.speed !== undefined && clip.speed > 0 ? clip.speed : 1;
    if (!(Math.abs((o - i) / speed - (b - a)) <= SPAN_EPSILON)) lists.spanMismatch.push(clip);
  }
  if (clip.clipId !== undefined || clip.referenceClipId !== undefined) lists.clipIdOrReference.push(clip);
  if (textEffect || nodes[at + ClipKey.Text] !== NONE) lists.text.push(clip);
  if (readNumber(tree, nodes[at + ClipKey.Width]) === 0 || readNumber(tree, nodes[at + ClipKey.Height]) === 0) lists.zeroSize.push(clip);
  const id = clip.mediaId;
  if (id && !media.has(id)) {
    media.add(id);
    lists.firstOfMediaId.push(clip);
  }
}

/** The effects of a clip without any: one shared empty list (never added to). */
const NO_EFFECTS: EffectModel[] = Object.freeze([]) as unknown as EffectModel[];

export function buildModel(doc: TimelineDocument): TimelineModel | undefined {
  const ref = doc.timeline;
  if (!ref) return undefined;
  return doc.cached('model', () => {
    const { tree, node: timeline } = ref;
    const byKind: Record<TrackKind, TrackModel[]> = { video: [], audio: [], image: [], subtitle: [], effect: [] };
    const arrays: Partial<Record<TrackKind, number>> = {};
    const tracks: TrackModel[] = [];
    let clipCount = 0;
    let keyNodes = new Int32Array(CLIP_KEYS * 64);
    const lists: ClipLists = {
      sourceNotIncreasing: [], timelineNotIncreasing: [], negativeTime: [], transition: [], spanMismatch: [],
      clipIdOrReference: [], text: [], zeroSize: [], firstOfMediaId: [],
    };
    const media = new Set<string>();
    for (const spec of TRACK_SPECS) {
      const arr = tree.get(timeline, spec.tracksKey);
      if (arr === NONE) continue;
      arrays[spec.kind] = arr;
      if (tree.kind[arr] !== NodeKind.Array) continue;
      const first = tree.childStart[arr];
      for (let i = 0; i < tree.childCount[arr]; i++) {
        const tn = tree.children[first + i];
        const track: TrackModel = { spec, kind: spec.kind, index: i, node: tn, clipsNode: NONE, clips: [], main: false };
        if (tree.kind[tn] === NodeKind.Object) {
          track.main = readBoolean(tree, tree.get(tn, 'MainTrack')) === true;
          track.type = readString(tree, tree.get(tn, 'Type'));
          track.shortenMode = readString(tree, tree.get(tn, 'TrackShortenMode'));
          track.expandMode = readString(tree, tree.get(tn, 'TrackExpandMode'));
          const cn = tree.get(tn, spec.clipsKey);
          track.clipsNode = cn;
          if (cn !== NONE && tree.kind[cn] === NodeKind.Array) {
            const cf = tree.childStart[cn];
            const n = tree.childCount[cn];
            if ((clipCount + n) * CLIP_KEYS > keyNodes.length) {
              const grown = new Int32Array(Math.max(keyNodes.length * 2, (clipCount + n) * CLIP_KEYS));
              grown.set(keyNodes.subarray(0, clipCount * CLIP_KEYS));
              keyNodes = grown;
            }
            // Sized once, not grown push by push (garbage the young generation would collect).
            const clips = new Array<ClipModel>(n);
            for (let j = 0; j < n; j++) clips[j] = readClip(tree, tree.children[cf + j], track, j, clipCount + j, keyNodes, lists, media);
            track.clips = clips;
            clipCount += n;
          }
        }
        tracks.push(track);
        byKind[spec.kind].push(track);
      }
    }
    const target: EditTarget = { tree, embedded: tree !== doc.tree };
    return { tree, timeline, target, tracks, byKind, arrays, clipCount, keyNodes: keyNodes.subarray(0, clipCount * CLIP_KEYS), lists };
  });
}
