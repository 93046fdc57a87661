// Where a clip's media can be played from: GetPlayInfo's streams, the source file when no stream was
// transcoded, an image's URL. Reads the responses tolerantly (their numbers arrive as strings, see
// docs/media-apis.md) and says plainly why a media cannot be played. Plain Node, no editor API: the
// preview player asks through this, the fault matrix (scripts/robustness/faults.ts) too.

import type { VodClient, CallOptions } from './client';
import { mediaProblemOf, VodError, type MediaProblem } from './errors';
import type { GetImageInfoResponse, GetMezzanineInfoResponse, GetPlayInfoResponse, PlayInfo } from './models';

/** One stream of GetPlayInfo with its figures as numbers. */
export interface PlayStream {
  url: string;
  definition: string;
  /** mp4, m3u8, mp3, flv, mpd. */
  format: string;
  /** `video`, or `audio` for an audio-only stream. */
  streamType: string;
  width?: number;
  height?: number;
  /** Seconds. */
  duration?: number;
  /** Kbit/s. */
  bitrate?: number;
  fps?: number;
  /** Bytes. */
  size?: number;
  encrypted: boolean;
  encryptType?: string;
  /** Normal, or Invisible for an older stream of the same definition and format. */
  status: string;
}

/** A number from a field VOD sends as a number or as a string; undefined when it is neither. */
export function numberField(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function readPlayInfo(p: PlayInfo): PlayStream {
  const encrypt = numberField(p.Encrypt);
  const encryptType = typeof p.EncryptType === 'string' && p.EncryptType ? p.EncryptType : undefined;
  return {
    url: String(p.PlayURL ?? ''),
    definition: String(p.Definition ?? ''),
    format: String(p.Format ?? '').toLowerCase(),
    streamType: String(p.StreamType ?? 'video'),
    width: numberField(p.Width),
    height: numberField(p.Height),
    duration: numberField(p.Duration),
    bitrate: numberField(p.Bitrate),
    fps: numberField(p.Fps),
    size: numberField(p.Size),
    // Either field marks a stream that only a decrypting player (ApsaraVideo Player, a key service) can play.
    encrypted: (encrypt !== undefined && encrypt !== 0) || encryptType !== undefined,
    encryptType,
    status: String(p.Status ?? 'Normal'),
  };
}

/** Every stream of a GetPlayInfo answer (none when the list is missing). */
export function playStreams(res: Pick<GetPlayInfoResponse, 'PlayInfoList'>): PlayStream[] {
  const list = res?.PlayInfoList?.PlayInfo;
  return Array.isArray(list) ? list.filter((p) => p && typeof p.PlayURL === 'string' && p.PlayURL).map(readPlayInfo) : [];
}

export interface StreamPreference {
  /** Formats the player can play, best first. Default mp4, then m3u8, then mp3. */
  formats?: readonly string[];
  /** Picture height the player shows: the smallest stream at least this tall wins, else the tallest. */
  height?: number;
}

/** The stream to play: not encrypted, Normal, in the best playable format, sized for the player. */
export function chooseStream(streams: readonly PlayStream[], pref: StreamPreference = {}): PlayStream | undefined {
  const formats = (pref.formats ?? ['mp4', 'm3u8', 'mp3']).map((f) => f.toLowerCase());
  const usable = streams.filter((s) => !s.encrypted && s.status === 'Normal' && formats.includes(s.format));
  if (!usable.length) return undefined;
  const best = formats.find((f) => usable.some((s) => s.format === f))!;
  const same = usable.filter((s) => s.format === best).sort((a, b) => (a.height ?? 0) - (b.height ?? 0));
  if (pref.height === undefined) return same[same.length - 1];
  return same.find((s) => (s.height ?? 0) >= pref.height!) ?? same[same.length - 1];
}

export type MediaKind = 'video' | 'audio' | 'image';

export type MediaSource =
  /** Transcoded streams; `chosen` is what chooseStream picked (undefined: none playable here). */
  | { kind: 'streams'; mediaId: string; streams: PlayStream[]; chosen?: PlayStream; duration?: number; title?: string; expiresAt: number }
  /** No transcoded stream (InvalidVideo.NoneStream): the source file, which a browser may or may not play. */
  | { kind: 'source'; mediaId: string; url: string; fileName?: string; duration?: number; width?: number; height?: number; expiresAt: number }
  | { kind: 'image'; mediaId: string; url: string; width?: number; height?: number; expiresAt: number }
  /** VOD said why it cannot be played (MediaProblem); `error` is its answer. */
  | { kind: 'unplayable'; mediaId: string; problem: MediaProblem; error?: VodError; streams?: PlayStream[] };

export interface ResolveOptions extends StreamPreference {
  /** URL validity asked for, seconds. Default 3600. */
  authTimeout?: number;
  /** Clock, for tests. */
  now?: () => number;
  call?: CallOptions;
}

export const DEFAULT_AUTH_TIMEOUT_S = 3600;

/**
 * Asks VOD where `mediaId` can be played from. A refusal that says something about the media (not
 * found, not Normal, encrypted, no stream and no source file) is an `unplayable` answer; anything else
 * (network, throttling, server errors) is thrown as the VodError it is, so the caller can retry.
 * `expiresAt` is when the URLs stop working: VOD does not say, so it is the validity asked for.
 */
export async function resolveMediaSource(client: Pick<VodClient, 'getPlayInfo' | 'getMezzanineInfo' | 'getImageInfo'>, mediaId: string, kind: MediaKind, options: ResolveOptions = {}): Promise<MediaSource> {
  const authTimeout = options.authTimeout ?? DEFAULT_AUTH_TIMEOUT_S;
  const now = options.now ?? Date.now;
  const expiresAt = () => now() + authTimeout * 1000;
  const refused = (e: unknown): MediaSource => {
    const problem = mediaProblemOf(e);
    if (!problem) throw e;
    return { kind: 'unplayable', mediaId, problem, error: e as VodError };
  };
  if (kind === 'image') {
    let res: GetImageInfoResponse;
    try {
      res = await client.getImageInfo({ ImageId: mediaId, AuthTimeout: authTimeout, OutputType: 'cdn' }, options.call);
    } catch (e) {
      return refused(e);
    }
    const info = res?.ImageInfo;
    const url = info?.URL || info?.Mezzanine?.FileURL;
    if (!url) return { kind: 'unplayable', mediaId, problem: 'no-source-file' };
    return { kind: 'image', mediaId, url, width: numberField(info.Mezzanine?.Width), height: numberField(info.Mezzanine?.Height), expiresAt: expiresAt() };
  }
  let play: GetPlayInfoResponse;
  try {
    play = await client.getPlayInfo({ VideoId: mediaId, AuthTimeout: authTimeout, OutputType: 'cdn', StreamType: kind === 'audio' ? 'audio' : undefined }, options.call);
  } catch (e) {
    if (mediaProblemOf(e) !== 'no-stream') return refused(e);
    return sourceFile(client, mediaId, authTimeout, expiresAt, options);
  }
  const streams = playStreams(play);
  if (!streams.length) return sourceFile(client, mediaId, authTimeout, expiresAt, options);
  const chosen = chooseStream(streams, options);
  if (!chosen && streams.every((s) => s.encrypted)) return { kind: 'unplayable', mediaId, problem: 'encrypted', streams };
  return {
    kind: 'streams', mediaId, streams, chosen, duration: numberField(play.VideoBase?.Duration) ?? chosen?.duration,
    title: play.VideoBase?.Title, expiresAt: expiresAt(),
  };
}

async function sourceFile(client: Pick<VodClient, 'getMezzanineInfo'>, mediaId: string, authTimeout: number, expiresAt: () => number, options: ResolveOptions): Promise<MediaSource> {
  let res: GetMezzanineInfoResponse;
  try {
    res = await client.getMezzanineInfo({ VideoId: mediaId, AuthTimeout: authTimeout, OutputType: 'cdn' }, options.call);
  } catch (e) {
    const problem = mediaProblemOf(e);
    if (!problem) throw e;
    return { kind: 'unplayable', mediaId, problem: problem === 'not-found' ? 'not-found' : 'no-source-file', error: e as VodError };
  }
  const m = res?.Mezzanine;
  if (!m?.FileURL || (m.Status && m.Status !== 'Normal')) return { kind: 'unplayable', mediaId, problem: 'no-stream' };
  return {
    kind: 'source', mediaId, url: m.FileURL, fileName: m.FileName, duration: numberField(m.Duration), width: numberField(m.Width),
    height: numberField(m.Height), expiresAt: expiresAt(),
  };
}
