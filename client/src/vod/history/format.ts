// Pure helpers of the Submissions view (no `vscode` import, unit-tested): relative times, console links,
// the document "Produce Again" sends, the URIs of submitted timelines.

import type { SubmissionEntry } from './model';
import type { ProduceParams } from '../../../../server/src/service';

/** "5 minutes ago" / "5 分钟前" in the given locale; "now" under 45 seconds. */
export function relativeTime(thenMs: number, nowMs: number, locale = 'en'): string {
  let rtf: Intl.RelativeTimeFormat;
  try {
    rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  } catch {
    rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  }
  const s = (thenMs - nowMs) / 1000;
  const a = Math.abs(s);
  const r = (n: number) => Math.round(n) || 0;
  if (a < 45) return rtf.format(0, 'second');
  if (a < 45 * 60) return rtf.format(r(s / 60), 'minute');
  if (a < 22 * 3600) return rtf.format(r(s / 3600), 'hour');
  if (a < 26 * 86400) return rtf.format(r(s / 86400), 'day');
  if (a < 320 * 86400) return rtf.format(r(s / (30 * 86400)), 'month');
  return rtf.format(r(s / (365 * 86400)), 'year');
}

/** An absolute local time for tooltips, e.g. "2026/11/26 17:01:02". */
export function absoluteTime(iso: string, locale = 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  } catch {
    return d.toISOString();
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/**
 * The ApsaraVideo VOD console page for an entry (best effort: console routes are not an API).
 * Region-aware: mainland-China regions open the China site's console, other regions the international
 * one, and the region is passed as `regionId`. The media's page when there is a MediaId, otherwise the
 * online-editing projects list (where an `unknown` submission would show up). Undefined for an
 * entry sent to a local emulator.
 */
export function consoleUrl(entry: Pick<SubmissionEntry, 'region' | 'endpoint' | 'mediaId'>): string | undefined {
  if (entry.endpoint && isLoopbackHost(entry.endpoint)) return undefined;
  const region = /^[a-z]{2,}(?:-[a-z0-9]+){1,4}$/.test(entry.region) ? entry.region : 'cn-shanghai';
  const site = region.startsWith('cn-') && region !== 'cn-hongkong' ? 'https://vod.console.aliyun.com' : 'https://vod.console.alibabacloud.com';
  const route = entry.mediaId ? `#/media/video/detail/${encodeURIComponent(entry.mediaId)}/video` : '#/vod/production/editing';
  return `${site}/?regionId=${region}${route}`;
}

const JSON_PARAMS: ReadonlySet<string> = new Set(['Timeline', 'ProduceConfig', 'MediaMetadata', 'UserData']);
const ORDER: (keyof ProduceParams)[] = ['Title', 'Description', 'CoverURL', 'ProjectId', 'AppId', 'Timeline', 'ProduceConfig', 'MediaMetadata', 'UserData'];

/**
 * A produce document carrying exactly the parameters that were sent (JSON-string parameters parsed back
 * to objects: Produce turns them into JSON strings again), for "Produce Again". Undefined when nothing
 * usable was stored.
 */
export function produceDocumentText(request: ProduceParams): string | undefined {
  const doc: Record<string, unknown> = {};
  for (const key of ORDER) {
    const value = request[key];
    if (value === undefined || value === '') continue;
    if (JSON_PARAMS.has(key)) {
      try {
        doc[key] = JSON.parse(value);
        continue;
      } catch {
        // keep the string as it was sent
      }
    }
    doc[key] = value;
  }
  if (doc.Timeline === undefined && doc.ProjectId === undefined) return undefined;
  return JSON.stringify(doc, null, 2) + '\n';
}

export const SUBMISSION_SCHEME = 'vod-timeline-submission';

/** `vod-timeline-submission:/<id>/<name>.timeline.json`: the `.timeline.json` name gives the language. */
export function submissionPath(entry: Pick<SubmissionEntry, 'id' | 'title' | 'fileName'>): string {
  const base = (entry.fileName || entry.title || 'timeline').replace(/\.timeline\.json$|\.json$/i, '');
  const safe = base.replace(/[\\/:*?"<>|#%\u0000-\u001f]+/g, '_').slice(0, 80) || 'timeline';
  return `/${entry.id}/${safe} (sent).timeline.json`;
}

/**
 * The two sides of "Compare with Current File", in the same scheme: the request that was sent and the
 * request Produce would send now, both written by produceDocumentText so the diff shows changes in what
 * VOD receives, never the file's own formatting (Produce sends compact JSON, the file is written by hand).
 */
export type CompareSide = 'sent' | 'now';
export function comparePath(entry: Pick<SubmissionEntry, 'id' | 'title' | 'fileName'>, side: CompareSide): string {
  return submissionPath(entry).replace(/ \(sent\)\.timeline\.json$/, ` (${side === 'sent' ? 'sent' : 'now'}).timeline.json`);
}
/** The URI query that marks a compare side (the same path without it is "Open Submitted Timeline"). */
export const compareQuery = (side: CompareSide): string => `compare=${side}`;
export function compareSideOf(query: string): CompareSide | undefined {
  const m = /^compare=(sent|now)$/.exec(query);
  return m ? (m[1] as CompareSide) : undefined;
}

export function entryIdFromSubmissionPath(p: string): string | undefined {
  const m = /^\/([A-Za-z0-9_-]{1,80})\//.exec(p);
  return m?.[1];
}
