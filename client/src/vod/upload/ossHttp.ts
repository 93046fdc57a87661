// The HTTP client ali-oss sends its requests through (its `urllib` option), instead of urllib itself.
// Why: inside VS Code's extension host the `http` module is patched for proxy support, and urllib's
// 'socket' handler then meets a socket without setTimeout and the request never goes out (seen in the
// host UI test: an upload stuck at its first 300 KB). This client opens its own socket the way the VOD
// client does (transport.ts: direct, or through the configured http proxy with CONNECT, loopback
// direct) and hands it to http.request, which the patch leaves alone. It answers in urllib's shape,
// the part ali-oss reads: { status, headers, data, res: { status, statusCode, headers, … } }, and fails
// like urllib, with `status` -1 (network) or -2 (timeout), so ali-oss's error mapping still applies.
// Its messages never quote the request: its headers hold the upload credential's token.

import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import { openSocket, selectProxy, DEFAULT_CONNECT_TIMEOUT_MS, type ProxySettings } from '../transport';
import type { TransportError } from '../errors';

interface OssHttpParams {
  method?: string;
  headers?: Record<string, string | number>;
  content?: Buffer | string;
  stream?: Readable;
  /** ms, or [connect, response]. */
  timeout?: number | [number, number];
}

interface OssHttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  data: Buffer;
  res: { status: number; statusCode: number; statusMessage?: string; headers: http.IncomingHttpHeaders; size: number; requestUrls: string[] };
}

function failure(name: string, status: -1 | -2, code?: string): Error {
  return Object.assign(new Error(code ? `${name} (${code})` : name), { name, status, code: code ?? name });
}

interface OssHttpOptions {
  proxy?: ProxySettings;
  connectTimeoutMs?: number;
  /** Body bytes handed to the socket as they go (a part's progress before OSS confirms it). */
  onSending?: (bytes: number) => void;
  /** A request with a body ended (answered or failed) after sending `bytes` of it. */
  onEnded?: (bytes: number) => void;
}

export function ossHttpClient(options: OssHttpOptions = {}): { request(url: string, params: OssHttpParams): Promise<OssHttpResult> } {
  return {
    async request(url: string, params: OssHttpParams): Promise<OssHttpResult> {
      const u = new URL(url);
      const protocol = u.protocol === 'https:' ? 'https' : 'http';
      const hostname = u.hostname.replace(/^\[|\]$/g, '');
      const port = Number(u.port || (protocol === 'https' ? 443 : 80));
      const [connectMs, responseMs] = Array.isArray(params.timeout) ? params.timeout : [options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, params.timeout ?? 120_000];
      let socket;
      try {
        const proxy = selectProxy({ protocol, hostname }, options.proxy ?? {});
        socket = await openSocket({ protocol, hostname, port, proxy, connectTimeoutMs: connectMs, tlsOptions: {} });
      } catch (e) {
        params.stream?.destroy();
        const t = e as TransportError;
        throw failure(t.kind === 'ConnectTimeout' ? 'ConnectionTimeoutError' : 'RequestError', t.kind === 'ConnectTimeout' ? -2 : -1, t.sysCode);
      }
      let sent = 0;
      const ended = () => { if (sent) options.onEnded?.(sent); };
      return new Promise<OssHttpResult>((resolve, reject) => {
        let settled = false;
        const fail = (err: Error) => {
          if (settled) return;
          settled = true;
          ended();
          params.stream?.destroy();
          req.destroy();
          socket.destroy();
          reject(err);
        };
        // Like urllib, a body given as content sets its own length: ali-oss can hand over headers that still
        // carry another request's Content-Length (multipart.js copies the part options into Complete's).
        const headers: Record<string, string | number> = { ...params.headers };
        if (params.content !== undefined) {
          for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-length') delete headers[k];
          headers['Content-Length'] = Buffer.byteLength(params.content);
        }
        const lib = protocol === 'https' ? https : http;
        const req = lib.request({
          method: params.method ?? 'GET', path: `${u.pathname}${u.search}`, headers, host: hostname, port, agent: undefined,
          createConnection: () => socket,
        } as http.RequestOptions);
        socket.setTimeout(responseMs, () => fail(failure('ResponseTimeoutError', -2, 'ETIMEDOUT')));
        req.once('error', (e: NodeJS.ErrnoException) => fail(failure(e?.code === 'ECONNRESET' ? 'ConnectionResetError' : 'RequestError', -1, typeof e?.code === 'string' ? e.code : undefined)));
        req.once('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.once('aborted', () => fail(failure('ResponseError', -1, 'ECONNRESET')));
          res.once('error', (e: NodeJS.ErrnoException) => fail(failure('ResponseError', -1, typeof e?.code === 'string' ? e.code : undefined)));
          res.once('end', () => {
            if (settled) return;
            settled = true;
            ended();
            socket.setTimeout(0);
            socket.destroy();
            const data = Buffer.concat(chunks);
            const status = res.statusCode ?? 0;
            resolve({
              status, headers: res.headers, data,
              res: { status, statusCode: status, statusMessage: res.statusMessage, headers: res.headers, size: data.length, requestUrls: [url] },
            });
          });
        });
        if (params.stream) {
          params.stream.once('error', (e: Error) => fail(e.name === 'cancel' ? Object.assign(new Error('cancel'), { name: 'cancel' }) : failure('RequestError', -1, 'ESTREAM')));
          params.stream.on('data', (c: Buffer | string) => {
            sent += c.length;
            options.onSending?.(c.length);
          });
          params.stream.pipe(req);
        } else {
          req.end(params.content);
        }
      });
    },
  };
}
