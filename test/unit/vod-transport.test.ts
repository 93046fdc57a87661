// Proxy selection and the CONNECT tunnel, and the scoping of the transport hook.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';
import { EndpointError, parseProxyUrl, resolveCredentials, selectProxy, VodClient, VodError } from '../../client/src/vod';
import { startEmulator, type Emulator } from '../../emulator/src';
import { guardNetwork, SEED, type NetworkGuard } from './vod-fixtures.test';
import { wire } from '../helpers/vod';

interface TestProxy {
  port: number;
  connects: Array<{ target: string; auth?: string }>;
  close(): Promise<void>;
}

// A minimal HTTP CONNECT proxy on loopback that may only tunnel to loopback.
function startProxy(options: { refuse?: number } = {}): Promise<TestProxy> {
  const connects: TestProxy['connects'] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => { res.writeHead(405); res.end(); });
  server.on('connect', (req, client: net.Socket) => {
    sockets.add(client);
    connects.push({ target: String(req.url), auth: req.headers['proxy-authorization'] });
    if (options.refuse) {
      client.end(`HTTP/1.1 ${options.refuse} Refused\r\n\r\n`);
      return;
    }
    const [host, port] = String(req.url).split(':');
    assert.equal(host, '127.0.0.1');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: (server.address() as net.AddressInfo).port,
    connects,
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  })));
}

suite('vod transport: proxies', () => {
  let guard: NetworkGuard;
  let emu: Emulator;
  suiteSetup(async () => {
    guard = guardNetwork();
    emu = await startEmulator();
  });
  suiteTeardown(async () => {
    await emu.close();
    guard.restore();
    assert.deepEqual(guard.blocked, []);
  });

  test('selectProxy: https prefers httpsProxy, falls back to httpProxy; http uses httpProxy', () => {
    const host = (u?: URL) => u && u.host;
    assert.equal(host(selectProxy({ protocol: 'https', hostname: 'vod.cn-shanghai.aliyuncs.com' }, { httpsProxy: 'http://s:1', httpProxy: 'http://p:2' })), 's:1');
    assert.equal(host(selectProxy({ protocol: 'https', hostname: 'vod.cn-shanghai.aliyuncs.com' }, { httpProxy: 'p:2' })), 'p:2');
    assert.equal(host(selectProxy({ protocol: 'http', hostname: 'example.com' }, { httpsProxy: 'http://s:1' })), undefined);
    assert.equal(selectProxy({ protocol: 'https', hostname: 'vod.cn-shanghai.aliyuncs.com' }, {}), undefined);
  });

  test('selectProxy: noProxy (exact, suffix, *.domain, host:port, *) and loopback bypass', () => {
    const s = { httpsProxy: 'http://proxy:3128' };
    const via = (hostname: string, noProxy?: string, bypassLoopback?: boolean) => selectProxy({ protocol: 'https', hostname }, { ...s, noProxy, bypassLoopback }) !== undefined;
    assert.equal(via('vod.cn-shanghai.aliyuncs.com', 'aliyuncs.com'), false);
    assert.equal(via('vod.cn-shanghai.aliyuncs.com', '.aliyuncs.com'), false);
    assert.equal(via('vod.cn-shanghai.aliyuncs.com', '*.aliyuncs.com'), false);
    assert.equal(via('vod.cn-shanghai.aliyuncs.com', 'vod.cn-shanghai.aliyuncs.com:443'), false);
    assert.equal(via('vod.cn-shanghai.aliyuncs.com', 'example.com, other.org'), true);
    assert.equal(via('notaliyuncs.com', 'aliyuncs.com'), true);
    assert.equal(via('anything', '*'), false);
    assert.equal(via('127.0.0.1'), false);
    assert.equal(via('localhost'), false);
    assert.equal(via('127.0.0.1', undefined, false), true);
  });

  test('proxy URLs: host:port means http; https proxies and garbage are typed errors', () => {
    assert.equal(parseProxyUrl('proxy.local:3128').href, 'http://proxy.local:3128/');
    assert.throws(() => parseProxyUrl('https://proxy.local:3128'), EndpointError);
    assert.throws(() => parseProxyUrl('http://'), EndpointError);
    assert.throws(() => new VodClient({ credential: { getCredential: async () => ({}) }, proxy: { httpsProxy: 'socks5://x:1' } }), EndpointError);
  });

  test('calls go through an http proxy with CONNECT, with Basic proxy auth', async () => {
    const proxy = await startProxy();
    try {
      const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
      const c = new VodClient({
        credential, endpoint: emu.url, retry: false,
        proxy: { httpProxy: `http://user:p%40ss@127.0.0.1:${proxy.port}`, bypassLoopback: false },
      });
      for (const alg of ['ACS3-HMAC-SHA256', 'v2'] as const) {
        const v = new VodClient({ credential, endpoint: emu.url, retry: false, signatureAlgorithm: alg, proxy: { httpProxy: `127.0.0.1:${proxy.port}`, bypassLoopback: false } });
        assert.equal((await v.getVideoInfo({ VideoId: SEED.keynote })).Video.VideoId, SEED.keynote);
      }
      assert.equal((await c.getVideoInfo({ VideoId: SEED.keynote })).Video.VideoId, SEED.keynote);
      assert.equal(proxy.connects.length, 3);
      assert.equal(proxy.connects[0].target, `127.0.0.1:${emu.port}`);
      assert.equal(proxy.connects[2].auth, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
      // noProxy and the default loopback bypass skip the proxy.
      const direct = new VodClient({ credential, endpoint: emu.url, retry: false, proxy: { httpProxy: `127.0.0.1:${proxy.port}` } });
      await direct.getVideoInfo({ VideoId: SEED.keynote });
      const listed = new VodClient({ credential, endpoint: emu.url, retry: false, proxy: { httpProxy: `127.0.0.1:${proxy.port}`, noProxy: '127.0.0.1', bypassLoopback: false } });
      await listed.getVideoInfo({ VideoId: SEED.keynote });
      assert.equal(proxy.connects.length, 3);
    } finally {
      await proxy.close();
    }
  });

  test('a proxy that refuses the tunnel is a ProxyFailure before sending (rejected, retry-safe), without the credentials', async () => {
    const proxy = await startProxy({ refuse: 407 });
    try {
      const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
      const c = new VodClient({ credential, endpoint: emu.url, retry: false, proxy: { httpProxy: `http://user:hunter2@127.0.0.1:${proxy.port}`, bypassLoopback: false } });
      await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: SEED.keynote }] }] } })), (e: unknown) => {
        assert.ok(e instanceof VodError);
        assert.equal(e.code, 'ProxyFailure');
        assert.equal(e.outcome, 'rejected');
        assert.equal(e.retrySafe, true);
        assert.ok(!e.message.includes('hunter2'));
        return true;
      });
    } finally {
      await proxy.close();
    }
  });

  test('openapi-client used outside VodClient keeps its own transport', async () => {
    const api = new OpenApi(new $OpenApi.Config({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret, endpoint: `${emu.host}:${emu.port}`, protocol: 'http' }));
    const params = new $OpenApi.Params({ action: 'GetVideoInfo', version: '2017-03-21', protocol: 'HTTPS', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
    const res = await api.callApi(params, new $OpenApi.OpenApiRequest({ query: { VideoId: SEED.keynote } }), new $Util.RuntimeOptions({}));
    assert.equal((res.body as { Video: { VideoId: string } }).Video.VideoId, SEED.keynote);
    // Its errors still carry the request URL: the reason VodClient uses its own transport.
    const down = new OpenApi(new $OpenApi.Config({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret, endpoint: '127.0.0.1:1', protocol: 'http', signatureAlgorithm: 'v2' }));
    await assert.rejects(down.callApi(params, new $OpenApi.OpenApiRequest({ query: { VideoId: SEED.keynote } }), new $Util.RuntimeOptions({})), /Signature=/);
  });
});
