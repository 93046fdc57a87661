// LSP comparison: our server (`bin/vod-timeline.js lsp --stdio`, as installed: its shebang carries its Node flags) against VS Code's JSON language
// server validating the same document against the same schema (schemas/timeline.schema.json), both
// driven by this file's own JSON-RPC client over stdio. Used by scripts/bench.mjs; also runs alone:
//
//   node scripts/bench/lsp.mjs --doc FILE.timeline.json [--errors FILE.errors.json] [--runs 9]
//        [--warmup 2] [--no-peer] [--gap-ms 200] [--timeout 60]
//
// Per server: initialize (declaring pull diagnostics, `textDocument.diagnostic`), initialized,
// workspace/didChangeConfiguration {json: {schemas: [{fileMatch: ["*.timeline.json"], url}], validate}},
// then a probe document that must get ≥ 1 diagnostic (the schema is in effect). Each run opens a fresh
// document and times, after an idle gap: didOpen → pulled diagnostics; didChange (whole text replaced
// by the same text plus one space in the middle) → pulled diagnostics; completion after the `{` of the
// middle clip of the middle video track; hover on its MediaId key. Runs are interleaved between the
// servers and their order rotates every run. Peak RSS is taken then. After it, "typed": each run opens
// the document again and sends one space at the change's place as a range edit (what VS Code sends as
// someone starts typing in a file just opened: both servers take incremental changes) → pulled
// diagnostics; the peak RSS including that phase is printed beside the compared one (the target was set
// on the workload before it).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ensurePeer } from './peer.mjs';
import { summarizeProfile } from './profile.mjs';
import { coverage, lineStarts, locatePointers, machineFacts, mib, ms, offsetAt, positionAt, ratioText, stats, table, treeMemory, verdict } from './util.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const LSP_TARGETS = { open: 0.12, change: 0.12, completion: 0.5, hover: 1, peakRss: 0.5 };

const sleep = (t) => new Promise((r) => setTimeout(r, t));

class LspError extends Error {}

// ---- one server process ------------------------------------------------------------------------------
class LspServer {
  constructor(name, argv, { cwd, settings, timeoutMs, log, env }) {
    Object.assign(this, { name, argv, cwd, settings, timeoutMs, log, env });
    /** Stage timestamps the server traced on stderr (ours: VOD_TIMELINE_TRACE=1, server/src/trace.ts). */
    this.traces = [];
    /** The timed open/change runs, for the split: { kind, uri, start, end } on the epoch clock. */
    this.timed = [];
    this.nextId = 1;
    this.pending = new Map();
    this.buffer = Buffer.alloc(0);
    this.stderrTail = [];
    this.logTail = [];
    this.errorLogs = new Map(); // error messages the server logged, normalized → count
    this.failure = null;
    this.closing = false;
    this.samples = { open: [], change: [], completion: [], hover: [], typed: [] };
    this.facts = { openCount: new Set(), changeCount: new Set(), completionItems: new Set(), hoverNonEmpty: new Set(), typedCount: new Set() };
  }

  get command() {
    return this.argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
  }

  start() {
    this.tSpawn = performance.now();
    this.proc = spawn(this.argv[0], this.argv.slice(1), { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: this.env ? { ...process.env, ...this.env } : process.env });
    this.proc.on('error', (e) => this.fail(`could not start: ${e.message}`));
    this.proc.on('exit', (code, signal) => {
      this.exited = true;
      if (!this.closing) this.fail(`exited (code ${code}, signal ${signal})`);
    });
    this.proc.stdin.on('error', (e) => this.closing || this.fail(`stdin: ${e.message}`));
    this.proc.stdout.on('data', (chunk) => this.onData(chunk));
    this.proc.stderr.setEncoding('utf8');
    let partial = '';
    this.proc.stderr.on('data', (s) => {
      const lines = (partial + s).split('\n');
      partial = lines.pop();
      const other = [];
      for (const line of lines) {
        const m = /^vod-timeline-trace (\S+) (\S+) (.*)$/.exec(line);
        if (m) this.traces.push({ stage: m[1], t: Number(m[2]), uri: m[3] });
        else if (line) other.push(line);
      }
      this.stderrTail.push(...other);
      this.stderrTail.splice(0, Math.max(0, this.stderrTail.length - 20));
    });
  }

  fail(why) {
    if (this.failure) return;
    const tail = [...this.logTail.slice(-8).map((l) => `  log: ${l}`), ...this.stderrTail.slice(-12).map((l) => `  stderr: ${l}`)].join('\n');
    this.failure = new LspError(`[${this.name}] ${why}${tail ? `\n${tail}` : ''}`);
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  onData(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length:\s*(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!m) {
        this.fail('sent output that is not LSP framing');
        return;
      }
      const end = headerEnd + 4 + Number(m[1]);
      if (this.buffer.length < end) return;
      const t = performance.now(); // the whole message is here
      const body = this.buffer.subarray(headerEnd + 4, end).toString('utf8');
      this.buffer = this.buffer.subarray(end);
      let msg;
      try {
        msg = JSON.parse(body);
      } catch (e) {
        this.fail(`sent a message that is not JSON: ${e.message}`);
        return;
      }
      this.dispatch(msg, t);
    }
  }

  static frame(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
  }

  write(frame) {
    if (this.failure) throw this.failure;
    this.proc.stdin.write(frame);
  }

  notify(method, params) {
    this.write(LspServer.frame({ jsonrpc: '2.0', method, params }));
  }

  /** Resolves with { result, error, t } where t is when the response arrived. */
  request(method, params, frameOnly = false) {
    if (this.failure) {
      if (frameOnly) throw this.failure;
      return Promise.reject(this.failure);
    }
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new LspError(`[${this.name}] no answer to ${method} within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
    const frame = LspServer.frame({ jsonrpc: '2.0', id, method, params });
    if (frameOnly) return { frame, promise };
    this.write(frame);
    return promise;
  }

  dispatch(msg, t) {
    if (msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (p) {
        this.pending.delete(msg.id);
        p.resolve({ result: msg.result, error: msg.error, t });
      }
      return;
    }
    if (msg.id !== undefined) {
      this.answer(msg);
      return;
    }
    if (msg.method === 'window/logMessage' || msg.method === 'window/showMessage') {
      const text = String(msg.params?.message ?? '');
      this.logTail.push(text);
      this.logTail.splice(0, Math.max(0, this.logTail.length - 20));
      if (msg.params?.type === 1 || /error|exception|exceeded/i.test(text)) {
        const key = text.split('\n')[0].replace(/file:\/\/\S+/g, '<uri>').slice(0, 240);
        this.errorLogs.set(key, (this.errorLogs.get(key) ?? 0) + 1);
      }
    }
  }

  /** Requests from the server: settings, schema content, registrations and refreshes. */
  answer(msg) {
    const reply = (result, error) => {
      try {
        this.write(LspServer.frame({ jsonrpc: '2.0', id: msg.id, ...(error ? { error } : { result }) }));
      } catch {
        /* the server is gone; reported elsewhere */
      }
    };
    switch (msg.method) {
      case 'workspace/configuration':
        return reply((msg.params?.items ?? []).map((it) => section(this.settings, it.section)));
      case 'vscode/content': {
        const uri = Array.isArray(msg.params) ? msg.params[0] : typeof msg.params === 'string' ? msg.params : msg.params?.uri;
        try {
          if (typeof uri !== 'string' || !uri.startsWith('file:')) throw new Error(`only file: URIs, got ${uri}`);
          return reply(fs.readFileSync(fileURLToPath(uri), 'utf8'));
        } catch (e) {
          return reply(undefined, { code: -32603, message: e.message });
        }
      }
      case 'workspace/workspaceFolders':
        return reply([{ uri: pathToFileURL(this.cwd).href, name: 'bench' }]);
      case 'client/registerCapability':
      case 'client/unregisterCapability':
      case 'window/workDoneProgress/create':
      case 'workspace/diagnostic/refresh':
      case 'workspace/semanticTokens/refresh':
      case 'workspace/inlayHint/refresh':
      case 'workspace/codeLens/refresh':
      case 'window/showMessageRequest':
        return reply(null);
      default:
        return reply(undefined, { code: -32601, message: `bench client does not handle ${msg.method}` });
    }
  }

  async initialize(workspaceUri) {
    this.start();
    const r = await this.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'vod-timeline-bench', version: '1' },
      locale: 'en',
      rootUri: workspaceUri,
      workspaceFolders: [{ uri: workspaceUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, workspaceFolders: true, diagnostics: { refreshSupport: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          completion: { dynamicRegistration: false, contextSupport: true, completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
        },
        window: { workDoneProgress: false },
        general: { positionEncodings: ['utf-16'] },
      },
      // The JSON server reads file: schemas itself; the other keys are ignored by our server.
      initializationOptions: { handledSchemaProtocols: ['file'], provideFormatter: false },
    });
    if (r.error) throw new LspError(`[${this.name}] initialize failed: ${r.error.message}`);
    this.startupMs = r.t - this.tSpawn;
    this.capabilities = r.result?.capabilities ?? {};
    this.serverInfo = r.result?.serverInfo;
    if (!this.capabilities.diagnosticProvider) throw new LspError(`[${this.name}] does not advertise diagnosticProvider although the client declares pull diagnostics`);
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: this.settings });
  }

  async pull(uri) {
    for (let attempt = 0; ; attempt++) {
      const r = await this.request('textDocument/diagnostic', { textDocument: { uri } });
      if (r.error?.code === -32802 && attempt < 50) continue; // ServerCancelled: ask again
      if (r.error) throw new LspError(`[${this.name}] textDocument/diagnostic: ${r.error.message}`);
      return { t: r.t, items: r.result?.items ?? [] };
    }
  }

  /** A small document that must get ≥ 1 diagnostic once the schema is in effect (pays the schema load). */
  async probe(uri, text) {
    const t0 = performance.now();
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    for (;;) {
      const r = await this.pull(uri);
      if (r.items.length) {
        this.probeMs = r.t - t0;
        this.probeMessage = r.items[0].message;
        break;
      }
      if (performance.now() - t0 > this.timeoutMs) throw new LspError(`[${this.name}] the probe document got no diagnostics: is the schema in effect?`);
      await sleep(100);
    }
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Sends a notification, then pulls; the time runs from writing the notification to the report. */
  async timedDiagnostics(uri, notification, measured = false, kind = notification.method.endsWith('didOpen') ? 'open' : 'change') {
    const frame = LspServer.frame({ jsonrpc: '2.0', ...notification });
    const t0 = performance.now();
    this.write(frame);
    const r = await this.pull(uri);
    if (measured) this.timed.push({ kind, uri, start: performance.timeOrigin + t0, end: performance.timeOrigin + r.t });
    return { ms: r.t - t0, items: r.items };
  }

  /**
   * Where the time of each timed open/change went, from the server's traced stages: per stage a list of
   * ms over the runs. Empty when the server traced nothing (the peer).
   */
  split() {
    const out = { open: {}, change: {}, typed: {} };
    for (const run of this.timed) {
      const at = (stage) => this.traces.find((e) => e.uri === run.uri && e.stage === stage && e.t >= run.start - 1 && e.t <= run.end + 1)?.t;
      const got = at(run.kind === 'open' ? 'open' : 'change');
      // A typed change is a small message: the server notes arrival only for large ones.
      const received = run.kind === 'typed' ? run.start : this.traces.find((e) => e.uri === run.uri && e.stage === 'received' && e.t >= run.start - 1 && e.t <= (got ?? run.end))?.t;
      const marks = [['write → last bytes in', run.start, received], ['message read, parsed; text document', received, got], ['pull request handled', got, at('pull')],
        ['parse', at('pull'), at('parsed')], ['validate', at('parsed'), at('validated')], ['diagnostics to LSP', at('validated'), at('converted')], ['answer serialized, sent, read', at('converted'), run.end]];
      if (marks.some(([, a, b]) => a === undefined || b === undefined)) continue;
      for (const [label, a, b] of marks) (out[run.kind][label] ??= []).push(b - a);
      (out[run.kind].total ??= []).push(run.end - run.start);
    }
    return out;
  }

  async timedRequest(method, params) {
    const { frame, promise } = this.request(method, params, true);
    const t0 = performance.now();
    this.write(frame);
    const r = await promise;
    if (r.error) throw new LspError(`[${this.name}] ${method}: ${r.error.message}`);
    return { ms: r.t - t0, result: r.result };
  }

  async shutdown() {
    if (!this.proc || this.exited) return;
    this.closing = true;
    try {
      await Promise.race([this.request('shutdown'), sleep(5000)]);
      this.notify('exit');
    } catch {
      /* killed below */
    }
    const gone = await Promise.race([new Promise((r) => this.proc.once('exit', () => r(true))), sleep(3000).then(() => false)]);
    if (!gone && !this.exited) this.proc.kill('SIGKILL');
  }

  kill() {
    this.closing = true;
    if (this.proc && !this.exited) this.proc.kill('SIGKILL');
  }
}

function section(settings, name) {
  if (!name) return settings;
  let v = settings;
  for (const k of name.split('.')) {
    if (v == null || typeof v !== 'object' || !(k in v)) return null;
    v = v[k];
  }
  return v;
}

// ---- where the server's CPU goes --------------------------------------------------------------------------
/** Source files (through the bundle's source map) → the stage of the LSP path they belong to. */
const CPU_GROUPS = [
  [/server\/src\/service\/json\/parser\.ts/, 'parse (our JSON parser)'],
  [/server\/src\/service\/schema\//, 'schema checks'],
  [/server\/src\/service\/(model|layout)\.ts/, 'model, layout'],
  [/server\/src\/(convert|service\/json\/lines)\.ts/, 'diagnostics to LSP (line index, ranges)'],
  [/server\/src\/service\//, 'other rules and the service'],
  [/vscode-jsonrpc|vscode-languageserver\/|server\/src\/framing/, 'JSON-RPC: reading, writing messages'],
  [/vscode-languageserver-textdocument/, 'text documents'],
  [/server\/src\//, 'LSP adapter (server.ts, documents, settings)'],
  [/^\(garbage collector\)$/, 'garbage collection'],
  [/^\(idle\)$/, 'idle (waiting for the client)'],
  [/^\(program\)$|^\(native/, 'V8 and native code (JSON.parse of messages, string decoding, I/O)'],
];

/** The server's CPU profile by stage, in ms, largest first (idle apart). */
function serverCpu(profile) {
  const s = summarizeProfile(profile, ROOT);
  const groups = new Map();
  for (const f of s.files) {
    const g = CPU_GROUPS.find(([re]) => re.test(f.file))?.[1] ?? 'other (server start-up, Node)';
    groups.set(g, (groups.get(g) ?? 0) + f.selfMs);
  }
  return { totalMs: s.totalMs, idleMs: s.idleMs, groups: [...groups].sort((a, b) => b[1] - a[1]).map(([group, ms]) => ({ group, ms })) };
}

// ---- the comparison -----------------------------------------------------------------------------------
/** The change: one space inserted after the first ",\n" at or after the middle of the text. */
export function middleEdit(text) {
  let at = text.indexOf(',\n', text.length >> 1);
  if (at < 0) at = text.lastIndexOf(',');
  const offset = at + 1;
  return { offset, text: text.slice(0, offset) + ' ' + text.slice(offset) };
}

const toOffsets = (starts, d) => ({ ...d, start: offsetAt(starts, d.range.start), end: offsetAt(starts, d.range.end) });

/**
 * Runs the comparison. `errors` is the injected-error list of the document (or []).
 * Returns a plain object for printLsp() and the JSON report.
 */
export async function runLspComparison({ docPath, errors = [], runs = 9, warmup = 2, peer = true, gapMs = 200, timeoutMs = 60000, profileDir, log = (s) => process.stderr.write(s + '\n') }) {
  const text = fs.readFileSync(docPath, 'utf8');
  const edited = middleEdit(text);
  const schemaPath = path.join(ROOT, 'schemas', 'timeline.schema.json');
  const settings = { json: { schemas: [{ fileMatch: ['*.timeline.json'], url: pathToFileURL(schemaPath).href }], validate: { enable: true } } };

  const timeline = JSON.parse(text);
  const t = Math.floor(timeline.VideoTracks.length / 2);
  const clipPtr = `/VideoTracks/${t}/VideoTrackClips/${Math.floor(timeline.VideoTracks[t].VideoTrackClips.length / 2)}`;
  const clip = timeline.VideoTracks[t].VideoTrackClips[Math.floor(timeline.VideoTracks[t].VideoTrackClips.length / 2)];
  const hoverKey = 'MediaId' in clip ? 'MediaId' : Object.keys(clip)[0];
  // Completion and hover run on version 2 (the edited text).
  const where = locatePointers(edited.text, [clipPtr, `${clipPtr}/${hoverKey}`]);
  const editedStarts = lineStarts(edited.text);
  const textStarts = lineStarts(text);
  const completionPos = positionAt(editedStarts, where.get(clipPtr).start + 1);
  // "typed": one space where the change put one, as a range edit on the text just opened.
  const editPos = positionAt(textStarts, edited.offset);
  const hoverPos = positionAt(editedStarts, where.get(`${clipPtr}/${hoverKey}`).keyStart + 1);

  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-timeline-bench-'));
  const workspaceUri = pathToFileURL(workspace).href;
  const common = { cwd: workspace, settings, timeoutMs, log };
  // Started as `vod-timeline lsp --stdio` is from a shell: through the script's shebang, which carries the
  // Node flags the server is meant to run with (Windows has no shebangs: node and the script there).
  // With `profileDir`, under `node --cpu-prof` (the shebang's flag given by hand): where its CPU goes.
  const oursCommand = process.platform === 'win32' || profileDir
    ? [process.execPath, '--max-semi-space-size=3', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), path.join(ROOT, 'bin', 'vod-timeline.js')]
    : [path.join(ROOT, 'bin', 'vod-timeline.js')];
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  const profilesBefore = profileDir ? new Set(fs.readdirSync(profileDir)) : undefined;
  const servers = [new LspServer('ours', [...oursCommand, 'lsp', '--stdio'], { ...common, cwd: ROOT, env: { VOD_TIMELINE_TRACE: '1' } })];
  let peerInfo = null;
  if (peer) {
    peerInfo = ensurePeer(log);
    servers.push(new LspServer('peer', peerInfo.argv, common));
  }

  const oneRun = async (s, k, measured) => {
    const uri = pathToFileURL(path.join(workspace, `${measured ? 'run' : 'warmup'}-${k}.timeline.json`)).href;
    await sleep(gapMs);
    const open = await s.timedDiagnostics(uri, { method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'json', version: 1, text } } }, measured);
    await sleep(gapMs);
    const change = await s.timedDiagnostics(uri, { method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited.text }] } }, measured);
    await sleep(gapMs);
    const completion = await s.timedRequest('textDocument/completion', { textDocument: { uri }, position: completionPos, context: { triggerKind: 1 } });
    await sleep(gapMs);
    const hover = await s.timedRequest('textDocument/hover', { textDocument: { uri }, position: hoverPos });
    s.notify('textDocument/didClose', { textDocument: { uri } });
    const items = Array.isArray(completion.result) ? completion.result : completion.result?.items ?? [];
    const hoverText = hover.result?.contents ? JSON.stringify(hover.result.contents) : '';
    log(`  [${s.name}] ${measured ? 'run' : 'warm-up'} ${k}: open→diag ${ms(open.ms)} ms (${open.items.length})  change→diag ${ms(change.ms)} ms (${change.items.length})  completion ${ms(completion.ms)} ms (${items.length})  hover ${ms(hover.ms)} ms`);
    s.cold ??= { open: open.ms, change: change.ms, completion: completion.ms, hover: hover.ms };
    if (!s.coverage) {
      s.coverage = {
        open: coverage(text, errors, open.items.map((d) => toOffsets(textStarts, d))),
        change: coverage(edited.text, errors, change.items.map((d) => toOffsets(editedStarts, d))),
      };
    }
    if (!measured) return;
    s.samples.open.push(open.ms);
    s.samples.change.push(change.ms);
    s.samples.completion.push(completion.ms);
    s.samples.hover.push(hover.ms);
    s.facts.openCount.add(open.items.length);
    s.facts.changeCount.add(change.items.length);
    s.facts.completionItems.add(items.length);
    s.facts.hoverNonEmpty.add(hoverText.length > 2);
  };

  /** The document opened (untimed), then one space typed into it as a range edit (timed). */
  const typedRun = async (s, k, measured) => {
    const uri = pathToFileURL(path.join(workspace, `typed-${measured ? 'run' : 'warmup'}-${k}.timeline.json`)).href;
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    await s.pull(uri);
    await sleep(gapMs);
    const typed = await s.timedDiagnostics(uri, { method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: editPos, end: editPos }, text: ' ' }] } }, measured, 'typed');
    s.notify('textDocument/didClose', { textDocument: { uri } });
    log(`  [${s.name}] ${measured ? 'run' : 'warm-up'} ${k}: typed→diag ${ms(typed.ms)} ms (${typed.items.length})`);
    s.cold.typed ??= typed.ms;
    if (!measured) return;
    s.samples.typed.push(typed.ms);
    s.facts.typedCount.add(typed.items.length);
  };

  const loadBefore = os.loadavg();
  try {
    for (const s of servers) {
      await s.initialize(workspaceUri);
      log(`  [${s.name}] started in ${ms(s.startupMs)} ms: ${s.command}`);
    }
    for (const s of servers) {
      await s.probe(pathToFileURL(path.join(workspace, 'probe.timeline.json')).href, '{"VideoTracks": 5}\n');
      log(`  [${s.name}] schema probe: "${s.probeMessage}" after ${ms(s.probeMs)} ms`);
    }
    const order = (k) => servers.map((_, i) => servers[(i + k) % servers.length]);
    for (let k = 1; k <= warmup; k++) for (const s of order(k)) await oneRun(s, k, false);
    for (let k = 1; k <= runs; k++) for (const s of order(k)) await oneRun(s, k, true);
    for (const s of servers) s.memory = treeMemory(s.proc.pid);
    for (let k = 1; k <= warmup; k++) for (const s of order(k)) await typedRun(s, k, false);
    for (let k = 1; k <= runs; k++) for (const s of order(k)) await typedRun(s, k, true);
    for (const s of servers) s.memoryAfterTyped = treeMemory(s.proc.pid);
    for (const s of servers) await s.shutdown();
    if (profileDir) {
      const made = fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile') && !profilesBefore.has(f));
      if (made.length === 1) servers[0].profile = { file: path.join(profileDir, made[0]), summary: serverCpu(JSON.parse(fs.readFileSync(path.join(profileDir, made[0]), 'utf8'))) };
    }
  } catch (e) {
    for (const s of servers) s.kill();
    throw e;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }

  const report = (s) => ({
    name: s.name,
    command: s.command,
    serverInfo: s.serverInfo ?? null,
    startupMs: s.startupMs,
    probeMs: s.probeMs,
    probeMessage: s.probeMessage,
    open: stats(s.samples.open),
    change: stats(s.samples.change),
    completion: stats(s.samples.completion),
    hover: stats(s.samples.hover),
    typed: stats(s.samples.typed),
    cold: s.cold,
    diagnostics: { open: [...s.facts.openCount], change: [...s.facts.changeCount], typed: [...s.facts.typedCount] },
    completionItems: [...s.facts.completionItems],
    hoverNonEmpty: [...s.facts.hoverNonEmpty],
    memory: s.memory,
    memoryAfterTyped: s.memoryAfterTyped,
    errorLogs: [...s.errorLogs].map(([message, count]) => ({ message, count })),
    split: s.split(),
    profile: s.profile,
    injected: {
      total: errors.length,
      open: s.coverage.open.covered,
      change: s.coverage.change.covered,
      missing: s.coverage.open.missing.map((e) => `${e.kind} ${e.pointer}`),
    },
  });
  const reports = servers.map(report);
  const [ours, other] = reports;
  const ratio = (k) => (other && ours[k] && other[k] ? ours[k].median / other[k].median : null);
  return {
    document: { path: docPath, bytes: Buffer.byteLength(text), lines: textStarts.length - 1, edit: positionAt(textStarts, edited.offset), completion: { pointer: clipPtr, ...completionPos }, hover: { pointer: `${clipPtr}/${hoverKey}`, ...hoverPos } },
    runs, warmup, gapMs,
    peer: peerInfo ? { package: 'vscode-langservers-extracted', version: peerInfo.version } : null,
    loadavg: { before: loadBefore, after: os.loadavg() },
    servers: reports,
    ratios: other ? {
      open: ratio('open'), change: ratio('change'), completion: ratio('completion'), hover: ratio('hover'), typed: ratio('typed'),
      peakRss: ours.memory && other.memory ? ours.memory.peakKiB / other.memory.peakKiB : null,
    } : null,
  };
}

/** The LSP table as text. */
export function formatLsp(r) {
  const out = [];
  const d = r.document;
  const la = (x) => x.map((v) => v.toFixed(2)).join(' ');
  out.push(`LSP comparison — ${path.basename(d.path)}: ${(d.bytes / 1e6).toFixed(2)} MB, ${d.lines} lines, ${r.servers[0].injected.total} injected errors`);
  out.push(`  ${r.runs} measured runs after ${r.warmup} warm-up(s), interleaved, order rotated each run, ${r.gapMs} ms idle before each timed step; pull diagnostics`);
  out.push(`  change = whole text replaced by the same plus one space at ${d.edit.line + 1}:${d.edit.character + 1}; completion at ${d.completion.line + 1}:${d.completion.character + 1} (after '{' of ${d.completion.pointer}); hover at ${d.hover.line + 1}:${d.hover.character + 1} (${d.hover.pointer} key)`);
  out.push(`  load average before ${la(r.loadavg.before)}, after ${la(r.loadavg.after)}`);
  for (const s of r.servers) {
    const who = [s.serverInfo ? `${s.serverInfo.name} ${s.serverInfo.version ?? ''}`.trim() : '', s.name === 'peer' && r.peer ? `${r.peer.package}@${r.peer.version}` : ''].filter(Boolean).join(', ');
    out.push(`  [${s.name}] ${who}; startup ${ms(s.startupMs)} ms; schema probe ${ms(s.probeMs)} ms ("${s.probeMessage}")`);
  }
  out.push('');
  const names = r.servers.map((s) => s.name);
  const rows = [];
  const metrics = [['open', 'open→diagnostics ms'], ['change', 'change→diagnostics ms'], ['typed', 'typed→diagnostics ms (range edit)'], ['completion', 'completion ms'], ['hover', 'hover ms']];
  for (const [k, label] of metrics) {
    const row = [label];
    for (const s of r.servers) row.push(`${ms(s[k]?.median)} (${ms(s[k]?.min)}–${ms(s[k]?.max)}; cold ${ms(s.cold?.[k])})`);
    // "typed" has no target in issue 16: shown for what it is, the path an editor takes while typing.
    if (r.ratios) row.push(ratioText(r.ratios[k]), LSP_TARGETS[k] ? `≤ ${LSP_TARGETS[k]}` : '', LSP_TARGETS[k] ? verdict(r.ratios[k], LSP_TARGETS[k]) : '');
    rows.push(row);
  }
  const rssRow = ['peak RSS (VmHWM, process tree)'];
  for (const s of r.servers) rssRow.push(s.memory ? `${mib(s.memory.peakKiB)}${s.memory.processes > 1 ? ` (${s.memory.processes} processes)` : ''}` : 'n/a');
  if (r.ratios) rssRow.push(ratioText(r.ratios.peakRss), `≤ ${LSP_TARGETS.peakRss}`, verdict(r.ratios.peakRss, LSP_TARGETS.peakRss));
  rows.push(rssRow);
  const rssTyped = ['  with the typed phase (after the figure above)'];
  for (const s of r.servers) rssTyped.push(s.memoryAfterTyped ? mib(s.memoryAfterTyped.peakKiB) : 'n/a');
  const [o, p] = r.servers;
  if (r.ratios) rssTyped.push(o?.memoryAfterTyped && p?.memoryAfterTyped ? ratioText(o.memoryAfterTyped.peakKiB / p.memoryAfterTyped.peakKiB) : '', '', '');
  rows.push(rssTyped);
  const headers = ['metric', ...names.map((n) => `${n}: median (min–max; cold)`), ...(r.ratios ? ['ours/peer', 'target', ''] : [])];
  out.push(table(headers, rows, ['l', 'l', 'l', 'r', 'l', 'l']));
  out.push('');
  for (const s of r.servers) {
    const i = s.injected;
    const dc = s.diagnostics;
    const same = [dc.open, dc.change, dc.typed].every((x) => x.length === 1 && x[0] === dc.open[0]);
    out.push(`  [${s.name}] diagnostics: open ${dc.open.join('/')}, change ${dc.change.join('/')}, typed ${dc.typed.join('/')}${same ? '' : ' (DIFFER)'}; ` +
      `completion items ${s.completionItems.join('/')}; hover ${s.hoverNonEmpty.map((h) => (h ? 'non-empty' : 'EMPTY')).join('/')}; ` +
      `injected errors reported: ${i.open}/${i.total} after open, ${i.change}/${i.total} after change`);
    if (s.name === 'ours' && i.missing.length) out.push(`    NOT REPORTED by ours: ${i.missing.join('; ')}`);
    for (const e of s.errorLogs) out.push(`    ${s.name} logged ${e.count}×: ${e.message}`);
  }
  const ours = r.servers.find((s) => s.name === 'ours');
  const sp = ours?.split;
  if (sp && Object.keys(sp.open).length) {
    out.push('');
    out.push('  [ours] where open→diagnostics, change→diagnostics and typed→diagnostics go: stages the server traced (VOD_TIMELINE_TRACE=1), median (min–max) ms:');
    const cell = (x) => (x ? `${ms(stats(x).median)} (${ms(stats(x).min)}–${ms(stats(x).max)})` : 'n/a');
    const labels = Object.keys(sp.open);
    out.push(table(['stage', 'open', 'change', 'typed'], labels.map((l) => [l, cell(sp.open[l]), cell(sp.change[l]), cell(sp.typed[l])]), ['l', 'r', 'r', 'r']).replace(/^/gm, '  '));
    out.push('  (pull diagnostics: the server validates when the client asks, no debounce; a pushing client waits validation.delay, 50 ms, after a change)');
  }
  if (ours?.profile) out.push('', formatServerProfile(r));
  const peer = r.servers.find((s) => s.name === 'peer');
  if (peer && peer.errorLogs.some((e) => /completion|hover/i.test(e.message))) {
    out.push('  note: the peer failed on completion and/or hover (see its log above) and answered with nothing; its figures for them are the time to fail.');
  }
  return out.join('\n');
}

/** The CPU profile of our server (runLspComparison with profileDir), by stage of the LSP path. */
export function formatServerProfile(r) {
  const ours = r.servers.find((s) => s.name === 'ours');
  if (!ours?.profile) return '  [ours] no CPU profile was written';
  const p = ours.profile.summary;
  const out = [];
  out.push(`  [ours] CPU profile of the server (node --cpu-prof; ${r.runs} runs after ${r.warmup} warm-up(s), start-up and shutdown included; ${path.relative(ROOT, ours.profile.file)}):`);
  out.push(`  ${ms(p.totalMs)} ms of CPU, ${ms(p.idleMs)} ms idle; by stage of the LSP path:`);
  out.push(table(['stage', 'CPU ms', 'share'], p.groups.map((g) => [g.group, ms(g.ms), `${((100 * g.ms) / p.totalMs).toFixed(1)} %`]), ['l', 'r', 'r']).replace(/^/gm, '  '));
  return out.join('\n');
}

// ---- alone -------------------------------------------------------------------------------------------
async function main() {
  const { values: o } = parseArgs({
    options: {
      doc: { type: 'string' }, errors: { type: 'string' }, runs: { type: 'string', default: '9' }, warmup: { type: 'string', default: '2' },
      'no-peer': { type: 'boolean', default: false }, 'gap-ms': { type: 'string', default: '200' }, timeout: { type: 'string', default: '60' }, json: { type: 'boolean', default: false },
      'profile-dir': { type: 'string' },
    },
  });
  if (!o.doc) throw new LspError('--doc FILE is required');
  const m = machineFacts();
  const errors = o.errors ? JSON.parse(fs.readFileSync(o.errors, 'utf8')) : [];
  const r = await runLspComparison({ docPath: o.doc, errors, runs: Number(o.runs), warmup: Number(o.warmup), peer: !o['no-peer'], gapMs: Number(o['gap-ms']), timeoutMs: Number(o.timeout) * 1000, profileDir: o['profile-dir'] && path.resolve(o['profile-dir']) });
  if (o.json) process.stdout.write(JSON.stringify({ machine: m, ...r }, null, 2) + '\n');
  else process.stdout.write(formatLsp(r) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    process.stderr.write(`lsp bench: ${e instanceof LspError ? e.message : e.stack}\n`);
    process.exit(2);
  });
}
