// VodClient: the VOD 2017-03-21 operations this project needs, over @alicloud/openapi-client `callApi`
// with the same Params the official SDK uses (RPC, POST, formData request body, JSON response).
//
// One deliberate difference from the SDK: the JSON-string parameters (Timeline, ProduceConfig,
// MediaMetadata, UserData) go form-encoded in the request BODY, not in the query. A real timeline is
// hundreds of KB up to a few MB, and a URL that long is refused by servers and proxies (Node's own
// header limit is 16 KB). Both signatures cover the body: ACS3-HMAC-SHA256 through
// `x-acs-content-sha256` (openapi-client hashes the exact form bytes it sends), the classic HMAC-SHA1
// RPC signature by adding the body parameters to the signed parameter set (doRPCRequest).

import type OpenApi from '@alicloud/openapi-client';
import { sdk } from './sdk';
import pkg from '../../../package.json';
import type { CredentialLike } from './credentials';
import { resolveEndpoint, type ResolvedEndpoint } from './endpoints';
import { toVodError, VodError } from './errors';
import {
  JSON_STRING_PARAMS,
  type AddEditingProjectRequest, type AddEditingProjectResponse, type GetEditingProjectRequest,
  type GetEditingProjectResponse, type GetImageInfoRequest, type GetImageInfoResponse, type GetMezzanineInfoRequest,
  type GetMezzanineInfoResponse, type GetPlayInfoRequest, type GetPlayInfoResponse, type GetVideoInfoRequest,
  type GetVideoInfoResponse, type ProduceParams,
  type ProduceEditingProjectVideoResponse, type SearchEditingProjectRequest, type SearchEditingProjectResponse,
  type SearchMediaRequest, type SearchMediaResponse, type UpdateEditingProjectRequest,
  type UpdateEditingProjectResponse, type VodAction, type CreateUploadVideoRequest, type CreateUploadVideoResponse,
  type RefreshUploadVideoRequest, type RefreshUploadVideoResponse, type CreateUploadImageRequest, type CreateUploadImageResponse,
  type DeleteVideoRequest, type DeleteVideoResponse, type DeleteImageRequest, type DeleteImageResponse,
} from './models';
import { withRetry, type RetryPolicy } from './retry';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS, parseProxyUrl, runWithTransport, type ProxySettings, type TransportRecord } from './transport';
import { vt } from './messages';

export const API_VERSION = '2017-03-21';
export const USER_AGENT = `vod-timeline/${pkg.version}`;

/** `ACS3-HMAC-SHA256` (openapi-client's default, V3) or `v2` (classic RPC HMAC-SHA1). */
export type SignatureAlgorithm = 'ACS3-HMAC-SHA256' | 'v2';

export interface VodClientOptions {
  credential: CredentialLike;
  /** Default cn-shanghai. */
  region?: string;
  /** host[:port] or URL; http only for loopback (the emulator). */
  endpoint?: string;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  /** AppId sent with ProduceEditingProjectVideo when the request has none. */
  appId?: string;
  proxy?: ProxySettings;
  signatureAlgorithm?: SignatureAlgorithm;
  /** Appended after `vod-timeline/<version>`, e.g. `vscode/1.95`. */
  userAgent?: string;
  /** Retry policy, or false for a single attempt. */
  retry?: RetryPolicy | false;
}

export interface CallOptions {
  /** Overrides the client's retry policy for this call. */
  retry?: RetryPolicy | false;
}

function stringifyJson(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Splits request fields into query and body: JSON-string parameters to the body, the rest to the query. */
export function splitParams(params: Record<string, unknown>): { query: Record<string, string>; body: Record<string, string> } {
  const query: Record<string, string> = {};
  const body: Record<string, string> = {};
  const jsonParams = new Set<string>(JSON_STRING_PARAMS);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (jsonParams.has(key)) {
      const s = stringifyJson(value);
      if (s !== undefined) body[key] = s;
    } else {
      query[key] = typeof value === 'string' ? value : String(value);
    }
  }
  return { query, body };
}

export class VodClient {
  readonly endpoint: ResolvedEndpoint;
  readonly signatureAlgorithm: SignatureAlgorithm;
  private readonly api: OpenApi;
  private readonly credential: CredentialLike;
  private readonly appId?: string;
  private readonly retry: RetryPolicy | false;
  private readonly bypassLoopback: boolean;

  constructor(options: VodClientOptions) {
    this.endpoint = resolveEndpoint({ region: options.region, endpoint: options.endpoint });
    this.signatureAlgorithm = options.signatureAlgorithm ?? 'ACS3-HMAC-SHA256';
    this.credential = options.credential;
    this.appId = options.appId;
    this.retry = options.retry === undefined ? {} : options.retry;
    const proxy = options.proxy ?? {};
    // Validate now, so a bad proxy setting is reported as such and not as a failed call.
    for (const p of [proxy.httpProxy, proxy.httpsProxy]) if (p) parseProxyUrl(p);
    this.bypassLoopback = proxy.bypassLoopback !== false;
    const $OpenApi = sdk.openApiClient();
    this.api = new $OpenApi.default(new $OpenApi.Config({
      credential: options.credential,
      endpoint: this.endpoint.host,
      regionId: this.endpoint.regionId,
      protocol: this.endpoint.protocol,
      connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      readTimeout: options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS,
      httpProxy: proxy.httpProxy || undefined,
      httpsProxy: proxy.httpsProxy || undefined,
      noProxy: proxy.noProxy || undefined,
      userAgent: options.userAgent ? `${USER_AGENT} ${options.userAgent}` : USER_AGENT,
      // openapi-client: unset → ACS3-HMAC-SHA256 (doRequest); 'v2' → HMAC-SHA1 (doRPCRequest).
      signatureAlgorithm: this.signatureAlgorithm === 'v2' ? 'v2' : undefined,
    }));
  }

  private async secrets(): Promise<string[]> {
    try {
      const c = await this.credential.getCredential();
      return [c.accessKeySecret, c.securityToken, c.bearerToken].filter((s): s is string => Boolean(s));
    } catch {
      return [];
    }
  }

  /** One RPC call (with the retry policy). Prefer the typed methods below. */
  async call<T>(action: VodAction | string, params: Record<string, unknown>, options: CallOptions = {}): Promise<T> {
    const { query, body } = splitParams(params);
    const attempt = async (): Promise<T> => {
      const record: TransportRecord = {};
      try {
        const $OpenApi = sdk.openApiClient();
        const request = new $OpenApi.OpenApiRequest({
          query: sdk.openApiUtil().default.query(query),
          body: Object.keys(body).length ? body : undefined,
        });
        const apiParams = new $OpenApi.Params({
          action, version: API_VERSION, protocol: 'HTTPS', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC',
          reqBodyType: 'formData', bodyType: 'json',
        });
        // autoretry stays off: openapi-client would retry without knowing what is safe to repeat.
        const runtime = new (sdk.teaUtil().RuntimeOptions)({ autoretry: false });
        const res = await runWithTransport({ bypassLoopback: this.bypassLoopback, record }, () => this.api.callApi(apiParams, request, runtime));
        return res.body as T;
      } catch (err) {
        throw toVodError(err, {
          action, secrets: await this.secrets(), phase: record.phase, responseStatus: record.responseStatus,
          responseBytes: record.responseBytes,
        });
      }
    };
    const policy = options.retry === undefined ? this.retry : options.retry;
    if (policy === false) return attempt();
    return withRetry(attempt, policy, (err) => toVodError(err, { action }));
  }

  async produceEditingProjectVideo(req: ProduceParams, options?: CallOptions): Promise<ProduceEditingProjectVideoResponse> {
    const res = await this.call<ProduceEditingProjectVideoResponse>('ProduceEditingProjectVideo', {
      AppId: this.appId, ...req,
    }, options);
    if (!res || typeof res.MediaId !== 'string' || !res.MediaId) {
      // A 2xx without a MediaId: the job may exist, but we cannot name it.
      throw new VodError({
        code: 'MalformedResponse', message: vt('produceNoMediaId'),
        outcome: 'unknown', retrySafe: false, requestId: res?.RequestId, action: 'ProduceEditingProjectVideo', phase: 'response',
      });
    }
    return res;
  }

  getVideoInfo(req: GetVideoInfoRequest, options?: CallOptions): Promise<GetVideoInfoResponse> {
    return this.call('GetVideoInfo', { ...req }, options);
  }

  getMezzanineInfo(req: GetMezzanineInfoRequest, options?: CallOptions): Promise<GetMezzanineInfoResponse> {
    return this.call('GetMezzanineInfo', { ...req }, options);
  }

  getEditingProject(req: GetEditingProjectRequest, options?: CallOptions): Promise<GetEditingProjectResponse> {
    return this.call('GetEditingProject', { ...req }, options);
  }

  searchEditingProject(req: SearchEditingProjectRequest = {}, options?: CallOptions): Promise<SearchEditingProjectResponse> {
    return this.call('SearchEditingProject', { ...req }, options);
  }

  updateEditingProject(req: UpdateEditingProjectRequest, options?: CallOptions): Promise<UpdateEditingProjectResponse> {
    return this.call('UpdateEditingProject', { ...req }, options);
  }

  addEditingProject(req: AddEditingProjectRequest, options?: CallOptions): Promise<AddEditingProjectResponse> {
    return this.call('AddEditingProject', { ...req }, options);
  }

  searchMedia(req: SearchMediaRequest = {}, options?: CallOptions): Promise<SearchMediaResponse> {
    return this.call('SearchMedia', { ...req }, options);
  }

  /** Playback URLs of a video or audio (docs/media-apis.md §1). A read: retried like the status reads. */
  getPlayInfo(req: GetPlayInfoRequest, options?: CallOptions): Promise<GetPlayInfoResponse> {
    // PlayConfig and ReAuthInfo are small JSON strings; they stay in the query, as the SDK sends them.
    return this.call('GetPlayInfo', { ...req, PlayConfig: stringifyJson(req.PlayConfig), ReAuthInfo: stringifyJson(req.ReAuthInfo) }, options);
  }

  /** An image's URL, size and status (docs/media-apis.md §3). */
  getImageInfo(req: GetImageInfoRequest, options?: CallOptions): Promise<GetImageInfoResponse> {
    return this.call('GetImageInfo', { ...req }, options);
  }

  /**
   * Creates a video or audio record and returns where and with what to upload its file (docs/upload.md
   * §2.1). Not idempotent (each call creates a record): an unknown outcome is not retried. AppId defaults
   * to the client's AppId option.
   */
  async createUploadVideo(req: CreateUploadVideoRequest, options?: CallOptions): Promise<CreateUploadVideoResponse> {
    const res = await this.call<CreateUploadVideoResponse>('CreateUploadVideo', { AppId: this.appId, ...req }, options);
    return checkUploadAnswer(res, 'VideoId', 'CreateUploadVideo');
  }

  /** A new upload credential for the same address (docs/upload.md §2.2). */
  async refreshUploadVideo(req: RefreshUploadVideoRequest, options?: CallOptions): Promise<RefreshUploadVideoResponse> {
    const res = await this.call<RefreshUploadVideoResponse>('RefreshUploadVideo', { ...req }, options);
    return checkUploadAnswer(res, undefined, 'RefreshUploadVideo');
  }

  /** Creates an image record and returns where and with what to upload it (docs/upload.md §2.3). */
  async createUploadImage(req: CreateUploadImageRequest, options?: CallOptions): Promise<CreateUploadImageResponse> {
    const res = await this.call<CreateUploadImageResponse>('CreateUploadImage', { AppId: this.appId, ...req }, options);
    return checkUploadAnswer(res, 'ImageId', 'CreateUploadImage');
  }

  /** Deletes videos or audios (their files, streams and snapshots), final (docs/upload.md §2.4). */
  deleteVideo(req: DeleteVideoRequest, options?: CallOptions): Promise<DeleteVideoResponse> {
    return this.call('DeleteVideo', { ...req }, options);
  }

  deleteImage(req: DeleteImageRequest, options?: CallOptions): Promise<DeleteImageResponse> {
    return this.call('DeleteImage', { ...req }, options);
  }
}

/** A 2xx upload answer without its ID, address or credential cannot be used: said as such. */
function checkUploadAnswer<T extends { RequestId?: string; UploadAddress?: string; UploadAuth?: string }>(res: T, idField: string | undefined, action: string): T {
  const ok = res && typeof res.UploadAddress === 'string' && res.UploadAddress && typeof res.UploadAuth === 'string' && res.UploadAuth
    && (!idField || (typeof (res as Record<string, unknown>)[idField] === 'string' && (res as Record<string, unknown>)[idField]));
  if (!ok) {
    throw new VodError({
      code: 'MalformedResponse', message: vt('uploadAnswerIncomplete', { action, field: idField ? vt('uploadAnswerField', { field: idField }) : '' }),
      // The record may exist (Create*): unknown, and not repeated.
      outcome: idField ? 'unknown' : 'rejected', retrySafe: false, requestId: res?.RequestId, action, phase: 'response',
    });
  }
  return res;
}
