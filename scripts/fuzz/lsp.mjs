// Fuzzes the built LSP server (dist/server.js --stdio) at the byte level: a raw client writes framed
// (and mis-framed) messages itself, answers the server's own requests, and after every malformed
// message sends a probe (hover on a known document) that must be answered within the limit. Then
// mutated documents are opened and changed, and every request an editor sends is made on them at
// random positions, each with a deadline. The server must stay up and keep answering throughout.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRandom } from '../gen-timeline.mjs';
import { ROOT, tempDir } from '../robustness/bundle.mjs';
import { loadCorpus, makeDocument, schemaDictionary } from './mutate.mjs';

const SERVER = path.join(ROOT, 'dist', 'server.js');

/** Builds dist/ when the server bundle is missing or older than its sources. */
function ensureServerBuilt() {
  const newest = (dir) => {
    let t = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }
    return t;
  };
  const built = fs.existsSync(SERVER) ? fs.statSync(SERVER).mtimeMs : 0;
  if (built < newest(path.join(ROOT, 'server', 'src'))) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
}

function frame(body, headers) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  return Buffer.concat([Buffer.from(headers ?? `Content-Length: ${bytes.length}\r\n\r\n`, 'latin1'), bytes]);
}

/** A raw LSP client over the server's stdio: framing done here, so it can be done wrong on purpose. */
class RawClient {
  constructor(folder) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' } });
    this.exited = undefined;
    this.proc.on('exit', (code, signal) => { this.exited = { code, signal }; for (const w of this.waiters.values()) w(undefined); });
    this.proc.stdin.on('error', () => undefined);
    this.stderr = '';
    this.proc.stderr.on('data', (d) => { if (this.stderr.length < 100_000) this.stderr += d; });
    this.buffer = Buffer.alloc(0);
    this.waiters = new Map();
    this.responses = new Map();
    this.logErrors = [];
    this.nextId = 1;
    this.peakRssKiB = 0;
    this.proc.stdout.on('data', (d) => this.onData(d));
  }

  onData(chunk) {
    // Chunks are kept apart until a whole frame is there: concatenating the growing buffer on every
    // chunk made a large response (diagnostics of a big document) quadratic to receive.
    this.chunks = this.chunks ?? [];
    this.chunks.push(chunk);
    this.pending = (this.pending ?? 0) + chunk.length;
    if (this.need !== undefined && this.pending < this.need) return;
    this.buffer = Buffer.concat([this.buffer, ...this.chunks]);
    this.chunks = [];
    this.pending = 0;
    this.need = undefined;
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = this.buffer.subarray(0, end).toString('latin1');
      const m = /Content-Length: *(\d+)/i.exec(header);
      if (!m) throw new Error(`server sent a frame without Content-Length: ${header}`);
      const length = Number(m[1]);
      if (this.buffer.length < end + 4 + length) {
        this.need = end + 4 + length - this.buffer.length;
        return;
      }
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.onMessage(JSON.parse(body));
    }
  }

  onMessage(msg) {
    if (msg.method && msg.id !== undefined) {
      // The server's requests: configuration, capability registration, MediaIds, cloud lookups.
      const result = msg.method === 'workspace/configuration' ? (msg.params?.items ?? []).map(() => ({}))
        : msg.method === 'vodTimeline/mediaIds' ? { items: [] } : null;
      this.write(frame({ jsonrpc: '2.0', id: msg.id, result }));
      return;
    }
    if (msg.method === 'window/logMessage' && msg.params?.type === 1) {
      if (this.logErrors.length < 200) this.logErrors.push(String(msg.params.message).split('\n')[0].slice(0, 300));
      return;
    }
    if (msg.method) return;
    this.responses.set(msg.id, msg);
    this.waiters.get(msg.id)?.(msg);
  }

  write(bytes) {
    if (this.exited) return;
    this.proc.stdin.write(bytes);
  }

  sampleRss() {
    try {
      const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) this.peakRssKiB = Math.max(this.peakRssKiB, Number(hwm[1]));
    } catch {
      // not Linux, or gone
    }
  }

  /** Sends a well-formed request; resolves with the response, or undefined after `timeoutMs`. */
  request(method, params, timeoutMs) {
    const id = this.nextId++;
    return this.requestWithId(id, { jsonrpc: '2.0', id, method, params }, timeoutMs);
  }

  requestWithId(id, message, timeoutMs, bytes) {
    return new Promise((resolve) => {
      if (this.exited) return resolve(undefined);
      const timer = setTimeout(() => { this.waiters.delete(id); resolve(undefined); }, timeoutMs);
      this.waiters.set(id, (msg) => { clearTimeout(timer); this.waiters.delete(id); resolve(msg); });
      this.write(bytes ?? frame(message));
    });
  }

  notify(method, params) {
    this.write(frame({ jsonrpc: '2.0', method, params }));
  }

  async close() {
    if (!this.exited) {
      await this.request('shutdown', null, 2000);
      this.notify('exit');
      await new Promise((r) => { const t = setTimeout(() => { this.proc.kill('SIGKILL'); r(); }, 2000); this.proc.once('exit', () => { clearTimeout(t); r(); }); });
    }
  }
}

const KNOWN = 'file:///fuzz/known.timeline.json';
const KNOWN_TEXT = '{\n  "VideoTracks": [{ "VideoTrackClips": [{ "MediaId": "4b15846bcb3ea8c958fe1e7f3da85ae2", "In": 0, "Out": 5 }] }]\n}\n';

/** The malformed messages, as bytes; `id` is the request id a well-behaved server answers, if any. */
function malformedMessage(rnd, i, big) {
  const id = 1_000_000 + i;
  const body = (o) => JSON.stringify(o);
  const pos = () => rnd.pick([{ line: 0, character: 1 }, { line: -1, character: -1 }, { line: 1e9, character: 1e9 }, { line: 0.5, character: '3' }, { line: null }, 'x', 7, [], {}, { line: 2 ** 53, character: 2 ** 53 }]);
  const uri = () => rnd.pick([KNOWN, 'file:///fuzz/never-opened.timeline.json', 'untitled:Untitled-9', '', 'weird:%%%', 'file:///../../etc/passwd', 5, null, { uri: KNOWN }, 'file:///fuzz/%E0%A4%A.timeline.json']);
  const textDocument = () => rnd.pick([{ uri: uri() }, uri(), null, 5, [], { uri: KNOWN, version: 'x' }]);
  const methods = ['textDocument/hover', 'textDocument/completion', 'completionItem/resolve', 'textDocument/documentSymbol', 'textDocument/foldingRange',
    'textDocument/selectionRange', 'textDocument/formatting', 'textDocument/rangeFormatting', 'textDocument/codeAction', 'textDocument/definition',
    'textDocument/references', 'textDocument/prepareRename', 'textDocument/rename', 'textDocument/diagnostic', 'vodTimeline/summary',
    'vodTimeline/produceRequest', 'vodTimeline/layout', 'workspace/executeCommand', 'foo/bar', '', '$/unknown', 'initialize'];
  const notifications = ['textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'textDocument/didSave', 'workspace/didChangeConfiguration',
    'workspace/didChangeWatchedFiles', '$/cancelRequest', '$/setTrace', 'vodTimeline/cloudRefresh', 'initialized', 'foo/notify'];
  const randomParams = () => rnd.pick([
    null, 5, 'x', [], [1, 2], true, {}, { textDocument: textDocument(), position: pos() },
    { textDocument: textDocument(), range: { start: pos(), end: pos() }, context: rnd.pick([{ diagnostics: 'x' }, { diagnostics: [{ range: 5 }] }, null, { only: 7 }]) },
    { textDocument: textDocument(), options: rnd.pick([null, { tabSize: -4, insertSpaces: 'yes' }, { tabSize: 1e9, insertSpaces: true }]) },
    { textDocument: textDocument(), positions: rnd.pick([null, [pos(), pos()], 'x']) },
    { textDocument: textDocument(), position: pos(), newName: rnd.pick([null, 5, '', 'a'.repeat(100_000)]) },
    { textDocument: textDocument(), position: pos(), context: { includeDeclaration: 'yes' } },
    { uri: uri(), appId: rnd.pick([5, null, 'x']) },
    { label: rnd.pick([null, 5, 'MediaId']), data: rnd.pick([null, { x: 1 }, 'x', [1]]) },
    { textDocument: { uri: uri(), languageId: rnd.pick(['vod-timeline', 'json', 5]), version: rnd.pick([1, -1, 'x', 1e308]), text: rnd.pick([KNOWN_TEXT, null, 5, '{"a":', '\ud800']) } },
    { textDocument: { uri: uri(), version: rnd.pick([2, 1, -5, null]) }, contentChanges: rnd.pick([null, 'x', [{ text: 5 }], [{ range: { start: pos(), end: pos() }, text: 'x' }], [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 1 } }, text: '{' }], [{ text: '{"VideoTracks":[' }]]) },
    { settings: rnd.pick([null, 5, { vodTimeline: { region: 5, validation: { delay: rnd.pick([-1e9, 'x', 1e12, null]), workspace: 7, maxFiles: 'x' }, cloud: 'x' } }]) },
    { changes: rnd.pick([null, 'x', [{ uri: uri(), type: rnd.pick([1, 2, 3, 99, 'x']) }]]) },
    { id: rnd.pick([null, 'x', 999_999, {}]) },
    { value: rnd.pick(['verbose', 'x', 5]) },
    { capabilities: rnd.pick([null, 5, {}]), processId: 'x', rootUri: 5, workspaceFolders: 'x' },
    { command: rnd.pick([null, 5, 'vodTimeline.fixAll']), arguments: 'x' },
  ]);
  const kind = rnd.int(0, 25);
  switch (kind) {
    case 0: return { framing: true, what: 'header without Content-Length', bytes: Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: KNOWN }, position: { line: 0, character: 1 } } })}`) };
    case 1: return { framing: true, what: 'Content-Length not a number', bytes: frame('{}', `Content-Length: ${rnd.pick(['abc', '', '0x10', 'NaN', '1e3', ' '])}\r\n\r\n`) };
    case 2: return { framing: true, what: 'negative Content-Length', bytes: frame('{"jsonrpc":"2.0"}', 'Content-Length: -5\r\n\r\n') };
    case 3: return { framing: true, what: 'header line without a colon', bytes: frame('{"jsonrpc":"2.0","method":"foo"}', `Content-Length ${17}\r\nGarbage\r\n\r\n`) };
    case 4: {
      const b = body({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: KNOWN }, position: { line: 0, character: 1 } } });
      return { framing: true, what: 'Content-Length shorter than the body', bytes: frame(b, `Content-Length: ${rnd.int(1, b.length - 1)}\r\n\r\n`) };
    }
    case 5: {
      const b = body({ jsonrpc: '2.0', method: 'foo/bar' });
      return { framing: true, what: 'Content-Length longer than the body', bytes: frame(b, `Content-Length: ${b.length + rnd.int(1, 300)}\r\n\r\n`) };
    }
    case 6: return { framing: true, what: 'LF-only header', bytes: Buffer.from(`Content-Length: 2\n\n{}`) };
    case 7: return { framing: true, what: 'huge header', bytes: frame('{}', `X-Junk: ${'x'.repeat(rnd.int(10_000, 200_000))}\r\nContent-Length: 2\r\n\r\n`) };
    case 8: return { framing: true, what: 'two Content-Length headers', bytes: frame('{"jsonrpc":"2.0","method":"foo"}', 'Content-Length: 5\r\nContent-Length: 31\r\n\r\n') };
    case 9: return { framing: true, what: 'unknown charset', bytes: frame('{"jsonrpc":"2.0","method":"foo"}', `Content-Length: 31\r\nContent-Type: application/vscode-jsonrpc; charset=${rnd.pick(['latin1', 'utf-16', 'ebcdic', ''])}\r\n\r\n`) };
    case 10: return { what: 'empty body', bytes: frame('') };
    case 11: return { what: 'invalid JSON body', bytes: frame(rnd.pick(['{', '{"jsonrpc":"2.0","id":1,"method":}', 'nul', '{"a":1,}', "{'jsonrpc':'2.0'}", '\u0000\u0001', '\ud800', `{"jsonrpc":"2.0","id":${id},"method":"textDocument/hover","params":{`, '[' .repeat(rnd.int(10, 100_000))])) };
    case 12: return { what: 'JSON body that is not a message', bytes: frame(rnd.pick(['[]', '1', '"x"', 'null', 'true', `[${body({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: {} })}]`, '{}'])) };
    case 13: return { what: 'wrong or missing jsonrpc version', id, bytes: frame({ jsonrpc: rnd.pick(['1.0', 2, null, undefined]), id, method: 'textDocument/hover', params: { textDocument: { uri: KNOWN }, position: { line: 0, character: 1 } } }) };
    case 14: return { what: 'odd request id', bytes: frame({ jsonrpc: '2.0', id: rnd.pick([{}, [], 1.5, -1, 1e300, true, '']), method: rnd.pick(methods), params: randomParams() }) };
    case 15: return { what: 'method not a string', bytes: frame({ jsonrpc: '2.0', id, method: rnd.pick([5, null, {}, []]), params: {} }) };
    case 16: case 17: case 18: {
      const method = rnd.pick(methods);
      return { what: `request ${method || '(empty)'} with wrong params`, id, bytes: frame({ jsonrpc: '2.0', id, method, params: randomParams() }) };
    }
    case 19: case 20: {
      const method = rnd.pick(notifications);
      return { what: `notification ${method} with wrong params`, bytes: frame({ jsonrpc: '2.0', method, params: randomParams() }) };
    }
    case 21: {
      const method = rnd.pick(methods.slice(0, 17));
      return { what: `${method} for a document that is not open`, id, bytes: frame({ jsonrpc: '2.0', id, method, params: { textDocument: { uri: `file:///fuzz/not-open-${i}.timeline.json` }, position: { line: 0, character: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] }, options: { tabSize: 2, insertSpaces: true }, positions: [{ line: 0, character: 0 }], newName: 'x', uri: `file:///fuzz/not-open-${i}.timeline.json` } }) };
    }
    case 22: return { what: 'response to a request never sent', bytes: frame({ jsonrpc: '2.0', id: rnd.pick([999_999, 'x', null]), ...(rnd.chance(0.5) ? { result: { x: 1 } } : { error: { code: -1, message: 'x' } }) }) };
    case 23: {
      // A huge but well-formed message: a didOpen of several MB, or a huge invalid body.
      const text = rnd.chance(0.5) ? big : 'x'.repeat(rnd.int(1_000_000, 8_000_000));
      return rnd.chance(0.7)
        ? { what: `huge didOpen (${(text.length / 1e6).toFixed(1)} MB)`, bytes: frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: `file:///fuzz/huge-${i}.timeline.json`, languageId: 'vod-timeline', version: 1, text } } }) }
        : { what: `huge invalid body (${(text.length / 1e6).toFixed(1)} MB)`, bytes: frame(`{"jsonrpc":"2.0","method":"x","params":"${text}`) };
    }
    case 24: return { what: 'a message split into 1-byte writes', id, bytes: frame({ jsonrpc: '2.0', id, method: 'textDocument/documentSymbol', params: { textDocument: { uri: KNOWN } } }), trickle: true };
    default: return { framing: true, what: 'random bytes', bytes: Buffer.from(Array.from({ length: rnd.int(1, 2000) }, () => rnd.int(0, 255))) };
  }
}

/**
 * Runs the LSP fuzz; prints one `lsp:` line and returns { clean }.
 * messages: malformed messages to send; docs: mutated documents to open and query.
 */
export async function runLspFuzz({ seed, messages, docs, timeoutMs, findings }) {
  ensureServerBuilt();
  const rnd = createRandom(`${seed}:lsp`);
  const { dir: folder, cleanup } = tempDir('fuzz-lsp');
  const corpus = loadCorpus();
  const dict = schemaDictionary();
  // A workspace for the server's own scan of unopened files: mutated timelines and a broken config.
  for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(folder, `w${i}.timeline.json`), makeDocument(`${seed}:ws`, i, corpus, dict).text);
  fs.writeFileSync(path.join(folder, 'vod-timeline.config.json'), '{ "region": 5, "rules": { "timing/*": "loud", ');
  const big = corpus.reduce((a, c) => (c.text.length > a.length ? c.text : a), '').repeat(20);

  const client = new RawClient(folder);
  const started = Date.now();
  const figures = { malformed: 0, probes: 0, probesAnswered: 0, resyncs: 0, unresponsive: 0, answered: 0, expected: 0, docs: 0, requests: 0, late: 0, slowOnce: 0, slowestMs: 0, slowest: '' };
  const problems = [];
  const folderUri = `file://${folder}`;
  const init = await client.request('initialize', {
    processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'fuzz' }], locale: 'en',
    capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } }, initializationOptions: { mediaIds: true, cloud: false },
  }, 10_000);
  if (!init?.result) throw new Error(`the server did not initialize: ${JSON.stringify(init)} ${client.stderr}`);
  client.notify('initialized', {});
  client.notify('textDocument/didOpen', { textDocument: { uri: KNOWN, languageId: 'vod-timeline', version: 1, text: KNOWN_TEXT } });

  const probe = async () => {
    figures.probes++;
    const answer = client.request('textDocument/hover', { textDocument: { uri: KNOWN }, position: { line: 1, character: 6 } }, timeoutMs);
    // After a framing error vscode-jsonrpc stops reading what it has buffered until more bytes
    // arrive (an editor always sends more): a harmless `$/` notification behind the probe does that.
    setTimeout(() => client.notify('$/fuzz/kick', {}), 20);
    const r = await answer;
    if (r) figures.probesAnswered++;
    return r;
  };

  for (let i = 0; i < messages && !client.exited; i++) {
    const m = malformedMessage(rnd, i, big);
    figures.malformed++;
    if (m.trickle) {
      for (const b of m.bytes) { client.write(Buffer.from([b])); if (rnd.chance(0.02)) await new Promise((r) => setImmediate(r)); }
    } else {
      client.write(m.bytes);
    }
    // The server keeps answering: a probe right after, resent (behind a separator that completes a
    // body a Content-Length promised and ends any header block) until one is answered. After a
    // broken frame the separator goes first: the frame after a broken one is lost with it.
    const separator = Buffer.from(' '.repeat(400) + '\r\n\r\n');
    if (m.framing) client.write(separator);
    let ok = await probe();
    let tries = 1;
    while (!ok && !client.exited && tries < 6) {
      tries++;
      client.write(separator);
      ok = await probe();
    }
    if (tries > 1 && ok) { figures.resyncs++; if (process.env.FUZZ_DEBUG) console.log(`resync after ${m.what}: ${tries} probes`); }
    if (!ok) {
      figures.unresponsive++;
      problems.push(`no answer after "${m.what}" (message ${i})${client.exited ? `: the server exited (${JSON.stringify(client.exited)})` : ''}`);
      if (client.exited) break;
    }
    if (m.id !== undefined) {
      figures.expected++;
      if (client.responses.has(m.id)) figures.answered++;
    }
    if (i % 50 === 0) client.sampleRss();
    if (messages >= 500 && (i + 1) % Math.floor(messages / 5) === 0) console.log(`  lsp: ${i + 1} malformed messages, ${figures.unresponsive} unanswered (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }

  // Mutated documents through every request an editor makes, each with a deadline.
  const requests = ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/selectionRange',
    'textDocument/formatting', 'textDocument/rangeFormatting', 'textDocument/codeAction', 'textDocument/definition', 'textDocument/references',
    'textDocument/prepareRename', 'textDocument/rename', 'textDocument/diagnostic', 'vodTimeline/summary', 'vodTimeline/produceRequest', 'vodTimeline/layout'];
  for (let i = 0; i < docs && !client.exited; i++) {
    const d = makeDocument(`${seed}:lsp-doc`, i, corpus, dict);
    if (d.text.length > 3_000_000) continue;
    figures.docs++;
    const uri = `file:///fuzz/doc-${i % 7}.timeline.json`;
    const version = i + 2;
    if (i % 7 === i % 3) client.notify('textDocument/didClose', { textDocument: { uri } });
    if (rnd.chance(0.5)) client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'vod-timeline', version, text: d.text } });
    else client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: d.text }] });
    const lines = d.text.split('\n');
    const position = () => {
      const line = d.rnd.int(0, lines.length - 1);
      return { line, character: d.rnd.int(0, lines[line].length) };
    };
    for (let k = 0; k < 4; k++) {
      const method = d.rnd.pick(requests);
      const a = position();
      const params = {
        textDocument: { uri }, position: a, range: { start: a, end: position() }, positions: [a, position()],
        context: { diagnostics: [], includeDeclaration: true }, options: { tabSize: 2, insertSpaces: true }, newName: 'renamed', uri,
      };
      figures.requests++;
      const t0 = Date.now();
      const r = await client.request(method, params, Math.max(timeoutMs, 5000));
      const ms = Date.now() - t0;
      if (ms > figures.slowestMs) { figures.slowestMs = ms; figures.slowest = `${method} on document ${i} (${d.text.length} chars)`; }
      if (ms > timeoutMs && r) {
        // Asked again at once (same document, same version): a second slow answer is the server's,
        // a fast one means the machine was busy (a loaded CI runner, a GC pause).
        const t1 = Date.now();
        await client.request(method, params, Math.max(timeoutMs, 5000));
        const again = Date.now() - t1;
        if (again > timeoutMs) {
          figures.late++;
          const file = path.join(findings, `lsp-slow-seed${seed}-doc${i}.timeline.json`);
          fs.writeFileSync(file, d.text);
          problems.push(`${method} took ${ms} ms, then ${again} ms, on document ${i} (${path.relative(ROOT, file)})`);
        } else {
          figures.slowOnce++;
        }
      } else if (!r) {
        figures.late++;
        problems.push(`${method} got no answer within ${Math.max(timeoutMs, 5000)} ms on document ${i}`);
      }
      if (!r) break;
    }
    if (i % 20 === 0) client.sampleRss();
    if (docs >= 250 && (i + 1) % Math.floor(docs / 5) === 0) console.log(`  lsp: ${i + 1} documents, ${figures.requests} requests, ${figures.late} late (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }

  const finalProbe = await probe();
  client.sampleRss();
  const alive = !client.exited && Boolean(finalProbe);
  const seconds = (Date.now() - started) / 1000;
  const handlerErrors = client.logErrors.length;
  await client.close();
  cleanup();
  if (!alive) problems.push(`the server is not answering at the end${client.exited ? ` (exited: ${JSON.stringify(client.exited)})` : ''}; stderr: ${client.stderr.slice(-2000)}`);
  // The first problems, and the last: whether the server was still there at the end.
  for (const p of problems.length > 11 ? [...problems.slice(0, 10), problems.at(-1)] : problems) console.log(`  lsp problem: ${p}`);
  if (handlerErrors) {
    const kinds = [...new Set(client.logErrors.map((e) => e.replace(/:.*/, '')))];
    console.log(`  lsp: ${handlerErrors} request(s) failed inside a guarded handler and were answered with the fallback (${kinds.slice(0, 8).join('; ')})`);
  }
  console.log(`lsp: ${figures.malformed} malformed messages, ${figures.probesAnswered}/${figures.probes} probes answered (${figures.resyncs} after a resync), ${figures.unresponsive} unanswered, ${figures.answered}/${figures.expected} malformed requests answered; ${figures.docs} documents, ${figures.requests} requests, ${figures.late} over ${timeoutMs} ms (${figures.slowOnce} more were slow once and fast when asked again; slowest ${figures.slowestMs} ms: ${figures.slowest || '-'}); server ${alive ? 'alive' : 'DEAD'}, peak RSS ${(client.peakRssKiB / 1024).toFixed(0)} MB, ${seconds.toFixed(1)} s`);
  return { clean: alive && figures.unresponsive === 0 && figures.late === 0, figures, problems };
}
