// A plain .json file whose "$schema" names our schema gets the same features as *.timeline.json:
// we switch it to the vod-timeline language, which also keeps VS Code's JSON extension from
// reporting the same problems a second time.
import vscode = require('vscode');

const OUR_SCHEMA = /"\$schema"\s*:\s*"[^"]*timeline\.schema(\.zh-cn)?\.json"/;

async function adopt(document: vscode.TextDocument): Promise<void> {
  if (document.languageId !== 'json' && document.languageId !== 'jsonc') return;
  const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 50), 0));
  if (!OUR_SCHEMA.test(head)) return;
  try {
    await vscode.languages.setTextDocumentLanguage(document, 'vod-timeline');
  } catch {
    // The document was closed meanwhile: nothing to adopt.
  }
}

export function registerSchemaAssociation(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => void adopt(d)));
  for (const d of vscode.workspace.textDocuments) void adopt(d);
}
