import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, LANGUAGE_ID, activateExtension, closeAllEditors, openDocument, workspaceRoot } from '../helpers';

suite('language', () => {
  teardown(closeAllEditors);

  test('the extension is loaded from the development path', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    assert.equal(ext.packageJSON.name, 'vod-timeline');
  });

  test('the manifest is localized for the host language (run.mjs --locale=zh-cn)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const nlsFile = vscode.env.language.toLowerCase().startsWith('zh') ? 'package.nls.zh-cn.json' : 'package.nls.json';
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, nlsFile));
    const nls = JSON.parse(new TextDecoder().decode(bytes));
    assert.equal(ext.packageJSON.description, nls['extension.description'], `${vscode.env.language}: ${nlsFile}`);
  });

  test('the language client\'s two diagnostic collections (push and pull) have different names', async () => {
    // Two collections of one name made VS Code log "DiagnosticCollection with name 'vod-timeline' does
    // already exist". vscode-languageclient names the push one diagnosticCollectionName and the pull one
    // after the server's diagnosticProvider identifier: both read here from the running client.
    await openDocument('short.timeline.json');
    const ext = await activateExtension();
    type Client = { diagnostics?: vscode.DiagnosticCollection; initializeResult?: { capabilities: { diagnosticProvider?: { identifier?: string } } } };
    const client = await (ext.exports as { languageClient(): Promise<Client> }).languageClient();
    const push = client.diagnostics?.name;
    const pull = client.initializeResult?.capabilities.diagnosticProvider?.identifier;
    assert.ok(push, 'a push collection');
    assert.ok(pull, 'this host pulls diagnostics, so the server names a pull collection');
    assert.notEqual(push, pull);
  });

  test('every *.timeline.json in the workspace opens as vod-timeline', async () => {
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(workspaceRoot(), '**/*.timeline.json'));
    assert.ok(files.length >= 2, `found ${files.length} timeline files`);
    for (const uri of files) {
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.languageId, LANGUAGE_ID, uri.path);
    }
  });

  test('the timeline editor shows the vod-timeline language', async () => {
    const doc = await openDocument('short.timeline.json');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    assert.equal(vscode.window.activeTextEditor?.document.languageId, LANGUAGE_ID);
  });

  test('a plain foo.json stays json', async () => {
    const doc = await openDocument('foo.json');
    assert.equal(doc.languageId, 'json');
  });
});
