// The built language server over stdio, driven like an editor drives it: initialize, open, change,
// pull, completion, hover, code actions, formatting, custom requests — and malformed input.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureServerBuilt, root, serverJs, StdioServer } from '../helpers/lspStdio';


interface Diag { range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: number; code: string; message: string; source: string; codeDescription?: { href: string } }

class Client extends StdioServer {
  readonly published = new Map<string, { version?: number; diagnostics: Diag[] }[]>();
  private waiters: (() => void)[] = [];
  /** What the server logged as errors (window/logMessage type 1). */
  readonly errors: string[] = [];

  constructor(args: string[] = [serverJs, '--stdio']) {
    super(args);
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
      const list = this.published.get(p.uri) ?? [];
      list.push({ version: p.version, diagnostics: p.diagnostics });
      this.published.set(p.uri, list);
      for (const w of this.waiters.splice(0)) w();
    });
    this.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => { if (p.type === 1) this.errors.push(p.message); });
    this.conn.onRequest('workspace/configuration', () => [{}]);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.listen();
  }

  async initialize(opts: { pull?: boolean; locale?: string; folder?: string; initializationOptions?: Record<string, unknown> } = {}) {
    const folderUri = opts.folder ? `file://${opts.folder}` : null;
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: folderUri, workspaceFolders: folderUri ? [{ uri: folderUri, name: 'ws' }] : null, locale: opts.locale ?? 'en',
      initializationOptions: opts.initializationOptions,
      capabilities: { textDocument: opts.pull ? { diagnostic: { dynamicRegistration: false } } : {}, workspace: { configuration: true } },
    });
    await this.conn.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  open(uri: string, text: string, version = 1) {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'vod-timeline', version, text } });
  }

  change(uri: string, text: string, version: number) {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The first publish for `uri` that satisfies `pred` (events, not sleeps; a 10 s guard). */
  waitForPublish(uri: string, pred: (p: { version?: number; diagnostics: Diag[] }) => boolean): Promise<{ version?: number; diagnostics: Diag[] }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(this.published.get(uri))}; stderr ${this.stderr}`)), 10000);
      const check = () => {
        const hit = (this.published.get(uri) ?? []).find(pred);
        if (hit) { clearTimeout(timer); resolve(hit); return true; }
        return false;
      };
      if (!check()) {
        const again = () => { if (!check()) this.waiters.push(again); };
        this.waiters.push(again);
      }
    });
  }

}

const BROKEN = `{
  "VideoTracks": [
    {
      "VideoTrackClips": [
        { "MediaID": "4b15846bcb3ea8c958fe1e7f3da85ae2", "In": 10, "Out": 4 },
        { "MediaId": "217bb98cf063356182dbbeb992910a4f", "In": "2", "Out": 8 }
      ]
    }
  ]
}
`;

suite('LSP server over stdio', function () {
  this.timeout(30000);
  let client: Client;

  suiteSetup(ensureServerBuilt);
  teardown(async () => { await client?.close(); });

  test('push mode: diagnostics on open with codes at exact ranges; stale versions are not published', async () => {
    client = new Client();
    const init = await client.initialize();
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'no pull support declared → push');
    const uri = 'file:///tmp/lsp-test/push.timeline.json';
    await client.open(uri, BROKEN);
    const first = await client.waitForPublish(uri, (p) => p.version === 1);
    const byCode = new Map(first.diagnostics.map((d) => [d.code, d]));
    const required = byCode.get('schema/required')!;
    assert.equal(required.severity, 1);
    assert.deepEqual(required.range, { start: { line: 4, character: 10 }, end: { line: 4, character: 19 } });
    assert.equal(byCode.get('timing/in-not-before-out')!.range.start.line, 4);
    assert.equal(byCode.get('schema/number-as-string')!.severity, 2);
    assert.ok(first.diagnostics.every((d) => d.source === 'vod-timeline'));
    // Each code links to its rule page: without a base from the client, the file beside the server.
    for (const d of first.diagnostics) {
      assert.equal(d.codeDescription?.href, pathToFileURL(path.join(root, 'docs', 'rules', 'en', `${d.code.replace('/', '-')}.md`)).href);
      assert.ok(fs.existsSync(fileURLToPath(d.codeDescription!.href)), d.code);
    }
    // Three quick edits: only the last version's diagnostics may be published after it.
    const fixed = BROKEN.replace('"MediaID"', '"MediaId"').replace('"In": 10, "Out": 4', '"In": 1, "Out": 4').replace('"In": "2"', '"In": 2');
    await client.change(uri, fixed.replace('"Out": 8', '"Out": 0'), 2);
    await client.change(uri, fixed.replace('"Out": 8', '"Out": 1'), 3);
    await client.change(uri, fixed, 4);
    const last = await client.waitForPublish(uri, (p) => p.version === 4);
    assert.deepEqual(last.diagnostics, []);
    assert.ok(!(client.published.get(uri) ?? []).some((p) => p.version === 2), 'version 2 was superseded before its debounce ran');
  });

  test('completionItem/resolve answers for the list an item came from, not the latest list', async () => {
    client = new Client();
    await client.initialize({ pull: true });
    const uri = 'file:///tmp/lsp-test/resolve.timeline.json';
    const text = '{\n  "VideoTracks": [{ "VideoTrackClips": [{ "MediaId": "4b15846bcb3ea8c958fe1e7f3da85ae2",  }] }],\n  \n}';
    await client.open(uri, text);
    type Item = { label: string; data: unknown; documentation?: { value: string } };
    // Keys of a clip (line 1, inside the clip), then keys of the Timeline (line 2): two different lists.
    const clip = await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 89 } }) as { items: Item[] };
    const top = await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 2 } }) as { items: Item[] };
    const i = clip.items.findIndex((it, k) => top.items[k] && top.items[k].label !== it.label && it.label === 'TimelineIn');
    assert.ok(i >= 0, `TimelineIn at a position where the other list has another item: ${clip.items.map((x) => x.label).join(',')}`);
    const resolved = await client.conn.sendRequest('completionItem/resolve', clip.items[i]) as Item;
    assert.match(resolved.documentation?.value ?? '', /starts on the output timeline/, `TimelineIn's documentation, got: ${resolved.documentation?.value}`);
    const fromTop = await client.conn.sendRequest('completionItem/resolve', top.items[i]) as Item;
    assert.notEqual(fromTop.documentation?.value, resolved.documentation?.value, 'each item gets its own documentation');
    // An item from a list long gone is answered without documentation, never with another item's.
    for (let k = 0; k < 12; k++) await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 2 } });
    const stale = await client.conn.sendRequest('completionItem/resolve', clip.items[i]) as Item;
    assert.ok(stale.documentation === undefined || /starts on the output timeline/.test(stale.documentation.value), `stale: ${stale.documentation?.value}`);
  });

  test('pull mode, completion with resolve, hover, code action, formatting, summary', async () => {
    client = new Client();
    const init = await client.initialize({ pull: true });
    assert.ok(init.capabilities.diagnosticProvider, 'pull advertised');
    const uri = 'file:///tmp/lsp-test/pull.timeline.json';
    await client.open(uri, BROKEN);
    const report = await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as { kind: string; items: Diag[]; resultId: string };
    assert.equal(report.kind, 'full');
    assert.ok(report.items.some((d) => d.code === 'schema/required'));
    const again = await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId }) as { kind: string };
    assert.equal(again.kind, 'unchanged');

    // Completion inside the second clip, right after its "{".
    const completion = await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 9 } }) as { items: { label: string; data: unknown; documentation?: unknown }[] };
    const labels = completion.items.map((i) => i.label);
    assert.ok(labels.includes('TimelineIn') && labels.includes('Effects'), labels.join(','));
    assert.ok(!labels.includes('MediaId'), 'MediaId is already present in that clip');
    const item = completion.items.find((i) => i.label === 'TimelineIn')!;
    assert.equal(item.documentation, undefined, 'documentation comes with resolve');
    const resolved = await client.conn.sendRequest('completionItem/resolve', item) as { documentation?: { value: string } };
    assert.match(resolved.documentation!.value, /second/i);

    const hover = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 60 } }) as { contents: { value: string } };
    assert.match(hover.contents.value, /In/);

    const actions = await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 5, character: 63 }, end: { line: 5, character: 66 } }, context: { diagnostics: [] },
    }) as { title: string; edit: { documentChanges: { edits: { newText: string }[] }[] } }[];
    const write = actions.find((a) => /as a number/.test(a.title));
    assert.ok(write, actions.map((a) => a.title).join(' | '));
    assert.equal(write!.edit.documentChanges[0].edits[0].newText, '2');

    const edits = await client.conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }) as unknown[];
    assert.ok(edits.length > 0, 'reindenting to 4 spaces changes something');

    const summary = await client.conn.sendRequest('vodTimeline/summary', { uri }) as { clips: number; errors: number; tracks: { video: number } };
    assert.equal(summary.clips, 2);
    assert.equal(summary.tracks.video, 1);
    assert.equal(summary.errors, 1, 'the missing MediaId (In ≥ Out is a warning)');
  });

  test('colours: documentColor gives the swatches, colorPresentation writes a pick in the value\'s style', async () => {
    client = new Client();
    const init = await client.initialize({ pull: true });
    assert.equal(init.capabilities.colorProvider, true);
    const uri = 'file:///tmp/lsp-test/colors.timeline.json';
    const text = [
      '{',
      '  "SubtitleTracks": [{ "SubtitleTrackClips": [',
      '    { "Type": "Text", "Content": "#FF0000", "FontColor": "#ffffff", "OutlineColour": "1E90FF", "BackColour": "red" }',
      '  ] }]',
      '}',
    ].join('\n');
    await client.open(uri, text);
    type Info = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; color: { red: number; green: number; blue: number; alpha: number } };
    const infos = await client.conn.sendRequest('textDocument/documentColor', { textDocument: { uri } }) as Info[];
    const line = text.split('\n')[2];
    assert.deepEqual(infos.map((i) => line.slice(i.range.start.character, i.range.end.character)), ['#ffffff', '1E90FF']);
    assert.ok(infos.every((i) => i.range.start.line === 2 && i.range.end.line === 2));
    assert.deepEqual(infos[1].color, { red: 30 / 255, green: 144 / 255, blue: 1, alpha: 1 });
    type Presentation = { label: string; textEdit: { range: Info['range']; newText: string } };
    const ask = (i: Info, color: Info['color']) => client.conn.sendRequest('textDocument/colorPresentation', { textDocument: { uri }, color, range: i.range }) as Promise<Presentation[]>;
    const font = await ask(infos[0], { red: 1, green: 0, blue: 0, alpha: 0.5 });
    assert.deepEqual(font[0], { label: '#ff0000', textEdit: { range: infos[0].range, newText: '#ff0000' } });
    const outline = await ask(infos[1], { red: 0, green: 0, blue: 0, alpha: 1 });
    assert.deepEqual(outline.map((p) => p.label), ['000000', '#000000']);
    // Malformed or unknown: empty answers, and the server keeps answering.
    assert.deepEqual(await client.conn.sendRequest('textDocument/colorPresentation', { textDocument: { uri }, range: infos[0].range }), []);
    assert.deepEqual(await client.conn.sendRequest('textDocument/documentColor', { textDocument: { uri: 'file:///nope.timeline.json' } }), []);
    assert.deepEqual(await client.conn.sendRequest('textDocument/documentColor', {}), []);
    assert.equal((await client.conn.sendRequest('textDocument/documentColor', { textDocument: { uri } }) as Info[]).length, 2);
  });

  test('messages follow the client locale (zh-CN)', async () => {
    client = new Client();
    await client.initialize({ locale: 'zh-cn' });
    const uri = 'file:///tmp/lsp-test/zh.timeline.json';
    await client.open(uri, BROKEN);
    const p = await client.waitForPublish(uri, () => true);
    const d = p.diagnostics.find((x) => x.code === 'timing/in-not-before-out')!;
    assert.match(d.message, /入点/);
    assert.match(d.codeDescription!.href, /\/docs\/rules\/zh-cn\/timing-in-not-before-out\.md$/);
  });

  test('the client says where the rule pages are (initializationOptions.rulePages, the installed extension)', async () => {
    client = new Client();
    await client.initialize({ initializationOptions: { rulePages: 'vscode-remote://ssh-remote+box/home/u/.vscode-server/extensions/vod-timeline/docs/rules' } });
    const uri = 'file:///tmp/lsp-test/pages.timeline.json';
    await client.open(uri, BROKEN);
    const p = await client.waitForPublish(uri, () => true);
    const d = p.diagnostics.find((x) => x.code === 'schema/number-as-string')!;
    assert.equal(d.codeDescription!.href, 'vscode-remote://ssh-remote+box/home/u/.vscode-server/extensions/vod-timeline/docs/rules/en/schema-number-as-string.md');
  });

  test('workspace files get problems unopened; opened in pull mode, the pushed copy is withdrawn (no doubles)', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-ws-'));
    try {
      fs.writeFileSync(path.join(folder, 'closed.timeline.json'), BROKEN);
      const uri = `file://${folder}/closed.timeline.json`;
      client = new Client();
      await client.initialize({ pull: true, folder });
      const pushed = await client.waitForPublish(uri, (p) => p.diagnostics.length > 0);
      assert.ok(pushed.diagnostics.some((d) => d.code === 'schema/required'), 'checked without being opened');
      const before = client.published.get(uri)!.length;
      await client.open(uri, BROKEN);
      const cleared = await client.waitForPublish(uri, (p) => p.diagnostics.length === 0 && client.published.get(uri)!.indexOf(p) >= before);
      assert.deepEqual(cleared.diagnostics, []);
      const report = await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as { items: Diag[] };
      assert.ok(report.items.some((d) => d.code === 'schema/required'), 'the pulled report carries the problems now');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test('malformed requests and unknown methods do not kill the server', async () => {
    client = new Client();
    await client.initialize({ pull: true });
    const uri = 'file:///tmp/lsp-test/bad.timeline.json';
    await client.open(uri, '{"VideoTracks": [');
    // Missing position, wrong types, unknown document, unknown method.
    assert.equal(await client.conn.sendRequest('textDocument/hover', { textDocument: { uri } }), null);
    assert.deepEqual(await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 42 } }), []);
    assert.equal(await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: 'file:///nope.timeline.json' }, position: { line: 0, character: 0 } }), null);
    await assert.rejects(client.conn.sendRequest('vodTimeline/noSuchMethod', {}));
    // Raw garbage on the wire: a header with a body that is not JSON.
    client.proc.stdin!.write('Content-Length: 9\r\n\r\n{not json');
    // Still answering afterwards.
    const report = await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as { items: Diag[] };
    assert.ok(report.items.some((d) => d.code === 'syntax/invalid-json'));
    assert.equal(client.proc.exitCode, null);
  });

  // vscode-jsonrpc's own stream reader waited for ever after a header promising more than followed,
  // and a negative Content-Length corrupted its buffer; the stdio reader now resynchronises on the
  // next Content-Length header (server/src/framing.ts).
  for (const [entry, args] of [['dist/server.js --stdio', [serverJs, '--stdio']], ['vod-timeline lsp --stdio', [path.join(root, 'bin', 'vod-timeline.js'), 'lsp', '--stdio']]] as const) {
    test(`${entry}: after a run of broken frames, the next well-formed request is answered`, async () => {
      client = new Client([...args]);
      await client.initialize({ pull: true });
      const uri = 'file:///tmp/lsp-test/framing.timeline.json';
      await client.open(uri, BROKEN);
      const broken = [
        'Content-Length: 5000\r\n\r\n{"jsonrpc":"2.0","id":900,"method":"textDocument/hover","params":{',
        'Content-Length: -5\r\n\r\n{"jsonrpc":"2.0"}',
        'Content-Length: abc\r\n\r\n{}',
        'Content-Length: 2\n\n{}',
        'Content-Length 17\r\nGarbage\r\n\r\n{"jsonrpc":"2.0","method":"foo"}',
        '\u0000\u0001 random \r\n\r\n bytes',
        'Content-Length: 99\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":',
      ];
      for (let i = 0; i < 120; i++) client.proc.stdin!.write(Buffer.from(broken[i % broken.length], 'latin1'));
      const within = <T>(p: Promise<T>, what: string) => {
        let timer: NodeJS.Timeout | undefined;
        return Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer in 5 s; stderr ${client.stderr}`)), 5000); })]).finally(() => clearTimeout(timer));
      };
      const report = await within(client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as Promise<{ items: Diag[] }>, 'diagnostic');
      assert.ok(report.items.some((d) => d.code === 'schema/required'));
      // And the server keeps reading: broken once more, then a hover.
      client.proc.stdin!.write('Content-Length: 77\r\n\r\n{');
      const hover = await within(client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 60 } }) as Promise<{ contents: { value: string } }>, 'hover');
      assert.match(hover.contents.value, /In/);
      assert.equal(client.proc.exitCode, null);
    });
  }

  test('a didOpen or didChange with malformed parameters is dropped: the document keeps its last good text', async () => {
    client = new Client();
    await client.initialize({ pull: true });
    const uri = 'file:///tmp/lsp-test/poisoned.timeline.json';
    await client.open(uri, BROKEN);
    const c = client.conn;
    await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 5 }] });
    await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 0, character: 'x' }, end: { line: 0, character: 1 } }, text: '{' }] });
    await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: 'x' }, contentChanges: [{ text: '{}' }] });
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'vod-timeline', version: 4, text: null } });
    // Every request on it still works on the text opened first.
    const report = await c.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as { items: Diag[] };
    assert.ok(report.items.some((d) => d.code === 'schema/required'), JSON.stringify(report));
    const hover = await c.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 60 } }) as { contents: { value: string } };
    assert.match(hover.contents.value, /In/);
    const symbols = await c.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as unknown[];
    assert.ok(symbols.length > 0);
    // A text that is not a string never became a document.
    const other = 'file:///tmp/lsp-test/never.timeline.json';
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'vod-timeline', version: 1, text: 5 } });
    assert.equal(await c.sendRequest('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(client.errors, [], 'no request failed inside the server');
  });

  test('settings of the wrong types from the client are ignored field by field, not handed to the rules', async () => {
    client = new Client();
    await client.initialize({ pull: true });
    const uri = 'file:///tmp/lsp-test/settings.timeline.json';
    await client.open(uri, '{ "Timeline": { "VideoTracks": [{ "VideoTrackClips": [{ "MediaId": "4b15846bcb3ea8c958fe1e7f3da85ae2" }] }] } }\n');
    const codes = async () => ((await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diag[] }).items.map((d) => d.code);
    // Found by the LSP fuzz (seed 42): a region that is a number reached request/no-project-or-timeline
    // ("region?.trim is not a function"), and the rule's diagnostics were lost.
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { vodTimeline: { region: 5, validation: { delay: 'x', workspace: 7, maxFiles: 'x' }, cloud: 'x' } } });
    assert.ok(!(await codes()).includes('request/storage-location'));
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { vodTimeline: { region: 'ap-southeast-1', validation: { delay: -1e9 } } } });
    assert.ok((await codes()).includes('request/storage-location'), 'a region that is a string still applies');
    assert.deepEqual(client.errors, [], 'no rule or handler failed inside the server');
  });

  test('settings pushed while the first settings question is out are not overwritten by its older answer', async () => {
    client = new Client();
    // The client holds its answer to the server's first workspace/configuration until a change was pushed.
    let answer: ((settings: unknown[]) => void) | undefined;
    const asked = new Promise<void>((resolve) => {
      client.conn.onRequest('workspace/configuration', () => new Promise<unknown[]>((r) => { answer = r; resolve(); }));
    });
    await client.initialize({ pull: true });
    await Promise.race([asked, new Promise((_, reject) => setTimeout(() => reject(new Error('the server never asked for its settings')), 10_000))]);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { vodTimeline: { region: 'ap-southeast-1' } } });
    const uri = 'file:///tmp/lsp-test/settings-race.timeline.json';
    await client.open(uri, '{ "Timeline": { "VideoTracks": [{ "VideoTrackClips": [{ "MediaId": "4b15846bcb3ea8c958fe1e7f3da85ae2" }] }] } }\n');
    const codes = async () => ((await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diag[] }).items.map((d) => d.code);
    assert.ok((await codes()).includes('request/storage-location'), 'the pushed region applies');
    // Now the stale answer (no region: Shanghai's rules) arrives.
    answer!([{}]);
    await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }); // a round trip after the answer
    assert.ok((await codes()).includes('request/storage-location'), 'the pushed region still applies after the older answer');
  });

  test('a second initialize is refused and changes nothing (locale, pull mode)', async () => {
    client = new Client();
    await client.initialize({ pull: true, locale: 'en' });
    // Found by the LSP fuzz (seed 11): a repeated initialize with `capabilities: {}` switched the server
    // to push mode mid-session.
    await assert.rejects(client.conn.sendRequest('initialize', { processId: null, rootUri: null, locale: 'zh-cn', capabilities: {} }), /initialize/);
    const uri = 'file:///tmp/lsp-test/reinit.timeline.json';
    await client.open(uri, BROKEN);
    const report = await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as { items: Diag[] };
    const d = report.items.find((x) => x.code === 'timing/in-not-before-out')!;
    assert.doesNotMatch(d.message, /入点/, 'still English');
    // Still in pull mode: a cloud refresh asks the client to pull again instead of pushing.
    let refreshed = 0;
    client.conn.onRequest('workspace/diagnostic/refresh', () => { refreshed++; return null; });
    await client.conn.sendNotification('vodTimeline/cloudRefresh', {});
    await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(refreshed, 1);
    assert.equal(client.published.get(uri), undefined, 'nothing pushed');
  });

  test('push mode: revalidating every open document lets a request in between them', async () => {
    client = new Client();
    await client.initialize();
    const uris = Array.from({ length: 12 }, (_, i) => `file:///tmp/lsp-test/many-${i}.timeline.json`);
    for (const uri of uris) await client.open(uri, BROKEN);
    for (const uri of uris) await client.waitForPublish(uri, () => true);
    // Found by the LSP fuzz (seed 11): a settings change or a cloud refresh validated every open
    // document in one go; with 60 large ones open, requests waited 3-4 s.
    const order: string[] = [];
    const published = new Promise<void>((resolve) => {
      client.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
        order.push(`publish ${p.uri}`);
        if (uris.every((u) => order.includes(`publish ${u}`))) resolve();
      });
    });
    await client.conn.sendNotification('vodTimeline/cloudRefresh', {});
    const hover = client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uris[0] }, position: { line: 5, character: 60 } }).then(() => order.push('hover'));
    await Promise.all([hover, published]);
    assert.ok(order.indexOf('hover') < order.length - 1, `the hover waited for every document: ${order.join(', ')}`);
  });

  test('stdin closing ends the server: exit code 0 after shutdown, as vscode-languageserver does it', async () => {
    client = new Client();
    await client.initialize();
    await client.conn.sendRequest('shutdown');
    const exited = new Promise<number | null>((resolve) => client.proc.once('exit', (code) => resolve(code)));
    client.proc.stdin!.end();
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<string>((resolve) => { timer = setTimeout(() => resolve('still running after 5 s'), 5000); })]).finally(() => clearTimeout(timer));
    assert.equal(code, 0);
  });
});
