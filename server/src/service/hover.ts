// Hover: the field's documentation from the schema (in the user's language), the meaning of an enum
// value, and on a clip's timing fields where that clip really plays: its source range and its place
// on the output, from the shared layout.

import type { TimelineDocument } from './document';
import { type JsonTree, NodeKind, NONE } from './json/parser';
import { normalizeLocale, localizer, type Localize, type MessageId } from './l10n';
import { nodeAt, schemasAt } from './navigate';
import type { CompiledRoot, CompiledSchema } from './schema/compile';
import { schemaText, type SchemaTranslations } from './schema/annotations';
import { documentLayout, clipLayoutOf, type ClipLayout } from './layout';
import { buildModel } from './model';
import type { CloudMedia, CloudMediaLookup } from './types';
import { formatDuration, formatTimeRange } from './duration';

export interface Hover {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

const CLIP_TIME_KEYS = new Set(['In', 'Out', 'TimelineIn', 'TimelineOut', 'Speed', 'MediaId', 'Duration']);

/** `media`: what the host knows about MediaIds (the media library); a hovered MediaId shows it first. */
export function hover(doc: TimelineDocument, offset: number, schema: CompiledRoot, zh: SchemaTranslations, localeName?: string, media?: CloudMediaLookup): Hover | undefined {
  const locale = normalizeLocale(localeName);
  const t = localizer(locale);
  const loc = nodeAt(doc, offset);
  const { tree, node } = loc;
  if (node === NONE) return undefined;
  const isKey = loc.inKey;
  const key = tree.keys[node];
  const schemas = schemasAt(doc, schema, tree, node);
  const parts: string[] = [];

  if (isKey || tree.kind[node] === NodeKind.Object || tree.kind[node] === NodeKind.Array) {
    const s = pickDocumented(schemas);
    if (s) {
      const text = schemaText(s, locale, zh);
      if (key !== undefined) parts.push(`**${key}**${text.title && text.title !== key ? ` — ${text.title}` : ''}`);
      if (text.description) parts.push(text.description);
      else parts.push(...facts(s, t));
      if (text.deprecationMessage && !(text.description ?? '').includes(text.deprecationMessage)) parts.push(`⚠ ${text.deprecationMessage}`);
      if (s.iceOnly) parts.push(`_${t('hover.iceOnly')}_`);
    }
  } else {
    // A value: the meaning of this enum value, else the field's documentation.
    const s = pickDocumented(schemas);
    if (s) {
      const text = schemaText(s, locale, zh);
      const v = tree.value(node);
      const i = s.enumValues ? s.enumValues.indexOf(v) : -1;
      if (i >= 0 && text.enumDescriptions?.[i]) parts.push(`**${JSON.stringify(v)}**`, text.enumDescriptions[i]);
      else if (text.description) {
        if (key !== undefined) parts.push(`**${key}**`);
        parts.push(text.description);
      }
    }
  }

  // Clip timing from the layout, on the clip itself and on its timing keys.
  const clipNode = clipNodeFor(tree, node, isKey ? key : undefined);
  if (clipNode !== NONE) {
    const layout = documentLayout(doc);
    const cl = layout ? clipLayoutOf(layout, clipNode) : undefined;
    if (cl) parts.push(clipTiming(cl, t));
  }
  // The track array's and the timeline's summary.
  if (isKey && (key === 'VideoTracks' || key === 'AudioTracks' || key === 'SubtitleTracks' || key === 'ImageTracks') && tree.parent[node] === buildModel(doc)?.timeline) {
    const layout = documentLayout(doc);
    if (layout) parts.push(t('hover.outputDuration', { duration: durationText(layout.duration, layout.minDuration, t) }));
  }
  const id = media && !isKey ? mediaIdOf(tree, node) : undefined;
  const info = id !== undefined ? media!(id) : undefined;
  if (info) parts.unshift(cloudMediaText(info, t));
  if (parts.length === 0) return undefined;
  const start = isKey ? tree.keyStart[node] : tree.start[node];
  const end = isKey ? tree.keyEnd[node] : tree.end[node];
  return { contents: parts.join('\n\n'), start, end };
}

function pickDocumented(schemas: CompiledSchema[]): CompiledSchema | undefined {
  return schemas.find((s) => s.markdownDescription || s.description) ?? schemas[0];
}

function facts(s: CompiledSchema, t: Localize): string[] {
  const out: string[] = [];
  if (s.unit) {
    const id = `unitName.${s.unit}` as MessageId;
    out.push(t('hover.unit', { unit: t(id) }));
  }
  if (s.minimum !== undefined || s.maximum !== undefined) out.push(t('hover.range', { range: `${s.minimum ?? '−∞'} – ${s.maximum ?? '∞'}` }));
  if (s.hasDefault) out.push(t('hover.default', { value: JSON.stringify(s.defaultValue) }));
  if (s.enumValues) out.push(t('hover.allowed', { values: s.enumValues.map((v) => '`' + JSON.stringify(v) + '`').join(', ') }));
  return out;
}

/** The clip object this hover belongs to: the object itself, or the clip that owns a timing key. */
function clipNodeFor(tree: JsonTree, node: number, key: string | undefined): number {
  const isClip = (n: number) => {
    const arr = tree.parent[n];
    if (arr === NONE || tree.kind[arr] !== NodeKind.Array) return false;
    const k = tree.keys[arr];
    return k === 'VideoTrackClips' || k === 'AudioTrackClips' || k === 'ImageTrackClips' || k === 'SubtitleTrackClips' || k === 'EffectTrackItems';
  };
  if (tree.kind[node] === NodeKind.Object && isClip(node)) return node;
  if (key !== undefined && CLIP_TIME_KEYS.has(key)) {
    const parent = tree.parent[node];
    if (parent !== NONE && isClip(parent)) return parent;
  }
  return NONE;
}

function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** The shared duration format (./duration.ts), its unit in the reader's language. */
const unit = (t: Localize) => (value: string) => t('hover.seconds', { value });

function durationText(d: number | null, min: number, t: Localize): string {
  if (d !== null) return formatDuration(d, unit(t));
  return min > 0 ? `≥ ${formatDuration(min, unit(t))} (${t('hover.unknown')})` : t('hover.unknown');
}

function clipTiming(cl: ClipLayout, t: Localize): string {
  const lines: string[] = [];
  const srcDuration = cl.sourceOut === null ? t('hover.untilMediaEnd') : formatDuration(cl.sourceOut - cl.sourceIn, unit(t));
  if (cl.clip.track.kind === 'video' || cl.clip.track.kind === 'audio') {
    lines.push(t('hover.clipSource', { range: formatTimeRange(cl.sourceIn, cl.sourceOut, { unit: unit(t) }), duration: srcDuration }));
  }
  const outDuration = cl.start !== null && cl.end !== null ? formatDuration(cl.end - cl.start, unit(t)) : t('hover.unknown');
  lines.push(t('hover.clipOutput', { range: formatTimeRange(cl.start, cl.end, { unit: unit(t) }), duration: outDuration }));
  if (cl.speed !== 1) lines.push(t('hover.clipSpeed', { speed: fmt(cl.speed) }));
  return lines.map((l) => `- ${l}`).join('\n');
}

const MEDIA_ID_KEYS = new Set(['MediaId', 'VideoId', 'ImageId']);

function mediaIdOf(tree: JsonTree, node: number): string | undefined {
  if (node === NONE || !MEDIA_ID_KEYS.has(tree.keys[node] ?? '') || tree.kind[node] !== NodeKind.String) return undefined;
  return tree.strs[node] || undefined;
}

/** The MediaId (or legacy VideoId/ImageId) string value at `offset`: what the host looks up before hovering. */
export function mediaIdAt(doc: TimelineDocument, offset: number): string | undefined {
  return mediaIdSpanAt(doc, offset)?.mediaId;
}

/** The MediaId value at `offset` and where its string is. */
export function mediaIdSpanAt(doc: TimelineDocument, offset: number): { mediaId: string; start: number; end: number } | undefined {
  const loc = nodeAt(doc, offset);
  if (loc.inKey) return undefined;
  const mediaId = mediaIdOf(loc.tree, loc.node);
  return mediaId === undefined ? undefined : { mediaId, start: loc.tree.start[loc.node], end: loc.tree.end[loc.node] };
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  return url.replace(/[()\s<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}


/** Markdown for one media of the library: title and type, duration, resolution, status, cover, console link. */
export function cloudMediaText(m: CloudMedia, t: Localize): string {
  const lines: string[] = [`_${t('hover.cloud.header')}_`];
  if (!m.found) {
    lines.push(`⚠ ${t('hover.cloud.notFound')}`);
    return lines.join('\n\n');
  }
  const type = m.type ? t(`mediaType.${m.type}` as MessageId) : undefined;
  lines.push(`**${escapeMarkdown(m.title?.trim() || t('cloud.untitled'))}**${type ? ` · ${type}` : ''}`);
  const facts: string[] = [];
  if (m.type !== 'image' && m.duration !== undefined && m.duration > 0) {
    // From a minute on the clock, with the seconds beside it: the number an Out is compared with.
    const shown = formatDuration(m.duration, unit(t));
    facts.push(t('hover.cloud.duration', { value: shown.includes(':') ? t('hover.clockAndSeconds', { clock: shown, seconds: fmt(m.duration) }) : shown }));
  }
  if (m.width && m.height) facts.push(t('hover.cloud.resolution', { width: m.width, height: m.height }));
  if (m.status) facts.push(t('hover.cloud.status', { status: m.status === 'Normal' ? m.status : `**${m.status}** ⚠` }));
  if (m.creationTime) facts.push(t('hover.cloud.created', { time: m.creationTime }));
  if (facts.length) lines.push(facts.map((f) => `- ${f}`).join('\n'));
  const cover = m.coverUrl ? safeUrl(m.coverUrl) : undefined;
  if (cover) lines.push(`![cover](${cover})`);
  const link = m.consoleUrl ? safeUrl(m.consoleUrl) : undefined;
  if (link) lines.push(`[${t('hover.cloud.console')}](${link})`);
  return lines.join('\n\n');
}
