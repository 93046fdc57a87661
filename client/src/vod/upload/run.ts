// One file from disk to a VOD MediaId (docs/upload.md §1): CreateUploadVideo (video, audio) or
// CreateUploadImage, then the file to OSS with ali-oss (one PutObject, or multipart parts with a
// checkpoint in the journal), refreshing an expiring video credential with RefreshUploadVideo ahead of
// time and again when OSS refuses it, resuming a journal entry without re-sending finished parts, and
// saying on failure what is left in VOD. Plain Node: the CLI, the editor and the fault matrix share it.
// The upload credential lives in memory only (credential.ts): no journal entry, error or event holds it.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import type { VodClient } from '../client';
import { redactSecrets, VodError } from '../errors';
import { decodeUploadAddress, decodeUploadAuth, REFRESH_MARGIN_MS, UploadAddressError, type UploadAddress, type UploadCredential } from './credential';
import type { UploadEntry, UploadJournal } from './journal';
import { loadOss, type OssCheckpoint, type OssClient, type OssModule } from './oss';
import { ossHttpClient } from './ossHttp';
import type { ProxySettings } from '../transport';
import { planUpload, UnsupportedFileError, type UploadKind, type UploadPlan } from './plan';
import { englishText, textOfError, vt, type VodText } from '../messages';

export type UploadVodClient = Pick<VodClient, 'createUploadVideo' | 'refreshUploadVideo' | 'createUploadImage'> & {
  endpoint?: { host: string; regionId: string };
};

export interface UploadProgress {
  phase: 'hashing' | 'creating' | 'uploading' | 'done';
  kind: UploadKind;
  mediaId?: string;
  /** Bytes of the file in VOD's bucket (or hashed, in the hashing phase). */
  bytes: number;
  total: number;
  /** Over this run's upload so far. */
  bytesPerSecond: number;
  partsDone: number;
  partsTotal: number;
}

export type UploadEvent =
  | { kind: 'created'; mediaId: string; uploadKind: UploadKind; entry?: UploadEntry }
  | { kind: 'resumed'; mediaId: string; partsSkipped: number; bytesSkipped: number }
  | { kind: 'credential-refreshed'; mediaId: string; reason: 'ahead' | 'refused' }
  | { kind: 'retry'; mediaId: string; attempt: number; code: string };

export interface UploadOptions {
  client: UploadVodClient;
  /** Path of the local file. */
  file: string;
  title?: string;
  cateId?: number;
  storageLocation?: string;
  appId?: string;
  templateGroupId?: string;
  description?: string;
  tags?: string;
  /** Where progress is kept for resume and cleanup. */
  journal?: UploadJournal;
  /** A journal entry to carry on (same file, unchanged). */
  resume?: UploadEntry;
  signal?: AbortSignal;
  onProgress?: (p: UploadProgress) => void;
  onEvent?: (e: UploadEvent) => void;
  /** The file's SHA-256 when already known (else it is computed: the journal keeps it for the duplicate warning). */
  sha256?: string;
  simpleMaxBytes?: number;
  partBytes?: number;
  /** Parts sent at once. Default 4. */
  parallel?: number;
  /** Timeout of one OSS request. Default 120 s. */
  ossTimeoutMs?: number;
  /** Refresh this long before the credential expires. Default 60 s. */
  refreshMarginMs?: number;
  /** Network failures resumed from the checkpoint before giving up. Default 3. */
  maxNetworkRetries?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** ali-oss's constructor (tests); default the lazily loaded package. */
  oss?: OssModule;
  /** Proxies for the OSS requests, as for the VOD client (loopback is always direct). */
  proxy?: ProxySettings;
}

export interface UploadResult {
  mediaId: string;
  kind: UploadKind;
  size: number;
  sha256: string;
  plan: UploadPlan;
  entry?: UploadEntry;
  resumed: boolean;
  /** Bytes and parts sent in this run (a re-sent part counts again). */
  bytesSent: number;
  partsSent: number;
  /** Parts a resume did not send again. */
  partsSkipped: number;
  credentialRefreshes: number;
  networkRetries: number;
  seconds: number;
}

export type UploadErrorCode =
  | 'Cancelled' | 'UnsupportedFile' | 'FileUnreadable' | 'FileChanged' | 'CredentialExpired' | 'OssError' | 'NetworkError'
  | 'VodError' | 'BadUploadAddress';

/** What a failed or cancelled upload left in VOD: nothing, a media record without its file, or maybe one. */
export type LeftInVod = 'none' | 'record' | 'unknown';

export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    readonly code: UploadErrorCode,
    message: string | VodText,
    readonly info: {
      kind?: UploadKind; mediaId?: string; leftInVod: LeftInVod; vodError?: VodError; ossCode?: string; httpStatus?: number;
      requestId?: string; entry?: UploadEntry;
    },
  ) {
    super(typeof message === 'string' ? message : englishText(message));
    if (typeof message !== 'string') this.text = message;
  }

  /** The message as a message id, for a user's language (messages.ts `errorText`). */
  readonly text?: VodText;

  get mediaId(): string | undefined {
    return this.info.mediaId;
  }

  get leftInVod(): LeftInVod {
    return this.info.leftInVod;
  }
}

/** OSS refusals that mean the credential is no longer good (docs/upload.md §4). */
const CREDENTIAL_CODES = new Set(['SecurityTokenExpired', 'InvalidAccessKeyId', 'InvalidSecurityToken']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  'ResponseTimeoutError', 'ConnectionTimeoutError', 'RequestError', 'ResponseError', 'SocketAssignTimeoutError']);

interface OssFailure {
  cancelled: boolean;
  aborted: boolean;
  code?: string;
  status?: number;
  requestId?: string;
  network: boolean;
}

function readOssFailure(err: unknown): OssFailure {
  const e = (err ?? {}) as { name?: unknown; code?: unknown; status?: unknown; requestId?: unknown };
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : name.replace(/Error$/, '') || undefined;
  const status = typeof e.status === 'number' ? e.status : undefined;
  return {
    cancelled: name === 'cancel',
    aborted: name === 'abort',
    code,
    status,
    requestId: typeof e.requestId === 'string' ? e.requestId : undefined,
    // ali-oss: status -1 is a network error, -2 a timeout.
    network: status === -1 || status === -2 || (code !== undefined && NETWORK_CODES.has(code)) || (status !== undefined && status >= 500),
  };
}

export async function sha256OfFile(file: string, signal?: AbortSignal, onBytes?: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let n = 0;
  for await (const chunk of stream) {
    if (signal?.aborted) {
      stream.destroy();
      throw new UploadError('Cancelled', vt('uploadCancelledBefore'), { leftInVod: 'none' });
    }
    hash.update(chunk as Buffer);
    n += (chunk as Buffer).length;
    onBytes?.(n);
  }
  return hash.digest('hex');
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Uploads `options.file`; resolves with its MediaId once OSS has the whole file. */
export async function uploadFile(options: UploadOptions): Promise<UploadResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const started = now();
  const file = path.resolve(options.file);
  const fileName = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (e) {
    throw new UploadError('FileUnreadable', vt('uploadUnreadable', { file: fileName, code: (e as NodeJS.ErrnoException).code ?? 'error' }), { leftInVod: 'none' });
  }
  let plan: UploadPlan;
  try {
    plan = planUpload({ fileName, size: stat.size }, { title: options.title ?? options.resume?.title, simpleMaxBytes: options.simpleMaxBytes, partBytes: options.partBytes });
  } catch (e) {
    if (e instanceof UnsupportedFileError) throw new UploadError('UnsupportedFile', e.text, { leftInVod: 'none' });
    throw e;
  }
  const kind = plan.kind;
  const journal = options.journal;
  let entry = options.resume;
  const resuming = Boolean(entry?.mediaId);
  if (entry && (entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs)) {
    throw new UploadError('FileChanged', vt('uploadFileChanged', { file: fileName, mediaId: entry.mediaId ?? '' }), {
      kind, mediaId: entry.mediaId, leftInVod: entry.mediaId ? 'record' : 'unknown', entry,
    });
  }
  const oss: OssModule = options.oss ?? loadOss();

  const emitProgress = (p: Omit<UploadProgress, 'kind' | 'total' | 'partsTotal'> & { partsTotal?: number }) => {
    options.onProgress?.({ kind, total: stat.size, partsTotal: p.partsTotal ?? plan.parts, ...p });
  };
  const sha256 = options.sha256 ?? entry?.sha256 ?? await sha256OfFile(file, options.signal, (n) => emitProgress({ phase: 'hashing', bytes: n, bytesPerSecond: 0, partsDone: 0 }));
  if (options.signal?.aborted) throw new UploadError('Cancelled', vt('uploadCancelledBefore'), { kind, leftInVod: 'none' });

  const region = options.client.endpoint?.regionId ?? '';
  const save = (patch: Partial<UploadEntry>) => {
    if (!journal || !entry) return;
    try {
      entry = journal.update(entry.id, patch) ?? entry;
    } catch {
      // The journal is a help for resuming, not a condition of uploading.
    }
  };
  if (journal && !entry) {
    try {
      entry = journal.add({
        file, fileName, size: stat.size, mtimeMs: stat.mtimeMs, sha256, kind, title: plan.title, region, endpoint: options.client.endpoint?.host ?? '',
        appId: options.appId, cateId: options.cateId, storageLocation: options.storageLocation,
      });
    } catch {
      entry = undefined;
    }
  }

  // 1. The record, the address and the credential.
  let mediaId = entry?.mediaId;
  let address: UploadAddress;
  let credential: UploadCredential;
  const vodFailure = (e: unknown, what: string): UploadError => {
    if (e instanceof UploadAddressError) {
      return new UploadError('BadUploadAddress', e.text, { kind, mediaId, leftInVod: mediaId ? 'record' : 'unknown', entry });
    }
    const v = e instanceof VodError ? e : undefined;
    const left: LeftInVod = mediaId ? 'record' : v && v.outcome === 'rejected' ? 'none' : 'unknown';
    return new UploadError('VodError', vt('uploadVodFailed', { action: what, error: v ? v.text : textOfError(e) }), { kind, mediaId, leftInVod: left, vodError: v, entry });
  };
  const refresh = async (): Promise<{ address: UploadAddress; credential: UploadCredential }> => {
    const res = await options.client.refreshUploadVideo({ VideoId: mediaId! });
    return { address: decodeUploadAddress(res.UploadAddress), credential: decodeUploadAuth(res.UploadAuth, now()) };
  };
  let checkpoint: OssCheckpoint | undefined;
  let partsSkipped = 0;
  if (resuming && kind !== 'image') {
    try {
      ({ address, credential } = await refresh());
    } catch (e) {
      const err = vodFailure(e, 'RefreshUploadVideo');
      save({ state: 'failed', errorCode: err.info.vodError?.code ?? err.code, errorMessage: err.info.vodError?.detail ?? err.message });
      throw err;
    }
    // RefreshUploadVideo keeps the address (docs/upload.md §2.2); were it another object, the parts are not there.
    if (entry?.checkpoint && entry.object === address.object && plan.method === 'multipart' && entry.checkpoint.partSize === plan.partSize) {
      checkpoint = { file, name: address.object, fileSize: stat.size, partSize: entry.checkpoint.partSize, uploadId: entry.checkpoint.uploadId, doneParts: entry.checkpoint.doneParts.map((p) => ({ ...p })) };
      partsSkipped = checkpoint.doneParts.length;
    }
    const bytesSkipped = checkpoint ? checkpoint.doneParts.reduce((n, p) => n + partBytes(p.number, checkpoint!.partSize, stat.size), 0) : 0;
    options.onEvent?.({ kind: 'resumed', mediaId: mediaId!, partsSkipped, bytesSkipped });
    save({ state: 'uploading', object: address.object, errorCode: undefined, errorMessage: undefined });
  } else {
    if (resuming && kind === 'image') {
      // An image credential cannot be refreshed: its record cannot take the file any more. Said, not replaced
      // behind the caller's back (a new record would leave the old one unaccounted for).
      throw new UploadError('CredentialExpired', vt('uploadImageNoResume', { mediaId: String(mediaId), file: fileName }), {
        kind, mediaId, leftInVod: 'record', entry,
      });
    }
    emitProgress({ phase: 'creating', bytes: 0, bytesPerSecond: 0, partsDone: 0 });
    save({ state: 'creating' });
    try {
      if (kind === 'image') {
        const ext = path.extname(fileName).slice(1).toLowerCase();
        const res = await options.client.createUploadImage({
          ImageType: 'default', ImageExt: (['png', 'jpg', 'jpeg', 'gif'].includes(ext) ? ext : 'png') as 'png', OriginalFileName: fileName,
          Title: plan.title, CateId: options.cateId, StorageLocation: options.storageLocation, AppId: options.appId, Description: options.description,
          Tags: options.tags,
        });
        mediaId = res.ImageId;
        address = decodeUploadAddress(res.UploadAddress);
        credential = decodeUploadAuth(res.UploadAuth, now());
      } else {
        const res = await options.client.createUploadVideo({
          Title: plan.title, FileName: fileName, FileSize: stat.size, CateId: options.cateId, StorageLocation: options.storageLocation,
          AppId: options.appId, TemplateGroupId: options.templateGroupId, Description: options.description, Tags: options.tags,
        });
        mediaId = res.VideoId;
        address = decodeUploadAddress(res.UploadAddress);
        credential = decodeUploadAuth(res.UploadAuth, now());
      }
    } catch (e) {
      const err = vodFailure(e, kind === 'image' ? 'CreateUploadImage' : 'CreateUploadVideo');
      save({ state: 'failed', mediaId, errorCode: err.info.vodError?.code ?? err.code, errorMessage: err.info.vodError?.detail ?? err.message });
      throw err;
    }
    save({ state: 'uploading', mediaId, object: address.object, checkpoint: undefined, bytesDone: 0, errorCode: undefined, errorMessage: undefined });
    options.onEvent?.({ kind: 'created', mediaId: mediaId!, uploadKind: kind, entry });
  }
  const id = mediaId!;

  // 2. The file.
  let refreshes = 0;
  let refusedRefreshes = 0;
  let networkRetries = 0;
  let bytesSent = 0;
  let partsSent = 0;
  const margin = options.refreshMarginMs ?? REFRESH_MARGIN_MS;
  const secrets = () => credential.secrets();
  let client: OssClient | undefined;
  // Progress between confirmations: the bytes of parts (or of the PutObject) on their way, shown on top of
  // the confirmed ones, at most every 200 ms; what is shown never goes back (a failed part's bytes stay
  // counted until the retry passes them).
  let confirmed = 0;
  let inFlight = 0;
  let runSent = 0;
  const runStart = now();
  let shown = 0;
  let lastEmit = 0;
  let partsConfirmed = 0;
  const showProgress = (force = false) => {
    const t = now();
    if (!force && t - lastEmit < 200) return;
    lastEmit = t;
    shown = Math.max(shown, Math.min(stat.size, confirmed + inFlight));
    emitProgress({ phase: 'uploading', mediaId: id, bytes: shown, bytesPerSecond: rate(runSent, runStart, t), partsDone: partsConfirmed });
  };
  const http = ossHttpClient({
    proxy: options.proxy,
    onSending: (n) => { inFlight += n; runSent += n; showProgress(); },
    onEnded: (n) => { inFlight = Math.max(0, inFlight - n); },
  });
  const makeClient = (): OssClient => {
    const lifetime = Math.max(1000, credential.expiresAt - now() - margin);
    return new oss({
      ...credential.keys(), bucket: address.bucket, endpoint: address.endpoint, region: `oss-${credential.region || region || 'cn-shanghai'}`,
      secure: address.endpoint.startsWith('https:'), timeout: options.ossTimeoutMs ?? 120_000, retryMax: 0, urllib: http,
      refreshSTSTokenInterval: kind === 'image' ? 365 * 86400_000 : lifetime,
      refreshSTSToken: async () => {
        if (kind === 'image') throw new UploadError('CredentialExpired', vt('uploadImageNoRefresh'), { kind, mediaId: id, leftInVod: 'record', entry });
        const next = await refresh();
        credential = next.credential;
        refreshes++;
        options.onEvent?.({ kind: 'credential-refreshed', mediaId: id, reason: 'ahead' });
        return credential.keys();
      },
    });
  };
  const onAbort = () => client?.cancel();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const cancelled = () => new UploadError('Cancelled', vt('uploadCancelled', { file: fileName, mediaId: id }), {
    kind, mediaId: id, leftInVod: 'record', entry,
  });
  try {
    for (;;) {
      if (options.signal?.aborted) throw cancelled();
      // A failed attempt may leave parts in flight (ali-oss rejects at the first failed part): stop them, and
      // give the next attempt its own copy of the checkpoint, so a late part of the old one cannot add a
      // second entry for its number.
      client?.cancel();
      if (checkpoint) {
        const byNumber = new Map(checkpoint.doneParts.map((p) => [p.number, p]));
        checkpoint = { ...checkpoint, doneParts: [...byNumber.values()].sort((a, b) => a.number - b.number) };
      }
      client = makeClient();
      try {
        if (plan.method === 'put') {
          await putWithProgress(client, address.object, file, stat.size, options.signal);
          bytesSent += stat.size;
          partsSent += 1;
        } else {
          let knownParts = new Set((checkpoint?.doneParts ?? []).map((p) => p.number));
          confirmed = checkpoint ? checkpoint.doneParts.reduce((n, p) => n + partBytes(p.number, checkpoint!.partSize, stat.size), 0) : 0;
          partsConfirmed = checkpoint?.doneParts.length ?? 0;
          await client.multipartUpload(address.object, file, {
            partSize: plan.partSize, parallel: options.parallel ?? 4, checkpoint, timeout: options.ossTimeoutMs ?? 120_000,
            progress: (_fraction, cp) => {
              if (!cp) return;
              checkpoint = cp;
              const fresh = cp.doneParts.filter((p) => !knownParts.has(p.number));
              for (const p of fresh) {
                bytesSent += partBytes(p.number, cp.partSize, stat.size);
                partsSent++;
              }
              knownParts = new Set(cp.doneParts.map((p) => p.number));
              confirmed = cp.doneParts.reduce((n, p) => n + partBytes(p.number, cp.partSize, stat.size), 0);
              partsConfirmed = cp.doneParts.length;
              save({ checkpoint: { uploadId: cp.uploadId, partSize: cp.partSize, doneParts: cp.doneParts.map((p) => ({ number: p.number, etag: p.etag })) }, bytesDone: confirmed });
              showProgress(true);
            },
          });
        }
        break;
      } catch (e) {
        if (e instanceof UploadError) throw e;
        const f = readOssFailure(e);
        if (f.cancelled || options.signal?.aborted) throw cancelled();
        if (f.aborted && checkpoint) {
          // The multipart upload is gone on OSS's side (404): start the parts again, once.
          checkpoint = undefined;
          partsSkipped = 0;
          if (networkRetries++ < (options.maxNetworkRetries ?? 3)) continue;
        }
        const credentialRefused = (f.code !== undefined && CREDENTIAL_CODES.has(f.code)) || (f.status === 403 && now() >= credential.expiresAt - margin);
        if (credentialRefused && kind !== 'image' && refusedRefreshes < 3) {
          refusedRefreshes++;
          try {
            const next = await refresh();
            address = next.address.object === address.object ? next.address : address;
            credential = next.credential;
          } catch (re) {
            throw vodFailure(re, 'RefreshUploadVideo');
          }
          refreshes++;
          options.onEvent?.({ kind: 'credential-refreshed', mediaId: id, reason: 'refused' });
          continue;
        }
        if (credentialRefused) {
          throw new UploadError('CredentialExpired', vt(kind === 'image' ? 'uploadImageCredentialRefused' : 'uploadCredentialRefused', { mediaId: id, code: f.code ?? `HTTP ${f.status}` }), {
            kind, mediaId: id, leftInVod: 'record', ossCode: f.code, httpStatus: f.status, requestId: f.requestId, entry,
          });
        }
        if (f.network && networkRetries < (options.maxNetworkRetries ?? 3)) {
          networkRetries++;
          options.onEvent?.({ kind: 'retry', mediaId: id, attempt: networkRetries, code: f.code ?? String(f.status) });
          await sleep(Math.min(8000, 500 * 2 ** (networkRetries - 1)));
          continue;
        }
        // Our own words: ali-oss's messages can quote the request (its headers hold the token).
        const detail = redactSecrets(`${f.code ?? 'Error'}${f.status !== undefined ? ` (HTTP ${f.status})` : ''}`, secrets());
        // An HTTP answer is OSS's refusal (OssError), even a 5xx retried in vain; no answer at all is a NetworkError.
        throw new UploadError(f.status !== undefined && f.status > 0 ? 'OssError' : f.network ? 'NetworkError' : 'OssError', f.requestId ? vt('uploadOssRefusedRequestId', { file: fileName, detail, requestId: f.requestId }) : vt('uploadOssRefused', { file: fileName, detail }), {
          kind, mediaId: id, leftInVod: 'record', ossCode: f.code, httpStatus: f.status, requestId: f.requestId, entry,
        });
      }
    }
  } catch (e) {
    const err = e instanceof UploadError ? e : new UploadError('OssError', vt('uploadFailed', { file: fileName }), { kind, mediaId: id, leftInVod: 'record', entry });
    save({ state: err.code === 'Cancelled' ? 'cancelled' : 'failed', errorCode: err.info.ossCode ?? err.code, errorMessage: err.message });
    err.info.entry = entry;
    throw err;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  save({ state: 'uploaded', checkpoint: undefined, bytesDone: stat.size, vodStatus: 'Uploading', errorCode: undefined, errorMessage: undefined });
  emitProgress({ phase: 'done', mediaId: id, bytes: stat.size, bytesPerSecond: rate(runSent, runStart, now()), partsDone: plan.parts });
  return {
    mediaId: id, kind, size: stat.size, sha256, plan, entry, resumed: resuming, bytesSent, partsSent, partsSkipped, credentialRefreshes: refreshes,
    networkRetries, seconds: (now() - started) / 1000,
  };
}

function rate(bytes: number, since: number, at: number): number {
  const s = (at - since) / 1000;
  return s > 0 ? bytes / s : 0;
}

/** Size of part `n` (1-based) of a file cut in `partSize` pieces. */
export function partBytes(n: number, partSize: number, fileSize: number): number {
  const start = (n - 1) * partSize;
  return Math.max(0, Math.min(partSize, fileSize - start));
}

/** One PutObject from a stream that a cancel can stop (ali-oss's put of a path cannot be stopped). */
async function putWithProgress(client: OssClient, object: string, file: string, size: number, signal: AbortSignal | undefined): Promise<void> {
  const source = fs.createReadStream(file);
  // A plain pass-through (the progress is counted where the bytes meet the socket, ossHttp.ts); it is the
  // stream a cancel destroys.
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, chunk);
    },
  });
  const abort = () => {
    const err = Object.assign(new Error('cancel'), { name: 'cancel' });
    source.destroy(err);
    counter.destroy(err);
  };
  signal?.addEventListener('abort', abort, { once: true });
  source.on('error', (e) => counter.destroy(e));
  try {
    await client.put(object, source.pipe(counter), { contentLength: size });
  } catch (e) {
    if (signal?.aborted) throw Object.assign(new Error('cancel'), { name: 'cancel' });
    throw e;
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

/**
 * Removes the media record a cancelled or failed upload left (DeleteVideo / DeleteImage, docs/upload.md
 * §2.4), which also drops unfinished multipart parts. A record already gone counts as removed.
 */
export async function removeUploadedMedia(client: Pick<VodClient, 'deleteVideo' | 'deleteImage'>, mediaId: string, kind: UploadKind): Promise<'removed' | 'not-found'> {
  try {
    if (kind === 'image') {
      await client.deleteImage({ DeleteImageType: 'ImageId', ImageIds: mediaId });
      return 'removed';
    }
    const res = await client.deleteVideo({ VideoIds: mediaId });
    if (res?.ForbiddenVideoIds?.includes(mediaId)) {
      throw new VodError({ code: 'Forbidden', message: vt('deleteForbidden', { mediaId }), outcome: 'rejected', retrySafe: false, requestId: res.RequestId, action: 'DeleteVideo' });
    }
    return res?.NonExistVideoIds?.includes(mediaId) ? 'not-found' : 'removed';
  } catch (e) {
    if (e instanceof VodError && /NotFound|NotExist|NoSuchResource/i.test(e.code)) return 'not-found';
    throw e;
  }
}
