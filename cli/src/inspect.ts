// `vod-timeline inspect FILE [--format text|json]`: where every clip lands on the output, from the same
// layout the editor's preview and CodeLens use: a table for terminals, JSON for CI (seconds, null where
// the answer depends on a media length only the cloud knows).
// Exit codes: 0 laid out, 1 the file holds no timeline (not a JSON object, an object with none of either
// form's top-level keys, or a produce document without a Timeline), 2 usage or I/O error. With no
// timeline nothing goes to stdout in either format: one line on stderr says why.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { NodeKind, NONE, TimelineService, type Layout } from '../../server/src/service';
import { formatDuration, formatTimeRange, type Locale } from '../../server/src/service';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type Io, UsageError, oneLine } from './io';
import { systemLocale } from './locale';
import { cliText, type CliMessage } from './messages';
import { formKey, unknownTimelineKeys } from './candidates';

interface InspectClip {
  index: number;
  mediaId: string | null;
  /** Range in the source media; null for items without one (subtitles, effects, images without In/Out). */
  sourceIn: number | null;
  sourceOut: number | null;
  timelineIn: number | null;
  timelineOut: number | null;
}

interface InspectTrack {
  kind: 'video' | 'audio' | 'image' | 'subtitle' | 'effect';
  index: number;
  main: boolean;
  clips: InspectClip[];
}

interface InspectResult {
  /** Output duration in seconds; null when it depends on media lengths. */
  duration: number | null;
  /** The output lasts at least this long. */
  minDuration: number;
  tracks: InspectTrack[];
}

/** The CLI table's inspect messages, by their name without the "inspect" prefix where it has one. */
type Message = 'noFile' | 'oneFile' | 'badFormat' | 'cannotRead' | 'notFound' | 'noTimeline' | 'output' | 'outputUnknown' | 'noTracks' | 'noTracksKeys'
  | 'keySuggestion' | 'moreKeys' | 'track'
  | 'clip' | 'media' | 'source' | 'outputCol' | 'duration' | 'seconds' | 'main' | 'legendComputed' | 'legendUnknown';

const SHARED: Partial<Record<Message, CliMessage>> = { badFormat: 'formatTextJsonNot', cannotRead: 'cannotRead', notFound: 'notFound', seconds: 'seconds' };

function text(locale: Locale, id: Message, args: Record<string, string | number> = {}): string {
  const key = SHARED[id] ?? (`inspect${id[0].toUpperCase()}${id.slice(1)}` as CliMessage);
  return cliText(locale, key, args);
}

type ClipLayout = Layout['tracks'][number]['clips'][number];

/** Subtitles, effect items and still images have no range in a source media (unless In/Out are written). */
function hasSource(c: ClipLayout): boolean {
  const { clip } = c;
  if (clip.in !== undefined || clip.out !== undefined) return true;
  if (clip.track.kind === 'subtitle' || clip.track.kind === 'effect' || clip.track.kind === 'image') return false;
  if (clip.track.type === 'Effect') return false;
  return clip.type !== 'Image' && clip.type !== 'GlobalImage';
}

/** The layout as the JSON `inspect --format json` prints. */
function inspectResult(layout: Layout): InspectResult {
  return {
    duration: layout.duration,
    minDuration: layout.minDuration,
    tracks: layout.tracks.map((t) => ({
      kind: t.track.kind,
      index: t.track.index,
      main: t.track === layout.mainTrack,
      clips: t.clips.map((c) => ({
        index: c.clip.index,
        mediaId: c.clip.mediaId ?? null,
        sourceIn: hasSource(c) ? c.sourceIn : null,
        sourceOut: hasSource(c) ? c.sourceOut : null,
        timelineIn: c.start,
        timelineOut: c.end,
      })),
    })),
  };
}


const LABEL_MAX = 34;

function clipLabel(c: ClipLayout): string {
  // A MediaId or a type is the document's decoded string: a newline in it would split the row.
  const raw = oneLine(c.clip.mediaId ?? (c.clip.content !== undefined ? JSON.stringify(c.clip.content) : c.clip.type ?? ''));
  return raw.length > LABEL_MAX ? raw.slice(0, LABEL_MAX - 1) + '…' : raw;
}

/** Display width: CJK characters take two terminal columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

/** The layout as an aligned table, one row per clip. */
function inspectTable(layout: Layout, locale: Locale, file: string, noTracks: string): string {
  const t = (id: Message, args?: Record<string, string | number>) => text(locale, id, args);
  // Times in the format of every surface (server/src/service/duration.ts); `--format json` keeps seconds.
  const unit = (value: string) => t('seconds', { value });
  const time = (s: number | null) => formatDuration(s, unit);
  const lines: string[] = [];
  lines.push(`${oneLine(file)} — ${layout.duration !== null ? t('output', { duration: time(layout.duration) }) : t('outputUnknown', { duration: time(layout.minDuration) })}`);
  if (layout.tracks.length === 0) {
    lines.push(noTracks);
    return lines.join('\n') + '\n';
  }
  const rows: string[][] = [[t('track'), t('clip'), t('media'), t('source'), t('outputCol'), t('duration')]];
  let computed = false;
  let unknown = false;
  for (const tl of layout.tracks) {
    const name = `${tl.track.kind}[${tl.track.index}]${tl.track === layout.mainTrack ? ` (${t('main')})` : ''}`;
    if (tl.clips.length === 0) rows.push([name, '', '', '', '', '']);
    tl.clips.forEach((c, i) => {
      const mark = (implicit: boolean) => (implicit ? '*' : '');
      if (c.implicitStart || c.implicitEnd) computed = true;
      const source = hasSource(c);
      if (c.start === null || c.end === null || (source && c.sourceOut === null)) unknown = true;
      const duration = c.start !== null && c.end !== null ? time(c.end - c.start) : '?';
      rows.push([
        i === 0 ? name : '',
        String(c.clip.index),
        clipLabel(c),
        source ? formatTimeRange(c.sourceIn, c.sourceOut, { unit }) : '—',
        formatTimeRange(c.start, c.end, { unit, marks: [mark(c.implicitStart), mark(c.implicitEnd)] }),
        duration,
      ]);
    });
  }
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => width(r[col]))));
  for (const r of rows) lines.push(r.map((cell, col) => (col === r.length - 1 ? cell : pad(cell, widths[col]))).join('  ').trimEnd());
  if (computed) lines.push(t('legendComputed'));
  if (unknown) lines.push(t('legendUnknown'));
  return lines.join('\n') + '\n';
}

/** How many of a Timeline's unknown keys the "no tracks" line names. */
const KEYS_SHOWN = 5;

/**
 * The line for a Timeline that lays out no track: "(no tracks)" when it has none of its own keys but
 * those, else what it has instead ("VideoTrack", probably a misspelt "VideoTracks"), so a typo that
 * emptied the timeline is seen here and not only in `validate`'s warnings.
 */
function noTracksNote(doc: ReturnType<TimelineService['parse']>, locale: Locale): { line: string; keys: boolean } {
  const unknown = doc.timeline ? unknownTimelineKeys(doc.timeline.tree, doc.timeline.node) : [];
  if (!unknown.length) return { line: text(locale, 'noTracks'), keys: false };
  const shown = unknown.slice(0, KEYS_SHOWN).map(({ key, suggestion }) => {
    const quoted = oneLine(JSON.stringify(key.length > LABEL_MAX ? key.slice(0, LABEL_MAX - 1) + '…' : key));
    return suggestion ? text(locale, 'keySuggestion', { key: quoted, suggestion }) : quoted;
  });
  let keys = shown.join(locale === 'zh-cn' ? '、' : ', ');
  if (unknown.length > KEYS_SHOWN) keys += (locale === 'zh-cn' ? '' : ' ') + text(locale, 'moreKeys', { count: unknown.length - KEYS_SHOWN });
  return { line: text(locale, 'noTracksKeys', { keys }), keys: true };
}

export async function inspectCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, locale: { type: 'string' } },
  });
  const locale = systemLocale(io.env, values.locale);
  const format = values.format!;
  if (format !== 'text' && format !== 'json') throw new UsageError(text(locale, 'badFormat', { format }));
  if (positionals.length === 0) throw new UsageError(text(locale, 'noFile'));
  if (positionals.length > 1) throw new UsageError(text(locale, 'oneFile'));
  const arg = positionals[0];
  let source: string;
  let display: string;
  if (arg === '-') {
    source = await io.readStdin();
    display = '<stdin>';
  } else {
    const abs = path.resolve(io.cwd, arg);
    display = path.relative(io.cwd, abs) || abs;
    try {
      source = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.stderr(text(locale, 'cannotRead', { file: oneLine(arg), reason: code === 'ENOENT' ? text(locale, 'notFound') : code ?? String(e) }) + '\n');
      return EXIT_USAGE;
    }
  }
  const service = new TimelineService();
  const doc = service.parse(source);
  // The service reads any object as a Timeline (the editor shows what it can of a half-written one), so
  // {"foo": 1} laid out as an empty timeline: "output 0 s (no tracks)", exit 0. An object with keys but
  // none of either form (nor a misspelling of one: the test validate's globs skip files by) holds no
  // timeline; {} is an empty one.
  const root = doc.tree.root;
  const foreign = root !== NONE && doc.tree.kind[root] === NodeKind.Object && doc.tree.childCount[root] > 0 && formKey(doc.tree, root) === undefined;
  const layout = foreign ? undefined : service.layout(doc);
  if (!layout) {
    io.stderr(text(locale, 'noTimeline', { file: oneLine(display) }) + '\n');
    return EXIT_PROBLEMS;
  }
  const noTracks = layout.tracks.length === 0 ? noTracksNote(doc, locale) : undefined;
  if (format === 'json') {
    io.stdout(JSON.stringify(inspectResult(layout), null, 2) + '\n');
    // The JSON keeps its shape; what the Timeline holds instead of tracks is said beside it.
    // (Without the table's parentheses, which set the line apart from the header above it.)
    if (noTracks?.keys) io.stderr(`${oneLine(display)}: ${noTracks.line.replace(/^[(（](.*)[)）]$/, '$1')}\n`);
  } else {
    io.stdout(inspectTable(layout, locale, display, noTracks?.line ?? ''));
  }
  doc.dispose();
  return EXIT_OK;
}
