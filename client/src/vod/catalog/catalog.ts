// The media library as the editor and the CLI see it: MediaIds looked up in batches (SearchMedia by ID
// for each media type, GetVideoInfo to confirm what the search index does not list yet, GetMezzanineInfo
// for a hover's resolution), the newest media for completion, a title search; every answer cached
// (bounded, with expiry). Plain Node (no vscode): `vod-timeline validate --cloud` uses it too.
//
// A MediaId is reported unknown only when VOD said so (NotExist) or when no search nor GetVideoInfo
// found it; a MediaId that could not be checked (offline, throttled, an error) is `unresolved`.

import type { CloudMedia } from '../../../../server/src/protocol';
import {
  isNotFound, toVodError, VodError, type CallOptions, type GetMezzanineInfoRequest, type GetMezzanineInfoResponse, type GetVideoInfoRequest,
  type GetVideoInfoResponse, type SearchMediaItem, type SearchMediaRequest, type SearchMediaResponse,
} from '..';
import { mediaConsoleUrl } from '../console';
import { TtlCache } from './cache';

/** The VodClient operations the catalog uses (a VodClient, or a fake in tests). */
export interface MediaApi {
  searchMedia(req: SearchMediaRequest, options?: CallOptions): Promise<SearchMediaResponse>;
  getVideoInfo(req: GetVideoInfoRequest, options?: CallOptions): Promise<GetVideoInfoResponse>;
  getMezzanineInfo(req: GetMezzanineInfoRequest, options?: CallOptions): Promise<GetMezzanineInfoResponse>;
}

interface CatalogOptions {
  /** Only media of this AppId are listed for completion (lookups by ID find any). */
  appId?: string;
  now?: () => number;
  /** How long a found media is trusted. Default 10 min. */
  factTtlMs?: number;
  /** How long "not found" is trusted (an upload may appear). Default 2 min. */
  notFoundTtlMs?: number;
  /** Most MediaIds remembered. Default 2000. */
  maxFacts?: number;
  /** How long a listing (newest media, a title search) is reused. Default 60 s. */
  listTtlMs?: number;
  /** Newest media listed per type for completion. Default 50. */
  recentPageSize?: number;
  /** MediaIds per SearchMedia `in (…)` query. Default 20. */
  chunkSize?: number;
  /** Retry policy of lookups (listings never retry: completion cannot wait). Default: the client's. */
  lookupRetry?: CallOptions['retry'];
}

interface LookupResult {
  /** One entry per MediaId that could be checked (found or not). */
  media: CloudMedia[];
  /** MediaIds that could not be checked now. */
  unresolved: string[];
  /** The first error met (offline, throttled, refused). */
  error?: VodError;
}

const MEDIA_TYPES = ['video', 'audio', 'image'] as const;
type MediaType = (typeof MEDIA_TYPES)[number];

const ID_FIELD: Record<MediaType, string> = { video: 'VideoId', audio: 'AudioId', image: 'ImageId' };
// SearchMedia returns only MediaId, CreationTime and MediaType unless asked for more.
const FIELDS: Record<MediaType, string> = {
  video: 'Title,Duration,Status,CoverURL,CreationTime,Size',
  audio: 'Title,Duration,Status,CoverURL,CreationTime,Size',
  image: 'Title,Status,URL,CreationTime',
};
/** VOD IDs are 32 hex characters; anything that cannot sit in a search query cannot be a MediaId either. */
const PLAUSIBLE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const UNREACHABLE = new Set(['ConnectionRefused', 'ConnectTimeout', 'WriteTimeout', 'ReadTimeout', 'ConnectionReset', 'DnsFailure', 'TlsFailure', 'ProxyFailure', 'NetworkError']);

/** The error means the cloud could not be reached at all (as opposed to an answer that said no). */
export function isUnreachable(e: unknown): boolean {
  return e instanceof VodError && (UNREACHABLE.has(e.code) || e.phase === 'connect');
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** A SearchMedia item as CloudMedia (undefined for attached media and anything unreadable). */
export function fromSearchItem(item: SearchMediaItem): CloudMedia | undefined {
  const type = item.MediaType === 'video' || item.MediaType === 'audio' || item.MediaType === 'image' ? item.MediaType : undefined;
  if (!type || typeof item.MediaId !== 'string' || !item.MediaId) return undefined;
  const body = (type === 'video' ? item.Video : type === 'audio' ? item.Audio : item.Image) as Record<string, unknown> | undefined;
  const m: CloudMedia = { mediaId: item.MediaId, found: true, type, consoleUrl: mediaConsoleUrl(item.MediaId) };
  if (body) {
    m.title = str(body.Title);
    if (type !== 'image') m.duration = num(body.Duration);
    m.status = str(body.Status);
    m.coverUrl = str(body.CoverURL) ?? (type === 'image' ? str(body.URL) : undefined);
    m.width = num(body.Width);
    m.height = num(body.Height);
    m.size = num(body.Size);
  }
  m.creationTime = str(body?.CreationTime) ?? str(item.CreationTime);
  return dropUndefined(m);
}

function appIdOf(item: SearchMediaItem): string | undefined {
  const body = (item.Video ?? item.Audio ?? item.Image) as Record<string, unknown> | undefined;
  return str(body?.AppId) ?? str(item.AppId);
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function byNewest(a: CloudMedia, b: CloudMedia): number {
  return (b.creationTime ?? '').localeCompare(a.creationTime ?? '') || a.mediaId.localeCompare(b.mediaId);
}

/** Runs `fn` over `items`, `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => { while (next < items.length) await fn(items[next++]); };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class MediaCatalog {
  private readonly facts: TtlCache<string, CloudMedia>;
  private readonly detailed: TtlCache<string, CloudMedia>;
  private readonly lists: TtlCache<string, CloudMedia[]>;
  /** Whether a listing has more beyond its page (SearchMedia's Total), by listing key. */
  private readonly more: TtlCache<string, boolean>;
  private readonly inflight = new Map<string, Promise<CloudMedia[]>>();

  constructor(private readonly api: MediaApi, private readonly options: CatalogOptions = {}) {
    const now = options.now ?? Date.now;
    const max = options.maxFacts ?? 2000;
    this.facts = new TtlCache({ maxEntries: max, ttlMs: options.factTtlMs ?? 10 * 60_000, now });
    this.detailed = new TtlCache({ maxEntries: Math.max(1, Math.ceil(max / 4)), ttlMs: options.factTtlMs ?? 10 * 60_000, now });
    this.lists = new TtlCache({ maxEntries: 64, ttlMs: options.listTtlMs ?? 60_000, now });
    this.more = new TtlCache({ maxEntries: 64, ttlMs: options.listTtlMs ?? 60_000, now });
  }

  /** What is known about a MediaId without asking (fresh entries only). */
  known(mediaId: string): CloudMedia | undefined {
    return this.detailed.get(mediaId) ?? this.facts.get(mediaId);
  }

  /** Forgets everything (Refresh Cloud Checks). */
  clear(): void {
    this.facts.clear();
    this.detailed.clear();
    this.lists.clear();
    this.more.clear();
  }

  /** Forgets the listings only (the Media Library view's Refresh): lookups stay cached. */
  forgetListings(): void {
    this.lists.clear();
    this.more.clear();
  }

  private remember(m: CloudMedia): void {
    this.facts.set(m.mediaId, m, m.found ? undefined : this.options.notFoundTtlMs ?? 2 * 60_000);
  }

  /** Looks MediaIds up; `detail` adds resolution (one GetMezzanineInfo per video or audio not yet detailed). */
  async lookup(mediaIds: string[], options: { detail?: boolean } = {}): Promise<LookupResult> {
    const out = new Map<string, CloudMedia>();
    const unresolved = new Set<string>();
    let error: VodError | undefined;
    const ask: string[] = [];
    for (const id of new Set(mediaIds)) {
      if (typeof id !== 'string' || !id) continue;
      const known = options.detail ? this.detailed.get(id) ?? this.facts.get(id) : this.facts.get(id);
      if (known) { out.set(id, known); continue; }
      if (!PLAUSIBLE_ID.test(id)) {
        const m: CloudMedia = { mediaId: id, found: false };
        this.remember(m);
        out.set(id, m);
        continue;
      }
      ask.push(id);
    }
    const callOptions: CallOptions = this.options.lookupRetry === undefined ? {} : { retry: this.options.lookupRetry };
    const fail = (e: unknown, ids: Iterable<string>) => {
      error ??= toVodError(e);
      for (const id of ids) unresolved.add(id);
    };

    // 1. SearchMedia by ID, per type, a chunk at a time.
    const size = Math.max(1, this.options.chunkSize ?? 20);
    for (let i = 0; i < ask.length; i += size) {
      const chunk = ask.slice(i, i + size);
      if (error && isUnreachable(error)) { fail(error, chunk); continue; }
      try {
        const answers = await Promise.all(MEDIA_TYPES.map((type) => this.api.searchMedia({
          SearchType: type, Fields: FIELDS[type], Match: `${ID_FIELD[type]} in (${chunk.map((id) => `'${id}'`).join(',')})`,
          PageNo: 1, PageSize: 100,
        }, callOptions)));
        for (const res of answers) for (const item of res?.MediaList ?? []) {
          const m = fromSearchItem(item);
          if (!m || !chunk.includes(m.mediaId)) continue;
          this.remember(m);
          out.set(m.mediaId, m);
        }
      } catch (e) {
        fail(e, chunk);
      }
    }

    // 2. What no search listed: GetVideoInfo decides (the index lags behind new uploads).
    const missing = ask.filter((id) => !out.has(id) && !unresolved.has(id));
    await eachLimited(missing, 4, async (id) => {
      if (error && isUnreachable(error)) { unresolved.add(id); return; }
      try {
        const res = await this.api.getVideoInfo({ VideoId: id }, callOptions);
        const v = res?.Video;
        const m: CloudMedia = dropUndefined({
          mediaId: id, found: true, title: str(v?.Title), duration: num(v?.Duration), status: str(v?.Status),
          coverUrl: str(v?.CoverURL), creationTime: str(v?.CreationTime), consoleUrl: mediaConsoleUrl(id),
        });
        this.remember(m);
        out.set(id, m);
      } catch (e) {
        if (isNotFound(e)) {
          const m: CloudMedia = { mediaId: id, found: false };
          this.remember(m);
          out.set(id, m);
        } else {
          fail(e, [id]);
        }
      }
    });

    // 3. Detail for a hover: the resolution of videos (and the duration if the search had none).
    if (options.detail) {
      const toDetail = [...out.values()].filter((m) => m.found && m.type !== 'image' && !this.detailed.get(m.mediaId));
      await eachLimited(toDetail, 4, async (m) => {
        try {
          const res = await this.api.getMezzanineInfo({ VideoId: m.mediaId }, callOptions);
          const z = res?.Mezzanine;
          const d: CloudMedia = dropUndefined({ ...m, width: num(z?.Width) || m.width, height: num(z?.Height) || m.height, duration: m.duration ?? num(z?.Duration) });
          this.detailed.set(m.mediaId, d);
          out.set(m.mediaId, d);
        } catch {
          // The facts without resolution are still worth showing.
          this.detailed.set(m.mediaId, m);
        }
      });
    }
    return { media: [...out.values()], unresolved: [...unresolved], error };
  }

  /** The newest media of every type (video, audio, image), newest first; shared while in flight. */
  recent(): Promise<CloudMedia[]> {
    return this.recentPage(1).then((p) => p.items);
  }

  /**
   * Page `pageNo` (from 1) of the newest media: up to `recentPageSize` of each type, newest first, and
   * whether any type has more. Page 1 is the listing completion uses (one cache, one request per type).
   */
  async recentPage(pageNo: number): Promise<{ items: CloudMedia[]; more: boolean }> {
    const no = Math.max(1, Math.floor(pageNo));
    const key = no === 1 ? 'recent' : `recent:${no}`;
    const items = await this.listing(key, (type) => ({ SearchType: type, Fields: FIELDS[type], SortBy: 'CreationTime:Desc', PageNo: no, PageSize: this.pageSize() }), no);
    return { items, more: this.more.get(key) ?? false };
  }

  private pageSize(): number {
    return this.options.recentPageSize ?? 50;
  }

  /** Media whose title contains `text` (VOD matches titles loosely), newest first. */
  searchTitle(text: string): Promise<CloudMedia[]> {
    const clean = text.replace(/['"\\()]/g, ' ').trim().slice(0, 64);
    if (!clean) return Promise.resolve([]);
    return this.listing(`title:${clean.toLowerCase()}`, (type) => ({ SearchType: type, Fields: FIELDS[type], Match: `Title = '${clean}'`, SortBy: 'CreationTime:Desc', PageNo: 1, PageSize: 20 }));
  }

  /** The last listing under `key`, even expired (offline fallback within one session). */
  lastListing(key = 'recent'): { items: CloudMedia[]; ageMs: number } | undefined {
    const s = this.lists.stale(key);
    return s ? { items: s.value, ageMs: s.ageMs } : undefined;
  }

  private listing(key: string, request: (type: MediaType) => SearchMediaRequest, pageNo?: number): Promise<CloudMedia[]> {
    const cached = this.lists.get(key);
    if (cached) return Promise.resolve(cached);
    const running = this.inflight.get(key);
    if (running) return running;
    const p = (async () => {
      const settled = await Promise.allSettled(MEDIA_TYPES.map((type) => this.api.searchMedia(request(type), { retry: false })));
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (settled.every((s) => s.status === 'rejected')) throw toVodError(failed!.reason);
      const items: CloudMedia[] = [];
      let more = false;
      for (const s of settled) {
        if (s.status !== 'fulfilled') continue;
        if (pageNo !== undefined && (num(s.value?.Total) ?? 0) > pageNo * this.pageSize()) more = true;
        for (const item of s.value?.MediaList ?? []) {
          if (this.options.appId && appIdOf(item) && appIdOf(item) !== this.options.appId) continue;
          const m = fromSearchItem(item);
          if (!m) continue;
          if (!this.detailed.get(m.mediaId)) this.remember(m);
          items.push(m);
        }
      }
      items.sort(byNewest);
      this.more.set(key, more);
      this.lists.set(key, items);
      return items;
    })();
    this.inflight.set(key, p);
    const done = () => { this.inflight.delete(key); };
    p.then(done, done);
    return p;
  }
}
