// The slice of ali-oss (6.23.0) the upload uses, typed here (docs/upload.md §4), and its lazy loader:
// dist/oss.js in the bundles, the package itself from source (tests).
/* eslint-disable @typescript-eslint/no-require-imports */
import * as path from 'node:path';

export interface OssCheckpoint {
  file: string;
  name: string;
  fileSize: number;
  partSize: number;
  uploadId: string;
  doneParts: Array<{ number: number; etag: string }>;
}

interface OssClientOptions {
  accessKeyId: string;
  accessKeySecret: string;
  stsToken: string;
  bucket: string;
  endpoint: string;
  /** `oss-<region>`: names the Host header when the endpoint is an IP address. */
  region?: string;
  secure?: boolean;
  timeout?: number;
  refreshSTSToken?: () => Promise<{ accessKeyId: string; accessKeySecret: string; stsToken: string }>;
  refreshSTSTokenInterval?: number;
  retryMax?: number;
  /** A urllib-compatible client (ossHttp.ts). */
  urllib?: unknown;
}

interface OssMultipartOptions {
  partSize?: number;
  parallel?: number;
  checkpoint?: OssCheckpoint;
  progress?: (fraction: number, checkpoint: OssCheckpoint | undefined) => void | Promise<void>;
  mime?: string;
  timeout?: number;
}

export interface OssClient {
  options: OssClientOptions & Record<string, unknown>;
  put(name: string, file: string | NodeJS.ReadableStream | Buffer, options?: { contentLength?: number; mime?: string; timeout?: number }): Promise<{ name: string; res: { status: number; headers: Record<string, string> } }>;
  multipartUpload(name: string, file: string, options?: OssMultipartOptions): Promise<{ name: string; res?: { status: number } }>;
  abortMultipartUpload(name: string, uploadId: string): Promise<unknown>;
  cancel(abort?: { name: string; uploadId: string }): void;
}

export type OssModule = new (options: OssClientOptions) => OssClient;

/** Set by scripts/build.mjs in bundles that ship dist/oss.js next to them. */
declare const __SDK_BUNDLE__: boolean | undefined;

let loaded: OssModule | undefined;

/**
 * ali-oss's constructor. Its requests go through ossHttp.ts (never urllib, whose NODE_DEBUG output would
 * print the request headers, the STS token among them).
 */
export function loadOss(): OssModule {
  if (loaded) return loaded;
  const mod = typeof __SDK_BUNDLE__ !== 'undefined' && __SDK_BUNDLE__
    ? (require(path.join(__dirname, 'oss.js')) as { ossModule(): OssModule }).ossModule()
    : (require('ali-oss') as OssModule);
  // ali-oss logs each request's headers (x-oss-security-token among them) through `debug` when
  // DEBUG=ali-oss is set: that namespace is switched off, whatever DEBUG says, in its own copy of `debug`.
  silenceDebug();
  loaded = mod;
  return mod;
}

function silenceDebug(): void {
  try {
    const debug = (typeof __SDK_BUNDLE__ !== 'undefined' && __SDK_BUNDLE__)
      ? (require(path.join(__dirname, 'oss.js')) as { debugModule(): DebugModule }).debugModule()
      : (require('debug') as DebugModule);
    const previous = debug.disable();
    debug.enable([previous, '-ali-oss', '-ali-oss:*'].filter(Boolean).join(','));
  } catch {
    // No debug module: nothing to silence.
  }
}

export interface DebugModule {
  disable(): string;
  enable(namespaces: string): void;
}
