// Cloud-aware authoring in the real extension host, against an emulator started here (loopback only):
// MediaId completion lists the emulator's media with titles, hover shows a media's duration, an Out
// past the real duration is flagged by the cloud checks, a stopped emulator makes completion fall back
// to its cache (and say so), cloud projects round-trip, and without credentials it all stays quiet.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { resolveCredentials, VodClient } from '../../../client/src/vod';
import { startEmulator, type Emulator } from '../../../emulator/src';
import { activateExtension, closeAllEditors, openDocument, openUntitled, waitForDiagnostics, workspaceUri } from '../helpers';

const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';
const LOGO = '7652bba6f411a6a4f21caec270ec34e5';
const GONE = '0123456789abcdef0123456789abcdef';
const CLOUD_SOURCE = 'vod-timeline (cloud)';
const ENV_KEYS = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN'];

const withMediaId = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: id, ...extra }] }] }, null, 2);

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function descriptionOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? '' : item.label.description ?? '';
}

/** MediaId items of the extension (VS Code adds word-based suggestions from other documents as Text items). */
function mediaItems(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  return items.filter((i) => i.kind === vscode.CompletionItemKind.Reference);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

/** Completion inside the (empty or partly typed) MediaId string of the document. */
async function completeMediaId(doc: vscode.TextDocument): Promise<vscode.CompletionItem[]> {
  const text = doc.getText();
  const at = text.indexOf('"MediaId": "') + '"MediaId": "'.length;
  const close = text.indexOf('"', at);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(close));
  return list.items;
}

async function hoverText(doc: vscode.TextDocument, needle: string): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(doc.getText().indexOf(needle) + 3));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/** A new file in the workspace copy, opened: diagnostics tests use their own URI, never a reused Untitled-N. */
async function openFile(name: string, content: string): Promise<vscode.TextDocument> {
  await vscode.workspace.fs.writeFile(workspaceUri(`cloud/${name}`), new TextEncoder().encode(content));
  return openDocument(`cloud/${name}`);
}

suite('cloud: media library and projects', function () {
  this.timeout(60_000);
  let emu: Emulator | undefined;
  const env: Record<string, string | undefined> = {};
  const settings: Array<[string, unknown]> = [];

  const setSetting = async (key: string, value: unknown) => {
    const c = vscode.workspace.getConfiguration('vodTimeline');
    if (!settings.some(([k]) => k === key)) settings.push([key, c.inspect(key)?.globalValue]);
    await c.update(key, value, vscode.ConfigurationTarget.Global);
  };

  suiteSetup(async () => {
    await activateExtension();
    emu = await startEmulator();
    for (const k of ENV_KEYS) env[k] = process.env[k];
    // The extension's credentials chain ends with the SDK's default chain, which reads these.
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = emu.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = emu.accessKeySecret;
    delete process.env.ALIBABA_CLOUD_SECURITY_TOKEN;
    await setSetting('region', 'cn-shanghai');
    await setSetting('cloud.enabled', true);
    await setSetting('cloud.checks', true);
    // Changing the endpoint makes the extension look for credentials again and the server ask again.
    await setSetting('endpoint', emu.url);
  });

  suiteTeardown(async () => {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const c = vscode.workspace.getConfiguration('vodTimeline');
    for (const [key, value] of settings) await c.update(key, value, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('vodTimeline.refreshCloud');
    await emu?.close();
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceUri('cloud'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  teardown(closeAllEditors);

  test('MediaId completion lists the emulator\'s media, newest first, with titles', async () => {
    const doc = await openUntitled(withMediaId(''));
    // The first request may find the language server still starting: ask again (each ask is bounded).
    let items: vscode.CompletionItem[] = [];
    for (let attempt = 0; attempt < 10 && !items.some((i) => labelOf(i) === KEYNOTE); attempt++) items = await completeMediaId(doc);
    const keynote = mediaItems(items).find((i) => labelOf(i) === KEYNOTE)!;
    assert.equal(descriptionOf(keynote), 'Product launch keynote');
    assert.match(String(keynote.detail), /Product launch keynote · /);
    assert.match(String(keynote.detail), /5:12\.48 · Normal · 2026-10-01/);
    const logo = mediaItems(items).find((i) => labelOf(i) === LOGO);
    assert.equal(descriptionOf(logo!), 'Company logo');
    // Newest first: the logo (2026-10-10) sorts before the keynote (2026-10-01).
    assert.ok(String(logo!.sortText) < String(keynote.sortText), `${logo!.sortText} < ${keynote.sortText}`);
  });

  test('typing filters the items by title', async () => {
    const doc = await openFile('typing.timeline.json', withMediaId('Interv'));
    const items = await completeMediaId(doc);
    const library = mediaItems(items).filter((i) => descriptionOf(i));
    assert.deepEqual(library.map(descriptionOf).sort(), ['Interview – close-up', 'Interview – wide shot']);
  });

  test('hover on a MediaId shows the media\'s title and duration', async () => {
    const doc = await openUntitled(withMediaId(KEYNOTE, { In: 0, Out: 10 }));
    const text = await hoverText(doc, KEYNOTE);
    assert.match(text, /Product launch keynote/);
    assert.match(text, /312\.48/);
    assert.match(text, /1920×1080/);
  });

  test('an Out past the media\'s real duration is flagged by the cloud checks (a warning, source vod-timeline (cloud))', async () => {
    const doc = await openFile('out-past-end.timeline.json', withMediaId(KEYNOTE, { In: 0, Out: 400 }));
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'cloud/out-beyond-duration'));
    const d = diagnostics.find((x) => codeOf(x) === 'cloud/out-beyond-duration')!;
    assert.equal(d.source, CLOUD_SOURCE);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(d.range), '"Out": 400');
    assert.match(d.message, /312\.48/);
  });

  test('turning the cloud checks off takes their warnings away', async () => {
    const doc = await openFile('cloud-off.timeline.json', withMediaId(KEYNOTE, { In: 0, Out: 400 }));
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'cloud/out-beyond-duration'));
    await setSetting('cloud.enabled', false);
    try {
      const after = await waitForDiagnostics(doc.uri, (d) => !d.some((x) => x.source === CLOUD_SOURCE));
      assert.ok(after.every((x) => !codeOf(x).startsWith('cloud/')));
    } finally {
      await setSetting('cloud.enabled', true);
    }
  });

  test('an unknown MediaId and media not in Normal status are flagged', async () => {
    const doc = await openFile('unknown-and-transcoding.timeline.json', JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: GONE }, { MediaId: 'c288f3df19f9fc935efb4c3582ddf67e' }] }] }, null, 2));
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'cloud/unknown-media') && d.some((x) => codeOf(x) === 'cloud/media-status'));
    assert.ok(diagnostics.filter((x) => codeOf(x).startsWith('cloud/')).every((x) => x.source === CLOUD_SOURCE));
  });

  test('Open Cloud Project and Save to Cloud Project round-trip through the emulator', async () => {
    const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu!.accessKeyId, accessKeySecret: emu!.accessKeySecret } });
    const vod = new VodClient({ credential, endpoint: emu!.url, retry: false });
    const created = await vod.addEditingProject({ Title: 'Launch edit', Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 5 }] }] } });
    const id = created.Project.ProjectId;

    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('vodTimeline.openCloudProject', id);
    assert.ok(doc, 'a document was opened');
    assert.equal(doc.languageId, 'vod-timeline');
    const opened = JSON.parse(doc.getText()) as { ProjectId: string; Title: string; Timeline: { VideoTracks: { VideoTrackClips: { Out: number }[] }[] } };
    assert.equal(opened.ProjectId, id);
    assert.equal(opened.Title, 'Launch edit');
    assert.equal(opened.Timeline.VideoTracks[0].VideoTrackClips[0].Out, 5, 'the Timeline opens as an object');

    const edited = { ...opened, Title: 'Launch edit v2', Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 7 }] }] } };
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), JSON.stringify(edited, null, 2)));
    await setSetting('cloud.confirmSave', false);
    const saved = await vscode.commands.executeCommand<{ outcome: string; projectId?: string }>('vodTimeline.saveCloudProject');
    assert.deepEqual(saved, { outcome: 'saved', projectId: id });
    const stored = emu!.projects.get(id)!;
    assert.equal(stored.Title, 'Launch edit v2');
    assert.deepEqual(JSON.parse(stored.Timeline), edited.Timeline);

    const again = await vscode.commands.executeCommand<vscode.TextDocument>('vodTimeline.openCloudProject', id);
    assert.deepEqual(JSON.parse(again.getText()), edited);
  });

  test('with the emulator stopped, completion falls back to the cache and says so', async () => {
    await emu!.close();
    // Forget what is in memory: the next listing must go to the (stopped) cloud.
    await vscode.commands.executeCommand('vodTimeline.refreshCloud');
    const doc = await openUntitled(withMediaId(''));
    const items = await completeMediaId(doc);
    const keynote = mediaItems(items).find((i) => labelOf(i) === KEYNOTE);
    assert.ok(keynote, `cached items: ${items.map(labelOf).join(', ')}`);
    assert.equal(descriptionOf(keynote), 'Product launch keynote');
    assert.match(String(keynote.detail), /offline|离线/);
    const documentation = keynote.documentation instanceof vscode.MarkdownString ? keynote.documentation.value : String(keynote.documentation ?? '');
    if (documentation) assert.match(documentation, /cache|缓存/);
  });

  test('without credentials the cloud features are quietly off', async () => {
    for (const k of ENV_KEYS) delete process.env[k];
    const fresh = await startEmulator();
    try {
      await setSetting('endpoint', fresh.url);
      const doc = await openFile('no-credentials.timeline.json', withMediaId(GONE, { In: 0, Out: 1, Foo: 1 }));
      await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'schema/unknown-key'));
      const text = await hoverText(doc, GONE);
      assert.doesNotMatch(text, /_Media library_|_媒资库_/);
      const items = await completeMediaId(doc);
      assert.deepEqual(mediaItems(items).map(labelOf), [], 'no library items');
      assert.deepEqual(vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === CLOUD_SOURCE), []);
      assert.deepEqual(fresh.requests, [], 'nothing was sent');
    } finally {
      await fresh.close();
    }
  });
});
