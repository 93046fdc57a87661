// A typed view of the Timeline's tracks and clips, read once per document version and shared by
// the timing, structure and limits rules, layout, symbols and hover. Numbers written as strings are
// read as the service reads them; anything unreadable is simply absent (the schema rule reports it).

import type { TimelineDocument } from './document';
import { type JsonTree, NodeKind, NONE } from './json/parser';
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
}

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

function readClip(tree: JsonTree, node: number, track: TrackModel, index: number): ClipModel {
  const clip: ClipModel = {
    track, index, node, mediaIdNode: NONE, clipIdNode: NONE, referenceNode: NONE, effects: [],
  };
  if (tree.kind[node] !== NodeKind.Object) return clip;
  const first = tree.childStart[node];
  const count = tree.childCount[node];
  // One pass over the clip's properties; the last occurrence of a key wins, as on the server.
  for (let i = 0; i < count; i++) {
    const v = tree.children[first + i];
    switch (tree.keys[v]) {
      case 'MediaId': clip.mediaIdNode = v; clip.mediaId = readString(tree, v); break;
      case 'Type': clip.type = readString(tree, v); break;
      case 'In': clip.in = readNumber(tree, v); break;
      case 'Out': clip.out = readNumber(tree, v); break;
      case 'MaxOut': clip.maxOut = readNumber(tree, v); break;
      case 'TimelineIn': clip.timelineIn = readNumber(tree, v); break;
      case 'TimelineOut': clip.timelineOut = readNumber(tree, v); break;
      case 'Duration': clip.duration = readNumber(tree, v); break;
      case 'Speed': clip.speed = readNumber(tree, v); break;
      case 'ClipId': clip.clipIdNode = v; clip.clipId = readString(tree, v); break;
      case 'ReferenceClipId': clip.referenceNode = v; clip.referenceClipId = readString(tree, v); break;
      case 'Content': clip.content = readString(tree, v); break;
      case 'Effects':
        clip.effects = [];
        if (tree.kind[v] === NodeKind.Array) {
          const ef = tree.childStart[v];
          for (let j = 0; j < tree.childCount[v]; j++) {
            const e = tree.children[ef + j];
            if (tree.kind[e] !== NodeKind.Object) continue;
            clip.effects.push({
              node: e,
              type: readString(tree, tree.get(e, 'Type')),
              subType: readString(tree, tree.get(e, 'SubType')),
              duration: readNumber(tree, tree.get(e, 'Duration')),
            });
          }
        }
        break;
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

export function buildModel(doc: TimelineDocument): TimelineModel | undefined {
  const ref = doc.timeline;
  if (!ref) return undefined;
  return doc.cached('model', () => {
    const { tree, node: timeline } = ref;
    const byKind: Record<TrackKind, TrackModel[]> = { video: [], audio: [], image: [], subtitle: [], effect: [] };
    const arrays: Partial<Record<TrackKind, number>> = {};
    const tracks: TrackModel[] = [];
    let clipCount = 0;
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
            for (let j = 0; j < tree.childCount[cn]; j++) track.clips.push(readClip(tree, tree.children[cf + j], track, j));
            clipCount += track.clips.length;
          }
        }
        tracks.push(track);
        byKind[spec.kind].push(track);
      }
    }
    const target: EditTarget = { tree, embedded: tree !== doc.tree };
    return { tree, timeline, target, tracks, byKind, arrays, clipCount };
  });
}
