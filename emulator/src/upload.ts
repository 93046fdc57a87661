// The emulator's upload side (docs/upload.md §6): CreateUploadVideo, RefreshUploadVideo,
// CreateUploadImage, DeleteVideo, DeleteImage over the media table, and an OSS-compatible endpoint on a
// second loopback port that checks what the official OSS client sends with the STS keys those operations
// hand out (`Authorization: OSS <AccessKeyId>:<signature>` over OSS's V1 string to sign, and
// `x-oss-security-token`), and accepts PutObject and the multipart operations. A completed object is kept
// on disk and attached to its media, which is then served like a --media file and turns Normal after a
// while, like a transcoding.

import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError, iso, newId, type EmulatorState, type MediaRecord, type Params } from './state';
import { MediaFileError, type MediaStreamEntry } from './media';

const VIDEO_EXTENSIONS = new Set([
  'mp4', 'ts', '3gp', 'mpg', 'mpeg', 'mpe', 'dat', 'vob', 'asf', 'avi', 'wmv', 'flv', 'f4v', 'rm', 'rmvb', 'mov', 'mkv', 'm3u8', 'dv', 'gif',
  'm2t', 'm4v', 'mj2', 'mjpeg', 'mts', 'ogg', 'qt', 'swf', 'webm',
]);
const AUDIO_EXTENSIONS = new Set(['mp3', 'wma', 'wav', 'aac', 'ra', 'm4a', 'flac', 'ape', 'ac3', 'amr', 'caf', 'acm']);
const IMAGE_EXTS = ['png', 'jpg', 'jpeg', 'gif'];

/** Temporary keys handed out for one media's upload. */
export interface UploadKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiresAt: number;
  mediaId: string;
  bucket: string;
  object: string;
}

interface Multipart {
  uploadId: string;
  mediaId: string;
  bucket: string;
  object: string;
  initiated: string;
  parts: Map<number, { file: string; size: number; etag: string }>;
}

export interface OssRequestLog {
  seq: number;
  time: string;
  method: string;
  /** PutObject, InitiateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts. */
  op: string;
  object: string;
  mediaId?: string;
  partNumber?: number;
  /** The public key ID (never its secret or token). */
  accessKeyId?: string;
  withSecurityToken: boolean;
  status?: number;
  code?: string;
  /** Body bytes received. */
  bytes: number;
  fault?: string;
}

export interface OssFault {
  kind: 'latency' | 'http' | 'resetBeforeRead' | 'resetMidBody';
  ms?: number;
  status?: number;
  code?: string;
}

interface UploadOptions {
  state: EmulatorState;
  region: string;
  now: () => number;
  /** Seconds a completed upload stays Transcoding before Normal. */
  uploadSeconds: number;
  /** Validity of the keys handed out. Default 3000. */
  credentialSeconds: number;
  /** Where uploaded files go; default a fresh temporary folder, removed on close. */
  dir?: string;
  /** The fault (if any) for the next request of an operation (server.ts shares its fault list). */
  takeFault: (op: string) => OssFault | undefined;
  maxSkewMs: number;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function token(n: number): string {
  return Array.from(randomBytes(n), (b) => BASE62[b % BASE62.length]).join('');
}

function b64json(o: unknown): string {
  return Buffer.from(JSON.stringify(o), 'utf8').toString('base64');
}

function missing(name: string): ApiError {
  return new ApiError(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' }[c]!));
}

/** The OSS sub-resources that are part of the V1 canonical resource (those the upload uses and a few common ones). */
const SIGNED_SUBRESOURCES = new Set([
  'acl', 'uploads', 'location', 'cors', 'logging', 'website', 'referer', 'lifecycle', 'delete', 'append', 'tagging', 'objectMeta', 'uploadId',
  'partNumber', 'security-token', 'position', 'img', 'style', 'styleName', 'replication', 'replicationProgress', 'replicationLocation', 'cname',
  'bucketInfo', 'comp', 'qos', 'live', 'status', 'vod', 'startTime', 'endTime', 'symlink', 'x-oss-process', 'response-content-type',
  'response-content-language', 'response-expires', 'response-cache-control', 'response-content-disposition', 'response-content-encoding',
  'udf', 'udfName', 'udfImage', 'udfId', 'udfImageDesc', 'udfApplication', 'udfApplicationLog', 'restore', 'callback', 'callback-var', 'continuation-token',
]);

function header(h: http.IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** OSS V1 string to sign (docs/upload.md §4), computed from what arrived. */
export function ossStringToSign(method: string, headers: http.IncomingHttpHeaders, bucket: string, objectPath: string, query: URLSearchParams): string {
  const ossHeaders = Object.keys(headers).filter((k) => k.startsWith('x-oss-')).sort().map((k) => `${k}:${String(header(headers, k)).trim()}`);
  const sub = [...new Set([...query.keys()].filter((k) => SIGNED_SUBRESOURCES.has(k)))].sort()
    .map((k) => { const v = query.get(k); return v ? `${k}=${v}` : k; });
  const resource = `/${bucket}/${objectPath}${sub.length ? `?${sub.join('&')}` : ''}`;
  return [method.toUpperCase(), header(headers, 'content-md5') ?? '', header(headers, 'content-type') ?? '', header(headers, 'x-oss-date') ?? header(headers, 'date') ?? '', ...ossHeaders, resource].join('\n');
}

export class UploadService {
  readonly keys = new Map<string, UploadKey>();
  readonly multiparts = new Map<string, Multipart>();
  readonly requests: OssRequestLog[] = [];
  readonly dir: string;
  private readonly ownDir: boolean;
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  url = '';

  constructor(private readonly options: UploadOptions) {
    this.ownDir = !options.dir;
    this.dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vod-emulator-uploads-'));
  }

  // --- API operations -------------------------------------------------------------------------------

  private bucketFor(params: Params): { bucket: string; storage: string } {
    const storage = params.StorageLocation || `outin-emulator.oss-${this.options.region}.aliyuncs.com`;
    const bucket = storage.split('.')[0];
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)) throw new ApiError(404, 'InvalidStorage.NotFound', 'The StorageLocation does not exist.');
    return { bucket, storage };
  }

  private checkText(params: Params): void {
    const title = params.Title ?? '';
    if ([...title].length > 128) throw new ApiError(400, 'LengthExceededMax', 'The specified Title length has exceeded 128 bytes.');
    if ([...(params.Description ?? '')].length > 1024) throw new ApiError(400, 'LengthExceededMax', 'The specified Description length has exceeded 1024 bytes.');
    const tags = (params.Tags ?? '').split(',').filter((t) => t.trim());
    if (tags.length > 16) throw new ApiError(400, 'TagsExceededMax', 'The specified Tags count has exceeded 16.');
    // Emoji and other astral characters are what the service calls "emoticon or special characters".
    for (const [name, value] of [['Title', title], ['Description', params.Description ?? ''], ['Tags', params.Tags ?? '']]) {
      if (/[\u{1F000}-\u{1FFFF}]/u.test(value)) throw new ApiError(400, 'IllegalCharacters', `The specified ${name} contains illegal emoticon or special characters.`);
    }
    if (params.CateId !== undefined && params.CateId !== '' && !/^-?\d+$/.test(params.CateId)) throw new ApiError(400, 'InvalidParameter', 'The parameter "CateId" must be an integer.');
  }

  private issueKey(mediaId: string, bucket: string, object: string): UploadKey {
    const key: UploadKey = {
      accessKeyId: `STS.emu${token(20)}`, accessKeySecret: token(40), securityToken: `CAISemu${token(120)}`,
      expiresAt: this.options.now() + this.options.credentialSeconds * 1000, mediaId, bucket, object,
    };
    this.keys.set(key.accessKeyId, key);
    return key;
  }

  private answer(key: UploadKey): { UploadAddress: string; UploadAuth: string } {
    return {
      UploadAddress: b64json({ Endpoint: this.url, Bucket: key.bucket, FileName: key.object }),
      UploadAuth: b64json({
        SecurityToken: key.securityToken, AccessKeyId: key.accessKeyId, ExpireUTCTime: iso(key.expiresAt), AccessKeySecret: key.accessKeySecret,
        Expiration: String(this.options.credentialSeconds), Region: this.options.region,
      }),
    };
  }

  private newRecord(fields: Partial<MediaRecord> & Pick<MediaRecord, 'MediaId' | 'Type' | 'Title'>, storage: string, appId: string, bucket: string, object: string): MediaRecord {
    const now = iso(this.options.now());
    const m: MediaRecord = {
      Duration: 0, Status: 'Uploading', Width: 0, Height: 0, CreationTime: now, ModificationTime: now, CoverURL: '', FailProduction: false,
      Size: 0, MediaSource: 'general', AppId: appId, StorageLocation: storage, ...fields,
      upload: { bucket, object, completedAt: undefined, failed: false },
    };
    this.options.state.media.set(m.MediaId, m);
    return m;
  }

  createUploadVideo(params: Params): Record<string, unknown> {
    if (!params.Title) throw missing('Title');
    if (!params.FileName) throw missing('FileName');
    this.checkText(params);
    const ext = (params.FileName.split(/[\\/]/).pop() ?? '').match(/\.([^.]+)$/)?.[1]?.toLowerCase() ?? '';
    const type = AUDIO_EXTENSIONS.has(ext) ? 'audio' : VIDEO_EXTENSIONS.has(ext) ? 'video' : undefined;
    if (!type) throw new ApiError(400, 'InvalidFileName.Extension', "The specified FileName's extension is illegal.");
    const { bucket, storage } = this.bucketFor(params);
    const mediaId = newId();
    const dir = `${token(8).toLowerCase()}-${token(11).toLowerCase()}`;
    const object = `sv/${dir}/${dir}.${ext}`;
    const m = this.newRecord({ MediaId: mediaId, Type: type, Title: params.Title, Size: Number(params.FileSize) || 0 }, storage, params.AppId || 'app-1000000', bucket, object);
    m.upload!.fileName = params.FileName.split(/[\\/]/).pop();
    return { VideoId: mediaId, ...this.answer(this.issueKey(mediaId, bucket, object)) };
  }

  refreshUploadVideo(params: Params): Record<string, unknown> {
    const id = params.VideoId;
    if (!id) throw missing('VideoId');
    const m = this.options.state.media.get(id);
    if (!m || m.Type === 'image' || !m.upload) throw new ApiError(404, 'InvalidVideo.NotFound', 'The video not exist.');
    return { VideoId: id, ...this.answer(this.issueKey(id, m.upload.bucket, m.upload.object)) };
  }

  createUploadImage(params: Params): Record<string, unknown> {
    const imageType = params.ImageType;
    if (!imageType) throw missing('ImageType');
    if (imageType !== 'default' && imageType !== 'cover') throw new ApiError(400, 'InvalidParameter', 'The parameter "ImageType" must be default or cover.');
    const ext = (params.ImageExt || 'png').toLowerCase();
    if (!IMAGE_EXTS.includes(ext)) throw new ApiError(400, 'InvalidParameter', 'The parameter "ImageExt" must be png, jpg, jpeg or gif.');
    this.checkText(params);
    const { bucket, storage } = this.bucketFor(params);
    const mediaId = newId();
    const object = `image/${imageType}/${randomUUID().toUpperCase()}-6-2.${ext}`;
    const m = this.newRecord({ MediaId: mediaId, Type: 'image', Title: params.Title || params.OriginalFileName || mediaId }, storage, params.AppId || 'app-1000000', bucket, object);
    m.upload!.fileName = params.OriginalFileName;
    const fileUrl = `${this.url}/${object}`;
    return { ImageId: mediaId, ImageURL: fileUrl, FileURL: fileUrl, ...this.answer(this.issueKey(mediaId, bucket, object)) };
  }

  private forgetMedia(id: string): void {
    const m = this.options.state.media.get(id);
    this.options.state.media.delete(id);
    this.options.state.options.library?.forget(id);
    for (const [k, key] of this.keys) if (key.mediaId === id) this.keys.delete(k);
    for (const [k, mp] of this.multiparts) if (mp.mediaId === id) { this.dropParts(mp); this.multiparts.delete(k); }
    if (m?.upload?.file) fs.rmSync(path.dirname(m.upload.file), { recursive: true, force: true });
  }

  deleteVideo(params: Params): Record<string, unknown> {
    if (!params.VideoIds) throw missing('VideoIds');
    const ids = params.VideoIds.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length > 20) throw new ApiError(400, 'VideoIdsExceededMax', 'The VideoIds exceeded maximum.');
    const missingIds = ids.filter((id) => { const m = this.options.state.media.get(id); return !m || m.Type === 'image'; });
    if (missingIds.length === ids.length) throw new ApiError(404, 'InvalidVideo.NotFound', 'The video does not exist.');
    for (const id of ids) if (!missingIds.includes(id)) this.forgetMedia(id);
    return { NonExistVideoIds: missingIds, ForbiddenVideoIds: [] };
  }

  deleteImage(params: Params): Record<string, unknown> {
    const type = params.DeleteImageType;
    if (!type) throw missing('DeleteImageType');
    if (type !== 'ImageId') throw new ApiError(400, 'InvalidParameter', 'The emulator deletes images by ImageId only.');
    if (!params.ImageIds) throw missing('ImageIds');
    const ids = params.ImageIds.split(',').map((s) => s.trim()).filter(Boolean);
    const found = ids.filter((id) => this.options.state.media.get(id)?.Type === 'image');
    if (!found.length) throw new ApiError(404, 'NoSuchResource', 'The specified resource does not exist.');
    for (const id of found) this.forgetMedia(id);
    return {};
  }

  /** Makes every key of a media (or all) expire now: a test of the refresh. */
  expireKeys(mediaId?: string): void {
    for (const k of this.keys.values()) if (!mediaId || k.mediaId === mediaId) k.expiresAt = Math.min(k.expiresAt, this.options.now() - 1);
  }

  // --- the media's file ------------------------------------------------------------------------------

  private attach(m: MediaRecord, file: string): void {
    const ext = path.extname(file).slice(1).toLowerCase();
    const streams: MediaStreamEntry[] = [];
    if (m.Type === 'video' && (ext === 'mp4' || ext === 'm4v')) streams.push({ Definition: 'OD', Format: 'mp4', File: file });
    if (m.Type === 'audio' && ext === 'mp3') streams.push({ Definition: 'HQ', Format: 'mp3', File: file, StreamType: 'audio' });
    if (m.Type === 'audio' && ext === 'm4a') streams.push({ Definition: 'HQ', Format: 'mp4', File: file, StreamType: 'audio' });
    const done = this.options.now();
    const library = this.options.state.options.library;
    try {
      if (library) {
        const facts = library.attach(m.MediaId, m.Type, file, m.Type === 'image' ? undefined : streams);
        m.files = facts;
        const src = facts.source;
        if (src?.mp4) {
          m.Duration = Math.round(src.mp4.duration * 1000) / 1000;
          if (src.mp4.width) m.Width = src.mp4.width;
          if (src.mp4.height) m.Height = src.mp4.height;
        }
        if (src?.image) { m.Width = src.image.width; m.Height = src.image.height; }
        if (src) m.Size = src.size;
      }
      m.upload!.failed = false;
    } catch (e) {
      if (!(e instanceof MediaFileError) && !(e instanceof Error)) throw e;
      // A file the emulator cannot read is what a real transcoding would fail on.
      m.upload!.failed = true;
      m.Size = fs.statSync(file).size;
    }
    m.upload!.file = file;
    m.upload!.completedAt = done;
    m.ModificationTime = iso(done);
  }

  /** Status of an uploaded media (state.ts asks): Uploading until the file is complete, then Transcoding, then Normal. */
  status(m: MediaRecord): string {
    const u = m.upload!;
    if (u.completedAt === undefined) return 'Uploading';
    if (m.Type === 'image') return u.failed ? 'UploadFail' : 'Normal';
    if (this.options.now() < u.completedAt + this.options.uploadSeconds * 1000) return 'Transcoding';
    return u.failed ? 'TranscodeFail' : 'Normal';
  }

  // --- the OSS endpoint ------------------------------------------------------------------------------

  async listen(): Promise<string> {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) this.sendError(res, 500, 'InternalError', 'The emulator failed to process the request.', '');
        else res.destroy();
      });
    });
    server.on('connection', (s) => { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
    });
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        if (this.ownDir) fs.rmSync(this.dir, { recursive: true, force: true });
        resolve();
      };
      if (!this.server) return done();
      this.server.close(() => done());
      for (const s of this.sockets) s.destroy();
    });
  }

  private sendError(res: http.ServerResponse, status: number, code: string, message: string, requestId: string, extra = ''): void {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${xmlEscape(message)}</Message>\n  <RequestId>${requestId}</RequestId>\n  <HostId>127.0.0.1</HostId>${extra}\n</Error>\n`;
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-oss-request-id': requestId });
    res.end(body);
  }

  private sendXml(res: http.ServerResponse, xml: string, requestId: string, headers: Record<string, string> = {}): void {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`;
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-oss-request-id': requestId, ...headers });
    res.end(body);
  }

  private dropParts(mp: Multipart): void {
    for (const p of mp.parts.values()) fs.rmSync(p.file, { force: true });
  }

  /** Streams the body to `file` while hashing it; resolves with its size and MD5. */
  private receive(req: http.IncomingMessage, file: string, resetMidBody: boolean): Promise<{ size: number; md5: Buffer }> {
    return new Promise((resolve, reject) => {
      const md5 = createHash('md5');
      const out = fs.createWriteStream(file);
      let size = 0;
      const expected = Number(req.headers['content-length'] ?? NaN);
      req.on('data', (c: Buffer) => {
        size += c.length;
        md5.update(c);
        if (resetMidBody && Number.isFinite(expected) && size >= expected / 2) {
          // The fault: the connection breaks halfway through the body.
          out.destroy();
          fs.rmSync(file, { force: true });
          req.socket.destroy();
          reject(new Error('reset'));
        }
      });
      req.pipe(out);
      req.on('error', reject);
      req.on('aborted', () => reject(new Error('aborted')));
      out.on('finish', () => resolve({ size, md5: md5.digest() }));
      out.on('error', reject);
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomBytes(12).toString('hex').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const q = url.searchParams;
    let objectPath: string;
    try {
      objectPath = decodeURIComponent(url.pathname.replace(/^\//, ''));
    } catch {
      objectPath = '';
    }
    const op = method === 'PUT' && q.has('partNumber') ? 'UploadPart' : method === 'PUT' ? 'PutObject'
      : method === 'POST' && q.has('uploads') ? 'InitiateMultipartUpload' : method === 'POST' && q.has('uploadId') ? 'CompleteMultipartUpload'
        : method === 'DELETE' && q.has('uploadId') ? 'AbortMultipartUpload' : method === 'GET' && q.has('uploadId') ? 'ListParts' : `${method}Object`;
    const log: OssRequestLog = {
      seq: this.requests.length + 1, time: iso(this.options.now()), method, op, object: objectPath,
      partNumber: q.has('partNumber') ? Number(q.get('partNumber')) : undefined, withSecurityToken: Boolean(req.headers['x-oss-security-token']), bytes: 0,
    };
    this.requests.push(log);
    const fail = (status: number, code: string, message: string, extra = '') => {
      log.status = status;
      log.code = code;
      // Drain what the client still sends, so it reads the answer instead of a broken pipe.
      req.resume();
      this.sendError(res, status, code, message, requestId, extra);
    };
    const fault = this.options.takeFault(op);
    if (fault) log.fault = fault.kind;
    if (fault?.kind === 'resetBeforeRead') { req.socket.destroy(); return; }
    if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms ?? 0));
    if (fault?.kind === 'http') return fail(fault.status ?? 503, fault.code ?? 'ServiceUnavailable', 'Please reduce your request rate.');

    // Who signs: the bucket comes in Host (virtual hosting; ali-oss puts it there for an IP endpoint too).
    const host = String(req.headers.host ?? '');
    const bucket = /^([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\.oss-/.exec(host)?.[1];
    if (!bucket) return fail(400, 'InvalidBucketName', 'The Host header does not name a bucket (expected <bucket>.oss-<region>.aliyuncs.com).');
    const auth = /^OSS ([^:\s]+):(\S+)$/.exec(String(req.headers.authorization ?? ''));
    if (!auth) return fail(403, 'AccessDenied', 'Anonymous access is forbidden for this operation.');
    const [, accessKeyId, signature] = auth;
    log.accessKeyId = accessKeyId;
    const key = this.keys.get(accessKeyId);
    if (!key) return fail(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', `\n  <OSSAccessKeyId>${xmlEscape(accessKeyId)}</OSSAccessKeyId>`);
    const stsToken = header(req.headers, 'x-oss-security-token');
    if (!stsToken) return fail(403, 'InvalidAccessKeyId', 'The security token is required for a temporary AccessKey.');
    if (stsToken !== key.securityToken) return fail(403, 'InvalidSecurityToken', 'The security token you provided is invalid.');
    const stringToSign = ossStringToSign(method, req.headers, bucket, objectPath, q);
    const expected = createHmac('sha1', key.accessKeySecret).update(stringToSign, 'utf8').digest('base64');
    if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
      // OSS shows its string to sign (no secret in it; the token is, so clients must not print this body).
      return fail(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', `\n  <StringToSign>${xmlEscape(stringToSign)}</StringToSign>`);
    }
    if (this.options.now() >= key.expiresAt) return fail(403, 'SecurityTokenExpired', 'The security token you provided has expired.');
    const dateText = header(req.headers, 'x-oss-date') ?? header(req.headers, 'date');
    const date = dateText ? Date.parse(dateText) : NaN;
    if (!Number.isFinite(date) || Math.abs(this.options.now() - date) > this.options.maxSkewMs) {
      return fail(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
    }
    // The keys of one upload write its one object (docs/upload.md §1: one address, one file).
    if (bucket !== key.bucket || objectPath !== key.object) return fail(403, 'AccessDenied', 'You have no right to access this object because of bucket acl.');
    const m = this.options.state.media.get(key.mediaId);
    if (!m?.upload) return fail(403, 'AccessDenied', 'The media of this upload no longer exists.');
    log.mediaId = m.MediaId;
    const mediaDir = path.join(this.dir, m.MediaId);
    fs.mkdirSync(mediaDir, { recursive: true });
    const finalFile = path.join(mediaDir, `source${path.extname(objectPath).toLowerCase()}`);

    if (op === 'PutObject') {
      const tmp = path.join(mediaDir, `put-${requestId}.tmp`);
      let got: { size: number; md5: Buffer };
      try {
        got = await this.receive(req, tmp, fault?.kind === 'resetMidBody');
      } catch {
        fs.rmSync(tmp, { force: true });
        return;
      }
      log.bytes = got.size;
      const md5Header = header(req.headers, 'content-md5');
      if (md5Header && md5Header !== got.md5.toString('base64')) { fs.rmSync(tmp, { force: true }); return fail(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.'); }
      fs.renameSync(tmp, finalFile);
      this.attach(m, finalFile);
      log.status = 200;
      const etag = `"${got.md5.toString('hex').toUpperCase()}"`;
      res.writeHead(200, { etag, 'x-oss-request-id': requestId, 'content-length': 0 });
      return void res.end();
    }
    if (op === 'InitiateMultipartUpload') {
      req.resume();
      const uploadId = randomBytes(16).toString('hex').toUpperCase();
      this.multiparts.set(uploadId, { uploadId, mediaId: m.MediaId, bucket, object: objectPath, initiated: iso(this.options.now()), parts: new Map() });
      log.status = 200;
      return this.sendXml(res, `<InitiateMultipartUploadResult>\n  <Bucket>${xmlEscape(bucket)}</Bucket>\n  <Key>${xmlEscape(objectPath)}</Key>\n  <UploadId>${uploadId}</UploadId>\n</InitiateMultipartUploadResult>`, requestId);
    }
    const mp = this.multiparts.get(q.get('uploadId') ?? '');
    if (!mp || mp.object !== objectPath) return fail(404, 'NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
    if (op === 'UploadPart') {
      const n = Number(q.get('partNumber'));
      if (!Number.isInteger(n) || n < 1 || n > 10000) return fail(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive.');
      const file = path.join(mediaDir, `part-${mp.uploadId}-${n}-${requestId}.tmp`);
      let got: { size: number; md5: Buffer };
      try {
        got = await this.receive(req, file, fault?.kind === 'resetMidBody');
      } catch {
        fs.rmSync(file, { force: true });
        return;
      }
      log.bytes = got.size;
      const etag = `"${got.md5.toString('hex').toUpperCase()}"`;
      const old = mp.parts.get(n);
      if (old) fs.rmSync(old.file, { force: true });
      mp.parts.set(n, { file, size: got.size, etag });
      log.status = 200;
      res.writeHead(200, { etag, 'x-oss-request-id': requestId, 'content-length': 0 });
      return void res.end();
    }
    if (op === 'AbortMultipartUpload') {
      req.resume();
      this.dropParts(mp);
      this.multiparts.delete(mp.uploadId);
      log.status = 204;
      res.writeHead(204, { 'x-oss-request-id': requestId });
      return void res.end();
    }
    if (op === 'ListParts') {
      req.resume();
      const parts = [...mp.parts.entries()].sort((a, b) => a[0] - b[0])
        .map(([n, p]) => `  <Part>\n    <PartNumber>${n}</PartNumber>\n    <LastModified>${mp.initiated}</LastModified>\n    <ETag>${p.etag}</ETag>\n    <Size>${p.size}</Size>\n  </Part>`).join('\n');
      log.status = 200;
      return this.sendXml(res, `<ListPartsResult>\n  <Bucket>${xmlEscape(bucket)}</Bucket>\n  <Key>${xmlEscape(objectPath)}</Key>\n  <UploadId>${mp.uploadId}</UploadId>\n  <PartNumberMarker>0</PartNumberMarker>\n  <NextPartNumberMarker>${mp.parts.size ? Math.max(...mp.parts.keys()) : 0}</NextPartNumberMarker>\n  <MaxParts>1000</MaxParts>\n  <IsTruncated>false</IsTruncated>\n${parts}\n</ListPartsResult>`, requestId);
    }
    if (op === 'CompleteMultipartUpload') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      log.bytes = body.length;
      const md5Header = header(req.headers, 'content-md5');
      if (md5Header && md5Header !== createHash('md5').update(body).digest('base64')) return fail(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.');
      const listed = [...body.toString('utf8').matchAll(/<Part>\s*<PartNumber>(\d+)<\/PartNumber>\s*<ETag>([^<]*)<\/ETag>\s*<\/Part>/g)].map((x) => ({ n: Number(x[1]), etag: x[2].replace(/&quot;/g, '"').trim() }));
      if (!listed.length) return fail(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
      for (let i = 0; i < listed.length; i++) {
        const p = mp.parts.get(listed[i].n);
        if (!p || p.etag.toUpperCase() !== listed[i].etag.toUpperCase()) return fail(400, 'InvalidPart', `One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag (part ${listed[i].n}).`);
        if (i > 0 && listed[i].n <= listed[i - 1].n) return fail(400, 'InvalidPartOrder', 'The list of parts was not in ascending order.');
        if (i < listed.length - 1 && p.size < 100 * 1024) return fail(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
      }
      const tmp = `${finalFile}.${requestId}.tmp`;
      const out = fs.openSync(tmp, 'w');
      try {
        for (const { n } of listed) fs.writeSync(out, fs.readFileSync(mp.parts.get(n)!.file));
      } finally {
        fs.closeSync(out);
      }
      fs.renameSync(tmp, finalFile);
      this.dropParts(mp);
      this.multiparts.delete(mp.uploadId);
      this.attach(m, finalFile);
      log.status = 200;
      const etag = `"${createHash('md5').update(listed.map((p) => p.etag).join('')).digest('hex').toUpperCase()}-${listed.length}"`;
      return this.sendXml(res, `<CompleteMultipartUploadResult>\n  <Location>${xmlEscape(`${this.url}/${objectPath}`)}</Location>\n  <Bucket>${xmlEscape(bucket)}</Bucket>\n  <Key>${xmlEscape(objectPath)}</Key>\n  <ETag>${etag}</ETag>\n</CompleteMultipartUploadResult>`, requestId, { etag });
    }
    return fail(405, 'MethodNotAllowed', `The emulator's OSS endpoint does not do ${method} here.`);
  }
}
