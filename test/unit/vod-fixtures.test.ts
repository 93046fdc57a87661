// Shared helpers for the vod-* and emulator-* suites (a .test.ts file so that it sits in the owned
// name space; its own suite checks the network guard).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import OpenApiUtil from '@alicloud/openapi-util';
import type { Emulator } from '../../emulator/src';

function isLoopback(host: string | undefined): boolean {
  const h = (host ?? 'localhost').replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h) || h === '::ffff:127.0.0.1';
}

export interface NetworkGuard {
  /** host:port of every non-loopback connection that was attempted (and blocked). */
  blocked: string[];
  restore(): void;
}

/** Blocks (and records) every outgoing TCP connection that is not to loopback. */
export function guardNetwork(): NetworkGuard {
  const proto = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => net.Socket };
  const original = proto.connect;
  const blocked: string[] = [];
  proto.connect = function connect(this: net.Socket, ...args: unknown[]) {
    let opts: unknown = args[0];
    if (Array.isArray(opts)) opts = opts[0];
    let host: string | undefined;
    let port: unknown;
    if (opts && typeof opts === 'object') {
      const o = opts as { host?: string; port?: unknown; path?: string };
      if (o.path) return original.apply(this, args);
      host = o.host;
      port = o.port;
    } else {
      port = args[0];
      host = typeof args[1] === 'string' ? args[1] : undefined;
    }
    if (!isLoopback(host)) {
      blocked.push(`${host}:${String(port)}`);
      const err = Object.assign(new Error(`test network guard: blocked connection to ${host}`), { code: 'ECONNREFUSED' });
      process.nextTick(() => this.destroy(err));
      return this;
    }
    return original.apply(this, args);
  };
  return { blocked, restore: () => { proto.connect = original; } };
}

/** Sets environment variables for the duration of `fn` and restores them after. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T> | T): Promise<T> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(vars)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Every credential-related variable unset, plus the metadata service off (tests must never reach it). */
export const CLEAN_CREDENTIAL_ENV: Record<string, string | undefined> = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: undefined,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined,
  ALIBABA_CLOUD_SECURITY_TOKEN: undefined,
  ALIBABA_CLOUD_ROLE_ARN: undefined,
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: undefined,
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: undefined,
  ALIBABA_CLOUD_PROFILE: undefined,
  ALIBABA_CLOUD_CREDENTIALS_FILE: undefined,
  ALIBABA_CLOUD_CREDENTIALS_URI: undefined,
  ALIBABA_CLOUD_ECS_METADATA: undefined,
  ALIBABA_CLOUD_CLI_PROFILE_DISABLED: undefined,
  ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
};

export function makeFakeHome(files: { aliyunConfig?: unknown; credentialsIni?: string } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-home-'));
  if (files.aliyunConfig !== undefined) {
    fs.mkdirSync(path.join(dir, '.aliyun'));
    fs.writeFileSync(path.join(dir, '.aliyun', 'config.json'), typeof files.aliyunConfig === 'string' ? files.aliyunConfig : JSON.stringify(files.aliyunConfig, null, 2));
  }
  if (files.credentialsIni !== undefined) {
    fs.mkdirSync(path.join(dir, '.alibabacloud'));
    fs.writeFileSync(path.join(dir, '.alibabacloud', 'credentials'), files.credentialsIni);
  }
  return dir;
}

function timestamp(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function nonce(): string {
  return Math.random().toString(16).slice(2) + Date.now().toString(16);
}

interface RawOptions {
  kind: 'v3' | 'v2';
  action: string;
  query?: Record<string, string>;
  form?: Record<string, string>;
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  version?: string;
  /** Changes the body after signing. */
  tamperBody?: (body: string) => string;
  /** Changes the query after signing. */
  tamperQuery?: (q: Record<string, string>) => Record<string, string>;
  nonce?: string;
  timestampMs?: number;
}

interface RawResponse {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

/** A request signed with @alicloud/openapi-util's signers (not the emulator's code), sent raw. */
export function signedRequest(emu: Emulator, o: RawOptions): Promise<RawResponse> {
  const ak = o.accessKeyId ?? emu.accessKeyId;
  const sk = o.accessKeySecret ?? emu.accessKeySecret;
  const host = `${emu.host}:${emu.port}`;
  const version = o.version ?? '2017-03-21';
  let query: Record<string, string> = { ...(o.query ?? {}) };
  let body = o.form ? OpenApiUtil.toForm(o.form) : '';
  const headers: Record<string, string> = { host };
  if (o.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (o.kind === 'v3') {
    Object.assign(headers, {
      'x-acs-action': o.action, 'x-acs-version': version, 'x-acs-date': timestamp(o.timestampMs),
      'x-acs-signature-nonce': o.nonce ?? nonce(), 'x-acs-content-sha256': createHash('sha256').update(body).digest('hex'),
    });
    if (o.securityToken) {
      headers['x-acs-accesskey-id'] = ak;
      headers['x-acs-security-token'] = o.securityToken;
    }
    headers.authorization = OpenApiUtil.getAuthorization({ pathname: '/', method: 'POST', query, headers } as never, 'ACS3-HMAC-SHA256', headers['x-acs-content-sha256'], ak, sk);
  } else {
    query = {
      Action: o.action, Format: 'json', Version: version, Timestamp: timestamp(o.timestampMs), SignatureNonce: o.nonce ?? nonce(),
      ...query, SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', AccessKeyId: ak,
      ...(o.securityToken ? { SecurityToken: o.securityToken } : {}),
    };
    query.Signature = OpenApiUtil.getRPCSignature({ ...query, ...(o.form ?? {}) }, 'POST', sk);
  }
  if (o.tamperBody) body = o.tamperBody(body);
  if (o.tamperQuery) query = o.tamperQuery(query);
  const qs = new URLSearchParams(query).toString();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: emu.host, port: emu.port, method: 'POST', path: `/${qs ? `?${qs}` : ''}`, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Record<string, unknown> = {};
        try { parsed = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, body: parsed, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const SEED = {
  keynote: '4b15846bcb3ea8c958fe1e7f3da85ae2',
  wide: '217bb98cf063356182dbbeb992910a4f',
  music: 'f46da6c6d44a26b3b8f5bd545bf01b9d',
  logo: '7652bba6f411a6a4f21caec270ec34e5',
  transcoding: 'c288f3df19f9fc935efb4c3582ddf67e',
  corrupt: 'bb241ed2d06ad0d7fd43d3cb9b3a05a9',
};

export function simpleTimeline(mediaId = SEED.keynote): Record<string, unknown> {
  return { VideoTracks: [{ VideoTrackClips: [{ MediaId: mediaId, In: 0, Out: 5 }] }] };
}

/** A valid timeline of at least `bytes` bytes (many clips over a few seed media). */
export function bigTimeline(bytes: number): string {
  const clips: unknown[] = [];
  const ids = [SEED.keynote, SEED.wide];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const clip = {
      MediaId: ids[i % 2], In: 0, Out: 1, TimelineIn: i, TimelineOut: i + 1,
      Effects: [{ Type: 'Text', Content: `Caption ${i}: (ünïcode 字幕) & symbols !*'() ${'x'.repeat(180)}`, FontSize: 32 }],
    };
    size += JSON.stringify(clip).length + 1;
    clips.push(clip);
  }
  return JSON.stringify({ VideoTracks: [{ VideoTrackClips: clips }] });
}

suite('test fixtures: network guard', () => {
  test('blocks and records a non-loopback connection, lets loopback through', async () => {
    const guard = guardNetwork();
    try {
      const err = await new Promise<Error>((resolve) => {
        const s = net.connect({ host: '100.100.100.200', port: 80 });
        s.on('error', resolve);
      });
      assert.match(err.message, /blocked/);
      assert.deepEqual(guard.blocked, ['100.100.100.200:80']);
      const server = net.createServer((c) => c.end()).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const port = (server.address() as net.AddressInfo).port;
      await new Promise<void>((resolve, reject) => {
        const s = net.connect({ host: '127.0.0.1', port }, () => { s.end(); resolve(); });
        s.on('error', reject);
      });
      server.close();
      assert.equal(guard.blocked.length, 1);
    } finally {
      guard.restore();
    }
  });
});
