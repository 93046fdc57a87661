// The quick fix "Upload a file and use its MediaId" on a clip's MediaId: offered on any line of a VOD
// timeline that holds a "MediaId" (a placeholder, an unknown ID, an empty string); it runs
// vodTimeline.uploadAndInsert, which replaces the value with the new MediaId once the upload is done.
import vscode = require('vscode');

const MEDIA_ID = /"MediaId"\s*:\s*"([^"\\]*)"/;

/** Where the new MediaId goes on this line: the MediaId value's characters (without the quotes). */
export function mediaIdValueRange(line: string): [number, number] | undefined {
  const m = MEDIA_ID.exec(line);
  if (!m) return undefined;
  const end = m.index + m[0].length - 1;
  return [end - m[1].length, end];
}

class UploadCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    if (!vscode.workspace.isTrusted) return [];
    const line = range.start.line;
    const value = mediaIdValueRange(document.lineAt(line).text);
    if (!value) return [];
    const action = new vscode.CodeAction(vscode.l10n.t('Upload a file and use its MediaId'), vscode.CodeActionKind.QuickFix);
    action.command = {
      command: 'vodTimeline.uploadAndInsert',
      title: action.title,
      arguments: [{ uri: document.uri.toString(), range: [line, value[0], line, value[1]] }],
    };
    return [action];
  }
}

export function registerUploadCodeActions(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ language: 'vod-timeline' }, new UploadCodeActionProvider(), {
    providedCodeActionKinds: UploadCodeActionProvider.kinds,
  });
}
