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
  const first = tree.childStart[e];
  const count = tree.childCount[e];
  // The last occurrence of a key wins, as tree.get finds it.
  for (let i = 0; i < count; i++) {
    const v = tree.children[first + i];
    switch (slotOf(tree, v)) {
      case Slot.Type: type = v; break;
      case Slot.SubType: subType = v; break;
      case Slot.Duration: duration = v; timed = true; break;
      case Slot.In: case Slot.Out: case Slot.TimelineIn: case Slot.TimelineOut: case Slot.MaxOut: timed = true; break;
    }
  }
  return { node: e, type: readString(tree, type), subType: readString(tree, subType), duration: readNumber(tree, duration), timed };
}

function readClip(tree: JsonTree, node: number, track: TrackModel, index: number, slot: number, nodes: Int32Array): ClipModel {
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
        const effects: EffectModel[] = [];
        if (tree.kind[v] === NodeKind.Array) {
          const ef = tree.childStart[v];
          for (let j = 0; j < tree.childCount[v]; j++) {
            const e = tree.children[ef + j];
            if (tree.kind[e] !== NodeKind.Object) continue;
            effects.push(readEffect(tree, e));
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
  return clip;
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
            for (let j = 0; j < n; j++) track.clips.push(readClip(tree, tree.children[cf + j], track, j, clipCount + j, keyNodes));
            clipCount += n;
          }
        }
        tracks.push(track);
        byKind[spec.kind].push(track);
      }
    }
    const target: EditTarget = { tree, embedded: tree !== doc.tree };
    return { tree, timeline, target, tracks, byKind, arrays, clipCount, keyNodes: keyNodes.subarray(0, clipCount * CLIP_KEYS) };
  });
}
