// The server side of the cloud checks and hover. It keeps what the client told it about MediaIds,
// asks the client (vodTimeline/media) for the ones a document names and it does not know yet, and
// never waits for the answer while validating: the local diagnostics go out at once, the cloud ones
// follow when the answer arrives (`onChange`: the server re-publishes, or asks a pulling client to
// pull again with workspace/diagnostic/refresh).

import type { TimelineService, TimelineDocument, ServiceSettings, Diagnostic, CloudMedia, Hover } from './service';
import { cloudMediaIds } from './service';
import { type CloudMediaParams, type CloudMediaResult } from './protocol';

interface CloudStateOptions {
  /** Asks the client what the media library says (vodTimeline/media). */
  request: (params: CloudMediaParams) => Promise<CloudMediaResult | null | undefined>;
  service: TimelineService;
  /** Something the diagnostics depend on changed (new facts, availability, a refresh). */
  onChange: () => void;
  logError?: (what: string, e: unknown) => void;
  /** Injectable clock (tests). */
  now?: () => number;
  /** How long a fact is trusted before it is asked for again. Default 5 min. */
  ttlMs?: number;
  /** How long an unresolved MediaId waits before it is asked for again. Default 60 s. */
  retryMs?: number;
  /** Longest wait for a lookup answer (checks). Default 60 s. */
  lookupTimeoutMs?: number;
  /** Longest wait for a hover lookup. Default 2.5 s. */
  hoverTimeoutMs?: number;
  /** Most MediaIds remembered. Default 5000. */
  maxEntries?: number;
  /** Quiet time before asking, so that the IDs a user is still typing are not all looked up. Default 300 ms. */
  debounceMs?: number;
}

interface Fact {
  media: CloudMedia;
  at: number;
  detailed: boolean;
}

export class CloudState {
  /** The client offers lookups (initializationOptions.cloud). */
  offered = false;
  /** The user's setting (vodTimeline.cloud.checks). */
  checksEnabled = true;
  /** Bumped whenever the cloud diagnostics may differ: part of the pull diagnostics' resultId. */
  generation = 0;

  private readonly facts = new Map<string, Fact>();
  private readonly retryAt = new Map<string, number>();
  private readonly pending = new Set<string>();
  private readonly queued = new Set<string>();
  /** The MediaIds each document named when last validated: only those still named are asked for. */
  private readonly named = new Map<string, Set<string>>();
  private flushTimer: NodeJS.Timeout | undefined;
  /** undefined: not asked yet; false: the client said no (no credentials): asked again after a refresh. */
  private available: boolean | undefined;
  private where = '';
  private readonly now: () => number;

  constructor(private readonly options: CloudStateOptions) {
    this.now = options.now ?? Date.now;
  }

  private get active(): boolean {
    return this.offered && this.available !== false;
  }

  /** The cloud diagnostics for what is known now; unknown MediaIds are asked for in the background. */
  diagnostics(doc: TimelineDocument, settings: ServiceSettings, locale: string): Diagnostic[] {
    if (!this.active || !this.checksEnabled) return [];
    const ids = cloudMediaIds(doc);
    this.named.set(doc.uri ?? '', new Set(ids));
    this.want(ids);
    if (this.available !== true) return [];
    const lookup = (id: string) => this.facts.get(id)?.media;
    return this.options.service.validateCloud(doc, settings, locale, lookup, this.where);
  }

  /**
   * Hover with the media library's facts for a hovered MediaId (looked up once, with detail). The
   * document's tree is read only before the lookup: a newer version may recycle it while we wait.
   */
  async hover(doc: TimelineDocument, offset: number, locale: string): Promise<Hover | undefined> {
    const service = this.options.service;
    const local = service.hover(doc, offset, locale);
    const span = this.active ? service.mediaIdAt(doc, offset) : undefined;
    if (!span) return local;
    const id = span.mediaId;
    let info: CloudMedia | undefined;
    const known = this.facts.get(id);
    if (known && known.detailed && !this.stale(known)) info = known.media;
    else {
      try {
        const res = await withTimeout(this.options.request({ mediaIds: [id], detail: true }), this.options.hoverTimeoutMs ?? 2500);
        if (res?.available) {
          this.accept(res, true);
          info = res.media.find((m) => m.mediaId === id);
        } else if (res && !res.available) {
          this.setAvailable(false);
        }
      } catch (e) {
        this.options.logError?.('media lookup for hover failed', e);
      }
      // Offline: what we knew before is better than nothing.
      info ??= this.facts.get(id)?.media;
    }
    if (!info) return local;
    const text = service.cloudMediaHover(info, locale);
    return local ? { ...local, contents: `${text}\n\n${local.contents}` } : { contents: text, start: span.start, end: span.end };
  }

  /** The document is closed: its MediaIds no longer need asking for. */
  forget(uri: string): void {
    this.named.delete(uri);
  }

  refresh(): void {
    this.facts.clear();
    this.retryAt.clear();
    this.queued.clear();
    this.available = undefined;
    this.generation++;
    this.options.onChange();
  }

  /** For tests and logs. */
  get known(): number {
    return this.facts.size;
  }

  private stale(f: Fact): boolean {
    return this.now() - f.at > (this.options.ttlMs ?? 5 * 60_000);
  }

  private want(ids: string[]): void {
    const now = this.now();
    for (const id of ids) {
      if (this.pending.has(id) || this.queued.has(id)) continue;
      const f = this.facts.get(id);
      if (f && !this.stale(f)) continue;
      const retry = this.retryAt.get(id);
      if (retry !== undefined && retry > now) continue;
      this.queued.add(id);
    }
    // Documents validated together (a workspace pass, several editors) share one request; an ID typed
    // past within the quiet time is dropped (the document no longer names it).
    if (this.queued.size && !this.flushTimer) {
      this.flushTimer = setTimeout(() => { this.flushTimer = undefined; void this.flush(); }, this.options.debounceMs ?? 300);
      this.flushTimer.unref?.();
    }
  }

  private async flush(): Promise<void> {
    const stillNamed = new Set<string>();
    for (const set of this.named.values()) for (const id of set) stillNamed.add(id);
    const ids = [...this.queued].filter((id) => stillNamed.has(id));
    this.queued.clear();
    if (!ids.length || !this.active) return;
    for (const id of ids) this.pending.add(id);
    try {
      const res = await withTimeout(this.options.request({ mediaIds: ids }), this.options.lookupTimeoutMs ?? 60_000);
      if (!res || !res.available) {
        this.setAvailable(false);
        return;
      }
      this.accept(res, false);
    } catch (e) {
      const retry = this.now() + (this.options.retryMs ?? 60_000);
      for (const id of ids) this.retryAt.set(id, retry);
      this.options.logError?.('media lookup failed', e);
    } finally {
      for (const id of ids) this.pending.delete(id);
    }
  }

  private setAvailable(available: boolean): void {
    if (this.available === available) return;
    const had = this.available === true;
    this.available = available;
    if (had !== available) {
      this.generation++;
      this.options.onChange();
    }
  }

  private accept(res: CloudMediaResult, detailed: boolean): void {
    const now = this.now();
    let changed = this.available !== true || (res.where ?? '') !== this.where;
    this.available = true;
    this.where = res.where ?? '';
    for (const m of res.media ?? []) {
      if (!m || typeof m.mediaId !== 'string') continue;
      const before = this.facts.get(m.mediaId);
      // A plain lookup does not carry the resolution and cover a hover fetched: keep them.
      const keepDetail = !detailed && before?.detailed === true && m.found && before.media.found;
      const media: CloudMedia = keepDetail ? { ...before.media, ...withoutUndefined(m) } : m;
      if (!before || JSON.stringify(before.media) !== JSON.stringify(media)) changed = true;
      this.facts.delete(m.mediaId);
      this.facts.set(m.mediaId, { media, at: now, detailed: detailed || keepDetail });
      this.retryAt.delete(m.mediaId);
    }
    const retry = now + (this.options.retryMs ?? 60_000);
    for (const id of res.unresolved ?? []) this.retryAt.set(id, retry);
    const max = this.options.maxEntries ?? 5000;
    while (this.facts.size > max) this.facts.delete(this.facts.keys().next().value as string);
    if (changed) {
      this.generation++;
      this.options.onChange();
    }
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    // A lookup the client never answers must not keep the process (or a test run) alive.
    t.unref?.();
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
