// The client side of the cloud features: answers the language server's custom requests
// (vodTimeline/media for checks and hover, vodTimeline/mediaIds for completion) from the VOD client
// and its caches, and tells the server to forget what it knows when credentials, settings or trust
// change, or when the user asks (Refresh Cloud Checks).
//
// Without credentials, with `vodTimeline.cloud.enabled` off, or in an untrusted workspace, every
// answer is "not available" and nothing is shown: the cloud features are quietly off. Completion never
// waits long: past a short deadline, and whenever the media library cannot be reached, it answers from
// the cache (kept across sessions) and says so.
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CloudMediaRequest, CloudRefreshNotification, MediaIdsRequest,
  type CloudMedia, type CloudMediaParams, type CloudMediaResult, type MediaIdSuggestion, type MediaIdsParams, type MediaIdsResult,
} from '../../../server/src/protocol';
import { onRequest, sendNotification } from '../protocolClient';
import { formatDuration } from '../../../server/src/service/duration';
import { secondsUnit } from '../vod/counts';
import type { HistoryStore } from '../vod/history/model';
import type { CredentialsManager } from '../produce/credentials';
import { createVodTarget, type VodTarget } from '../produce/vodFactory';
import { isUnreachable, MediaCatalog } from '../vod/catalog/catalog';
import { setting } from '../settings';
import { errorText } from '../errorText';

const LIBRARY_CACHE_KEY = 'vodTimeline.cloud.library';
/** Completion answers within this, from the cache if the media library is slower. */
const COMPLETION_DEADLINE_MS = 1000;
/** After the library could not be reached, completion uses the cache this long before trying again. */
const OFFLINE_BACKOFF_MS = 20_000;
/** Without credentials, how long before they are looked for again (they may come from the environment). */
const NO_CREDENTIALS_RETRY_MS = 60_000;
const MAX_ITEMS = 100;
const MAX_PERSISTED = 300;

interface CloudDeps {
  credentials: CredentialsManager;
  history: () => HistoryStore | undefined;
  output: vscode.LogOutputChannel;
}

interface Connection {
  target: VodTarget;
  catalog: MediaCatalog;
  /** Which library the cache belongs to (endpoint, region, AppId, AccessKey). */
  scope: string;
  /** Region (and AppId) for messages. */
  where: string;
}

interface PersistedLibrary {
  scope: string;
  fetchedAt: number;
  items: CloudMedia[];
}

/** Where completion items came from this time. */
interface Listing {
  items: CloudMedia[];
  source: 'cloud' | 'cache' | 'none';
  /** The cache's time (source cache). */
  cachedAt?: number;
  /** Why the cache was used: unreachable, slow, an error text. */
  reason?: string;
}

class Deadline extends Error {}

function deadline<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Deadline('deadline')), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

/** A media's length in the shared format (server/src/service/duration.ts): 12.5 s, 5:12.48. */
const mediaDuration = (seconds: number) => formatDuration(seconds, secondsUnit(vscode.l10n));

function typeName(type: CloudMedia['type']): string | undefined {
  switch (type) {
    case 'video': return vscode.l10n.t('video');
    case 'audio': return vscode.l10n.t('audio');
    case 'image': return vscode.l10n.t('image');
    default: return undefined;
  }
}

function localTime(ms: number): string {
  return new Date(ms).toLocaleString(vscode.env.language);
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function httpUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url.replace(/[()\s<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')) : undefined;
}

/** Why the media library is not available: an untrusted workspace, cloud features off, no usable credentials. */
export type LibraryOff = 'untrusted' | 'disabled' | 'no-credentials';

export type LibraryAccess = { catalog: MediaCatalog; where: string } | { off: LibraryOff; reason?: string };

export class CloudService implements vscode.Disposable {
  private readonly refreshed = new vscode.EventEmitter<void>();
  /** After credentials, settings or trust changed, or Refresh Cloud Checks: what was listed may be stale. */
  readonly onDidRefresh = this.refreshed.event;
  private lastConnectError: string | undefined;
  private connecting: Promise<Connection | undefined> | undefined;
  private connectedAt = 0;
  private offlineUntil = 0;
  private lastOfflineNotice = 0;
  private persistedList: CloudMedia[] | undefined;
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly deps: CloudDeps) {
    this.disposables.push(
      deps.credentials.onDidChange(() => this.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        const keys = ['vodTimeline.region', 'vodTimeline.endpoint', 'vodTimeline.appId', 'vodTimeline.profile', 'vodTimeline.credentials', 'vodTimeline.cloud.enabled', 'http.proxy', 'http.noProxy'];
        if (keys.some((k) => e.affectsConfiguration(k))) this.refresh();
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.refreshed.dispose();
  }

  /**
   * The media catalog the checks and completion use (one VOD client, one cache), for the Media Library
   * view; or why there is none. Asks VOD nothing by itself.
   */
  async libraryAccess(): Promise<LibraryAccess> {
    if (!vscode.workspace.isTrusted) return { off: 'untrusted' };
    if (!setting('cloud.enabled')) return { off: 'disabled' };
    const conn = await this.connection();
    return conn ? { catalog: conn.catalog, where: conn.where } : { off: 'no-credentials', reason: this.lastConnectError };
  }

  /** Registers the handlers of the server's requests (before the client starts). */
  attach(client: LanguageClient): void {
    this.client = client;
    onRequest(client, CloudMediaRequest, (params) => this.media(params));
    onRequest(client, MediaIdsRequest, (params) => this.mediaIds(params));
  }

  enabled(): boolean {
    return vscode.workspace.isTrusted && setting('cloud.enabled');
  }

  /** Forgets every cached answer (the offline cache on disk stays) and tells the server to ask again. */
  refresh(): void {
    void this.connecting?.then((c) => c?.catalog.clear());
    this.connecting = undefined;
    this.offlineUntil = 0;
    this.refreshed.fire();
    if (this.client?.isRunning()) void sendNotification(this.client, CloudRefreshNotification).catch(() => undefined);
  }

  private connection(): Promise<Connection | undefined> {
    if (!this.enabled()) return Promise.resolve(undefined);
    if (this.connecting && Date.now() - this.connectedAt < NO_CREDENTIALS_RETRY_MS) return this.connecting;
    const previous = this.connecting;
    const attempt = (async (): Promise<Connection | undefined> => {
      const had = await previous;
      if (had) return had;
      try {
        const target = await createVodTarget(this.deps.credentials);
        const catalog = new MediaCatalog(target.client, { appId: target.appId, lookupRetry: { maxAttempts: 2 } });
        const who = target.credentials.accessKeyIdHint ?? target.credentials.source;
        return {
          target, catalog,
          scope: [target.client.endpoint.host, target.region, target.appId ?? '', who].join('|'),
          where: target.appId ? `${target.region}, AppId ${target.appId}` : target.region,
        };
      } catch (e) {
        this.deps.output.info(`cloud features off: ${e instanceof Error ? e.message : String(e)}`);
        this.lastConnectError = errorText(e);
        return undefined;
      }
    })();
    this.connecting = attempt;
    this.connectedAt = Date.now();
    return attempt;
  }

  /** vodTimeline/media: facts for the checks and the hover. */
  async media(params: CloudMediaParams): Promise<CloudMediaResult> {
    const conn = await this.connection();
    if (!conn) return { available: false, media: [] };
    const ids = Array.isArray(params?.mediaIds) ? params.mediaIds.filter((id) => typeof id === 'string').slice(0, 2000) : [];
    const res = await conn.catalog.lookup(ids, { detail: params?.detail === true });
    const unknown = res.media.filter((m) => !m.found).length;
    this.deps.output.info(`media lookup (${conn.where}): ${ids.length} MediaId(s), ${res.media.length - unknown} found, ${unknown} unknown, ${res.unresolved.length} not checked`);
    if (res.error) {
      if (isUnreachable(res.error)) this.offlineUntil = Date.now() + OFFLINE_BACKOFF_MS;
      this.deps.output.warn(`media lookup: ${res.unresolved.length} MediaId(s) not checked: ${res.error.message}`);
    }
    return { available: true, where: conn.where, media: res.media, unresolved: res.unresolved, error: res.error ? errorText(res.error) : undefined };
  }

  /** vodTimeline/mediaIds: completion items from the media library (or its cache) and the submission history. */
  async mediaIds(params: MediaIdsParams): Promise<MediaIdsResult> {
    const prefix = typeof params?.prefix === 'string' ? params.prefix.trim() : '';
    const conn = await this.connection();
    const listing = conn ? await this.library(conn, prefix) : { items: [], source: 'none' as const };
    const needle = prefix.toLowerCase();
    const matches = (id: string, title?: string) => !needle || id.toLowerCase().includes(needle) || (title ?? '').toLowerCase().includes(needle);

    const byId = new Map<string, { media: CloudMedia; history?: string }>();
    for (const m of listing.items) if (matches(m.mediaId, m.title) && !byId.has(m.mediaId)) byId.set(m.mediaId, { media: m });
    for (const entry of this.deps.history()?.list() ?? []) {
      if (!entry.mediaId || !matches(entry.mediaId, entry.title)) continue;
      const known = byId.get(entry.mediaId);
      const status = entry.vodStatus ?? entry.status;
      if (known) { known.history = status; continue; }
      const facts = conn?.catalog.known(entry.mediaId);
      byId.set(entry.mediaId, {
        media: { ...(facts ?? {}), mediaId: entry.mediaId, found: true, title: facts?.title ?? entry.title, creationTime: facts?.creationTime ?? entry.createdAt, status: facts?.status ?? status },
        history: status,
      });
    }
    const sorted = [...byId.values()].sort((a, b) => (b.media.creationTime ?? '').localeCompare(a.media.creationTime ?? '')).slice(0, MAX_ITEMS);
    if (listing.source === 'cache') this.noteOffline(listing);
    return { items: sorted.map((x, i) => this.suggestion(x.media, x.history, listing, i)), source: listing.source };
  }

  private async library(conn: Connection, prefix: string): Promise<Listing> {
    if (Date.now() < this.offlineUntil) return this.cached(conn, vscode.l10n.t('the media library could not be reached'));
    const byTitle = prefix.length >= 2 && !/^[0-9a-f]+$/i.test(prefix);
    const fetch = Promise.all([conn.catalog.recent(), byTitle ? conn.catalog.searchTitle(prefix).catch(() => []) : Promise.resolve([])]);
    try {
      const [recent, titled] = await deadline(fetch, COMPLETION_DEADLINE_MS);
      void this.persist(conn, recent);
      const seen = new Set<string>();
      const items = [...titled, ...recent].filter((m) => !seen.has(m.mediaId) && seen.add(m.mediaId));
      return { items, source: 'cloud' };
    } catch (e) {
      if (e instanceof Deadline) {
        // The answer still lands in the catalog's cache for the next keystroke.
        fetch.then(([recent]) => this.persist(conn, recent), () => undefined);
        return this.cached(conn, vscode.l10n.t('the media library is slow to answer'));
      }
      if (isUnreachable(e)) this.offlineUntil = Date.now() + OFFLINE_BACKOFF_MS;
      const reason = isUnreachable(e) ? vscode.l10n.t('the media library could not be reached') : errorText(e);
      this.deps.output.warn(`media library listing failed: ${e instanceof Error ? e.message : String(e)}`);
      return this.cached(conn, reason);
    }
  }

  private cached(conn: Connection, reason: string): Listing {
    const memory = conn.catalog.lastListing('recent');
    if (memory) return { items: memory.items, source: 'cache', cachedAt: Date.now() - memory.ageMs, reason };
    const saved = this.context.globalState.get<PersistedLibrary>(LIBRARY_CACHE_KEY);
    if (saved && saved.scope === conn.scope && Array.isArray(saved.items)) return { items: saved.items, source: 'cache', cachedAt: saved.fetchedAt, reason };
    return { items: [], source: 'cache', reason };
  }

  private async persist(conn: Connection, recent: CloudMedia[]): Promise<void> {
    if (recent === this.persistedList) return;
    this.persistedList = recent;
    const value: PersistedLibrary = { scope: conn.scope, fetchedAt: Date.now(), items: recent.slice(0, MAX_PERSISTED) };
    try {
      await this.context.globalState.update(LIBRARY_CACHE_KEY, value);
    } catch (e) {
      this.deps.output.warn(`could not keep the media library cache: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private noteOffline(listing: Listing): void {
    if (Date.now() - this.lastOfflineNotice < 30_000) return;
    this.lastOfflineNotice = Date.now();
    // The reason is a sentence of its own; it is followed by "; …" here.
    const reason = (listing.reason ?? '').replace(/[.。]\s*$/, '');
    const text = listing.cachedAt
      ? vscode.l10n.t('VOD media library: {0}; MediaIds from the cache of {1}', reason, localTime(listing.cachedAt))
      : vscode.l10n.t('VOD media library: {0}; nothing cached yet, only MediaIds from the submission history', reason);
    vscode.window.setStatusBarMessage(`$(cloud-offline) ${text}`, 10_000);
    this.deps.output.info(`MediaId completion from the cache (${reason}; cache of ${listing.cachedAt ?? 'never'})`);
  }

  private suggestion(m: CloudMedia, history: string | undefined, listing: Listing, index: number): MediaIdSuggestion {
    const parts: string[] = [];
    const type = typeName(m.type);
    if (type) parts.push(type);
    if (m.type !== 'image' && m.duration && m.duration > 0) parts.push(mediaDuration(m.duration));
    if (m.status) parts.push(m.status);
    if (m.creationTime) parts.push(m.creationTime.slice(0, 10));
    if (history !== undefined) parts.push(vscode.l10n.t('submission history'));
    const offline = listing.source === 'cache';
    if (offline) parts.push(listing.cachedAt ? vscode.l10n.t('offline: cached {0}', localTime(listing.cachedAt)) : vscode.l10n.t('offline'));

    const doc: string[] = [`**${escapeMarkdown(m.title || vscode.l10n.t('untitled media'))}**`];
    const facts: string[] = [];
    if (type) facts.push(vscode.l10n.t('Type: {0}', type));
    if (m.type !== 'image' && m.duration && m.duration > 0) {
      // From a minute on, the seconds too: the number an Out is compared with (as in hover).
      const shown = mediaDuration(m.duration);
      facts.push(vscode.l10n.t('Duration: {0}', shown.includes(':') ? vscode.l10n.t('{0} ({1} s)', shown, String(Math.round(m.duration * 1000) / 1000)) : shown));
    }
    if (m.status) facts.push(vscode.l10n.t('Status: {0}', m.status));
    if (m.creationTime) facts.push(vscode.l10n.t('Created: {0}', m.creationTime));
    if (history !== undefined) facts.push(vscode.l10n.t('From the submission history ({0})', history));
    if (facts.length) doc.push(facts.map((f) => `- ${f}`).join('\n'));
    const cover = httpUrl(m.coverUrl);
    if (cover) doc.push(`![cover](${cover})`);
    if (offline) {
      const reason = (listing.reason ?? '').replace(/[.。]\s*$/, '');
      doc.push(`⚠ ${listing.cachedAt
        ? vscode.l10n.t('Offline ({0}): this list comes from the cache of {1}.', reason, localTime(listing.cachedAt))
        : vscode.l10n.t('Offline ({0}): nothing is cached yet; this list comes from the submission history.', reason)}`);
    }
    return {
      mediaId: m.mediaId,
      title: m.title,
      detail: parts.join(' · '),
      documentation: doc.join('\n\n'),
      sortText: String(index).padStart(4, '0'),
    };
  }
}
