// Preloaded (NODE_OPTIONS=--require) into code-server and every Node process it starts (the extension
// host, our language server) during the host tests: "nothing in tests reaches the network except
// loopback" made a fact instead of a hope. A connection to anything but loopback or a Unix socket is
// refused at once (ECONNREFUSED, as a closed port would) and written, one JSON line per attempt, to the
// file named by VOD_TIMELINE_NETWORK_LOG, which the host runner reads back and reports as a failure.
// The runner also puts it on code-server's own command line (--require), because VS Code drops
// NODE_OPTIONS for extension hosts but forks them with the server's execArgv: so it is in place in
// every extension host before VS Code or any extension has run. It may be required more than once in
// a process (NODE_OPTIONS and --require, test/host/index.ts, the guard extension in
// test/host/guard-extension/): only the first patches; later ones return the same record.
'use strict';
const MARK = Symbol.for('vod-timeline.loopback-guard');
if (globalThis[MARK]) {
  module.exports = globalThis[MARK];
  return;
}
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');

const logFile = process.env.VOD_TIMELINE_NETWORK_LOG;
const LOOPBACK_NAMES = new Set(['localhost', 'ip6-localhost', 'ip6-loopback']);
const isLoopback = (host) => {
  if (host === undefined || host === null || host === '') return true; // net's default: localhost
  const h = String(host).replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.has(h) || h.endsWith('.localhost')) return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || h.startsWith('::ffff:127.');
  return false;
};
const record = (kind, host, port) => {
  if (!logFile) return;
  const stack = (new Error().stack ?? '').split('\n').slice(3, 9).map((l) => l.trim()).join(' | ');
  try { fs.appendFileSync(logFile, JSON.stringify({ t: new Date().toISOString(), kind, host: String(host), port: port ?? null, pid: process.pid, argv: process.argv.slice(1, 3).join(' ').slice(-160), stack }) + '\n'); } catch { /* the log is best effort; the refusal is not */ }
};
const refused = (host, port) => Object.assign(new Error(`connect ECONNREFUSED ${host}:${port ?? ''} (the host tests allow loopback only)`), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address: String(host), port });

// Names: every lookup of a name that is not loopback fails, as a resolver without that name would.
const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
  if (isLoopback(hostname)) return lookup.apply(this, arguments);
  const cb = typeof options === 'function' ? options : callback;
  record('dns', hostname);
  const e = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (the host tests allow loopback only)`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname });
  process.nextTick(() => cb(e));
  return {};
};
const promiseLookup = dns.promises.lookup;
dns.promises.lookup = async function guardedPromiseLookup(hostname, options) {
  if (isLoopback(hostname)) return promiseLookup.call(this, hostname, options);
  record('dns', hostname);
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (the host tests allow loopback only)`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname });
};

// Addresses: a socket to an IP that is not loopback (a literal skips the lookup above).
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  let opts = args[0];
  if (Array.isArray(opts)) opts = opts[0]; // the internal normalized form
  let host; let port; let pathName;
  if (opts && typeof opts === 'object') { host = opts.host; port = opts.port; pathName = opts.path; }
  else if (typeof opts === 'number' || (typeof opts === 'string' && /^\d+$/.test(opts))) { port = opts; host = typeof args[1] === 'string' ? args[1] : undefined; }
  else if (typeof opts === 'string') pathName = opts; // a Unix socket or pipe
  if (pathName === undefined && !isLoopback(host)) {
    record('connect', host, port);
    const e = refused(host, port);
    process.nextTick(() => this.destroy(e));
    return this;
  }
  return connect.apply(this, args);
};

// What the guard extension and test/host/index.ts report: a guard preloaded with --require (parent
// "internal/preload") was in place before anything else in this process ran.
module.exports = globalThis[MARK] = Object.freeze({
  installedAt: new Date().toISOString(),
  pid: process.pid,
  preloaded: module.parent?.id === 'internal/preload',
  file: __filename,
});
