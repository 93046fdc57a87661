// textDocument/inlayHint from the built server over stdio, as an editor asks for it: the requested range
// only, LSP positions, Markdown tooltips, the client's locale, `vodTimeline.inlayHints.enabled` asked per
// document, workspace/inlayHint/refresh when settings change, and no answer for a text that moved on
// while the server waited for the client.
import * as assert from 'node:assert/strict';
import { ensureServerBuilt, StdioServer } from '../helpers/lspStdio';

interface Hint { position: { line: number; character: number }; label: string; tooltip?: { kind: string; value: string }; paddingLeft?: boolean; paddingRight?: boolean; data?: unknown }
interface ConfigItem { scopeUri?: string; section?: string }

/** Every clip on a line of its own: line 3 + i holds clip i. */
function timeline(count: number): string {
  const clips = Array.from({ length: count }, (_, i) => `      {"MediaId": "m${i}", "In": 0, "Out": 2}`);
  return `{\n  "VideoTracks": [\n    { "VideoTrackClips": [\n${clips.join(',\n')}\n    ] }\n  ]\n}\n`;
}

class Client extends StdioServer {
  refreshes = 0;
  /** What workspace/configuration asked for. */
  readonly asked: ConfigItem[] = [];
  /** The answer for one item (the test changes it). */
  answer: (item: ConfigItem) => unknown | Promise<unknown> = () => ({});

  constructor() {
    super();
    this.conn.onRequest('workspace/configuration', (p: { items: ConfigItem[] }) => {
      this.asked.push(...p.items);
      return Promise.all(p.items.map((i) => this.answer(i)));
    });
    this.conn.onRequest('workspace/inlayHint/refresh', () => { this.refreshes++; return null; });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('textDocument/publishDiagnostics', () => undefined);
    this.conn.listen();
  }

  async initialize(locale = 'en', { refreshSupport = true, configuration = true, resolve = false } = {}) {
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: null, workspaceFolders: null, locale,
      capabilities: { workspace: { configuration, inlayHint: { refreshSupport } }, textDocument: { inlayHint: { dynamicRegistration: false, ...(resolve ? { resolveSupport: { properties: ['tooltip'] } } : {}) } } },
    });
    await this.conn.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  open(uri: string, text: string, version = 1) {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'vod-timeline', version, text } });
  }

  hints(uri: string, startLine: number, endLine: number): Promise<Hint[] | null> {
    return this.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: startLine, character: 0 }, end: { line: endLine, character: 0 } } });
  }

}

/** Resolves when `pred` holds, checked on every turn of the event loop; a 10 s guard. */
async function until(pred: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10000;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

suite('LSP inlay hints over stdio', function () {
  this.timeout(30000);
  let client: Client;

  suiteSetup(ensureServerBuilt);
  teardown(async () => { await client?.close(); });

  test('the requested lines only, after each clip\'s {, with a Markdown tooltip', async () => {
    client = new Client();
    const init = await client.initialize();
    assert.deepEqual(init.capabilities.inlayHintProvider, { resolveProvider: false }, 'a client that does not resolve tooltips gets them at once');
    const uri = 'file:///tmp/lsp-inlay/a.timeline.json';
    await client.open(uri, timeline(200));
    // Lines 100–102 hold clips 97–99: a visible range of a long document.
    const hints = (await client.hints(uri, 100, 103))!;
    assert.deepEqual(hints.map((h) => [h.position, h.label]), [
      [{ line: 100, character: 7 }, '3:14–3:16 (2 s)'],
      [{ line: 101, character: 7 }, '3:16–3:18 (2 s)'],
      [{ line: 102, character: 7 }, '3:18–3:20 (2 s)'],
    ]);
    assert.equal(hints[0].paddingLeft, true);
    assert.equal(hints[0].paddingRight, true, '{"MediaId": no space after the {');
    assert.equal(hints[0].tooltip?.kind, 'markdown');
    assert.match(hints[0].tooltip!.value, /Follows Clip 96: starts where it ends \(3:14\)/);
    // The setting was asked for with the document as its scope.
    assert.deepEqual(client.asked.filter((i) => i.section === 'vodTimeline.inlayHints'), [{ scopeUri: uri, section: 'vodTimeline.inlayHints' }]);
    // Asked once per document: a second request reuses the answer.
    assert.equal((await client.hints(uri, 0, 10))!.length, 7);
    assert.equal(client.asked.filter((i) => i.section === 'vodTimeline.inlayHints').length, 1);
    // A document the server does not own, or does not know, has none.
    assert.equal(await client.hints('file:///tmp/lsp-inlay/unknown.timeline.json', 0, 10), null);
  });

  test('the setting, per document; a settings change asks the client to refresh and asks again', async () => {
    client = new Client();
    await client.initialize();
    const on = 'file:///tmp/lsp-inlay/on/a.timeline.json';
    const off = 'file:///tmp/lsp-inlay/off/a.timeline.json';
    let offFolder = true;
    client.answer = (i) => (i.section === 'vodTimeline.inlayHints' ? { enabled: !(offFolder && i.scopeUri?.includes('/off/')) } : {});
    await client.open(on, timeline(3));
    await client.open(off, timeline(3));
    assert.equal((await client.hints(on, 0, 10))!.length, 3);
    assert.equal(await client.hints(off, 0, 10), null);
    offFolder = false;
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await until(() => client.refreshes === 1, 'workspace/inlayHint/refresh');
    assert.equal((await client.hints(off, 0, 10))!.length, 3);
    // A value of the wrong type is no answer: the pushed settings decide.
    client.answer = (i) => (i.section === 'vodTimeline.inlayHints' ? { enabled: 'no' } : {});
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { vodTimeline: { inlayHints: { enabled: false } } } });
    await until(() => client.refreshes === 2, 'the second refresh');
    assert.equal(await client.hints(on, 0, 10), null);
  });

  test('a client that cannot be asked: the pushed settings decide; without refresh support no refresh is sent', async () => {
    client = new Client();
    await client.initialize('en', { refreshSupport: false, configuration: false });
    const uri = 'file:///tmp/lsp-inlay/b.timeline.json';
    await client.open(uri, timeline(2));
    assert.equal((await client.hints(uri, 0, 10))!.length, 2);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { vodTimeline: { inlayHints: { enabled: false } } } });
    // Messages are handled in order: the request after the notification sees the pushed value.
    assert.equal(await client.hints(uri, 0, 10), null);
    assert.equal(client.refreshes, 0);
    assert.deepEqual(client.asked, []);
  });

  test('a document changed while the server waited for the setting: no hints for the old range', async () => {
    client = new Client();
    await client.initialize();
    const uri = 'file:///tmp/lsp-inlay/c.timeline.json';
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    client.answer = async (i) => {
      if (i.section !== 'vodTimeline.inlayHints') return {};
      await held;
      return { enabled: true };
    };
    await client.open(uri, timeline(5));
    const stale = client.hints(uri, 0, 20);
    await until(() => client.asked.some((i) => i.section === 'vodTimeline.inlayHints'), 'the setting to be asked for');
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: timeline(1) }] });
    // Anything answered after the change was read: the server has version 2 when the answer arrives.
    assert.equal((await client.conn.sendRequest('vodTimeline/summary', { uri }) as { version: number }).version, 2);
    release();
    assert.equal(await stale, null);
    assert.deepEqual((await client.hints(uri, 0, 20))!.map((h) => h.label), ['0–2 s (2 s)']);
  });

  test('a client that resolves tooltips gets labels first, and a tooltip for the version it was computed for', async () => {
    client = new Client();
    const init = await client.initialize('en', { resolve: true });
    assert.deepEqual(init.capabilities.inlayHintProvider, { resolveProvider: true });
    const uri = 'file:///tmp/lsp-inlay/e.timeline.json';
    await client.open(uri, timeline(3));
    const hints = (await client.hints(uri, 0, 10))!;
    assert.deepEqual(hints.map((h) => [h.label, h.tooltip]), [['0–2 s (2 s)', undefined], ['2–4 s (2 s)', undefined], ['4–6 s (2 s)', undefined]]);
    const resolved = await client.conn.sendRequest('inlayHint/resolve', hints[2]) as Hint;
    assert.deepEqual({ ...resolved, tooltip: undefined }, { ...hints[2], tooltip: undefined }, 'only the tooltip is added');
    assert.equal(resolved.tooltip?.kind, 'markdown');
    assert.match(resolved.tooltip!.value, /^\*\*Output: 4–6 s \(2 s\)\*\*\n\n- Follows Clip 1: starts where it ends \(4 s\)/);
    // After an edit the old hint is not resolved against the new text.
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: timeline(1) }] });
    assert.deepEqual(await client.conn.sendRequest('inlayHint/resolve', hints[2]), hints[2]);
    // Nor does a hint with data that is not the server's break anything.
    const odd = { position: { line: 0, character: 0 }, label: 'x', data: { uri: 42 } };
    assert.deepEqual(await client.conn.sendRequest('inlayHint/resolve', odd), odd);
  });

  test('malformed inlayHint and resolve requests are answered without hints, and the server goes on', async () => {
    client = new Client();
    await client.initialize('en', { resolve: true });
    const uri = 'file:///tmp/lsp-inlay/f.timeline.json';
    await client.open(uri, timeline(2));
    const odd: unknown[] = [null, 5, {}, { textDocument: null }, { textDocument: { uri } }, { textDocument: { uri }, range: { start: { line: 'x' }, end: null } },
      { textDocument: { uri: 5 }, range: { start: { line: 0, character: 0 }, end: { line: 1e9, character: 1e9 } } }];
    for (const params of odd) {
      const r = await client.conn.sendRequest('textDocument/inlayHint', params).catch((e: Error) => e);
      assert.ok(r === null || Array.isArray(r) || r instanceof Error, JSON.stringify(r));
    }
    for (const hint of [null, 5, {}, { label: 'x', data: null }, { label: 'x', data: { uri, version: 1, offset: -1 } }, { label: 'x', data: { uri, version: 1, offset: 1e12 } }]) {
      await client.conn.sendRequest('inlayHint/resolve', hint).catch((e: Error) => e);
    }
    assert.deepEqual((await client.hints(uri, 0, 10))!.map((h) => h.label), ['0–2 s (2 s)', '2–4 s (2 s)']);
  });

  test('zh-CN client: labels and tooltips in Chinese', async () => {
    client = new Client();
    await client.initialize('zh-CN');
    const uri = 'file:///tmp/lsp-inlay/d.timeline.json';
    await client.open(uri, timeline(2));
    const hints = (await client.hints(uri, 0, 10))!;
    assert.deepEqual(hints.map((h) => h.label), ['0–2 秒（2 秒）', '2–4 秒（2 秒）']);
    assert.match(hints[1].tooltip!.value, /接在片段 0之后/);
  });
});
