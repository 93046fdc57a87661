// The Media Library view in the real extension host, against an emulator started here (loopback only):
// it lists the emulator's media with one SearchMedia per type, asks nothing while hidden, and Insert as
// Clip adds a clip to an open timeline that the language server then finds no error in.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../../emulator/src';
import type { MediaLibraryProvider, MediaNode } from '../../../client/src/media/view';
import { activateExtension, closeAllEditors, useEmulator, waitFor, waitForDiagnostics, workspaceUri } from '../helpers';

const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';
const MUSIC = 'f46da6c6d44a26b3b8f5bd545bf01b9d';
/** Fires every 100 ms while subscribed: lets waitFor poll what has no event (the emulator's request log). */
function ticks(): vscode.Event<unknown> {
  return (listener) => {
    const t = setInterval(() => listener(undefined), 100);
    return new vscode.Disposable(() => clearInterval(t));
  };
}

suite('media library view', function () {
  this.timeout(60_000);
  let emu: Emulator | undefined;
  let media: MediaLibraryProvider;
  let restore: (() => Promise<void>) | undefined;
  // The view's listings: SearchMedia without a Match (the cloud checks' lookups of open documents'
  // MediaIds, and a title search, carry one; they run on their own schedule, e.g. after refreshCloud).
  const searches = (from: number) => emu!.requests.slice(from)
    .filter((r) => r.action === 'SearchMedia' && !r.queryKeys.includes('Match') && !r.bodyKeys.includes('Match')).length;

  suiteSetup(async () => {
    const ext = await activateExtension();
    media = (ext.exports as { media: MediaLibraryProvider }).media;
    await closeAllEditors();
    emu = await startEmulator();
    restore = await useEmulator(emu);
  });

  suiteTeardown(async () => {
    await closeAllEditors();
    await restore?.();
    await emu?.close();
    await vscode.workspace.fs.delete(workspaceUri('media'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('hidden, a refresh asks VOD nothing; shown, the view lists the emulator\'s media with one SearchMedia per type', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    // The extension host hears of the switch a moment later: the view must be hidden before the refresh.
    const view = (media as unknown as { view?: vscode.TreeView<unknown> }).view;
    assert.ok(view, 'the provider has its tree view');
    await waitFor(() => !view.visible, view.onDidChangeVisibility as vscode.Event<unknown>, 'the Media Library view hidden');
    // A listing started while it was still shown (an earlier suite left the container open, and this
    // suite's endpoint change lists again) may still be sending: wait until nothing came for 500 ms.
    for (let n = -1, t = Date.now(); n !== emu!.requests.length && Date.now() - t < 10_000;) {
      n = emu!.requests.length;
      await new Promise((r) => setTimeout(r, 500));
    }
    const from = emu!.requests.length;
    await vscode.commands.executeCommand('vodTimeline.media.refresh');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(searches(from), 0, `no listing while the view is hidden: ${JSON.stringify(emu!.requests.slice(from).map((r) => [r.time, r.action, r.queryKeys.join('+'), r.bodyKeys.join('+')]))}`);

    await vscode.commands.executeCommand('vodTimeline.media.focus');
    // The view's own getChildren: a listing of the three media types.
    await waitFor(() => searches(from) >= 3, ticks(), 'the view lists the library when shown');
    const nodes = await media.getChildren();
    const listed = nodes.flatMap((n) => (n.kind === 'media' ? [n.media] : []));
    assert.ok(listed.length >= 14, `${listed.length} media listed`);
    assert.equal(searches(from), 3, 'one listing: one SearchMedia per type, then the catalog\'s cache');
    const keynote = nodes.find((n): n is Extract<MediaNode, { kind: 'media' }> => n.kind === 'media' && n.media.mediaId === KEYNOTE)!;
    const item = media.getTreeItem(keynote);
    assert.equal(item.label, 'Product launch keynote');
    assert.match(String(item.description), /Normal/);
    assert.match(String(item.description), /5:12/);
    assert.deepEqual(new Set(listed.map((m) => m.type)), new Set(['video', 'audio', 'image']));

    await vscode.commands.executeCommand('vodTimeline.media.search', 'keynote');
    const found = (await media.getChildren()).flatMap((n) => (n.kind === 'media' ? [n.media.mediaId] : []));
    assert.ok(found.includes(KEYNOTE) && !found.includes(MUSIC), found.join(','));
    await vscode.commands.executeCommand('vodTimeline.media.clearSearch');
  });

  test('Insert as Clip adds the media\'s clip to the open timeline, which then has no new error', async () => {
    const uri = workspaceUri('media/insert.timeline.json');
    const text = JSON.stringify({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 10 }] }],
      Foo: 1,
    }, null, 4) + '\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    // The unknown key's warning says the server has validated this version of the text.
    const fooLine = () => doc.getText().split('\n').findIndex((l) => l.includes('"Foo"'));
    const validated = (d: readonly vscode.Diagnostic[]) => d.some((x) => x.range.start.line === fooLine());
    const before = (await waitForDiagnostics(doc.uri, validated)).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);

    // The cursor in the clip array, after the first clip.
    const after = doc.positionAt(text.indexOf('"Out": 10') + '"Out": 10\n            }'.length);
    editor.selection = new vscode.Selection(after, after);
    const nodes = await media.getChildren();
    const music = nodes.find((n): n is Extract<MediaNode, { kind: 'media' }> => n.kind === 'media' && n.media.mediaId === MUSIC)!;
    const keynote = nodes.find((n): n is Extract<MediaNode, { kind: 'media' }> => n.kind === 'media' && n.media.mediaId === KEYNOTE)!;
    assert.equal(await vscode.commands.executeCommand('vodTimeline.media.insertClip', keynote), true);
    assert.equal(await vscode.commands.executeCommand('vodTimeline.media.insertClip', music), true);

    const value = JSON.parse(doc.getText());
    assert.deepEqual(value.VideoTracks[0].VideoTrackClips, [{ MediaId: KEYNOTE, In: 0, Out: 10 }, { MediaId: KEYNOTE, In: 0, Out: 312.48 }]);
    assert.deepEqual(value.AudioTracks, [{ AudioTrackClips: [{ MediaId: MUSIC, In: 0, Out: 180 }] }]);
    assert.match(doc.getText(), /\n {16}{\n {20}"MediaId": "4b15846bcb3ea8c958fe1e7f3da85ae2",\n {20}"In": 0,\n {20}"Out": 312.48\n {16}}/, 'four-space indentation kept');
    const now = await waitForDiagnostics(doc.uri, validated);
    assert.deepEqual(now.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), before.map((d) => d.message), 'no new error');
  });

  test('a Timeline written as a JSON string is left alone', async () => {
    const uri = workspaceUri('media/string.timeline.json');
    const text = JSON.stringify({ Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE }] }] }) }, null, 2);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const nodes = await media.getChildren();
    const keynote = nodes.find((n) => n.kind === 'media' && n.media.mediaId === KEYNOTE)!;
    assert.equal(await vscode.commands.executeCommand('vodTimeline.media.insertClip', keynote), false);
    assert.equal(doc.getText(), text);
  });
});
