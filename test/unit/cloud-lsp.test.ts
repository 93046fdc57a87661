// The server side of the cloud features, driven in-process over the real JSON-RPC protocol: the server
// asks the client (vodTimeline/media, vodTimeline/mediaIds) and never waits for it while validating;
// cloud diagnostics arrive later (push: a second publish; pull: workspace/diagnostic/refresh) with
// their own source. CloudState's caching and retry rules are tested with a scripted client and clock.
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import * as lsp from 'vscode-languageserver/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createServer } from '../../server/src/server';
import { CloudState } from '../../server/src/cloud';
import { CLOUD_SOURCE, CloudMediaRequest, CloudRefreshNotification, MediaIdsRequest, type CloudMediaParams, type CloudMediaResult } from '../../server/src/protocol';
import { TimelineService, type CloudMedia } from '../../server/src/service';

const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';
const GONE = '0123456789abcdef0123456789abcdef';
const LIBRARY: CloudMedia[] = [
  { mediaId: KEYNOTE, found: true, type: 'video', title: 'Product launch keynote', duration: 312.48, status: 'Normal' },
  { mediaId: GONE, found: false },
];

interface Diag { code: string; source: string; message: string; severity: number }

class Harness {
  readonly conn: MessageConnection;
  readonly server: lsp.Connection;
  readonly mediaRequests: CloudMediaParams[] = [];
  readonly published = new Map<string, { version?: number; diagnostics: Diag[] }[]>();
  refreshes = 0;
  answer: (params: CloudMediaParams) => Promise<CloudMediaResult> = async (params) => ({
    available: true, where: 'cn-shanghai',
    media: LIBRARY.filter((m) => params.mediaIds.includes(m.mediaId)).map((m) => (params.detail && m.found ? { ...m, width: 1920, height: 1080 } : m)),
  });
  settings: Record<string, unknown> = {};
  private waiters: (() => void)[] = [];

  constructor() {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    this.server = lsp.createConnection(lsp.ProposedFeatures.all, new lsp.StreamMessageReader(toServer), new lsp.StreamMessageWriter(toClient));
    createServer(this.server);
    this.server.listen();
    this.conn = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
      const list = this.published.get(p.uri) ?? [];
      list.push({ version: p.version, diagnostics: p.diagnostics });
      this.published.set(p.uri, list);
      this.wake();
    });
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onRequest('workspace/configuration', () => [this.settings]);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => { this.refreshes++; this.wake(); return null; });
    this.conn.onRequest(CloudMediaRequest.method, (params: CloudMediaParams) => { this.mediaRequests.push(params); this.wake(); return this.answer(params); });
    this.conn.onRequest(MediaIdsRequest.method, () => ({ items: [{ mediaId: KEYNOTE, title: 'Product launch keynote', detail: 'video · 5:12 · Normal', sortText: '0000' }], source: 'cloud' }));
    this.conn.listen();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `pred` holds (checked now and after every message); a 5 s guard. */
  until<T>(pred: () => T | undefined | false, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 5000);
      const check = () => {
        const v = pred();
        if (v) { clearTimeout(timer); resolve(v); } else this.waiters.push(check);
      };
      check();
    });
  }

  async initialize(options: { pull?: boolean; cloud?: boolean; mediaIds?: boolean; cloudChecks?: boolean } = {}) {
    await this.conn.sendRequest('initialize', {
      // processId null: with a process ID the server would watch that process on an interval forever.
      processId: null, rootUri: null, workspaceFolders: null,
      initializationOptions: { cloud: options.cloud ?? true, mediaIds: options.mediaIds ?? true, cloudChecks: options.cloudChecks },
      capabilities: { textDocument: options.pull ? { diagnostic: { dynamicRegistration: false } } : {}, workspace: { configuration: true, diagnostics: { refreshSupport: true } } },
    });
    await this.conn.sendNotification('initialized', {});
  }

  open(uri: string, text: string, version = 1) {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'vod-timeline', version, text } });
  }

  change(uri: string, text: string, version: number) {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  lastPublish(uri: string) {
    const list = this.published.get(uri);
    return list?.[list.length - 1];
  }

  /** Lets the server's debounced work finish, then drops the client side (the server's side just stops being read). */
  async dispose() {
    await new Promise((r) => setTimeout(r, 80));
    this.conn.dispose();
  }
}

const doc = (clips: Record<string, unknown>[]) => JSON.stringify({ VideoTracks: [{ VideoTrackClips: clips }] }, null, 2);
const codes = (d: Diag[]) => d.map((x) => x.code);

suite('cloud over LSP', () => {
  let h: Harness;
  setup(() => { h = new Harness(); });
  teardown(() => h.dispose());

  test('push: local diagnostics first, cloud ones in a later publish, marked with their own source', async () => {
    await h.initialize();
    const uri = 'file:///w/a.timeline.json';
    await h.open(uri, doc([{ MediaId: KEYNOTE, In: 5, Out: 400 }, { MediaId: GONE, In: 0, Out: 1 }]));
    const first = await h.until(() => h.published.get(uri)?.[0], 'the first publish');
    assert.deepEqual(codes(first.diagnostics), [], 'the first publish does not wait for the cloud');
    const later = await h.until(() => h.published.get(uri)?.find((p) => p.diagnostics.length === 2), 'cloud diagnostics');
    assert.deepEqual(later.diagnostics.map((d) => [d.code, d.source, d.severity]), [
      ['cloud/out-beyond-duration', CLOUD_SOURCE, lsp.DiagnosticSeverity.Warning],
      ['cloud/unknown-media', CLOUD_SOURCE, lsp.DiagnosticSeverity.Warning],
    ]);
    assert.deepEqual(h.mediaRequests, [{ mediaIds: [KEYNOTE, GONE] }]);

    // Typing: the facts are known, the next publish has the cloud findings at once, nothing is asked again.
    await h.change(uri, doc([{ MediaId: KEYNOTE, In: 5, Out: 300 }, { MediaId: GONE, In: 0, Out: 1 }]), 2);
    const v2 = await h.until(() => h.published.get(uri)?.find((p) => p.version === 2), 'version 2');
    assert.deepEqual(codes(v2.diagnostics), ['cloud/unknown-media']);
    assert.equal(h.mediaRequests.length, 1);
  });

  test('a client that never answers does not hold up the local diagnostics', async () => {
    h.answer = () => new Promise(() => undefined);
    await h.initialize();
    const uri = 'file:///w/slow.timeline.json';
    await h.open(uri, doc([{ MediaId: KEYNOTE, In: 8, Out: 5 }]));
    const p = await h.until(() => h.lastPublish(uri), 'a publish');
    assert.deepEqual(codes(p.diagnostics), ['timing/in-not-before-out']);
  });

  test('pull: the server asks the client to pull again when cloud facts arrive (workspace/diagnostic/refresh)', async () => {
    await h.initialize({ pull: true });
    const uri = 'file:///w/b.timeline.json';
    await h.open(uri, doc([{ MediaId: KEYNOTE, In: 0, Out: 400 }]));
    const pull = (previousResultId?: string) => h.conn.sendRequest<{ kind: string; resultId?: string; items?: Diag[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
    const first = await pull();
    assert.equal(first.kind, 'full');
    assert.deepEqual(codes(first.items!), []);
    await h.until(() => h.refreshes > 0, 'a diagnostics refresh');
    const second = await pull(first.resultId);
    assert.equal(second.kind, 'full');
    assert.notEqual(second.resultId, first.resultId);
    assert.deepEqual(second.items!.map((d) => [d.code, d.source]), [['cloud/out-beyond-duration', CLOUD_SOURCE]]);
    assert.equal((await pull(second.resultId)).kind, 'unchanged');
  });

  test('pull: a document closed and opened again under the same URI at version 1 is not "unchanged"', async () => {
    await h.initialize({ pull: true });
    const uri = 'untitled:Untitled-1';
    const pull = (previousResultId?: string) => h.conn.sendRequest<{ kind: string; resultId?: string; items?: Diag[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
    await h.open(uri, doc([{ MediaId: KEYNOTE, In: 8, Out: 5 }]));
    const first = await pull();
    assert.deepEqual(codes(first.items!), ['timing/in-not-before-out']);
    await h.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await h.open(uri, doc([{ MediaId: KEYNOTE, In: 0, Out: 5 }]));
    const second = await pull(first.resultId);
    assert.equal(second.kind, 'full');
    assert.deepEqual(codes(second.items!), []);
  });

  test('a document opened again under the same URI at the same version is parsed again (completion reads the new text)', async () => {
    await h.initialize();
    const uri = 'untitled:Untitled-2';
    const ask = async (text: string) => {
      const res = await h.conn.sendRequest<{ items: { label: string }[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.indexOf('"MediaId": "') + 12 } });
      return res.items.map((i) => i.label);
    };
    const first = '{ "VideoTracks": [{ "VideoTrackClips": [{ "MediaId": "" }, { "MediaId": "aaaa" }] }] }';
    await h.open(uri, first);
    assert.ok((await ask(first)).includes('aaaa'));
    // The close may reach the server late; the new text must win anyway.
    const second = '{ "VideoTracks": [{ "VideoTrackClips": [{ "MediaId": "" }, { "MediaId": "bbbb" }] }] }';
    await h.open(uri, second);
    const labels = await ask(second);
    assert.ok(labels.includes('bbbb') && !labels.includes('aaaa'), labels.join(', '));
  });

  test('"not available" (no credentials) keeps the cloud quiet until a refresh notification', async () => {
    let available = false;
    h.answer = async (params) => (available ? { available: true, where: 'cn-shanghai', media: LIBRARY.filter((m) => params.mediaIds.includes(m.mediaId)) } : { available: false, media: [] });
    await h.initialize();
    const uri = 'file:///w/c.timeline.json';
    await h.open(uri, doc([{ MediaId: GONE }]));
    await h.until(() => h.mediaRequests.length === 1, 'the first lookup');
    await h.change(uri, doc([{ MediaId: GONE, In: 0 }]), 2);
    const v2 = await h.until(() => h.published.get(uri)?.find((p) => p.version === 2), 'version 2');
    assert.deepEqual(codes(v2.diagnostics), []);
    assert.equal(h.mediaRequests.length, 1, 'not asked again');
    available = true;
    await h.conn.sendNotification(CloudRefreshNotification.method);
    await h.until(() => h.lastPublish(uri)?.diagnostics.some((d) => d.code === 'cloud/unknown-media'), 'cloud diagnostics after the refresh');
    assert.equal(h.mediaRequests.length, 2);
  });

  test('hover on a MediaId asks once, with detail, and shows the media', async () => {
    await h.initialize();
    const uri = 'file:///w/d.timeline.json';
    const text = doc([{ MediaId: KEYNOTE, In: 0, Out: 10 }]);
    await h.open(uri, text);
    const line = text.split('\n').findIndex((l) => l.includes(KEYNOTE));
    const position = { line, character: text.split('\n')[line].indexOf(KEYNOTE) + 2 };
    const hover = await h.conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position });
    assert.match(hover.contents.value, /\*\*Product launch keynote\*\* · video/);
    assert.match(hover.contents.value, /Duration: 5:12\.48 \(312\.48 s\)/);
    assert.match(hover.contents.value, /Resolution: 1920×1080/);
    assert.ok(h.mediaRequests.some((r) => r.detail === true && r.mediaIds.length === 1));
    const asked = h.mediaRequests.length;
    await h.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    assert.equal(h.mediaRequests.length, asked, 'cached');
  });

  test('completion shows the title of library items next to the MediaId', async () => {
    await h.initialize();
    const uri = 'file:///w/e.timeline.json';
    const text = '{ "VideoTracks": [{ "VideoTrackClips": [{ "MediaId": "" }] }] }';
    await h.open(uri, text);
    const res = await h.conn.sendRequest<{ isIncomplete: boolean; items: { label: string; detail?: string; labelDetails?: { description?: string } }[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.indexOf('""') + 1 } });
    const item = res.items.find((i) => i.label === KEYNOTE);
    assert.ok(item, JSON.stringify(res.items.map((i) => i.label)));
    assert.equal(item.labelDetails?.description, 'Product launch keynote');
    assert.equal(item.detail, 'Product launch keynote · video · 5:12 · Normal');
    assert.equal(res.isIncomplete, true);
  });

  test('the setting vodTimeline.cloud.checks = false turns the checks off, from the start and when changed', async () => {
    h.settings = { cloud: { checks: false } };
    await h.initialize({ cloudChecks: false });
    const uri = 'file:///w/f.timeline.json';
    await h.open(uri, doc([{ MediaId: GONE }]));
    await h.until(() => h.lastPublish(uri), 'a publish');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(h.mediaRequests, []);
    assert.deepEqual(codes(h.lastPublish(uri)!.diagnostics), []);
    // Turned on: the checks run; turned off again: their diagnostics go.
    h.settings = { cloud: { checks: true } };
    await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: { vodTimeline: h.settings } });
    await h.until(() => h.lastPublish(uri)?.diagnostics.some((d) => d.code === 'cloud/unknown-media'), 'cloud diagnostics once on');
    h.settings = { cloud: { checks: false } };
    await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: { vodTimeline: h.settings } });
    await h.until(() => h.lastPublish(uri)?.diagnostics.length === 0, 'no cloud diagnostics once off');
  });

  test('a client that does not offer the cloud is never asked', async () => {
    await h.initialize({ cloud: false, mediaIds: false });
    const uri = 'file:///w/g.timeline.json';
    const text = doc([{ MediaId: GONE }]);
    await h.open(uri, text);
    await h.until(() => h.lastPublish(uri), 'a publish');
    await h.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 20 } });
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(h.mediaRequests, []);
  });
});

suite('cloud state (server side)', () => {
  const service = new TimelineService();
  function state(answer: (p: CloudMediaParams) => Promise<CloudMediaResult>, clock: { t: number }) {
    const asked: CloudMediaParams[] = [];
    let changes = 0;
    const s = new CloudState({
      request: async (p) => { asked.push(p); return answer(p); },
      service, onChange: () => { changes++; }, now: () => clock.t, ttlMs: 1000, retryMs: 500, maxEntries: 2, debounceMs: 0,
    });
    s.offered = true;
    return { s, asked, changes: () => changes };
  }
  const tick = () => new Promise((r) => setTimeout(r, 5));
  const parsed = (ids: string[]) => service.parse(doc(ids.map((MediaId) => ({ MediaId }))));

  test('documents validated together share one request; facts expire; unresolved IDs wait before they are asked again', async () => {
    const clock = { t: 0 };
    let unresolve = true;
    const { s, asked } = state(async (p) => ({ available: true, where: 'r', media: p.mediaIds.filter((id) => id !== 'b' || !unresolve).map((mediaId) => ({ mediaId, found: true })), unresolved: unresolve ? p.mediaIds.filter((id) => id === 'b') : [] }), clock);
    s.diagnostics(parsed(['a', 'b']), {}, 'en');
    s.diagnostics(parsed(['a', 'b']), {}, 'en');
    await tick();
    assert.deepEqual(asked, [{ mediaIds: ['a', 'b'] }]);
    unresolve = false;
    s.diagnostics(parsed(['a', 'b']), {}, 'en');
    await tick();
    assert.equal(asked.length, 1, 'b waits for retryMs');
    clock.t += 600;
    s.diagnostics(parsed(['a', 'b']), {}, 'en');
    await tick();
    assert.deepEqual(asked[1], { mediaIds: ['b'] });
    clock.t += 1000;
    s.diagnostics(parsed(['a']), {}, 'en');
    await tick();
    assert.deepEqual(asked[2], { mediaIds: ['a'] }, 'a expired after ttlMs');
  });

  test('IDs typed past within the quiet time are not looked up; a closed document\'s are dropped', async () => {
    const asked: CloudMediaParams[] = [];
    const s = new CloudState({ request: async (p) => { asked.push(p); return { available: true, media: [] }; }, service, onChange: () => undefined, debounceMs: 30 });
    s.offered = true;
    const typed = (id: string, uri: string) => service.parse(doc([{ MediaId: id }]), 1, uri);
    s.diagnostics(typed('4b15', 'file:///a'), {}, 'en');
    s.diagnostics(typed('4b158', 'file:///a'), {}, 'en');
    s.diagnostics(typed('4b1584', 'file:///a'), {}, 'en');
    s.diagnostics(typed('ffff', 'file:///b'), {}, 'en');
    s.forget('file:///b');
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(asked, [{ mediaIds: ['4b1584'] }]);
  });

  test('bounded: the oldest facts go first; onChange only when something changed', async () => {
    const clock = { t: 0 };
    const { s, changes } = state(async (p) => ({ available: true, media: p.mediaIds.map((mediaId) => ({ mediaId, found: true })) }), clock);
    s.diagnostics(parsed(['a', 'b', 'c']), {}, 'en');
    await tick();
    assert.equal(s.known, 2);
    assert.equal(changes(), 1);
    s.refresh();
    assert.equal(s.known, 0);
    assert.equal(changes(), 2);
  });

  test('a failing request is retried later, not at every keystroke', async () => {
    const clock = { t: 0 };
    const { s, asked } = state(async () => { throw new Error('client gone'); }, clock);
    s.diagnostics(parsed(['a']), {}, 'en');
    await tick();
    s.diagnostics(parsed(['a']), {}, 'en');
    await tick();
    assert.equal(asked.length, 1);
    clock.t += 501;
    s.diagnostics(parsed(['a']), {}, 'en');
    await tick();
    assert.equal(asked.length, 2);
  });
});
