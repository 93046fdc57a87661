// Server-side check of both Alibaba Cloud request signatures, computed independently of the client
// library (a shared bug would otherwise pass unnoticed):
//  * ACS3-HMAC-SHA256 (V3): canonical request over method, path, query, signed headers and the SHA-256
//    of the body actually received;
//  * classic RPC HMAC-SHA1 (V2): every query and form-body parameter except Signature.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Alibaba's percent-encoding: encodeURIComponent plus `! ' ( ) *`. The wire encoding (Node's
 * querystring) leaves those five alone, so values are decoded first and re-encoded with this. */
export function acsEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const V3_ALGORITHM = 'ACS3-HMAC-SHA256';
export type SignatureKind = 'ACS3-HMAC-SHA256' | 'HMAC-SHA1';

export interface IncomingSigned {
  method: string;
  pathname: string;
  /** Decoded query parameters (first value of repeated keys). */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Decoded form-body parameters (empty unless the body is application/x-www-form-urlencoded). */
  form: Record<string, string>;
}

interface AuthInfo {
  kind: SignatureKind;
  accessKeyId: string;
  securityToken?: string;
  nonce?: string;
  /** ISO timestamp the client put in the request (x-acs-date / Timestamp). */
  timestamp?: string;
}

export interface AuthProblem {
  status: number;
  code: string;
  message: string;
}

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
}

interface V3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

function parseV3Authorization(value: string): V3Authorization | undefined {
  if (!value.startsWith(`${V3_ALGORITHM} `)) return undefined;
  const fields: Record<string, string> = {};
  for (const part of value.slice(V3_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  if (!fields.Credential || !fields.SignedHeaders || !fields.Signature) return undefined;
  return { accessKeyId: fields.Credential, signedHeaders: fields.SignedHeaders.split(';').map((s) => s.trim().toLowerCase()), signature: fields.Signature };
}

/** Which signature the request carries, and who claims to sign it. */
export function readAuth(req: IncomingSigned): AuthInfo | AuthProblem {
  const authorization = header(req.headers, 'authorization');
  if (authorization) {
    const v3 = parseV3Authorization(authorization);
    if (!v3) return { status: 400, code: 'IncompleteSignature', message: 'The Authorization header is not a valid ACS3-HMAC-SHA256 authorization.' };
    return {
      kind: V3_ALGORITHM, accessKeyId: v3.accessKeyId, securityToken: header(req.headers, 'x-acs-security-token'),
      nonce: header(req.headers, 'x-acs-signature-nonce'), timestamp: header(req.headers, 'x-acs-date'),
    };
  }
  const params = { ...req.query, ...req.form };
  if (params.Signature !== undefined) {
    for (const p of ['AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp']) {
      if (!params[p]) return { status: 400, code: 'MissingParameter', message: `The input parameter "${p}" that is mandatory for processing this request is not supplied.` };
    }
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') {
      return { status: 400, code: 'InvalidParameter', message: 'Only SignatureMethod HMAC-SHA1 with SignatureVersion 1.0 is supported for RPC signatures.' };
    }
    return { kind: 'HMAC-SHA1', accessKeyId: params.AccessKeyId, securityToken: params.SecurityToken, nonce: params.SignatureNonce, timestamp: params.Timestamp };
  }
  return { status: 400, code: 'MissingAuthorization', message: 'The request carries neither an Authorization header nor a Signature parameter.' };
}

export function isProblem(x: AuthInfo | AuthProblem): x is AuthProblem {
  return (x as AuthProblem).code !== undefined;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** V3 canonical request, exactly as the signer must have built it (exported for tests and diagnostics). */
export function v3CanonicalRequest(req: IncomingSigned, signedHeaders: string[], payloadHash: string): string {
  const canonicalQuery = Object.keys(req.query).sort().map((k) => `${k}=${acsEncode(req.query[k])}`).join('&');
  const names = [...signedHeaders].sort();
  const canonicalHeaders = names.map((n) => `${n}:${(header(req.headers, n) ?? '').trim()}\n`).join('');
  return [req.method, req.pathname || '/', canonicalQuery, canonicalHeaders, names.join(';'), payloadHash].join('\n');
}

export function verifyV3(req: IncomingSigned, secret: string): AuthProblem | undefined {
  const v3 = parseV3Authorization(header(req.headers, 'authorization') ?? '');
  if (!v3) return { status: 400, code: 'IncompleteSignature', message: 'The Authorization header is not a valid ACS3-HMAC-SHA256 authorization.' };
  // Every x-acs-* header, and host, must be covered, or they could be altered in transit.
  const required = ['host', ...Object.keys(req.headers).filter((h) => h.startsWith('x-acs-'))];
  const missing = required.filter((h) => !v3.signedHeaders.includes(h));
  if (missing.length) return { status: 400, code: 'IncompleteSignature', message: `SignedHeaders does not include: ${missing.join(', ')}.` };
  const payloadHash = sha256Hex(req.body);
  const claimed = header(req.headers, 'x-acs-content-sha256');
  if (claimed !== payloadHash) {
    return { status: 400, code: 'SignatureDoesNotMatch', message: 'The x-acs-content-sha256 header does not match the SHA-256 of the request body.' };
  }
  const stringToSign = `${V3_ALGORITHM}\n${sha256Hex(v3CanonicalRequest(req, v3.signedHeaders, payloadHash))}`;
  const expected = createHmac('sha256', secret).update(stringToSign).digest('hex');
  if (!safeEqual(expected, v3.signature.toLowerCase())) {
    return { status: 400, code: 'SignatureDoesNotMatch', message: 'Specified signature is not matched with our calculation.' };
  }
  return undefined;
}

/** V2 string to sign: `METHOD&%2F&enc(k1=v1&k2=v2…)` over query and form parameters except Signature. */
export function v2StringToSign(req: IncomingSigned): string {
  const params: Record<string, string> = { ...req.query, ...req.form };
  delete params.Signature;
  const canonical = Object.keys(params).sort().map((k) => `${acsEncode(k)}=${acsEncode(params[k])}`).join('&');
  return `${req.method}&${acsEncode('/')}&${acsEncode(canonical)}`;
}

export function verifyV2(req: IncomingSigned, secret: string): AuthProblem | undefined {
  const signature = req.form.Signature ?? req.query.Signature ?? '';
  const stringToSign = v2StringToSign(req);
  const expected = createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
  if (!safeEqual(expected, signature)) {
    // Like the real service, show the string to sign (it holds no secret, but may hold the SecurityToken,
    // which the client must therefore redact from anything it displays).
    return { status: 400, code: 'SignatureDoesNotMatch', message: `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}` };
  }
  return undefined;
}
