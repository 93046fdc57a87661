// The upload address and credential VOD hands out (Base64 JSON, docs/upload.md §3). The credential's
// secret and token sign OSS requests for the bucket: the object that holds them prints, inspects and
// serializes as "[redacted]", so a stray log line or JSON.stringify cannot leak them.

import { inspect } from 'node:util';
import { englishText, vt, type VodText } from '../messages';

/** Every upload credential is valid this long (docs/upload.md §3). */
export const UPLOAD_CREDENTIAL_SECONDS = 3000;
/** Refreshed this long before it expires. */
export const REFRESH_MARGIN_MS = 60_000;

export interface UploadAddress {
  /** e.g. https://oss-cn-shanghai.aliyuncs.com (the emulator: http://127.0.0.1:PORT). */
  endpoint: string;
  bucket: string;
  /** The OSS object key ("FileName" in VOD's JSON). */
  object: string;
}

export class UploadAddressError extends Error {
  override readonly name = 'UploadAddressError';
  constructor(readonly text: VodText) {
    super(englishText(text));
  }
}

function decodeJson(b64: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(String(b64), 'base64').toString('utf8'));
  } catch {
    // The text is not repeated: it may be a credential.
    throw new UploadAddressError(vt('uploadAddressNotBase64', { what }));
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UploadAddressError(vt('uploadAddressNotObject', { what }));
  return value as Record<string, unknown>;
}

function str(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' && v ? v : undefined;
}

export function decodeUploadAddress(b64: string): UploadAddress {
  const o = decodeJson(b64, 'UploadAddress');
  const endpoint = str(o, 'Endpoint');
  const bucket = str(o, 'Bucket');
  const object = str(o, 'FileName');
  if (!endpoint || !bucket || !object) throw new UploadAddressError(vt('uploadAddressIncomplete'));
  // The endpoint comes with its scheme; a bare host is https (OSS's default for the public endpoints).
  return { endpoint: /^https?:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`, bucket, object };
}

const SECRET = Symbol('secret');

/** Temporary keys for one upload. `accessKeySecret` and `securityToken` are reachable only through `keys()`. */
export class UploadCredential {
  readonly accessKeyId: string;
  /** Epoch ms after which OSS refuses it. */
  readonly expiresAt: number;
  readonly region?: string;
  private readonly [SECRET]: { accessKeySecret: string; securityToken: string };

  constructor(init: { accessKeyId: string; accessKeySecret: string; securityToken: string; expiresAt: number; region?: string }) {
    this.accessKeyId = init.accessKeyId;
    this.expiresAt = init.expiresAt;
    this.region = init.region;
    this[SECRET] = { accessKeySecret: init.accessKeySecret, securityToken: init.securityToken };
  }

  /** The keys, for the OSS client only. */
  keys(): { accessKeyId: string; accessKeySecret: string; stsToken: string } {
    return { accessKeyId: this.accessKeyId, accessKeySecret: this[SECRET].accessKeySecret, stsToken: this[SECRET].securityToken };
  }

  /** Values to remove from any text shown or stored. */
  secrets(): string[] {
    return [this[SECRET].accessKeySecret, this[SECRET].securityToken];
  }

  toJSON(): Record<string, unknown> {
    return { accessKeyId: this.accessKeyId, accessKeySecret: '[redacted]', securityToken: '[redacted]', expiresAt: new Date(this.expiresAt).toISOString() };
  }

  toString(): string {
    return `UploadCredential(${this.accessKeyId}, expires ${new Date(this.expiresAt).toISOString()})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Reads UploadAuth. The expiry is the earlier of ExpireUTCTime (when present and a time) and
 * `receivedAt` + 3000 s: the pages say 3000 s, a sample dump says `Expiration: "3600"` (docs/upload.md §3).
 */
export function decodeUploadAuth(b64: string, receivedAt: number): UploadCredential {
  const o = decodeJson(b64, 'UploadAuth');
  const accessKeyId = str(o, 'AccessKeyId');
  const accessKeySecret = str(o, 'AccessKeySecret');
  const securityToken = str(o, 'SecurityToken');
  if (!accessKeyId || !accessKeySecret || !securityToken) throw new UploadAddressError(vt('uploadAuthIncomplete'));
  let expiresAt = receivedAt + UPLOAD_CREDENTIAL_SECONDS * 1000;
  const utc = str(o, 'ExpireUTCTime');
  const t = utc ? Date.parse(utc) : NaN;
  if (Number.isFinite(t) && t < expiresAt) expiresAt = t;
  return new UploadCredential({ accessKeyId, accessKeySecret, securityToken, expiresAt, region: str(o, 'Region') });
}
