// The host tests' network guard (test/host/loopback-only.cjs, preloaded into code-server and installed
// in the integration tests' extension host): loopback connects, anything else is refused before a
// packet leaves and is written to the log the host runner fails on. Run in a child process so the
// guard never patches this one.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const GUARD = path.join(__dirname, '..', 'host', 'loopback-only.cjs');

const PROBE = `
const net = require('node:net'); const http = require('node:http'); const dns = require('node:dns');
const server = net.createServer((s) => { s.on('error', () => {}); s.end('hi'); }).listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const out = {};
  const attempt = (opts) => new Promise((resolve) => {
    const s = net.connect(opts); s.on('connect', () => { s.destroy(); resolve('connected'); }); s.on('error', (e) => resolve(e.code));
  });
  out.loopback = await attempt({ host: '127.0.0.1', port });
  out.localhost = await attempt({ host: 'localhost', port });
  out.ip = await attempt({ host: '192.0.2.1', port: 443 });
  out.name = await attempt({ host: 'vod.cn-shanghai.aliyuncs.com', port: 443 });
  out.http = await new Promise((resolve) => http.get('http://example.invalid/', () => resolve('answered')).on('error', (e) => resolve(e.code)));
  out.lookup = await new Promise((resolve) => dns.lookup('example.com', (e) => resolve(e ? e.code : 'resolved')));
  server.close();
  console.log(JSON.stringify(out));
});`;

suite('host tests: loopback-only network guard', () => {
  test('loopback connects; other addresses and names are refused and logged', () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vts-net-')), 'network.log');
    const r = spawnSync(process.execPath, ['--require', GUARD, '-e', PROBE], { env: { ...process.env, VOD_TIMELINE_NETWORK_LOG: log }, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    // http may reach the patched lookup or the patched connect first: refused either way.
    assert.ok(['ENOTFOUND', 'ECONNREFUSED'].includes(out.http), out.http);
    assert.deepEqual({ ...out, http: undefined }, { loopback: 'connected', localhost: 'connected', ip: 'ECONNREFUSED', name: 'ECONNREFUSED', http: undefined, lookup: 'ENOTFOUND' });
    const hosts = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l).host);
    assert.deepEqual(hosts, ['192.0.2.1', 'vod.cn-shanghai.aliyuncs.com', 'example.invalid', 'example.com']);
  });
});

suite('host tests: loopback guard installs once', () => {
  // code-server gets it twice (NODE_OPTIONS and --require), the integration index and the guard
  // extension require it again, possibly from another path: one patch, one record.
  test('a second copy required after the preload patches nothing and returns the preload record', () => {
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vts-guard-')), 'loopback-only.cjs');
    fs.copyFileSync(GUARD, copy);
    const probe = `
      const net = require('node:net'); const dns = require('node:dns');
      const mark = globalThis[Symbol.for('vod-timeline.loopback-guard')];
      const connect = net.Socket.prototype.connect; const lookup = dns.lookup;
      const again = require(${JSON.stringify(copy)});
      console.log(JSON.stringify({ preloaded: mark.preloaded, same: again === mark, connect: net.Socket.prototype.connect === connect, lookup: dns.lookup === lookup, name: connect.name }));`;
    const r = spawnSync(process.execPath, ['--require', GUARD, '--require', GUARD, '-e', probe], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, VOD_TIMELINE_NETWORK_LOG: '' } });
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { preloaded: true, same: true, connect: true, lookup: true, name: 'guardedConnect' });
  });

  test('required (not preloaded) it says so', () => {
    const r = spawnSync(process.execPath, ['-e', `console.log(JSON.stringify(require(${JSON.stringify(GUARD)}).preloaded))`], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'false');
  });
});
