// The HTTP transport under @alicloud/openapi-client, for calls made by VodClient.
//
// Why not the library's own: openapi-client 0.4.15 hands each request to `doAction` of
// @alicloud/tea-typescript 1.8, which (1) ignores the `httpProxy`/`httpsProxy`/`noProxy` options it is
// given, (2) reports errors with the full request URL in the message (for the HMAC-SHA1 signature that
// URL holds the Signature and the SecurityToken) and (3) cannot tell whether a failed request had been
// sent completely, which decides whether a produce may have happened. So `doAction` is wrapped: inside
// `runWithTransport` (VodClient) requests go through `send` below; everywhere else the original runs
// untouched. Signing, body encoding and response parsing stay openapi-client's.

import { AsyncLocalStorage } from 'node:async_hooks';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { stringify as stringifyQuery } from 'node:querystring';
import { Readable } from 'node:stream';
import { EndpointError, isLoopbackHost } from './endpoints';
import { vt } from './messages';
import { TransportError, type RequestPhase, type TransportErrorKind } from './errors';
// The module object itself is needed (not an ES namespace copy) because openapi-client looks up
// `doAction` on it at call time.
import { sdk } from './sdk';

export interface ProxySettings {
  /** Proxy for http targets, and for https targets when `httpsProxy` is not set. `http://[user:pass@]host:port`. */
  httpProxy?: string;
  httpsProxy?: string;
  /** Comma-separated hosts (or `.domain` suffixes, or `*`) reached directly. */
  noProxy?: string;
  /** Loopback hosts (the emulator) are reached directly unless this is false. Default true. */
  bypassLoopback?: boolean;
}

/** What one call through the transport observed; read by the error mapping. */
export interface TransportRecord {
  phase?: RequestPhase;
  responseStatus?: number;
  responseBytes?: number;
  requestBytes?: number;
  viaProxy?: string;
}

interface TransportContext {
  bypassLoopback: boolean;
  record: TransportRecord;
}

interface TeaRequest {
  protocol?: string;
  port?: number;
  method?: string;
  pathname?: string;
  headers: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

interface TeaRuntime {
  readTimeout?: number;
  connectTimeout?: number;
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
  ca?: string;
  key?: string;
  cert?: string;
  ignoreSSL?: boolean;
}

type DoAction = (request: TeaRequest, runtime?: TeaRuntime | null) => Promise<unknown>;

const storage = new AsyncLocalStorage<TransportContext>();
const INSTALLED = Symbol.for('vod-timeline.transport');

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_READ_TIMEOUT_MS = 60_000;

function installTransport(): void {
  const mod = sdk.tea() as unknown as Record<string | symbol, unknown> & { doAction: DoAction };
  if (mod[INSTALLED]) return;
  const original = mod.doAction;
  mod.doAction = function doAction(request: TeaRequest, runtime?: TeaRuntime | null) {
    const ctx = storage.getStore();
    if (!ctx) return original.call(this, request, runtime);
    return send(request, runtime ?? {}, ctx);
  };
  mod[INSTALLED] = true;
}

/** Runs `fn` (an openapi-client call) with requests going through `send`; fills `record`. */
export function runWithTransport<T>(options: { bypassLoopback?: boolean; record: TransportRecord }, fn: () => Promise<T>): Promise<T> {
  installTransport();
  return storage.run({ bypassLoopback: options.bypassLoopback !== false, record: options.record }, fn);
}

interface ProxyTarget {
  protocol: 'http' | 'https';
  hostname: string;
}

function noProxyMatches(hostname: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  for (let entry of noProxy.split(/[\s,]+/)) {
    entry = entry.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    entry = entry.replace(/^\*\./, '.').replace(/^\[|\]$/g, '');
    const bracket = entry.match(/^\[(.*)\](?::\d+)?$/);
    if (bracket) entry = bracket[1];
    else if (/^[^:]+:\d+$/.test(entry)) entry = entry.replace(/:\d+$/, '');
    const bare = entry.replace(/^\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

/** Parses `http://[user:pass@]host[:port]` or `host:port`. Only http proxies (with CONNECT for https) are supported. */
export function parseProxyUrl(value: string): URL {
  const raw = value.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new EndpointError('InvalidEndpoint', vt('proxyInvalid'));
  }
  if (url.protocol !== 'http:') {
    throw new EndpointError('InvalidEndpoint', vt('proxyScheme', { scheme: url.protocol }));
  }
  return url;
}

/** Chooses the proxy for a target, or none. https targets use httpsProxy, falling back to httpProxy. */
export function selectProxy(target: ProxyTarget, settings: ProxySettings): URL | undefined {
  if (settings.bypassLoopback !== false && isLoopbackHost(target.hostname)) return undefined;
  if (noProxyMatches(target.hostname, settings.noProxy)) return undefined;
  const chosen = target.protocol === 'https' ? settings.httpsProxy || settings.httpProxy : settings.httpProxy;
  return chosen ? parseProxyUrl(chosen) : undefined;
}

function bodyBytes(body: unknown): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return Promise.resolve(undefined);
  if (Buffer.isBuffer(body)) return Promise.resolve(body);
  if (typeof body === 'string') return Promise.resolve(Buffer.from(body));
  const value = (body as { value?: unknown }).value;
  if (Buffer.isBuffer(value)) return Promise.resolve(value); // tea's BytesReadable
  if (body instanceof Readable) {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      body.on('data', (c: Buffer | string) => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
      body.on('end', () => resolve(Buffer.concat(chunks)));
      body.on('error', reject);
    });
  }
  return Promise.resolve(Buffer.from(String(body)));
}

function kindOf(code: string | undefined, phase: RequestPhase): TransportErrorKind {
  switch (code) {
    case 'ECONNREFUSED': return 'ConnectionRefused';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'DnsFailure';
    case 'ECONNRESET': case 'EPIPE': case 'ECONNABORTED': return 'ConnectionReset';
    case 'ETIMEDOUT': return phase === 'connect' ? 'ConnectTimeout' : 'ReadTimeout';
    default:
      if (code && (/^ERR_TLS|CERT|SSL|^UNABLE_TO|^DEPTH_ZERO/i.test(code))) return 'TlsFailure';
      return 'NetworkError';
  }
}

function transportErrorFrom(err: unknown, phase: RequestPhase): TransportError {
  if (err instanceof TransportError) return err;
  const code = (err as { code?: unknown })?.code;
  const sysCode = typeof code === 'string' ? code : undefined;
  // 'socket hang up' carries ECONNRESET; nothing else of the native message is kept (it can name hosts).
  return new TransportError(kindOf(sysCode, phase), phase, '', sysCode);
}

interface ConnectPlan {
  protocol: 'http' | 'https';
  hostname: string;
  port: number;
  proxy?: URL;
  connectTimeoutMs: number;
  tlsOptions: tls.ConnectionOptions;
}

// Opens the socket the request will be written to: directly, or through an http proxy with CONNECT.
// Also the upload's connection to OSS (upload/ossHttp.ts).
// Resolves only once the connection (and TLS) is up, which is where the 'connect' phase ends.
export function openSocket(plan: ConnectPlan): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let pending: net.Socket | undefined;
    const open: { proxyReq?: http.ClientRequest } = {};
    const fail = (err: TransportError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      pending?.destroy();
      open.proxyReq?.destroy();
      reject(err);
    };
    const done = (socket: net.Socket) => {
      if (settled) { socket.destroy(); return; }
      settled = true;
      clearTimeout(timer);
      resolve(socket);
    };
    const timer = setTimeout(() => fail(new TransportError('ConnectTimeout', 'connect', '', 'ETIMEDOUT')), plan.connectTimeoutMs);
    const startTls = (socket?: net.Socket) => {
      const t = tls.connect({
        ...plan.tlsOptions,
        ...(socket ? { socket } : { host: plan.hostname, port: plan.port }),
        servername: net.isIP(plan.hostname) ? undefined : plan.hostname,
        ALPNProtocols: ['http/1.1'],
      });
      pending = t;
      t.once('secureConnect', () => done(t));
      t.once('error', (e) => fail(transportErrorFrom(e, 'connect')));
    };
    if (!plan.proxy) {
      if (plan.protocol === 'https') return startTls();
      const s = net.connect({ host: plan.hostname, port: plan.port });
      pending = s;
      s.once('connect', () => done(s));
      s.once('error', (e) => fail(transportErrorFrom(e, 'connect')));
      return;
    }
    const proxy = plan.proxy;
    const authority = `${plan.hostname.includes(':') ? `[${plan.hostname}]` : plan.hostname}:${plan.port}`;
    const headers: Record<string, string> = { host: authority };
    if (proxy.username || proxy.password) {
      const user = decodeURIComponent(proxy.username);
      const pass = decodeURIComponent(proxy.password);
      headers['proxy-authorization'] = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    }
    const proxyReq = http.request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.port || 80), method: 'CONNECT', path: authority, headers, agent: false,
    });
    proxyReq.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        return fail(new TransportError('ProxyFailure', 'connect', '', `HTTP ${res.statusCode}`));
      }
      if (plan.protocol === 'https') return startTls(socket);
      done(socket);
    });
    proxyReq.once('error', (e) => {
      const t = transportErrorFrom(e, 'connect');
      fail(new TransportError('ProxyFailure', 'connect', '', t.sysCode));
    });
    open.proxyReq = proxyReq;
    proxyReq.end();
  });
}

async function send(request: TeaRequest, runtime: TeaRuntime, ctx: TransportContext): Promise<unknown> {
  const record = ctx.record;
  record.phase = 'connect';
  const protocol = (request.protocol || 'https').toLowerCase() === 'http' ? 'http' : 'https';
  const hostHeader = request.headers.host ?? request.headers.Host;
  const target = new URL(`${protocol}://${hostHeader}`);
  const hostname = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(request.port || target.port || (protocol === 'https' ? 443 : 80));
  const query = request.query && Object.keys(request.query).length ? `?${stringifyQuery(request.query)}` : '';
  const path = `${request.pathname || '/'}${query}`;
  const method = (request.method || 'GET').toUpperCase();
  const payload = method === 'GET' || method === 'HEAD' ? undefined : await bodyBytes(request.body);
  const headers: Record<string, string | number> = { ...request.headers };
  if (payload) headers['content-length'] = payload.length;
  record.requestBytes = payload?.length ?? 0;

  const proxy = selectProxy({ protocol, hostname }, {
    httpProxy: runtime.httpProxy, httpsProxy: runtime.httpsProxy, noProxy: runtime.noProxy, bypassLoopback: ctx.bypassLoopback,
  });
  record.viaProxy = proxy ? `${proxy.hostname}:${proxy.port || 80}` : undefined;
  const connectTimeoutMs = Number(runtime.connectTimeout) > 0 ? Number(runtime.connectTimeout) : DEFAULT_CONNECT_TIMEOUT_MS;
  const readTimeoutMs = Number(runtime.readTimeout) > 0 ? Number(runtime.readTimeout) : DEFAULT_READ_TIMEOUT_MS;
  const tlsOptions: tls.ConnectionOptions = {
    ...(runtime.ca ? { ca: runtime.ca } : {}),
    ...(runtime.key ? { key: runtime.key } : {}),
    ...(runtime.cert ? { cert: runtime.cert } : {}),
    ...(runtime.ignoreSSL ? { rejectUnauthorized: false } : {}),
  };

  const socket = await openSocket({ protocol, hostname, port, proxy, connectTimeoutMs, tlsOptions });
  record.phase = 'send';

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      req.destroy();
      socket.destroy();
      reject(transportErrorFrom(err, record.phase ?? 'send'));
    };
    // A fresh connection per request, never a pooled one: a pooled socket the server has already closed
    // fails only after the request was written, which would make a produce look "maybe accepted".
    const lib = protocol === 'https' ? https : http;
    const req = lib.request({
      method, path, headers, host: hostname, port, agent: undefined,
      createConnection: () => socket,
    } as http.RequestOptions);
    // Idle timeout: covers a stalled upload (phase 'send') and a server that does not answer ('sent').
    socket.setTimeout(readTimeoutMs, () => {
      const phase = record.phase ?? 'send';
      fail(new TransportError(phase === 'send' ? 'WriteTimeout' : 'ReadTimeout', phase, '', 'ETIMEDOUT'));
    });
    req.once('finish', () => { if (record.phase === 'send') record.phase = 'sent'; });
    req.once('error', fail);
    req.once('response', (res) => {
      record.phase = 'response';
      record.responseStatus = res.statusCode;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('aborted', () => fail(new TransportError('ConnectionReset', 'response', '', 'ECONNRESET')));
      res.once('error', fail);
      res.once('end', () => {
        if (settled) return;
        settled = true;
        socket.setTimeout(0);
        socket.destroy();
        const buf = Buffer.concat(chunks);
        record.responseBytes = buf.length;
        const stream = Readable.from(buf.length ? [buf] : []);
        Object.assign(stream, { statusCode: res.statusCode, statusMessage: res.statusMessage, headers: res.headers });
        resolve(new (sdk.tea().Response)(stream as unknown as http.IncomingMessage));
      });
    });
    req.end(payload);
  });
}
