// One error type for everything that can go wrong calling VOD, answering the two questions a caller has:
// did VOD possibly act on the request (`outcome`), and may the same request simply be sent again
// (`retrySafe`)? Messages are built here, never copied from a transport error: those embed the request
// URL, which for the HMAC-SHA1 signature carries the Signature and the SecurityToken.

import { englishText, vt, type VodText } from './messages';
import { IDEMPOTENT_ACTIONS, type VodErrorBody } from './models';

/** `rejected`: VOD certainly did not act on the request. `unknown`: it may have (e.g. the connection
 * broke after the whole request was sent), so a produce must be checked, not repeated. */
export type VodOutcome = 'rejected' | 'unknown';

/** How far a request got on the wire when it failed. */
export type RequestPhase = 'connect' | 'send' | 'sent' | 'response';

export interface VodErrorInit {
  code: string;
  /** The description: VOD's own text (a string, shown as it is), or ours as a message id (messages.ts). */
  message: string | VodText;
  outcome: VodOutcome;
  retrySafe: boolean;
  requestId?: string;
  httpStatus?: number;
  action?: string;
  hostId?: string;
  recommend?: string;
  phase?: RequestPhase;
}

export class VodError extends Error {
  override readonly name = 'VodError';
  readonly code: string;
  readonly outcome: VodOutcome;
  readonly retrySafe: boolean;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly action?: string;
  readonly hostId?: string;
  readonly recommend?: string;
  readonly phase?: RequestPhase;
  /** The server's (or our) description without the code and request id decorations. */
  readonly detail: string;
  /** The whole message as a message id, for a user's language (messages.ts `errorText`). */
  readonly text: VodText;

  constructor(init: VodErrorInit) {
    const text = init.requestId
      ? vt('vodErrorRequestId', { code: init.code, detail: init.message, requestId: init.requestId })
      : vt('vodError', { code: init.code, detail: init.message });
    super(englishText(text));
    this.text = text;
    this.code = init.code;
    this.detail = typeof init.message === 'string' ? init.message : englishText(init.message);
    this.outcome = init.outcome;
    this.retrySafe = init.retrySafe;
    this.requestId = init.requestId;
    this.httpStatus = init.httpStatus;
    this.action = init.action;
    this.hostId = init.hostId;
    this.recommend = init.recommend;
    this.phase = init.phase;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name, code: this.code, message: this.detail, outcome: this.outcome, retrySafe: this.retrySafe,
      requestId: this.requestId, httpStatus: this.httpStatus, action: this.action, recommend: this.recommend,
      phase: this.phase,
    };
  }
}

export type TransportErrorKind =
  | 'ConnectionRefused' | 'ConnectTimeout' | 'WriteTimeout' | 'ReadTimeout' | 'ConnectionReset' | 'DnsFailure' | 'TlsFailure'
  | 'ProxyFailure' | 'NetworkError';

/** Thrown by our transport (transport.ts); carries the phase so the outcome can be decided honestly. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: TransportErrorKind,
    readonly phase: RequestPhase,
    message: string,
    readonly sysCode?: string,
  ) {
    super(message);
  }
}

const REDACTED = '[redacted]';

// Key/value shapes in which a secret can show up in text we did not write: URLs, headers, JSON, INI.
const SECRET_FIELD_RE = /\b(Signature|SecurityToken|AccessKeySecret|access_key_secret|accessKeySecret|sts_token|securityToken|x-acs-security-token|x-acs-bearer-token|BearerToken)(\s*["']?\s*[=:]\s*["']?)([^&\s"',;}]+)/gi;

/** Removes the given secret values (and their URL-encoded forms) and anything shaped like a secret field. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s), encodeURIComponent(encodeURIComponent(s))])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out.replace(SECRET_FIELD_RE, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`);
}

export interface ErrorContext {
  action?: string;
  /** Values that must never appear in a message (AccessKeySecret, security token). */
  secrets?: ReadonlyArray<string | undefined>;
  /** What the transport saw, when the failure happened after it was involved. */
  phase?: RequestPhase;
  responseStatus?: number;
  responseBytes?: number;
}

function isIdempotent(action: string | undefined): boolean {
  return action !== undefined && IDEMPOTENT_ACTIONS.has(action);
}

/** A transient failure may be retried when VOD surely did not act, or when acting twice is harmless. */
export function retrySafeFor(outcome: VodOutcome, transient: boolean, action: string | undefined): boolean {
  if (!transient) return false;
  return outcome === 'rejected' || isIdempotent(action);
}

function isThrottling(code: string): boolean {
  return /^Throttling/i.test(code);
}

function isServiceUnavailable(code: string, status?: number): boolean {
  return status === 503 || /^ServiceUnavailable|^ServiceUnAvailable/i.test(code);
}

/** Classifies a server error response (status + Alibaba error body). */
export function fromServerError(status: number, body: VodErrorBody, ctx: ErrorContext = {}, ours?: VodText): VodError {
  const code = body.Code || (status >= 500 ? 'InternalError' : 'HttpError');
  const message = body.Message ? redactSecrets(body.Message, ctx.secrets) : vt('httpStatus', { status });
  let outcome: VodOutcome;
  let transient: boolean;
  if (isThrottling(code) || isServiceUnavailable(code, status)) {
    // Flow control and 503 are answered at the gateway before the operation runs.
    outcome = 'rejected';
    transient = true;
  } else if (status >= 500) {
    // An internal error may come after the operation did its work.
    outcome = 'unknown';
    transient = true;
  } else {
    outcome = 'rejected';
    transient = false;
  }
  return new VodError({
    code, message: ours ?? message, outcome, retrySafe: retrySafeFor(outcome, transient, ctx.action), requestId: body.RequestId,
    httpStatus: status, action: ctx.action, hostId: body.HostId, recommend: body.Recommend, phase: 'response',
  });
}

const TRANSPORT_TEXT: Record<TransportErrorKind, VodText> = {
  ConnectionRefused: vt('transportConnectionRefused'),
  ConnectTimeout: vt('transportConnectTimeout'),
  WriteTimeout: vt('transportWriteTimeout'),
  ReadTimeout: vt('transportReadTimeout'),
  ConnectionReset: vt('transportConnectionReset'),
  DnsFailure: vt('transportDnsFailure'),
  TlsFailure: vt('transportTlsFailure'),
  ProxyFailure: vt('transportProxyFailure'),
  NetworkError: vt('transportNetworkError'),
};

export function fromTransportError(err: TransportError, ctx: ErrorContext = {}): VodError {
  // Before the last byte of the request left, VOD cannot have acted on it (a server never runs an
  // operation on a partial request). After that, only VOD knows.
  const beforeSent = err.phase === 'connect' || err.phase === 'send';
  const outcome: VodOutcome = beforeSent ? 'rejected' : 'unknown';
  // A certificate problem or an unknown host will not fix itself within a retry loop.
  const transient = !(err.kind === 'TlsFailure' || (err.kind === 'DnsFailure' && err.sysCode === 'ENOTFOUND'));
  const sys = err.sysCode ? vt('transportSysCode', { sysCode: err.sysCode }) : '';
  return new VodError({
    code: err.kind, message: vt(beforeSent ? 'transportBeforeSent' : 'transportAfterSent', { what: TRANSPORT_TEXT[err.kind], sys }), outcome,
    retrySafe: retrySafeFor(outcome, transient, ctx.action), action: ctx.action, phase: err.phase,
  });
}

const REJECTED_BEFORE_SEND = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Maps anything thrown while calling VOD (openapi-client errors, our transport errors, parse errors). */
export function toVodError(err: unknown, ctx: ErrorContext = {}): VodError {
  if (err instanceof VodError) return err;
  if (err instanceof TransportError) return fromTransportError(err, ctx);
  const e = (err ?? {}) as { code?: unknown; data?: unknown; message?: unknown; name?: unknown };
  const data = e.data && typeof e.data === 'object' ? (e.data as Record<string, unknown>) : undefined;
  if (data && typeof data.statusCode === 'number') {
    // openapi-client: 4xx/5xx with the parsed error body in `data`.
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return fromServerError(data.statusCode, {
      Code: str(data.Code) ?? str(data.code), Message: str(data.Message) ?? str(data.message),
      RequestId: str(data.RequestId) ?? str(data.requestId), HostId: str(data.HostId), Recommend: str(data.Recommend),
    }, ctx);
  }
  const status = ctx.responseStatus;
  if (status !== undefined) {
    // The transport got a response but openapi-client could not read it (bad JSON, empty, not an object).
    const empty = ctx.responseBytes === 0;
    const code = empty ? 'EmptyResponse' : 'MalformedResponse';
    const what = vt(empty ? 'bodyEmpty' : 'bodyNotObject');
    if (status >= 200 && status < 300) {
      return new VodError({
        code, message: vt('malformedSuccess', { status, what }),
        outcome: 'unknown', retrySafe: retrySafeFor('unknown', true, ctx.action), httpStatus: status,
        action: ctx.action, phase: 'response',
      });
    }
    const ours = vt('malformedStatus', { status, what });
    return fromServerError(status, { Code: code, Message: englishText(ours) }, ctx, ours);
  }
  const sysCode = typeof e.code === 'string' ? e.code : undefined;
  if (sysCode && /^E[A-Z]+$/.test(sysCode)) {
    // A network error that did not go through our transport (it should, but stay honest if not).
    const before = REJECTED_BEFORE_SEND.has(sysCode);
    const kind: TransportErrorKind = sysCode === 'ECONNREFUSED' ? 'ConnectionRefused'
      : sysCode === 'ECONNRESET' || sysCode === 'EPIPE' ? 'ConnectionReset'
        : sysCode === 'ETIMEDOUT' ? 'ReadTimeout'
          : sysCode === 'ENOTFOUND' || sysCode === 'EAI_AGAIN' ? 'DnsFailure' : 'NetworkError';
    return fromTransportError(new TransportError(kind, before ? 'connect' : 'sent', '', sysCode), ctx);
  }
  const raw = typeof e.message === 'string' ? e.message : String(err);
  const text = redactSecrets(raw, ctx.secrets).split('\n')[0].slice(0, 500);
  // Nothing reached the transport: credentials could not be obtained or the call was malformed.
  const credentials = /credential|access ?key|profile/i.test(raw);
  return new VodError({
    code: credentials ? 'CredentialsUnavailable' : typeof e.code === 'string' && e.code ? e.code : 'ClientError',
    message: text || vt('unknownError'), outcome: ctx.phase && ctx.phase !== 'connect' ? 'unknown' : 'rejected',
    retrySafe: false, action: ctx.action, phase: ctx.phase,
  });
}

/**
 * What a refused media lookup (GetPlayInfo, GetMezzanineInfo, GetImageInfo) means for a player, from
 * the codes the API pages document (docs/media-apis.md): `not-found` (no such media, or an ID of the
 * wrong kind), `no-stream` (no transcoded stream matches; the source file may still play),
 * `not-normal` (still uploading or transcoding, blocked, failed: only Normal media play), `encrypted`
 * (only streams ApsaraVideo Player can decrypt), `no-source-file` (the media exists, its file does not).
 */
export type MediaProblem = 'not-found' | 'no-stream' | 'not-normal' | 'encrypted' | 'no-source-file';

export const MEDIA_ERROR_CODES: Readonly<Record<string, MediaProblem>> = {
  'InvalidVideo.NotFound': 'not-found',
  // The emulator's (and possibly older services') spelling for GetVideoInfo and GetMezzanineInfo.
  'InvalidVideo.NotExist': 'not-found',
  NoSuchResource: 'not-found',
  'InvalidVideo.NoneStream': 'no-stream',
  'Forbidden.IllegalStatus': 'not-normal',
  'Forbidden.AliyunVoDEncryption': 'encrypted',
  'InvalidFile.NotFound': 'no-source-file',
};

/** The media problem a VodError stands for, or undefined for anything else (network, throttling, …). */
export function mediaProblemOf(err: unknown): MediaProblem | undefined {
  return err instanceof VodError ? MEDIA_ERROR_CODES[err.code] : undefined;
}

/**
 * VOD does not know this media (at least not yet: a produced video is listed a moment after the
 * request). The one test for it: the status lookup, the poller, the catalog and the CLI use this.
 */
export function isNotFound(err: unknown): boolean {
  return err instanceof VodError && /NotExist|NotFound|NotExists/i.test(err.code);
}
