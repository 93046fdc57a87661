// The `vodTimeline/layout` answer: the service's layout of a document with LSP ranges, for the
// preview, CodeLens and anything else that draws clips.
import type { TimelineDocument, TimelineService } from './service';
import type { LayoutResult } from './protocol';
import * as convert from './convert';

export function layoutResult(doc: TimelineDocument, service: TimelineService): LayoutResult {
  const layout = service.layout(doc);
  const result: LayoutResult = { version: doc.version, length: doc.text.length, form: doc.form, duration: layout?.duration ?? null, minDuration: layout?.minDuration ?? 0, tracks: [] };
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
