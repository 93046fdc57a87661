// Fuzzes the built LSP server (dist/server.js --stdio) at the byte level: a raw client writes framed
// (and mis-framed) messages itself, answers the server's own requests, and after every malformed
// message sends a well-formed probe (hover on a known document) that must be answered: the server's
// stdio reader resynchronises on the next Content-Length header (server/src/framing.ts), so a probe
// with no answer is a failure. Then mutated documents are opened and changed, and every request an
// editor sends is made on them at random positions. Every wait here is bounded: a probe or request
// with no answer within its deadline is counted and the phase goes on, writes wait for the server to
// read them for a bounded time, the phase stops after a run of unanswered probes or past its time
// budget, and closing the server ends in SIGKILL.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRandom } from '../gen-timeline.mjs';
import { ROOT, tempDir } from '../robustness/bundle.mjs';
import { loadCorpus, makeDocument, schemaDictionary } from './mutate.mjs';

const SERVER = path.join(ROOT, 'dist', 'server.js');
/** A probe, or a request on a mutated document, unanswered after this long counts as unanswered. */
const ANSWER_MS = 5000;
/** The server not reading its input for this long (a write not drained) is a stall. */
const DRAIN_MS = 10_000;
/** After this many unanswered probes in a row the server is taken to be gone, and the phase ends. */
const GIVE_UP_AFTER = 5;

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
  if (built < newest(path.join(ROOT, 'server', 'src'))) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore', timeout: 300_000 });
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
    this.waiters = new Map();
    this.proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
      for (const w of [...this.waiters.values()]) w(undefined);
    });
    this.proc.on('error', (e) => { this.spawnError = String(e); });
    this.proc.stdin.on('error', () => undefined);
    this.stderr = '';
    this.proc.stderr.on('data', (d) => { if (this.stderr.length < 100_000) this.stderr += d; });
    this.buffer = Buffer.alloc(0);
    this.responses = new Map();
    this.logErrors = [];
    this.outputProblems = [];
    this.nextId = 1;
    this.peakRssKiB = 0;
    this.stalls = 0;
    // While a message is written in pieces, answers to the server's requests wait: written in
    // between, they would land inside that message.
    this.holding = false;
    this.held = [];
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
      if (!m) {
        // The server's output is broken: noted (a failure), and skipped past.
        if (this.outputProblems.length < 20) this.outputProblems.push(`a frame without Content-Length: ${JSON.stringify(header.slice(0, 200))}`);
        this.buffer = this.buffer.subarray(end + 4);
        continue;
      }
      const length = Number(m[1]);
      if (this.buffer.length < end + 4 + length) {
        this.need = end + 4 + length - this.buffer.length;
        return;
      }
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(end + 4 + length);
      let msg;
      try {
        msg = JSON.parse(body);
      } catch (e) {
        if (this.outputProblems.length < 20) this.outputProblems.push(`a body that is not JSON (${e.message}): ${JSON.stringify(body.slice(0, 200))}`);
        continue;
      }
      this.onMessage(msg);
    }
  }

  onMessage(msg) {
    if (msg.method && msg.id !== undefined) {
      // The server's requests: configuration, capability registration, MediaIds, cloud lookups.
      const result = msg.method === 'workspace/configuration' ? (msg.params?.items ?? []).map(() => ({}))
        : msg.method === 'vodTimeline/mediaIds' ? { items: [] } : null;
      const answer = frame({ jsonrpc: '2.0', id: msg.id, result });
      if (this.holding) this.held.push(answer);
      else void this.send(answer);
      return;
    }
    if (msg.method === 'window/logMessage' && msg.params?.type === 1) {
      this.logErrors.push({ phase: this.phase, message: String(msg.params.message).split('\n')[0].slice(0, 300) });
      if (this.logErrors.length > 1000) this.logErrors.splice(500, 1);
      return;
    }
    if (msg.method) return;
    this.responses.set(msg.id, msg);
    this.waiters.get(msg.id)?.(msg);
  }

  /**
   * Writes `bytes`; resolves true once the server has taken them (or they are buffered below the
   * stream's high-water mark), false when it has exited or has not read them within DRAIN_MS.
   */
  send(bytes) {
    if (this.exited) return Promise.resolve(false);
    if (this.proc.stdin.write(bytes)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok) => {
        clearTimeout(timer);
        this.proc.stdin.off('drain', onDrain);
        this.proc.off('exit', onExit);
        if (!ok && !this.exited) this.stalls++;
        resolve(ok);
      };
      const onDrain = () => done(true);
      const onExit = () => done(false);
      const timer = setTimeout(() => done(false), DRAIN_MS);
      this.proc.stdin.once('drain', onDrain);
      this.proc.once('exit', onExit);
    });
  }

  /** Writes `bytes` a byte at a time (yielding now and then), with nothing else in between. */
  async trickle(bytes, rnd) {
    this.holding = true;
    try {
      for (const b of bytes) {
        if (!(await this.send(Buffer.from([b])))) return;
        if (rnd.chance(0.02)) await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.holding = false;
      for (const answer of this.held.splice(0)) void this.send(answer);
    }
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
    return new Promise((resolve) => {
      if (this.exited) return resolve(undefined);
      const timer = setTimeout(() => { this.waiters.delete(id); resolve(undefined); }, timeoutMs);
      this.waiters.set(id, (msg) => { clearTimeout(timer); this.waiters.delete(id); resolve(msg); });
      void this.send(frame({ jsonrpc: '2.0', id, method, params }));
    });
  }

  notify(method, params) {
    return this.send(frame({ jsonrpc: '2.0', method, params }));
  }

  /** shutdown + exit, each bounded; SIGKILL when the server is still there after that. */
  async close() {
    if (this.exited) return;
    await this.request('shutdown', null, 2000);
    void this.notify('exit');
    await new Promise((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => { this.proc.kill('SIGKILL'); resolve(); }, 2000);
      this.proc.once('exit', () => { clearTimeout(timer); resolve(); });
    });
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
    'vodTimeline/produceRequest', 'vodTimeline/layout', 'workspace/executeCommand', 'foo/bar', '', '$/unknown', 'initialize',
    'textDocument/documentColor', 'textDocument/colorPresentation', 'textDocument/inlayHint', 'inlayHint/resolve'];
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
    { textDocument: textDocument(), range: { start: pos(), end: pos() }, color: rnd.pick([null, 'red', { red: 'x' }, { red: 2, green: -1, blue: 1e308, alpha: null }]) },
    { position: pos(), label: rnd.pick([null, 5, '0–8 s', [{ value: 'x' }]]), data: rnd.pick([null, { uri: uri(), offset: rnd.pick([-1, 1e12, 'x', 3]) }, { uri: KNOWN, offset: 0, version: 'x' }]) },
    { textDocument: { uri: uri(), languageId: rnd.pick(['vod-timeline', 'json', 5]), version: rnd.pick([1, -1, 'x', 1e308]), text: rnd.pick([KNOWN_TEXT, null, 5, '{"a":', '\ud800']) } },
    { textDocument: { uri: uri(), version: rnd.pick([2, 1, -5, null]) }, contentChanges: rnd.pick([null, 'x', [{ text: 5 }], [{ range: { start: pos(), end: pos() }, text: 'x' }], [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 1 } }, text: '{' }], [{ text: '{"VideoTracks":[' }]]) },
    { settings: rnd.pick([null, 5, { vodTimeline: { region: 5, validation: { delay: rnd.pick([-1e9, 'x', 1e12, null]), workspace: 7, maxFiles: 'x' }, cloud: 'x' } }]) },
    { changes: rnd.pick([null, 'x', [{ uri: uri(), type: rnd.pick([1, 2, 3, 99, 'x']) }]]) },
    { id: rnd.pick([null, 'x', 999_999, {}]) },
    { value: rnd.pick(['verbose', 'x', 5]) },
    { capabilities: rnd.pick([null, 5, {}]), processId: 'x', rootUri: 5, workspaceFolders: 'x' },
    { command: rnd.pick([null, 5, 'vodTimeline.fixAll']), arguments: 'x' },
  ]);
  const kind = rnd.int(0, 26);
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
    case 25: {
      // A run of broken frames in one write: headers promising more than follows, negative lengths, junk.
      const parts = Array.from({ length: rnd.int(5, 100) }, () => rnd.pick([
        `Content-Length: ${rnd.int(50, 100_000)}\r\n\r\n{"jsonrpc":"2.0","id":`, 'Content-Length: -5\r\n\r\n{}', 'Content-Length: \r\n', 'Content-Length: 3\r\nX', '\r\n\r\n', 'Content-Len',
      ]));
      return { framing: true, what: `a run of ${parts.length} broken frames`, bytes: Buffer.from(parts.join(''), 'latin1') };
    }
    default: return { framing: true, what: 'random bytes', bytes: Buffer.from(Array.from({ length: rnd.int(1, 2000) }, () => rnd.int(0, 255))) };
  }
}

/**
 * Runs the LSP fuzz; prints its `lsp:` lines and returns { clean, figures, failures, summary }:
 * `failures` names what makes the run fail, `summary` is the phase's part of the closing line.
 * messages: malformed messages to send; docs: mutated documents to open and query; timeoutMs: a
 * request slower than this twice is slow; budgetMs: the phase stops there (a failure).
 */
export async function runLspFuzz({ seed, messages, docs, timeoutMs, findings, budgetMs = 8 * 60_000 }) {
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
  client.phase = 'start';
  const started = Date.now();
  const figures = {
    malformed: 0, probes: 0, probesAnswered: 0, unansweredProbes: 0, slowProbes: 0, slowestProbeMs: 0, answered: 0, expected: 0, slowMessages: 0, slowMessagesLost: 0,
    docs: 0, requests: 0, slow: 0, slowOnce: 0, unansweredRequests: 0, errorResponses: 0, slowestMs: 0, slowest: '',
    ruleExceptions: 0, uncaught: 0, handlerErrors: 0, malformedHandlerErrors: 0, stalls: 0, cutShort: '', alive: false,
    typingDocs: 0, typingEdits: 0, typingMismatches: 0,
  };
  const problems = [];
  let savedMessages = 0;
  const saveMessage = (i, m) => {
    if (savedMessages++ >= 5) return '';
    const file = path.join(findings, `lsp-unanswered-seed${seed}-msg${i}.bin`);
    fs.writeFileSync(file, m.bytes);
    return ` (${path.relative(ROOT, file)})`;
  };
  const saveDoc = (kind, i, text) => {
    const file = path.join(findings, `lsp-${kind}-seed${seed}-doc${i}.timeline.json`);
    fs.writeFileSync(file, text);
    return path.relative(ROOT, file);
  };
  const overBudget = () => Date.now() - started > budgetMs;

  try {
    const folderUri = `file://${folder}`;
    const init = await client.request('initialize', {
      processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'fuzz' }], locale: 'en',
      capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } }, initializationOptions: { mediaIds: true, cloud: false },
    }, 10_000);
    if (!init?.result) {
      problems.push(`the server did not initialize: ${JSON.stringify(init)?.slice(0, 300)} ${client.spawnError ?? ''} ${client.stderr.slice(-1000)}`);
      figures.cutShort = 'the server did not initialize';
    } else {
      await client.notify('initialized', {});
      await client.notify('textDocument/didOpen', { textDocument: { uri: KNOWN, languageId: 'vod-timeline', version: 1, text: KNOWN_TEXT } });
    }

    const probe = async (after) => {
      figures.probes++;
      const t0 = Date.now();
      const r = await client.request('textDocument/hover', { textDocument: { uri: KNOWN }, position: { line: 1, character: 6 } }, ANSWER_MS);
      if (process.env.FUZZ_DEBUG && (Date.now() - t0 > 1000 || process.env.FUZZ_DEBUG === 'all')) console.log(`  slow probe: ${Date.now() - t0} ms after ${after}`);
      if (r) {
        figures.probesAnswered++;
        if (Date.now() - t0 > timeoutMs) figures.slowProbes++;
        if (Date.now() - t0 > figures.slowestProbeMs) {
          figures.slowestProbeMs = Date.now() - t0;
          figures.slowestProbeAfter = after;
        }
      }
      return r;
    };

    // A well-formed 2 MB didOpen written in two halves 1.5 s apart: slow is not broken, so the
    // document must be there afterwards (nothing is sent in between: it would break the message).
    const slowMessage = async (i) => {
      figures.slowMessages++;
      const uri = `file:///fuzz/slow-${i}.timeline.json`;
      const bytes = frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'vod-timeline', version: 1, text: big.slice(0, 2_000_000) } } });
      client.holding = true;
      try {
        await client.send(bytes.subarray(0, bytes.length >> 1));
        await new Promise((r) => setTimeout(r, 1500));
        await client.send(bytes.subarray(bytes.length >> 1));
      } finally {
        client.holding = false;
        for (const answer of client.held.splice(0)) void client.send(answer);
      }
      const r = await client.request('textDocument/documentSymbol', { textDocument: { uri } }, ANSWER_MS);
      if (!Array.isArray(r?.result)) {
        figures.slowMessagesLost++;
        problems.push(`a 2 MB didOpen written in two halves 1.5 s apart was lost (documentSymbol: ${JSON.stringify(r)?.slice(0, 200)})`);
      }
      await client.notify('textDocument/didClose', { textDocument: { uri } });
    };

    // 1. Malformed messages, each followed by a well-formed probe that must be answered.
    client.phase = 'malformed';
    let unansweredRun = 0;
    for (let i = 0; i < messages && !client.exited && !figures.cutShort; i++) {
      if (overBudget()) { figures.cutShort = `over the ${budgetMs / 1000} s budget after ${i} malformed messages`; break; }
      const m = malformedMessage(rnd, i, big);
      figures.malformed++;
      if (m.trickle) await client.trickle(m.bytes, rnd);
      else await client.send(m.bytes);
      const ok = await probe(`${m.what} (message ${i})`);
      if (!ok) {
        figures.unansweredProbes++;
        problems.push(`no answer to a well-formed probe within ${ANSWER_MS} ms after "${m.what}" (message ${i})${saveMessage(i, m)}${client.exited ? `: the server exited (${JSON.stringify(client.exited)})` : ''}`);
        if (++unansweredRun >= GIVE_UP_AFTER) figures.cutShort = `${GIVE_UP_AFTER} probes in a row unanswered after message ${i}`;
      } else {
        unansweredRun = 0;
      }
      if (m.id !== undefined) {
        figures.expected++;
        if (client.responses.has(m.id)) figures.answered++;
      }
      if (i % 100 === 99) await slowMessage(i);
      if (i % 50 === 0) client.sampleRss();
      if (messages >= 500 && (i + 1) % Math.floor(messages / 5) === 0) console.log(`  lsp: ${i + 1} malformed messages, ${figures.unansweredProbes} probes unanswered (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }

    // 2. Mutated documents through every request an editor makes, each with a deadline.
    client.phase = 'documents';
    const requests = ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/selectionRange',
      'textDocument/formatting', 'textDocument/rangeFormatting', 'textDocument/codeAction', 'textDocument/definition', 'textDocument/references',
      'textDocument/prepareRename', 'textDocument/rename', 'textDocument/diagnostic', 'vodTimeline/summary', 'vodTimeline/produceRequest', 'vodTimeline/layout',
      'textDocument/documentColor', 'textDocument/colorPresentation', 'textDocument/inlayHint'];
    unansweredRun = 0;
    for (let i = 0; i < docs && !client.exited && !figures.cutShort; i++) {
      if (overBudget()) { figures.cutShort = `over the ${budgetMs / 1000} s budget after ${i} documents`; break; }
      const d = makeDocument(`${seed}:lsp-doc`, i, corpus, dict);
      if (d.text.length > 3_000_000) continue;
      figures.docs++;
      const uri = `file:///fuzz/doc-${i % 7}.timeline.json`;
      const version = i + 2;
      if (i % 7 === i % 3) await client.notify('textDocument/didClose', { textDocument: { uri } });
      if (rnd.chance(0.5)) await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'vod-timeline', version, text: d.text } });
      else await client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: d.text }] });
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
          color: { red: 0.2, green: 0.4, blue: 0.6, alpha: 1 },
        };
        figures.requests++;
        const t0 = Date.now();
        const r = await client.request(method, params, ANSWER_MS);
        const ms = Date.now() - t0;
        if (!r) {
          figures.unansweredRequests++;
          problems.push(`${method} got no answer within ${ANSWER_MS} ms on document ${i} (${saveDoc('unanswered', i, d.text)})${client.exited ? `: the server exited (${JSON.stringify(client.exited)})` : ''}`);
          if (++unansweredRun >= GIVE_UP_AFTER) figures.cutShort = `${GIVE_UP_AFTER} requests in a row unanswered at document ${i}`;
          break;
        }
        unansweredRun = 0;
        if (r.error) {
          figures.errorResponses++;
          problems.push(`${method} answered with an error on document ${i}: ${JSON.stringify(r.error).slice(0, 300)} (${saveDoc('error', i, d.text)})`);
        }
        if (ms > figures.slowestMs) { figures.slowestMs = ms; figures.slowest = `${method} on document ${i} (${d.text.length} chars)`; }
        if (ms > timeoutMs) {
          // Asked again at once (same document, same version): a second slow answer is the server's,
          // a fast one means the machine was busy (a loaded CI runner, a GC pause).
          const t1 = Date.now();
          const again = await client.request(method, params, ANSWER_MS);
          const againMs = Date.now() - t1;
          if (!again || againMs > timeoutMs) {
            figures.slow++;
            problems.push(`${method} took ${ms} ms, then ${again ? `${againMs} ms` : `no answer within ${ANSWER_MS} ms`}, on document ${i} (${saveDoc('slow', i, d.text)})`);
          } else {
            figures.slowOnce++;
          }
        }
      }
      if (i % 20 === 0) client.sampleRss();
      if (docs >= 250 && (i + 1) % Math.floor(docs / 5) === 0) console.log(`  lsp: ${i + 1} documents, ${figures.requests} requests, ${figures.slow} slow, ${figures.unansweredRequests} unanswered (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }

    // 3. Typing: small edits sent one version at a time, as an editor sends them while someone types.
    // The server parses an edit from the version before (server/src/service/json/reparse.ts); after each
    // edit its diagnostics must be those of the same text opened fresh under another URI. Documents are
    // padded with trailing whitespace past the size where the server starts reparsing, and half are the
    // corpus's own (valid) documents, so that the reparse is taken, half mutated ones.
    client.phase = 'typing';
    const TYPED = ['1', '0', '9', '-', '.', 'e', 'a', ' ', '\n', '"', '\\', ',', ':', '{', '}', '[', ']', '中'];
    const typingDocs = Math.max(6, Math.floor(docs / 4));
    for (let i = 0; i < typingDocs && !client.exited && !figures.cutShort; i++) {
      if (overBudget()) { figures.cutShort = `over the ${budgetMs / 1000} s budget after ${i} typing documents`; break; }
      const d = makeDocument(`${seed}:lsp-typing`, i, corpus, dict);
      const source = i % 2 === 0 ? d.rnd.pick(corpus).text : d.text;
      if (source.length > 3_000_000) continue;
      let text = source + ' \n'.repeat(Math.max(1, (20_000 - source.length) >> 1));
      const uri = `file:///fuzz/typed/doc.timeline.json`;
      const fresh = `file:///fuzz/fresh/doc.timeline.json`;
      let version = 1;
      await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'vod-timeline', version, text } });
      figures.typingDocs++;
      for (let k = 0; k < 8; k++) {
        const at = d.rnd.int(0, source.length);
        text = d.rnd.chance(0.35) ? text.slice(0, at) + text.slice(at + d.rnd.int(1, 3)) : text.slice(0, at) + d.rnd.pick(TYPED) + text.slice(at);
        await client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
        const typed = await client.request('textDocument/diagnostic', { textDocument: { uri } }, ANSWER_MS);
        await client.notify('textDocument/didOpen', { textDocument: { uri: fresh, languageId: 'vod-timeline', version: 1, text } });
        const opened = await client.request('textDocument/diagnostic', { textDocument: { uri: fresh } }, ANSWER_MS);
        await client.notify('textDocument/didClose', { textDocument: { uri: fresh } });
        figures.requests += 2;
        if (!typed || !opened) {
          figures.unansweredRequests++;
          problems.push(`textDocument/diagnostic got no answer within ${ANSWER_MS} ms while typing in document ${i} (${saveDoc('typing-unanswered', i, text)})`);
          break;
        }
        figures.typingEdits++;
        const items = (r, u) => JSON.stringify(r.result?.items ?? r.error ?? null).split(u).join('<uri>');
        if (items(typed, uri) !== items(opened, fresh)) {
          figures.typingMismatches++;
          problems.push(`after edit ${k + 1} of typing document ${i}, the diagnostics differ from those of the same text opened fresh (${saveDoc('typing-mismatch', i, text)})`);
          break;
        }
      }
      await client.notify('textDocument/didClose', { textDocument: { uri } });
    }

    client.phase = 'end';
    figures.alive = !client.exited && Boolean(await probe('the documents'));
    client.sampleRss();
  } finally {
    await client.close();
    cleanup();
  }
  const seconds = (Date.now() - started) / 1000;
  figures.stalls = client.stalls;
  if (process.env.FUZZ_DEBUG) for (const e of client.logErrors) console.log(`  server error (${e.phase}): ${e.message}`);

  // What the server logged as errors: rule exceptions and escaped exceptions fail the run wherever
  // they happen; a guarded handler's failure is expected for malformed parameters, not for the
  // well-formed requests on mutated documents.
  for (const e of client.logErrors) {
    if (/^rule \S+ failed/.test(e.message)) figures.ruleExceptions++;
    else if (/^(uncaught|unhandled rejection):/.test(e.message)) figures.uncaught++;
    else if (e.phase === 'malformed') figures.malformedHandlerErrors++;
    else figures.handlerErrors++;
  }
  const serious = client.logErrors.filter((e) => !(e.phase === 'malformed' && !/^(rule \S+ failed|uncaught|unhandled rejection)/.test(e.message)));
  for (const e of serious.slice(0, 5)) problems.push(`the server logged an error (${e.phase}): ${e.message}`);
  for (const p of client.outputProblems.slice(0, 5)) problems.push(`the server's output: ${p}`);
  if (!figures.alive) problems.push(`the server is not answering at the end${client.exited ? ` (exited: ${JSON.stringify(client.exited)})` : ''}; stderr: ${client.stderr.slice(-2000)}`);
  if (figures.cutShort) problems.push(`the phase stopped early: ${figures.cutShort}`);

  // The first problems, and the last: whether the server was still there at the end.
  for (const p of problems.length > 11 ? [...problems.slice(0, 10), problems.at(-1)] : problems) console.log(`  lsp problem: ${p}`);
  if (figures.malformedHandlerErrors) {
    const kinds = [...new Set(client.logErrors.filter((e) => e.phase === 'malformed').map((e) => e.message.replace(/:.*/, '')))];
    console.log(`  lsp: ${figures.malformedHandlerErrors} malformed request(s) failed inside a guarded handler and were answered with the fallback (${kinds.slice(0, 8).join('; ')})`);
  }
  console.log(`lsp: ${figures.malformed} malformed messages, ${figures.probesAnswered}/${figures.probes} probes answered (${figures.slowProbes} over ${timeoutMs} ms; slowest ${figures.slowestProbeMs} ms, after ${figures.slowestProbeAfter ?? '-'}), ${figures.unansweredProbes} unanswered well-formed probes after a resync, ${figures.answered}/${figures.expected} malformed requests answered, ${figures.slowMessages - figures.slowMessagesLost}/${figures.slowMessages} slow messages read whole; ${figures.docs} documents, ${figures.requests} requests, ${figures.slow} over ${timeoutMs} ms twice (${figures.slowOnce} more were slow once and fast when asked again; slowest ${figures.slowestMs} ms: ${figures.slowest || '-'}), ${figures.unansweredRequests} unanswered, ${figures.errorResponses} error responses; typing: ${figures.typingEdits} edits in ${figures.typingDocs} documents, ${figures.typingMismatches} with diagnostics unlike a fresh open; server ${figures.alive ? 'alive' : 'DEAD'}, peak RSS ${(client.peakRssKiB / 1024).toFixed(0)} MB, ${seconds.toFixed(1)} s`);

  const failures = [];
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  if (figures.unansweredProbes) failures.push(count(figures.unansweredProbes, 'unanswered probe after a resync', 'unanswered probes after a resync'));
  if (figures.slowMessagesLost) failures.push(count(figures.slowMessagesLost, 'slow message lost', 'slow messages lost'));
  if (figures.slow) failures.push(count(figures.slow, 'slow LSP request', 'slow LSP requests'));
  if (figures.unansweredRequests) failures.push(count(figures.unansweredRequests, 'unanswered LSP request', 'unanswered LSP requests'));
  if (figures.errorResponses) failures.push(count(figures.errorResponses, 'LSP error response', 'LSP error responses'));
  if (figures.typingMismatches) failures.push(count(figures.typingMismatches, 'edit whose diagnostics differ from a fresh open', 'edits whose diagnostics differ from a fresh open'));
  if (figures.ruleExceptions) failures.push(count(figures.ruleExceptions, 'rule exception in the server', 'rule exceptions in the server'));
  if (figures.uncaught) failures.push(count(figures.uncaught, 'uncaught exception in the server', 'uncaught exceptions in the server'));
  if (figures.handlerErrors) failures.push(count(figures.handlerErrors, 'failed well-formed request', 'failed well-formed requests'));
  if (client.outputProblems.length) failures.push('broken server output');
  if (figures.stalls) failures.push(count(figures.stalls, 'write the server did not read', 'writes the server did not read'));
  if (figures.cutShort) failures.push(`LSP phase cut short (${figures.cutShort})`);
  if (!figures.alive) failures.push('server DEAD');
  const summary = `LSP ${figures.unansweredProbes} unanswered probes after a resync, ${figures.slow} slow requests, ${figures.unansweredRequests} unanswered requests, ${figures.ruleExceptions} rule exceptions, server ${figures.alive ? 'alive' : 'DEAD'}`;
  return { clean: failures.length === 0, figures, failures, problems, summary };
}
