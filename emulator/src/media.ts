// The emulator's media files: the local files its --media JSON names (a source file and streams per
// definition for each MediaId), served on the emulator's own port under URLs signed like VOD's CDN
// "type A" URL signing (docs/media-apis.md §4): /media/<MediaId>/<name>?auth_key=<expiry>-<rand>-0-<md5>.
// An expired, tampered or unsigned URL is answered 403. Serving follows what players need: HTTP Range
// (206, 416), HEAD, the right Content-Type, CORS (on by default, `cors: false` sends none, like a VOD
// domain without the custom header), and HLS playlists whose segment URIs are signed in turn.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import { probeImage, probeMp4, type ImageInfoFacts, type Mp4Info } from './probe';
import { EmulatorError } from './messages';

const MEDIA_PATH = '/media/';
/** Default URL validity when a request gives no AuthTimeout (seconds). */
export const DEFAULT_AUTH_TIMEOUT = 3600;
/** The documented maximum AuthTimeout for OutputType=oss (VOD's own bucket). */
export const MAX_OSS_AUTH_TIMEOUT = 2592000;

export const STREAM_FORMATS = ['mp4', 'm3u8', 'mp3', 'flv', 'mpd'] as const;
export const DEFINITIONS = ['FD', 'LD', 'SD', 'HD', 'OD', '2K', '4K', 'SQ', 'HQ', 'AUTO'] as const;
const ENCRYPT_TYPES = ['HLSEncryption', 'AliyunVoDEncryption'] as const;

/** One stream of a media entry (the emulator's --media JSON). */
export interface MediaStreamEntry {
  /** FD, LD, SD, HD, OD, 2K, 4K, SQ, HQ, AUTO. */
  Definition: string;
  /** mp4, m3u8, mp3, flv, mpd. */
  Format: string;
  /** Path of the file (a playlist for m3u8); relative paths are relative to the JSON file. */
  File: string;
  /** Picture size; read from the file for mp4, else the media's. */
  Width?: number;
  Height?: number;
  /** An encrypted (m3u8) stream: GetPlayInfo says so and no player can play it here. */
  EncryptType?: (typeof ENCRYPT_TYPES)[number];
  /** Default: audio for audio media and mp3, else video. */
  StreamType?: 'video' | 'audio';
}

interface SourceFacts {
  /** The name in its URL (source.mp4, source.png, …). */
  name: string;
  /** The file's own name. */
  fileName: string;
  path: string;
  size: number;
  contentType: string;
  mp4?: Mp4Info;
  image?: ImageInfoFacts;
}

export interface StreamFacts {
  name: string;
  definition: string;
  format: string;
  path: string;
  /** Bytes: the file, plus the segments of a playlist. */
  size: number;
  width: number;
  height: number;
  /** Seconds, when the file says (mp4). */
  duration?: number;
  fps?: number;
  streamType: 'video' | 'audio';
  encryptType?: string;
}

export interface MediaFileFacts {
  source?: SourceFacts;
  streams: StreamFacts[];
}

export interface MediaRequestLog {
  seq: number;
  time: string;
  method: string;
  /** The URL path, without the query (which holds the signature). */
  path: string;
  mediaId?: string;
  name?: string;
  range?: string;
  status: number;
  /** Body bytes sent (0 for HEAD). */
  bytes: number;
  /** Why a request was refused: expired, signature, unsigned, not found, … */
  reason?: string;
}

/** A media entry's file that cannot be served: said in either language (messages.ts). */
export class MediaFileError extends EmulatorError {}

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.m4a': 'audio/mp4', '.mp3': 'audio/mpeg', '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t', '.m4s': 'video/iso.segment', '.aac': 'audio/aac', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.flv': 'video/x-flv', '.mpd': 'application/dash+xml', '.webm': 'video/webm', '.key': 'application/octet-stream',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type RangeRequest =
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * The part of a `size`-byte body a Range header asks for (RFC 9110 §14). No header, a unit other than
 * bytes, a header that does not parse and several ranges at once are all answered with the whole body
 * (a server may ignore Range); a range that starts past the end, or asks for the last 0 bytes, cannot
 * be satisfied (416).
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (!header) return { kind: 'whole' };
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!m) return { kind: 'whole' };
  const spec = m[1].trim();
  if (spec.includes(',')) return { kind: 'whole' };
  const r = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
  if (!r || (r[1] === '' && r[2] === '')) return { kind: 'whole' };
  if (r[1] === '') {
    const suffix = Number(r[2]);
    if (!Number.isSafeInteger(suffix)) return { kind: 'whole' };
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(r[1]);
  const last = r[2] === '' ? size - 1 : Number(r[2]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(last)) return { kind: 'whole' };
  if (r[2] !== '' && last < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(last, size - 1) };
}

interface Served {
  path?: string;
  contentType: string;
  /** An HLS playlist: its URIs are signed when served. */
  playlist?: { encrypted: boolean; keyName: string };
  /** Always refused with this status and text (an encryption key the emulator has no service for). */
  refuse?: { status: number; text: string };
}

interface MediaLibraryOptions {
  now: () => number;
  /** CORS headers on media responses (default true). */
  cors?: boolean;
  /** The URL signing key (default: random per emulator). */
  privateKey?: string;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function isUri(line: string): boolean {
  return line.trim() !== '' && !line.startsWith('#');
}

/** Relative URIs of an HLS playlist (segment lines and URI="…" attributes). */
function playlistUris(text: string): string[] {
  const uris: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (isUri(line)) uris.push(line.trim());
    else for (const m of line.matchAll(/URI="([^"]*)"/g)) uris.push(m[1]);
  }
  return uris;
}

export class MediaLibrary {
  readonly cors: boolean;
  readonly requests: MediaRequestLog[] = [];
  private readonly privateKey: string;
  private readonly files = new Map<string, Map<string, Served>>();
  private baseUrl = 'http://127.0.0.1';

  constructor(private readonly options: MediaLibraryOptions) {
    this.cors = options.cors !== false;
    this.privateKey = options.privateKey ?? randomBytes(24).toString('hex');
  }

  /** Where the emulator listens (known once it does). */
  setBaseUrl(url: string): void {
    this.baseUrl = url.replace(/\/+$/, '');
  }

  private served(mediaId: string): Map<string, Served> {
    let m = this.files.get(mediaId);
    if (!m) this.files.set(mediaId, (m = new Map()));
    return m;
  }

  /**
   * Checks and registers an entry's files (absolute paths), reading what they say about themselves.
   * Throws MediaFileError naming the problem (missing file, unknown format, unreadable MP4, …).
   */
  attach(mediaId: string, type: 'video' | 'audio' | 'image', file: string | undefined, streams: MediaStreamEntry[] | undefined): MediaFileFacts {
    const served = this.served(mediaId);
    served.clear();
    const facts: MediaFileFacts = { streams: [] };
    const exists = (p: string, what: string) => {
      let st: fs.Stats;
      try {
        st = fs.statSync(p);
      } catch {
        throw new MediaFileError('pathMissing', { what, path: p });
      }
      if (!st.isFile()) throw new MediaFileError('pathNotFile', { what, path: p });
      return st.size;
    };
    if (file) {
      const size = exists(file, 'File');
      const ext = path.extname(file).toLowerCase();
      const name = `source${ext}`;
      const source: SourceFacts = { name, fileName: path.basename(file), path: file, size, contentType: contentTypeOf(file) };
      if (type === 'image') {
        source.image = probeImage(file);
      } else if (['.png', '.jpg', '.jpeg', '.gif', '.webp', '.bmp'].includes(ext)) {
        throw new MediaFileError('imageAsSource', { file, type });
      } else if (['.mp4', '.m4a', '.m4v', '.mov'].includes(ext)) {
        // Other containers (mp3, flv, …) are served as they are; their figures come from the entry.
        source.mp4 = probeMp4(file);
      }
      served.set(name, { path: file, contentType: source.contentType });
      facts.source = source;
    }
    if (streams && type === 'image') throw new MediaFileError('imageStreams');
    const names = new Set<string>();
    for (const [i, s] of (streams ?? []).entries()) {
      const what = `Streams[${i}]`;
      if (!s || typeof s !== 'object') throw new MediaFileError('streamNotObject', { what });
      const format = String(s.Format ?? '').toLowerCase();
      if (!(STREAM_FORMATS as readonly string[]).includes(format)) throw new MediaFileError('streamBadValue', { what, field: 'Format', value: String(s.Format), allowed: STREAM_FORMATS.join(', ') });
      const definition = String(s.Definition ?? '');
      if (!(DEFINITIONS as readonly string[]).includes(definition)) throw new MediaFileError('streamBadValue', { what, field: 'Definition', value: String(s.Definition), allowed: DEFINITIONS.join(', ') });
      if (s.EncryptType !== undefined) {
        if (!(ENCRYPT_TYPES as readonly string[]).includes(s.EncryptType)) throw new MediaFileError('streamBadValue', { what, field: 'EncryptType', value: String(s.EncryptType), allowed: ENCRYPT_TYPES.join(', ') });
        if (format !== 'm3u8') throw new MediaFileError('streamEncrypted', { what });
      }
      if (typeof s.File !== 'string' || !s.File) throw new MediaFileError('streamNoFile', { what });
      let size = exists(s.File, `${what}.File`);
      let name = `${definition}.${format}`;
      for (let n = 2; names.has(name); n++) name = `${definition}-${n}.${format}`;
      names.add(name);
      const stream: StreamFacts = {
        name, definition, format, path: s.File, size, width: Number(s.Width ?? 0), height: Number(s.Height ?? 0),
        streamType: s.StreamType ?? (type === 'audio' || format === 'mp3' ? 'audio' : 'video'), encryptType: s.EncryptType,
      };
      if (format === 'mp4') {
        const info = probeMp4(s.File);
        stream.width = stream.width || info.width || 0;
        stream.height = stream.height || info.height || 0;
        stream.duration = info.duration;
        const video = info.tracks.find((t) => t.kind === 'video');
        if (video?.duration) stream.fps = Math.round((video.sampleCount / video.duration) * 100) / 100;
      }
      if (format === 'm3u8') {
        const keyName = `${name}.key`;
        const playlist = { encrypted: Boolean(s.EncryptType), keyName };
        served.set(name, { path: s.File, contentType: contentTypeOf(s.File), playlist });
        size += this.registerPlaylist(served, s.File, name.replace(/\.m3u8$/, ''), playlist, new Set([path.resolve(s.File)]));
        if (s.EncryptType) {
          served.set(keyName, { contentType: contentTypeOf(keyName), refuse: { status: 403, text: 'The emulator has no key service: encrypted streams cannot be played.\n' } });
        }
      } else {
        served.set(name, { path: s.File, contentType: contentTypeOf(s.File) });
      }
      stream.size = size;
      facts.streams.push(stream);
    }
    return facts;
  }

  /**
   * Registers the files a playlist names under `<prefix>/<uri>` (a nested playlist's own files under
   * its key's directory, as signPlaylist names them); returns their total size.
   */
  private registerPlaylist(served: Map<string, Served>, playlist: string, prefix: string, flags: { encrypted: boolean; keyName: string }, seen: Set<string>): number {
    const dir = path.dirname(playlist);
    let total = 0;
    for (const uri of playlistUris(fs.readFileSync(playlist, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/') || uri.split('/').includes('..')) {
        // A browser would normalise "..", and the signed path would no longer match.
        throw new MediaFileError('playlistUri', { playlist, uri });
      }
      const file = path.resolve(dir, uri.split(/[?#]/)[0]);
      let st: fs.Stats;
      try {
        st = fs.statSync(file);
      } catch {
        throw new MediaFileError('playlistUriMissing', { playlist, uri });
      }
      const key = `${prefix}/${uri}`;
      const nested = uri.toLowerCase().split(/[?#]/)[0].endsWith('.m3u8');
      served.set(key, { path: file, contentType: contentTypeOf(file), playlist: nested ? flags : undefined });
      total += st.size;
      if (nested && !seen.has(file)) {
        seen.add(file);
        total += this.registerPlaylist(served, file, path.posix.dirname(key), flags, seen);
      }
    }
    return total;
  }

  /** Stops serving a media's files (an entry without files replaced it). */
  forget(mediaId: string): void {
    this.files.delete(mediaId);
  }

  /** The signed path and query for a media file: /media/<id>/<name>?auth_key=… */
  signedPath(mediaId: string, name: string, expiresAt: number): string {
    const pathname = `${MEDIA_PATH}${encodeURIComponent(mediaId)}/${name.split('/').map(encodeURIComponent).join('/')}`;
    const rand = randomBytes(16).toString('hex');
    return `${pathname}?auth_key=${expiresAt}-${rand}-0-${this.hash(pathname, expiresAt, rand)}`;
  }

  /** An absolute signed URL valid for `authTimeout` seconds from now. */
  url(mediaId: string, name: string, authTimeout: number): string {
    const expiresAt = Math.floor(this.options.now() / 1000) + authTimeout;
    return `${this.baseUrl}${this.signedPath(mediaId, name, expiresAt)}`;
  }

  private hash(pathname: string, expiresAt: number, rand: string): string {
    return createHash('md5').update(`${pathname}-${expiresAt}-${rand}-0-${this.privateKey}`).digest('hex');
  }

  /** Answers a request under /media/; false when the path is not a media path. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith(MEDIA_PATH)) return false;
    const method = req.method ?? 'GET';
    const log: MediaRequestLog = { seq: this.requests.length + 1, time: iso(this.options.now()), method, path: url.pathname, status: 0, bytes: 0 };
    if (typeof req.headers.range === 'string') log.range = req.headers.range;
    this.requests.push(log);
    const parts = url.pathname.slice(MEDIA_PATH.length).split('/');
    let mediaId: string;
    let name: string;
    try {
      mediaId = decodeURIComponent(parts[0] ?? '');
      name = parts.slice(1).map(decodeURIComponent).join('/');
    } catch {
      mediaId = '';
      name = '';
    }
    log.mediaId = mediaId || undefined;
    log.name = name || undefined;
    const headers: Record<string, string | number> = {};
    if (this.cors) {
      headers['access-control-allow-origin'] = '*';
      headers['access-control-expose-headers'] = 'Content-Range, Accept-Ranges, Content-Length, Content-Type';
    }
    const finish = (status: number, text: string, reason?: string, extra: Record<string, string | number> = {}) => {
      log.status = status;
      log.reason = reason;
      const body = method === 'HEAD' ? '' : text;
      log.bytes = Buffer.byteLength(body);
      res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), ...extra });
      res.end(body);
    };
    if (method === 'OPTIONS') {
      // A CORS preflight carries no credentials, so it is answered before the signature check.
      const extra: Record<string, string | number> = { allow: 'GET, HEAD, OPTIONS' };
      if (this.cors) {
        extra['access-control-allow-methods'] = 'GET, HEAD, OPTIONS';
        extra['access-control-allow-headers'] = typeof req.headers['access-control-request-headers'] === 'string' ? req.headers['access-control-request-headers'] : 'Range';
        extra['access-control-max-age'] = 600;
      }
      log.status = 204;
      res.writeHead(204, { ...headers, ...extra });
      res.end();
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      finish(405, `${method} is not allowed here.\n`, 'method', { allow: 'GET, HEAD, OPTIONS' });
      return true;
    }
    const authKey = url.searchParams.get('auth_key');
    const m = authKey ? /^(\d{1,16})-([0-9A-Za-z]{1,64})-(\d{1,20})-([0-9a-f]{32})$/.exec(authKey) : null;
    if (!m) {
      finish(403, 'Forbidden: the URL is not signed (auth_key).\n', authKey ? 'malformed' : 'unsigned');
      return true;
    }
    const expiresAt = Number(m[1]);
    if (Math.floor(this.options.now() / 1000) > expiresAt) {
      finish(403, 'Forbidden: the URL has expired; ask GetPlayInfo again.\n', 'expired');
      return true;
    }
    const expected = Buffer.from(createHash('md5').update(`${url.pathname}-${expiresAt}-${m[2]}-${m[3]}-${this.privateKey}`).digest('hex'));
    if (!timingSafeEqual(expected, Buffer.from(m[4]))) {
      finish(403, 'Forbidden: the URL signature does not match.\n', 'signature');
      return true;
    }
    const file = this.files.get(mediaId)?.get(name);
    if (!file) {
      finish(404, 'Not found: the emulator has no file for this media (give it one with "File" or "Streams" in a --media JSON).\n', 'not found');
      return true;
    }
    if (file.refuse) {
      finish(file.refuse.status, file.refuse.text, 'refused');
      return true;
    }
    let body: Buffer | undefined;
    let size: number;
    try {
      if (file.playlist) {
        body = Buffer.from(this.signPlaylist(fs.readFileSync(file.path!, 'utf8'), mediaId, name, expiresAt, file.playlist));
        size = body.length;
      } else {
        size = fs.statSync(file.path!).size;
      }
    } catch {
      finish(404, 'Not found: the file is gone from the disk.\n', 'gone');
      return true;
    }
    headers['content-type'] = file.contentType;
    headers['accept-ranges'] = 'bytes';
    const range = parseRange(typeof req.headers.range === 'string' ? req.headers.range : undefined, size);
    if (range.kind === 'unsatisfiable') {
      finish(416, 'Range Not Satisfiable\n', 'range', { 'content-range': `bytes */${size}` });
      return true;
    }
    const start = range.kind === 'partial' ? range.start : 0;
    const end = range.kind === 'partial' ? range.end : size - 1;
    const length = Math.max(0, end - start + 1);
    const status = range.kind === 'partial' ? 206 : 200;
    if (status === 206) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    headers['content-length'] = length;
    log.status = status;
    res.writeHead(status, headers);
    if (method === 'HEAD' || length === 0) {
      res.end();
      return true;
    }
    log.bytes = length;
    if (body) {
      res.end(body.subarray(start, end + 1));
    } else {
      const stream = fs.createReadStream(file.path!, { start, end });
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    }
    return true;
  }

  /** The playlist with every URI replaced by a signed URL of the same expiry (and a key line when encrypted). */
  private signPlaylist(text: string, mediaId: string, name: string, expiresAt: number, playlist: { encrypted: boolean; keyName: string }): string {
    // A stream's playlist (FD.m3u8) names its files FD/<uri>; a nested one (FD/x/a.m3u8) FD/x/<uri>.
    const base = name.includes('/') ? path.posix.dirname(name) : name.replace(/\.m3u8$/, '');
    const sign = (uri: string) => `${this.baseUrl}${this.signedPath(mediaId, `${base}/${uri}`, expiresAt)}`;
    const out: string[] = [];
    let keyAdded = !playlist.encrypted;
    for (const line of text.split(/\r?\n/)) {
      if (!keyAdded && (line.startsWith('#EXT-X-MAP') || line.startsWith('#EXTINF'))) {
        out.push(`#EXT-X-KEY:METHOD=AES-128,URI="${this.baseUrl}${this.signedPath(mediaId, playlist.keyName, expiresAt)}"`);
        keyAdded = true;
      }
      if (isUri(line)) out.push(sign(line.trim()));
      else out.push(line.replace(/URI="([^"]*)"/g, (_m, uri: string) => `URI="${sign(uri)}"`));
    }
    return out.join('\n');
  }
}
