// Where the preview's player takes each MediaId's picture and sound from (resolveMediaSource: a
// transcoded MP4 at the smallest definition at least as tall as the player, else HLS, else the source
// file by range requests; GetImageInfo for images), and what the media library says of it (duration,
// size, frame rate) for the composition. Answers are kept until shortly before their URLs expire and
// asked again then; refusals (not found, not Normal, encrypted, …) become slates with their reason,
// failures that may pass (network, throttling) are not kept, so the next refresh asks again. Pure Node:
// no editor API (the extension wires it to the preview; tests run it against the emulator).
import type { VodClient } from './client';
import type { MediaProblem } from './errors';
import { resolveMediaSource, type MediaKind, type MediaSource } from './media';
import { errorText, type Locale } from './messages';

/** What the player is given for a MediaId (client/src/preview/protocol.ts PlayerSource, by shape). */
type PlaybackSource =
  | { kind: 'media'; url: string; format: 'mp4' | 'hls' | 'mp3' | 'file'; definition?: string; width?: number; height?: number; expiresAt?: number }
  | { kind: 'image'; url: string; expiresAt?: number }
  | { kind: 'slate'; reason: PlaybackProblem; detail?: string };

/** Why a MediaId plays as a slate: VOD's refusal, or a lookup that failed (and will be tried again). */
export type PlaybackProblem = MediaProblem | 'unreachable' | 'unplayable-format';

interface PlaybackFacts {
  duration?: number;
  width?: number;
  height?: number;
  fps?: number;
}

export interface ResolvedPlayback {
  source: PlaybackSource;
  facts: PlaybackFacts;
}

export interface PlaybackRequest {
  mediaId: string;
  kind: MediaKind;
}

interface PlaybackResolverOptions {
  /** URL validity asked for (AuthTimeout), seconds. Default 3600. */
  authTimeout?: number;
  /** Ask again this long before URLs expire. Default 5 min. */
  refreshBeforeMs?: number;
  /** Lookups at once. Default 4. */
  concurrency?: number;
  now?: () => number;
  /** The language of a slate's detail (why the library could not be reached). Default English. */
  locale?: Locale;
}

type Client = Pick<VodClient, 'getPlayInfo' | 'getMezzanineInfo' | 'getImageInfo'>;

export class PlaybackResolver {
  private readonly cache = new Map<string, { result: ResolvedPlayback; keepUntil: number; height: number }>();
  private readonly now: () => number;

  constructor(private readonly options: PlaybackResolverOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The playback of each requested MediaId, for a player `height` pixels tall. Lookups the cache holds
   * (for at least that height) are not asked again.
   */
  async resolve(client: Client, requests: readonly PlaybackRequest[], height: number): Promise<Map<string, ResolvedPlayback>> {
    const out = new Map<string, ResolvedPlayback>();
    const todo: PlaybackRequest[] = [];
    const now = this.now();
    const seen = new Set<string>();
    for (const r of requests) {
      const key = `${r.kind}:${r.mediaId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const hit = this.cache.get(key);
      if (hit && hit.keepUntil > now && hit.height >= height) out.set(r.mediaId, hit.result);
      else todo.push(r);
    }
    const limit = Math.max(1, this.options.concurrency ?? 4);
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const r = todo[next++];
        const result = await this.lookup(client, r, height);
        out.set(r.mediaId, result.value);
        if (result.keep) this.cache.set(`${r.kind}:${r.mediaId}`, { result: result.value, keepUntil: result.keepUntil, height });
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, todo.length) }, worker));
    return out;
  }

  /** When the earliest kept URL should be asked for again (undefined: nothing kept expires). */
  nextRefresh(): number | undefined {
    let t: number | undefined;
    for (const v of this.cache.values()) if (v.result.source.kind !== 'slate' && (t === undefined || v.keepUntil < t)) t = v.keepUntil;
    return t;
  }

  clear(): void {
    this.cache.clear();
  }

  private async lookup(client: Client, r: PlaybackRequest, height: number): Promise<{ value: ResolvedPlayback; keep: boolean; keepUntil: number }> {
    const authTimeout = this.options.authTimeout ?? 3600;
    const refreshBefore = this.options.refreshBeforeMs ?? 5 * 60_000;
    let src: MediaSource;
    try {
      // mp4 first (any browser plays it), then HLS (hls.js), then mp3 for audio.
      src = await resolveMediaSource(client, r.mediaId, r.kind, { authTimeout, height, formats: ['mp4', 'm3u8', 'mp3'], now: this.now });
    } catch (e) {
      // Network, throttling, a server error: a slate now, asked again at the next refresh.
      return { value: { source: { kind: 'slate', reason: 'unreachable', detail: errorText(this.options.locale ?? 'en', e) }, facts: {} }, keep: false, keepUntil: 0 };
    }
    const keepUntil = (expiresAt: number) => expiresAt - refreshBefore;
    switch (src.kind) {
      case 'streams': {
        const chosen = src.chosen;
        const largest = [...src.streams].sort((a, b) => (b.height ?? 0) - (a.height ?? 0))[0];
        const facts: PlaybackFacts = { duration: src.duration, width: largest?.width, height: largest?.height, fps: chosen?.fps ?? largest?.fps };
        if (!chosen) return { value: { source: { kind: 'slate', reason: 'unplayable-format', detail: [...new Set(src.streams.map((s) => s.format))].join(', ') }, facts }, keep: true, keepUntil: keepUntil(src.expiresAt) };
        const format = chosen.format === 'm3u8' ? 'hls' : chosen.format === 'mp3' ? 'mp3' : 'mp4';
        return {
          value: { source: { kind: 'media', url: chosen.url, format, definition: chosen.definition, width: chosen.width, height: chosen.height, expiresAt: src.expiresAt }, facts },
          keep: true, keepUntil: keepUntil(src.expiresAt),
        };
      }
      case 'source':
        return {
          value: { source: { kind: 'media', url: src.url, format: 'file', width: src.width, height: src.height, expiresAt: src.expiresAt }, facts: { duration: src.duration, width: src.width, height: src.height } },
          keep: true, keepUntil: keepUntil(src.expiresAt),
        };
      case 'image':
        return { value: { source: { kind: 'image', url: src.url, expiresAt: src.expiresAt }, facts: { width: src.width, height: src.height } }, keep: true, keepUntil: keepUntil(src.expiresAt) };
      case 'unplayable':
        // VOD said so: kept a while (it will not change every second), asked again after that.
        return { value: { source: { kind: 'slate', reason: src.problem, detail: src.error?.code }, facts: {} }, keep: true, keepUntil: this.now() + 60_000 };
    }
  }
}
