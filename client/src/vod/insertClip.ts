// "Insert as Clip" (Media Library view, drag and drop): where a media's clip goes in a timeline document
// and the text edit that puts it there, in the document's own indentation and line ends. Pure (no
// `vscode`), so it is unit-tested on plain strings; the extension turns the edit into a WorkspaceEdit.
//
// The clip goes into the clip array the cursor is in when that array can hold this kind of media;
// otherwise it is appended to the first track of the right kind, or a track (and the tracks array) is
// created. A Timeline written as a JSON string is refused: rewriting the escaped string is not worth the
// risk of corrupting it, and the user is told so.
import * as jsonc from 'jsonc-parser';

export type ClipMediaType = 'video' | 'audio' | 'image';

export interface ClipMedia {
  mediaId: string;
  type: ClipMediaType;
  /** Seconds (video, audio); the clip then runs In 0 to Out duration. */
  duration?: number;
}

/** One replacement in the document text. */
export interface TextReplacement {
  offset: number;
  length: number;
  text: string;
}

export type InsertWhere = 'cursor' | 'track' | 'new-track' | 'new-tracks';

export type InsertPlan =
  | {
    ok: true;
    edit: TextReplacement;
    /** Where the clip went: the cursor's clip array, the first track of its kind, a new track, a new tracks array. */
    where: InsertWhere;
    /** The clip array's key (VideoTrackClips, AudioTrackClips, ImageTrackClips). */
    clipsKey: string;
    /** The clip as inserted. */
    clip: Record<string, unknown>;
  }
  /**
   * `timeline-string`: the Timeline is a JSON string; `syntax`: the document does not parse;
   * `not-object`: the document (or its Timeline) is not an object; `no-timeline`: a produce document
   * without a Timeline.
   */
  | { ok: false; reason: 'timeline-string' | 'syntax' | 'not-object' | 'no-timeline' };

/** How long an image is shown when nothing says otherwise, seconds. */
export const IMAGE_SECONDS = 5;

/** Produce-document keys (server/src/service/document.ts PRODUCE_KEYS): a root with one of them is not a bare Timeline. */
const PRODUCE_KEYS = ['Timeline', 'ProjectId', 'ProduceConfig', 'MediaMetadata', 'UserData', 'AppId'];

interface ClipArrayKind {
  tracksKey: string;
  clipsKey: string;
}
const VIDEO: ClipArrayKind = { tracksKey: 'VideoTracks', clipsKey: 'VideoTrackClips' };
const AUDIO: ClipArrayKind = { tracksKey: 'AudioTracks', clipsKey: 'AudioTrackClips' };
const IMAGE: ClipArrayKind = { tracksKey: 'ImageTracks', clipsKey: 'ImageTrackClips' };

/**
 * Clip arrays the cursor may choose for a media type, then where it goes by default (the first one).
 * A video's sound can be a clip on an audio track; an image can be a video-track clip of Type Image
 * (the replacement the docs recommend for the deprecated image track).
 */
const ACCEPTS: Record<ClipMediaType, ClipArrayKind[]> = {
  video: [VIDEO, AUDIO],
  audio: [AUDIO],
  image: [IMAGE, VIDEO],
};

const seconds = (n: number) => Number(n.toFixed(4));

/** The clip object for `media` on a `clipsKey` array. */
export function clipFor(media: ClipMedia, clipsKey: string): Record<string, unknown> {
  const d = typeof media.duration === 'number' && Number.isFinite(media.duration) && media.duration > 0 ? seconds(media.duration) : undefined;
  if (media.type === 'image') {
    // An image has no source range: on an image track it is shown from TimelineIn to TimelineOut, as a
    // video-track clip it lasts Duration.
    return clipsKey === IMAGE.clipsKey
      ? { MediaId: media.mediaId, TimelineIn: 0, TimelineOut: IMAGE_SECONDS }
      : { MediaId: media.mediaId, Type: 'Image', Duration: IMAGE_SECONDS };
  }
  // Out defaults to the source's end: written only when the duration is known, so the range is visible.
  return d === undefined ? { MediaId: media.mediaId, In: 0 } : { MediaId: media.mediaId, In: 0, Out: d };
}

interface Style {
  unit: string;
  eol: string;
}

/** The document's indentation unit (the first indented line's) and line end. */
function styleOf(text: string): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  let unit = '  ';
  if (m) unit = m[1].startsWith('\t') ? '\t' : ' '.repeat(Math.min(8, m[1].length));
  return { unit, eol };
}

/** Leading whitespace of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Whether `offset` is the first non-blank character of its line. */
function startsLine(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(start, offset));
}

/** `value` as JSON whose lines after the first are indented by `base`. */
function serialize(value: unknown, base: string, style: Style): string {
  return JSON.stringify(value, null, style.unit).split('\n').join(style.eol + base);
}

/**
 * How the array's clips are written when they sit on one line each (`{ "MediaId": "…", "In": 0 }`):
 * the new clip is written the same way; undefined when they span lines (or there are none).
 */
function oneLineStyle(text: string, array: jsonc.Node): ((clip: Record<string, unknown>) => string) | undefined {
  const sibling = array.children?.find((c) => c.type === 'object');
  if (!sibling) return undefined;
  const own = text.slice(sibling.offset, sibling.offset + sibling.length);
  if (/[\r\n]/.test(own)) return undefined;
  const spaced = /^\{\s/.test(own);
  return (clip) => {
    const body = Object.entries(clip).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ');
    return spaced ? `{ ${body} }` : `{${body}}`;
  };
}

/** Indentation of an element (or property) inside `container`. */
function childIndent(text: string, container: jsonc.Node, style: Style): string {
  const first = container.children?.[0];
  if (first && startsLine(text, first.offset)) return lineIndent(text, first.offset);
  return lineIndent(text, container.offset) + style.unit;
}

/** The edit that puts `itemText(indent)` at `index` in an array or object `container`. */
function insertInto(text: string, container: jsonc.Node, index: number, itemText: (indent: string) => string, style: Style): TextReplacement {
  const children = container.children ?? [];
  const indent = childIndent(text, container, style);
  const item = itemText(indent);
  if (!children.length) {
    // `[]` or `{ }`: the interior is replaced, the closing bracket goes on its own line.
    const close = lineIndent(text, container.offset);
    return { offset: container.offset + 1, length: container.length - 2, text: style.eol + indent + item + style.eol + close };
  }
  if (index === 0) {
    const first = children[0];
    const sep = startsLine(text, first.offset) ? ',' + style.eol + indent : ', ';
    return { offset: first.offset, length: 0, text: item + sep };
  }
  const prev = children[Math.min(index, children.length) - 1];
  const sep = startsLine(text, prev.offset) ? ',' + style.eol + indent : ', ';
  return { offset: prev.offset + prev.length, length: 0, text: sep + item };
}

/** The property node's key, when `node` is a property's value. */
function keyOf(node: jsonc.Node | undefined): string | undefined {
  const p = node?.parent;
  return p?.type === 'property' && p.children?.[1] === node ? p.children?.[0]?.value as string : undefined;
}

function property(obj: jsonc.Node, key: string): jsonc.Node | undefined {
  const p = obj.children?.find((c) => c.type === 'property' && c.children?.[0]?.value === key);
  return p?.children?.[1];
}

/** The clip array (of a kind `kinds` accepts) whose brackets hold `offset`, inside `timeline`. */
function arrayAtCursor(timeline: jsonc.Node, offset: number, kinds: ClipArrayKind[]): { array: jsonc.Node; kind: ClipArrayKind } | undefined {
  if (offset <= timeline.offset || offset >= timeline.offset + timeline.length) return undefined;
  let node = jsonc.findNodeAtOffset(timeline, offset, false);
  for (; node; node = node.parent) {
    if (node.type !== 'array' || offset <= node.offset || offset >= node.offset + node.length) continue;
    const key = keyOf(node);
    const kind = kinds.find((k) => k.clipsKey === key);
    // The array must sit in a track of the matching tracks array, directly in this Timeline.
    const track = node.parent?.parent;
    const tracks = track?.parent;
    if (kind && track?.type === 'object' && tracks?.type === 'array' && keyOf(tracks) === kind.tracksKey && tracks.parent?.parent === timeline) return { array: node, kind };
  }
  return undefined;
}

/** Plans inserting `media`'s clip into `text`, at `cursor` (an offset) when it is in a suitable clip array. */
export function planClipInsertion(text: string, media: ClipMedia, cursor?: number): InsertPlan {
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { disallowComments: false, allowTrailingComma: false });
  if (!root || errors.length) return { ok: false, reason: 'syntax' };
  if (root.type !== 'object') return { ok: false, reason: 'not-object' };
  const style = styleOf(text);

  let timeline = root;
  const isProduce = root.children?.some((p) => PRODUCE_KEYS.includes(p.children?.[0]?.value as string));
  if (isProduce) {
    const t = property(root, 'Timeline');
    if (!t) return { ok: false, reason: 'no-timeline' };
    if (t.type === 'string') return { ok: false, reason: 'timeline-string' };
    if (t.type !== 'object') return { ok: false, reason: 'not-object' };
    timeline = t;
  }

  const kinds = ACCEPTS[media.type];
  if (cursor !== undefined) {
    const at = arrayAtCursor(timeline, cursor, kinds);
    if (at) {
      const clip = clipFor(media, at.kind.clipsKey);
      const index = (at.array.children ?? []).filter((c) => c.offset < cursor).length;
      const oneLine = oneLineStyle(text, at.array);
      return { ok: true, where: 'cursor', clipsKey: at.kind.clipsKey, clip, edit: insertInto(text, at.array, index, (ind) => oneLine?.(clip) ?? serialize(clip, ind, style), style) };
    }
  }

  const kind = kinds[0];
  const clip = clipFor(media, kind.clipsKey);
  const tracks = property(timeline, kind.tracksKey);
  if (tracks?.type === 'array') {
    for (const track of tracks.children ?? []) {
      if (track.type !== 'object') continue;
      const clips = property(track, kind.clipsKey);
      if (clips?.type === 'array') {
        const oneLine = oneLineStyle(text, clips);
        return { ok: true, where: 'track', clipsKey: kind.clipsKey, clip, edit: insertInto(text, clips, clips.children?.length ?? 0, (ind) => oneLine?.(clip) ?? serialize(clip, ind, style), style) };
      }
    }
    const track = { [kind.clipsKey]: [clip] };
    return { ok: true, where: 'new-track', clipsKey: kind.clipsKey, clip, edit: insertInto(text, tracks, tracks.children?.length ?? 0, (ind) => serialize(track, ind, style), style) };
  }
  if (tracks) return { ok: false, reason: 'not-object' };
  const value = [{ [kind.clipsKey]: [clip] }];
  return {
    ok: true, where: 'new-tracks', clipsKey: kind.clipsKey, clip,
    edit: insertInto(text, timeline, timeline.children?.length ?? 0, (ind) => `${JSON.stringify(kind.tracksKey)}: ${serialize(value, ind, style)}`, style),
  };
}

/** `text` with `edit` applied. */
export function applyReplacement(text: string, edit: TextReplacement): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}
