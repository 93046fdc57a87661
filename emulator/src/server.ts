// A local stand-in for the VOD API: a real HTTP server on 127.0.0.1 that checks both signatures against
// its own test keys, answers the editing/media operations with VOD's response shapes and error bodies,
// and can be told to misbehave (latency, 5xx, throttling, broken connections, broken bodies) so the
// client's error handling is tested against the wire, not against mocks. It never opens a connection.

import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { randomBytes } from 'node:crypto';
import seed from '../media.seed.json';
import { isProblem, readAuth, verifyV2, verifyV3, type AuthProblem, type IncomingSigned, type SignatureKind } from './signature';
import { ApiError, EmulatorState, iso, newRequestId, type MediaRecord, type MediaSeedEntry, type Params, type ProjectRecord } from './state';
import { MediaLibrary, type MediaRequestLog, type MediaStreamEntry } from './media';
import { UploadService, type OssFault, type OssRequestLog, type UploadKey } from './upload';
import { EmulatorError } from './messages';

export const EMULATOR_HOST = '127.0.0.1';
const API_VERSION = '2017-03-21';

export type Fault =
  /** Wait before answering (the request is still processed). */
  | { kind: 'latency'; ms: number }
  /** Answer with this status and an Alibaba error body, without processing. */
  | { kind: 'http'; status: number; code?: string; message?: string }
  /** Flow control: `Throttling.User` with 400 by default; 503 answers `Throttling`. Not processed. */
  | { kind: 'throttle'; status?: 400 | 503; code?: string }
  /** Close the connection as soon as the request line and headers arrive: nothing is processed. */
  | { kind: 'resetBeforeRead' }
  /** Process the request (a produce happens), then close the connection without answering. */
  | { kind: 'resetAfterProcess' }
  /** Process, then answer 200 with a truncated JSON body. */
  | { kind: 'malformedJson' }
  /** Process, then answer 200 with an empty body. */
  | { kind: 'emptyBody' }
  /** OSS endpoint only: close the connection halfway through the request body (an interrupted part). */
  | { kind: 'resetMidBody' };

export interface StsCredential {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  /** ISO time, epoch ms or Date; a request after it gets InvalidSecurityToken.Expired. */
  expiration: string | number | Date;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Test keys; generated when absent. */
  accessKeyId?: string;
  accessKeySecret?: string;
  /** Temporary credentials the emulator accepts (with their security token). */
  sts?: StsCredential[];
  /** Region the emulator pretends to serve. Default cn-shanghai. */
  region?: string;
  /** Seconds a production stays Uploading. Default 5. */
  produceSeconds?: number;
  /** Extra media files (same format as emulator/media.seed.json). */
  mediaFiles?: string[];
  /** Extra media entries. */
  media?: MediaSeedEntry[];
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
  /** Allowed client clock skew. Default 900 s, like the service. */
  maxClockSkewSeconds?: number;
  /** Largest accepted body. Default 16 MiB. */
  maxBodyBytes?: number;
  /**
   * Told about a request the emulator could not handle (a bug in the emulator, not a refusal): the
   * action and the stack. Default: written to stderr. The client still gets a 500 InternalError.
   */
  onInternalError?: (what: string, error: unknown) => void;
  /** CORS headers on the media files it serves (default true; false: none, like a VOD domain without them). */
  cors?: boolean;
  /** Seconds an uploaded video stays Transcoding once its file is complete. Default 3. */
  uploadSeconds?: number;
  /** Validity of the upload credentials handed out. Default 3000 s (docs/upload.md §3). */
  uploadCredentialSeconds?: number;
  /** Where uploaded files are kept. Default a temporary folder removed on close. */
  uploadDir?: string;
}

/** One received request, as the emulator saw it. Holds no secret: no key secret, token or signature. */
export interface EmulatorRequestLog {
  seq: number;
  time: string;
  method: string;
  action?: string;
  signature?: SignatureKind;
  accessKeyId?: string;
  userAgent?: string;
  withSecurityToken: boolean;
  status?: number;
  code?: string;
  fault?: Fault['kind'];
  /** The operation ran (its effects exist), whatever the client saw. */
  processed: boolean;
  bodyBytes: number;
  queryKeys: string[];
  bodyKeys: string[];
  result?: { MediaId?: string; ProjectId?: string };
}

export interface Emulator {
  url: string;
  host: string;
  port: number;
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Mutable: tests add or expire temporary credentials. */
  stsCredentials: StsCredential[];
  requests: EmulatorRequestLog[];
  /** Requests for media files (/media/…), apart from the API requests. */
  mediaRequests: MediaRequestLog[];
  /** The OSS-compatible endpoint for uploads (a second loopback port), and what it received (no secrets). */
  ossUrl: string;
  ossRequests: OssRequestLog[];
  /** Makes the upload credentials of a media (or all) expire now. */
  expireUploadCredentials(mediaId?: string): void;
  /** The upload keys handed out, secrets included: for tests that look for leaks. */
  issuedUploadKeys(): UploadKey[];
  /** Whether media responses carry CORS headers. */
  cors: boolean;
  /** A signed URL for one of a media's files (`source.mp4`, `FD.mp4`, `FD/seg000.m4s`, …), as GetPlayInfo makes them. */
  mediaUrl(mediaId: string, name: string, authTimeoutSeconds?: number): string;
  media: Map<string, MediaRecord>;
  projects: Map<string, ProjectRecord>;
  /** Applies `fault` to the next `count` requests for `action` (`*`: any action). */
  setFault(action: string, fault: Fault, count?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const ACTIONS: Record<string, (s: EmulatorState, p: Params, u: UploadService) => Record<string, unknown>> = {
  CreateUploadVideo: (_s, p, u) => u.createUploadVideo(p),
  RefreshUploadVideo: (_s, p, u) => u.refreshUploadVideo(p),
  CreateUploadImage: (_s, p, u) => u.createUploadImage(p),
  DeleteVideo: (_s, p, u) => u.deleteVideo(p),
  DeleteImage: (_s, p, u) => u.deleteImage(p),
  ProduceEditingProjectVideo: (s, p) => s.produceEditingProjectVideo(p),
  GetVideoInfo: (s, p) => s.getVideoInfo(p),
  GetMezzanineInfo: (s, p) => s.getMezzanineInfo(p),
  GetPlayInfo: (s, p) => s.getPlayInfo(p),
  GetImageInfo: (s, p) => s.getImageInfo(p),
  GetEditingProject: (s, p) => s.getEditingProject(p),
  SearchEditingProject: (s, p) => s.searchEditingProject(p),
  UpdateEditingProject: (s, p) => s.updateEditingProject(p),
  AddEditingProject: (s, p) => s.addEditingProject(p),
  SearchMedia: (s, p) => s.searchMedia(p),
};

// Parameters of the classic RPC signature itself, not of the operation.
const RPC_SYSTEM_PARAMS = new Set([
  'Action', 'Format', 'Version', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'AccessKeyId',
  'SecurityToken', 'Signature', 'SignatureType', 'RegionId',
]);

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => BASE62[b % BASE62.length]).join('');
}

export function generateTestKeys(): { accessKeyId: string; accessKeySecret: string } {
  return { accessKeyId: `LTAIemu${randomToken(17)}`, accessKeySecret: randomToken(30) };
}

/**
 * Reads a media file in the seed format (a JSON array of entries). `File` and `Streams[].File` paths are
 * taken relative to the JSON file's folder; whether they exist and what they hold is checked when the
 * emulator starts.
 */
export function loadMediaFile(file: string): MediaSeedEntry[] {
  // Each problem is said with the file's name first (mediaFileProblem), in either language.
  const problem = (id: ConstructorParameters<typeof EmulatorError>[0], args: ConstructorParameters<typeof EmulatorError>[1] = {}) =>
    new EmulatorError('mediaFileProblem', { file, error: new EmulatorError(id, args) });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    // A missing file in our words; another system error after them, as Node wrote it.
    throw (e as NodeJS.ErrnoException).code === 'ENOENT' ? problem('fileMissing') : problem('fileUnreadable', { error: e as Error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw problem('notJson', { error: e as Error });
  }
  if (!Array.isArray(data)) throw problem('notArray');
  const dir = path.dirname(path.resolve(file));
  return data.map((e, i) => {
    const entry = e as Partial<MediaSeedEntry>;
    if (!entry || typeof entry.MediaId !== 'string' || !entry.MediaId) throw problem('entryNoId', { index: i });
    const type = entry.Type ?? 'video';
    if (type !== 'video' && type !== 'audio' && type !== 'image') throw problem('entryType', { index: i, type: String(type) });
    if (entry.File !== undefined && (typeof entry.File !== 'string' || !entry.File)) throw problem('entryFileNotPath', { index: i });
    if (entry.Streams !== undefined && !Array.isArray(entry.Streams)) throw problem('entryStreamsNotArray', { index: i });
    const out: MediaSeedEntry = {
      MediaId: entry.MediaId, Title: entry.Title ?? entry.MediaId, Type: type, Duration: Number(entry.Duration ?? 0),
      Status: entry.Status ?? 'Normal', Width: Number(entry.Width ?? 0), Height: Number(entry.Height ?? 0),
      CreationTime: entry.CreationTime ?? iso(Date.now()), CoverURL: entry.CoverURL ?? '', FailProduction: Boolean(entry.FailProduction),
    };
    if (entry.File) out.File = path.resolve(dir, entry.File);
    if (entry.Streams) {
      out.Streams = entry.Streams.map((st, j) => {
        if (!st || typeof st !== 'object' || typeof st.File !== 'string' || !st.File) throw problem('entryStreamNoFile', { index: i, stream: j });
        return { ...st, File: path.resolve(dir, st.File) } as MediaStreamEntry;
      });
    }
    return out;
  });
}

/** Entries given in code: relative paths are relative to the working directory. */
function resolvePaths(entries: MediaSeedEntry[]): MediaSeedEntry[] {
  return entries.map((e) => ({
    ...e,
    ...(e.File ? { File: path.resolve(e.File) } : {}),
    ...(e.Streams ? { Streams: e.Streams.map((st) => ({ ...st, File: st.File ? path.resolve(st.File) : st.File })) } : {}),
  }));
}

function firstValues(q: ReturnType<typeof parseQuery>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v[0] ?? '' : v;
  }
  return out;
}

function toMs(t: string | number | Date): number {
  return t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const generated = generateTestKeys();
  if (Boolean(options.accessKeyId) !== Boolean(options.accessKeySecret)) {
    throw new EmulatorError('keysPair');
  }
  const accessKeyId = options.accessKeyId || generated.accessKeyId;
  const accessKeySecret = options.accessKeySecret || generated.accessKeySecret;
  const region = options.region ?? 'cn-shanghai';
  const now = options.now ?? Date.now;
  const maxSkewMs = (options.maxClockSkewSeconds ?? 900) * 1000;
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const library = new MediaLibrary({ now, cors: options.cors });
  const state = new EmulatorState({ region, produceSeconds: options.produceSeconds ?? 5, now, library });
  state.addMedia(seed as MediaSeedEntry[]);
  for (const f of options.mediaFiles ?? []) {
    // loadMediaFile names the file in its own errors; what the entries' files hold is said after it too.
    const entries = loadMediaFile(f);
    try {
      state.addMedia(entries);
    } catch (e) {
      throw new EmulatorError('mediaFileProblem', { file: f, error: e instanceof Error ? e : String(e) });
    }
  }
  if (options.media) state.addMedia(resolvePaths(options.media));

  const stsCredentials: StsCredential[] = [...(options.sts ?? [])];
  const requests: EmulatorRequestLog[] = [];
  const faults: Array<{ action: string; fault: Fault; remaining: number }> = [];
  const uploads = new UploadService({
    state, region, now, uploadSeconds: options.uploadSeconds ?? 3, credentialSeconds: options.uploadCredentialSeconds ?? 3000,
    dir: options.uploadDir, maxSkewMs,
    // The OSS operations share the fault list: setFault('UploadPart', …) breaks a part.
    takeFault: (op: string): OssFault | undefined => {
      const i = faults.findIndex((f) => f.remaining > 0 && f.action === op);
      if (i < 0) return undefined;
      const f = faults[i];
      if (--f.remaining <= 0) faults.splice(i, 1);
      const k = f.fault;
      if (k.kind === 'latency') return { kind: 'latency', ms: k.ms };
      if (k.kind === 'http') return { kind: 'http', status: k.status, code: k.code };
      if (k.kind === 'throttle') return { kind: 'http', status: k.status ?? 503, code: k.code ?? 'ServiceUnavailable' };
      if (k.kind === 'resetBeforeRead' || k.kind === 'resetAfterProcess') return { kind: 'resetBeforeRead' };
      if (k.kind === 'resetMidBody') return { kind: 'resetMidBody' };
      return undefined;
    },
  });
  state.uploads = uploads;
  const nonces = new Map<string, number>();
  const sockets = new Set<Socket>();

  const takeFault = (action: string | undefined): Fault | undefined => {
    const i = faults.findIndex((f) => f.remaining > 0 && (f.action === '*' || f.action === action));
    if (i < 0) return undefined;
    const f = faults[i];
    if (--f.remaining <= 0) faults.splice(i, 1);
    return f.fault;
  };

  const rememberNonce = (nonce: string): boolean => {
    const t = now();
    for (const [n, at] of nonces) if (t - at > maxSkewMs) nonces.delete(n);
    if (nonces.has(nonce)) return false;
    nonces.set(nonce, t);
    return true;
  };

  const send = (res: http.ServerResponse, status: number, body: unknown, requestId: string) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json;charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-acs-request-id': requestId,
    });
    res.end(text);
  };

  const sendError = (res: http.ServerResponse, host: string, requestId: string, e: { status: number; code: string; message: string }) => {
    send(res, e.status, {
      RequestId: requestId, HostId: host, Code: e.code, Message: e.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(e.code)}&product=Vod&requestId=${requestId}`,
    }, requestId);
  };

  const authenticate = (signed: IncomingSigned): { problem?: AuthProblem; kind?: SignatureKind; accessKeyId?: string; token?: string } => {
    const auth = readAuth(signed);
    if (isProblem(auth)) return { problem: auth };
    const base = { kind: auth.kind, accessKeyId: auth.accessKeyId, token: auth.securityToken };
    let secret: string | undefined;
    const sts = stsCredentials.find((c) => c.accessKeyId === auth.accessKeyId);
    if (auth.accessKeyId === accessKeyId) {
      if (auth.securityToken) return { ...base, problem: { status: 400, code: 'InvalidSecurityToken.MismatchWithAccessKey', message: 'Specified SecurityToken mismatch with the AccessKey.' } };
      secret = accessKeySecret;
    } else if (sts) {
      if (!auth.securityToken) return { ...base, problem: { status: 400, code: 'MissingSecurityToken', message: 'SecurityToken is mandatory for this AccessKey.' } };
      if (auth.securityToken !== sts.securityToken) return { ...base, problem: { status: 400, code: 'InvalidSecurityToken.MismatchWithAccessKey', message: 'Specified SecurityToken mismatch with the AccessKey.' } };
      if (now() >= toMs(sts.expiration)) return { ...base, problem: { status: 400, code: 'InvalidSecurityToken.Expired', message: 'Specified SecurityToken is expired.' } };
      secret = sts.accessKeySecret;
    } else {
      return { ...base, problem: { status: 404, code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.' } };
    }
    const ts = auth.timestamp ? Date.parse(auth.timestamp) : NaN;
    if (Number.isNaN(ts)) return { ...base, problem: { status: 400, code: 'InvalidTimeStamp.Format', message: 'Specified time stamp or date value is not well formatted.' } };
    if (Math.abs(now() - ts) > maxSkewMs) return { ...base, problem: { status: 400, code: 'InvalidTimeStamp.Expired', message: 'Specified time stamp or date value is expired.' } };
    const problem = auth.kind === 'HMAC-SHA1' ? verifyV2(signed, secret) : verifyV3(signed, secret);
    if (problem) return { ...base, problem };
    // Only a correctly signed nonce is remembered, so a forged request cannot burn a real one.
    if (!auth.nonce || !rememberNonce(auth.nonce)) return { ...base, problem: { status: 400, code: 'SignatureNonceUsed', message: 'Specified signature nonce was used already.' } };
    return base;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const requestId = newRequestId();
    const host = String(req.headers.host ?? `${EMULATOR_HOST}`);
    const url = new URL(req.url ?? '/', `http://${EMULATOR_HOST}`);
    const query = firstValues(parseQuery(url.search.slice(1)));
    const headerAction = typeof req.headers['x-acs-action'] === 'string' ? req.headers['x-acs-action'] : undefined;
    const log: EmulatorRequestLog = {
      seq: requests.length + 1, time: iso(now()), method: req.method ?? 'GET', action: headerAction ?? query.Action,
      userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : undefined,
      withSecurityToken: Boolean(req.headers['x-acs-security-token'] || query.SecurityToken), processed: false,
      bodyBytes: 0, queryKeys: Object.keys(query).filter((k) => !RPC_SYSTEM_PARAMS.has(k)).sort(), bodyKeys: [],
    };
    requests.push(log);
    const fault = takeFault(log.action);
    if (fault) log.fault = fault.kind;
    if (fault?.kind === 'resetBeforeRead') {
      req.socket.destroy();
      return;
    }

    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) { tooLarge = true; break; }
      chunks.push(chunk as Buffer);
    }
    log.bodyBytes = size;
    if (tooLarge) {
      log.status = 413;
      log.code = 'RequestEntityTooLarge';
      res.setHeader('connection', 'close');
      return sendError(res, host, requestId, { status: 413, code: 'RequestEntityTooLarge', message: `The request body exceeds ${maxBody} bytes.` });
    }
    const body = Buffer.concat(chunks);
    const contentType = String(req.headers['content-type'] ?? '');
    const form = contentType.startsWith('application/x-www-form-urlencoded') ? firstValues(parseQuery(body.toString('utf8'))) : {};
    log.bodyKeys = Object.keys(form).filter((k) => !RPC_SYSTEM_PARAMS.has(k)).sort();
    const all = { ...query, ...form };
    const action = headerAction ?? all.Action;
    log.action = action;

    if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms));
    const fail = (e: { status: number; code: string; message: string }) => {
      log.status = e.status;
      log.code = e.code;
      sendError(res, host, requestId, e);
    };
    if (fault?.kind === 'throttle') {
      const status = fault.status ?? 400;
      return fail({ status, code: fault.code ?? (status === 503 ? 'Throttling' : 'Throttling.User'), message: 'Request was denied due to user flow control.' });
    }
    if (fault?.kind === 'http') {
      const code = fault.code ?? (fault.status === 503 ? 'ServiceUnavailable' : fault.status >= 500 ? 'InternalError' : 'HttpError');
      const message = fault.message ?? (fault.status === 503 ? 'The request has failed due to a temporary failure of the server.' : 'The request processing has failed due to some unknown error, exception or failure.');
      return fail({ status: fault.status, code, message });
    }

    const signed: IncomingSigned = { method: log.method, pathname: url.pathname, query, headers: req.headers, body, form };
    const auth = authenticate(signed);
    log.signature = auth.kind;
    log.accessKeyId = auth.accessKeyId;
    log.withSecurityToken = Boolean(auth.token);
    if (auth.problem) return fail(auth.problem);

    const version = (typeof req.headers['x-acs-version'] === 'string' ? req.headers['x-acs-version'] : undefined) ?? all.Version;
    if (version !== API_VERSION) return fail({ status: 400, code: 'InvalidVersion', message: `Specified parameter Version "${String(version)}" is not valid.` });
    const op = action ? ACTIONS[action] : undefined;
    if (!op) return fail({ status: 404, code: 'InvalidAction.NotFound', message: 'Specified api is not found, please check your url and method.' });

    const params: Params = {};
    for (const [k, v] of Object.entries(all)) if (!RPC_SYSTEM_PARAMS.has(k)) params[k] = v;
    let result: Record<string, unknown>;
    try {
      result = op(state, params, uploads);
    } catch (e) {
      if (e instanceof ApiError) return fail(e);
      throw e;
    }
    log.processed = true;
    if (typeof result.MediaId === 'string' || typeof result.ProjectId === 'string') {
      log.result = { MediaId: result.MediaId as string | undefined, ProjectId: result.ProjectId as string | undefined };
    }
    if (fault?.kind === 'resetAfterProcess') {
      req.socket.destroy();
      return;
    }
    log.status = 200;
    if (fault?.kind === 'malformedJson') {
      const text = JSON.stringify({ RequestId: requestId, ...result }).slice(0, 20);
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text) });
      return res.end(text);
    }
    if (fault?.kind === 'emptyBody') {
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': 0 });
      return res.end();
    }
    send(res, 200, { RequestId: requestId, ...result }, requestId);
  };

  const server = http.createServer((req, res) => {
    // Media files (GET/HEAD/OPTIONS under /media/) are not API calls: no action, no API signature, no faults.
    try {
      if (library.handle(req, res)) return;
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The emulator failed to serve the file.\n');
      return;
    }
    handle(req, res).catch((error: unknown) => {
      const what = `${req.method ?? 'GET'} ${String(req.headers['x-acs-action'] ?? (req.url ?? '').split('?')[0])}`;
      try {
        (options.onInternalError ?? ((w, e) => process.stderr.write(`emulator: internal error on ${w}: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)))(what, error);
      } catch { /* a logger must not take the server down */ }
      if (!res.headersSent) {
        const id = newRequestId();
        sendError(res, String(req.headers.host ?? EMULATOR_HOST), id, { status: 500, code: 'InternalError', message: 'The emulator failed to process the request.' });
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port0 = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    // Node's error ("listen EADDRINUSE: address already in use 127.0.0.1:8787") after our words: what
    // happened to the port and what to do. Its code stays readable on the error's cause.
    const onError = (e: NodeJS.ErrnoException) => {
      reject(new EmulatorError(e.code === 'EADDRINUSE' ? 'portInUse' : e.code === 'EACCES' ? 'portDenied' : 'listenFailed', { port: port0, error: e }));
    };
    server.once('error', onError);
    server.listen(port0, EMULATOR_HOST, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  library.setBaseUrl(`http://${EMULATOR_HOST}:${port}`);
  let ossUrl: string;
  try {
    ossUrl = await uploads.listen();
  } catch (e) {
    server.close();
    throw new EmulatorError('uploadListenFailed', { error: e instanceof Error ? e : String(e) });
  }

  return {
    url: `http://${EMULATOR_HOST}:${port}`,
    host: EMULATOR_HOST,
    port,
    region,
    accessKeyId,
    accessKeySecret,
    stsCredentials,
    requests,
    mediaRequests: library.requests,
    ossUrl,
    ossRequests: uploads.requests,
    expireUploadCredentials: (mediaId) => uploads.expireKeys(mediaId),
    issuedUploadKeys: () => [...uploads.keys.values()],
    cors: library.cors,
    mediaUrl: (mediaId, name, authTimeoutSeconds = 3600) => library.url(mediaId, name, authTimeoutSeconds),
    media: state.media,
    projects: state.projects,
    setFault(action, fault, count = 1) {
      faults.push({ action, fault, remaining: Math.max(1, Math.floor(count)) });
    },
    clearFaults() {
      faults.length = 0;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      await uploads.close();
    },
  };
}
