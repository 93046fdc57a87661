// Inlay hints in a real VS Code: the language client passes the server's hints through (labels at once,
// tooltips resolved), and `vodTimeline.inlayHints.enabled` turns them off for the document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openDocument, waitFor } from '../helpers';

const tooltipText = (t: vscode.InlayHint['tooltip']) => (typeof t === 'string' ? t : t?.value ?? '');
const labelText = (l: vscode.InlayHint['label']) => (typeof l === 'string' ? l : l.map((p) => p.value).join(''));

suite('inlay hints', () => {
  teardown(async () => {
    await vscode.workspace.getConfiguration('vodTimeline').update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  test('inlay hints: each computed clip\'s place after its {, the tooltip on resolve; the setting turns them off', async function () {
    this.timeout(60000);
    // two-clips.timeline.json: two video clips without TimelineIn (0–5 s, 5–11 s), one audio clip (0–11 s).
    const doc = await openDocument('two-clips.timeline.json');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const ask = () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, whole);
    const hints = await waitFor(async () => {
      const list = await ask();
      return list && list.length >= 3 ? list : undefined;
    }, [vscode.languages.onDidChangeDiagnostics], 'three inlay hints');
    const zh = vscode.env.language.startsWith('zh');
    const s = (v: string) => (zh ? `${v} 秒` : `${v} s`);
    const label = (range: string, duration: string) => (zh ? `${s(range)}（${s(duration)}）` : `${s(range)} (${s(duration)})`);
    assert.deepEqual(hints.map((h) => [h.position.line, h.position.character, labelText(h.label)]), [
      [4, 9, label('0–5', '5')],
      [5, 9, label('5–11', '6')],
      [12, 9, label('0–11', '11')],
    ]);
    // VS Code resolves tooltips (resolveSupport): the labels come first, each tooltip when a hint is
    // hovered, which the command does not do. The language client resolves one here, as the editor would.
    assert.equal(hints[1].tooltip, undefined);
    const ext = await activateExtension();
    type Client = { sendRequest<R>(method: string, params: unknown): Promise<R> };
    const client = await (ext.exports as { languageClient(): Promise<Client> }).languageClient();
    type LspHint = { position: { line: number }; label: string; tooltip?: { value: string } };
    const raw = await client.sendRequest<LspHint[]>('textDocument/inlayHint', { textDocument: { uri: doc.uri.toString() }, range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } } });
    assert.equal(raw.length, 1);
    const resolved = await client.sendRequest<LspHint>('inlayHint/resolve', raw[0]);
    assert.match(tooltipText(resolved.tooltip as vscode.MarkdownString | undefined), zh ? /接在片段 0之后/ : /Follows Clip 0: starts where it ends \(5 s\)/);

    await vscode.workspace.getConfiguration('vodTimeline').update('inlayHints.enabled', false, vscode.ConfigurationTarget.Workspace);
    // The server hears of the change through the language client; nothing the test can listen to says
    // when it has, so it asks again every 100 ms (bounded by waitFor's timeout).
    const tick = new vscode.EventEmitter<void>();
    const timer = setInterval(() => tick.fire(), 100);
    try {
      await waitFor(async () => ((await ask()) ?? []).length === 0, [tick.event], 'no hints once the setting is off');
    } finally {
      clearInterval(timer);
      tick.dispose();
    }
  });
});
