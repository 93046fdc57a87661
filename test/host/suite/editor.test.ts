// The editing features in a real VS Code: examples without errors, a broken fixture's codes at their
// ranges, completion, hover, a quick fix that changes the text, outline, rename, New Timeline, a .json
// file adopted by its $schema, and messages in the host's language.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openDocument, openUntitled, waitFor, waitForDiagnostics, LANGUAGE_ID } from '../helpers';

interface Api {
  languageClient(): Promise<{ sendRequest<T>(method: string, params: unknown): Promise<T> }>;
}

const ours = (d: readonly vscode.Diagnostic[]) => d.filter((x) => x.source === 'vod-timeline');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const isZh = () => vscode.env.language.toLowerCase().startsWith('zh');

suite('editor features', function () {
  this.timeout(60_000);
  let api: Api;

  suiteSetup(async () => {
    api = (await activateExtension()).exports as Api;
  });
  teardown(closeAllEditors);

  test('every example opens with 0 errors', async () => {
    const ext = vscode.extensions.getExtension('vod-timeline.vod-timeline')!;
    const folder = vscode.Uri.joinPath(ext.extensionUri, 'examples');
    const files = (await vscode.workspace.fs.readDirectory(folder)).filter(([n]) => n.endsWith('.timeline.json'));
    assert.ok(files.length >= 7, `${files.length} examples`);
    const client = await api.languageClient();
    for (const [name] of files) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, name));
      assert.equal(doc.languageId, LANGUAGE_ID, name);
      const summary = await waitFor(
        () => client.sendRequest<{ errors: number; warnings: number; clips: number } | null>('vodTimeline/summary', { uri: doc.uri.toString() }),
        vscode.workspace.onDidOpenTextDocument, `summary of ${name}`,
      );
      assert.equal(summary.errors, 0, `${name}: ${summary.errors} errors`);
      assert.ok(summary.clips > 0, name);
    }
  });

  test('a broken fixture shows the expected codes at the expected ranges', async () => {
    const doc = await openDocument('broken.timeline.json');
    const diagnostics = ours(await waitForDiagnostics(doc.uri, (d) => ours(d).length >= 4));
    const at = (code: string) => diagnostics.find((d) => codeOf(d) === code);
    const required = at('schema/required');
    assert.ok(required, diagnostics.map(codeOf).join(', '));
    assert.equal(required.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([required.range.start.line, required.range.start.character, required.range.end.character], [6, 10, 19]);
    const inOut = at('timing/in-not-before-out')!;
    assert.equal(inOut.range.start.line, 7);
    assert.equal(inOut.severity, vscode.DiagnosticSeverity.Warning);
    // Each code links to its rule page in the installed extension, which VS Code opens itself.
    const ext = vscode.extensions.getExtension('vod-timeline.vod-timeline')!;
    for (const d of diagnostics) {
      assert.ok(typeof d.code === 'object', `${codeOf(d)} has a link`);
      const page = vscode.Uri.joinPath(ext.extensionUri, 'docs', 'rules', isZh() ? 'zh-cn' : 'en', `${codeOf(d).replace('/', '-')}.md`);
      assert.equal(d.code.target.toString(), page.toString());
      await vscode.workspace.fs.stat(page);
    }
    const asString = at('schema/number-as-string')!;
    assert.equal(asString.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([asString.range.start.line, asString.range.start.character], [12, 16]);
    const overlap = at('timing/overlap')!;
    assert.equal(overlap.severity, vscode.DiagnosticSeverity.Warning);
    if (isZh()) assert.match(inOut.message, /入点/);
    else assert.match(inOut.message, /is not before Out/);
  });

  test('completion offers the keys valid in a clip, not those already there', async () => {
    const doc = await openUntitled('{\n  "VideoTracks": [\n    { "VideoTrackClips": [ { "MediaId": "4b15846bcb3ea8c958fe1e7f3da85ae2",  } ] }\n  ]\n}\n');
    const line = doc.lineAt(2).text;
    const position = new vscode.Position(2, line.indexOf(',  }') + 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of ['In', 'Out', 'TimelineIn', 'Effects']) assert.ok(labels.includes(key), `${key} in ${labels.join(',')}`);
    assert.ok(!labels.includes('MediaId'), 'MediaId is already present');
  });

  test('hover explains a field with its unit', async () => {
    const doc = await openDocument('two-clips.timeline.json');
    const text = doc.getText();
    const offset = text.indexOf('"Out"') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(markdown, isZh() ? /出点|秒/ : /Out/);
    assert.match(markdown, isZh() ? /秒/ : /second/i);
  });

  test('color decorators: the example subtitles get swatches, and a picked colour keeps the # and case', async () => {
    const ext = await activateExtension();
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'examples', 'subtitles.timeline.json'));
    const doc = await openUntitled(new TextDecoder().decode(bytes));
    // The provider is there once the language client has started (on first use).
    const infos = await waitFor(
      () => vscode.commands.executeCommand<vscode.ColorInformation[]>('vscode.executeDocumentColorProvider', doc.uri).then((c) => (c?.length === 7 ? c : undefined)),
      vscode.languages.onDidChangeDiagnostics, 'seven colour swatches',
    );
    const written = infos.map((c) => doc.getText(c.range)).sort();
    assert.deepEqual(written, ['#000000', '#000000', '#000000', '#FFFFFF', '#FFFFFF', '#FFFFFF', '#FFFFFF']);
    const white = infos.find((c) => doc.getText(c.range) === '#FFFFFF')!;
    assert.deepEqual([white.color.red, white.color.green, white.color.blue, white.color.alpha], [1, 1, 1, 1]);
    const presentations = await vscode.commands.executeCommand<vscode.ColorPresentation[]>(
      'vscode.executeColorPresentationProvider', new vscode.Color(1, 0, 0, 0.5), { uri: doc.uri, range: white.range },
    );
    assert.equal(presentations[0]?.label, '#FF0000');
    assert.equal(presentations[0]?.textEdit?.newText, '#FF0000');
    assert.deepEqual(presentations[0]?.textEdit?.range, white.range);
  });

  test('a quick fix applied through the code action provider changes the text', async () => {
    const doc = await openUntitled('{ "VideoTracks": [ { "VideoTrackClips": [ { "MediaId": "4b15846bcb3ea8c958fe1e7f3da85ae2", "In": "2", "Out": 8 } ] } ] }');
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'schema/number-as-string'));
    const start = doc.getText().indexOf('"2"');
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(start + 3));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred && a.edit);
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(doc.getText(), /"In": 2,/);
    await waitForDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'schema/number-as-string'));
  });

  test('outline: tracks with their clips', async () => {
    const doc = await openDocument('two-clips.timeline.json');
    const symbols = await waitFor(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri).then((s) => (s?.length ? s : undefined)),
      vscode.languages.onDidChangeDiagnostics, 'document symbols',
    );
    const tracks = symbols.find((s) => s.name === 'VideoTracks');
    assert.ok(tracks, symbols.map((s) => s.name).join(','));
    const track = tracks.children[0];
    assert.equal(track.children.length, 2);
    assert.match(track.children[0].name, /4b1584/);
  });

  test('rename a ClipId renames its references', async () => {
    const doc = await openUntitled(JSON.stringify({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', ClipId: 'intro', In: 0, Out: 4 }] }],
      SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'Hello', ReferenceClipId: 'intro' }] }],
    }, null, 2));
    const offset = doc.getText().indexOf('"intro"') + 2;
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, doc.positionAt(offset), 'opening');
    assert.equal(edit.get(doc.uri).length, 2);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal((doc.getText().match(/"opening"/g) ?? []).length, 2);
  });

  test('New Timeline opens an untitled timeline from a template', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('vodTimeline.newTimeline', 'blank.timeline.json');
    assert.ok(doc, 'a document is returned');
    assert.equal(doc.isUntitled, true);
    assert.equal(doc.languageId, LANGUAGE_ID);
    assert.ok(JSON.parse(doc.getText()).VideoTracks);
    assert.equal(vscode.window.activeTextEditor?.document, doc);
  });

  test('a .json file whose $schema names our schema becomes a timeline (no second set of JSON diagnostics)', async () => {
    const doc = await openDocument('schema-named.json');
    await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString() && d.languageId === LANGUAGE_ID),
      vscode.workspace.onDidOpenTextDocument, 'language switched to vod-timeline');
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'timing/in-not-before-out'));
    assert.ok(diagnostics.every((d) => d.source === 'vod-timeline'), diagnostics.map((d) => d.source).join(','));
  });
});
