// The `vodTimeline/layout` answer: the service's layout of a document with LSP ranges, for the
// preview, CodeLens and anything else that draws clips.
import type { Range } from 'vscode-languageserver';
import type { TimelineDocument, TimelineService, TrackKind } from './service';
import * as convert from './convert';

export interface LayoutClip {
  index: number;
  /** The clip object's range in the document (select it on click). */
  range: Range;
  mediaId?: string;
  type?: string;
  /** Subtitle / text content. */
  text?: string;
  sourceIn: number;
  sourceOut: number | null;
  start: number | null;
  end: number | null;
  implicitStart: boolean;
  implicitEnd: boolean;
  speed: number;
  transition: number;
}

export interface LayoutTrack {
  kind: TrackKind;
  index: number;
  main: boolean;
  /** VideoTrack `Type` (e.g. "Effect": the track holds effect items). */
  type?: string;
  range: Range;
  start: number | null;
  end: number | null;
  clips: LayoutClip[];
}

export interface LayoutResult {
  version?: number;
  form: 'timeline' | 'produce';
  duration: number | null;
  minDuration: number;
  tracks: LayoutTrack[];
}

export function layoutResult(doc: TimelineDocument, service: TimelineService): LayoutResult {
  const layout = service.layout(doc);
  const result: LayoutResult = { version: doc.version, form: doc.form, duration: layout?.duration ?? null, minDuration: layout?.minDuration ?? 0, tracks: [] };
  if (!layout || !doc.timeline) return result;
  const tree = doc.timeline.tree;
  for (const tl of layout.tracks) {
    result.tracks.push({
      kind: tl.track.kind,
      index: tl.track.index,
      main: tl.track.main,
      type: tl.track.type,
      range: convert.range(doc, tree.start[tl.track.node], tree.end[tl.track.node]),
      start: tl.start,
      end: tl.end,
      clips: tl.clips.map((c) => ({
        index: c.clip.index,
        range: convert.range(doc, tree.start[c.clip.node], tree.end[c.clip.node]),
        mediaId: c.clip.mediaId,
        type: c.clip.type,
        text: c.clip.content,
        sourceIn: c.sourceIn,
        sourceOut: c.sourceOut,
        start: c.start,
        end: c.end,
        implicitStart: c.implicitStart,
        implicitEnd: c.implicitEnd,
        speed: c.speed,
        transition: c.transition,
      })),
    });
  }
  return result;
}
