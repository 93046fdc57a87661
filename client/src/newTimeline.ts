// "VOD Timeline: New Timeline": an untitled timeline from a template shipped in the package.
import vscode = require('vscode');

interface Template {
  file: string;
  label: string;
  detail: string;
}

function templates(): Template[] {
  return [
    { file: 'blank.timeline.json', label: vscode.l10n.t('Blank timeline'), detail: vscode.l10n.t('One video track with one clip: the smallest valid timeline') },
    { file: 'cut-and-merge.timeline.json', label: vscode.l10n.t('Cut and merge'), detail: vscode.l10n.t('Segments of several videos played one after another (In/Out)') },
    { file: 'picture-in-picture.timeline.json', label: vscode.l10n.t('Picture in picture'), detail: vscode.l10n.t('A small video over a full-frame one (X, Y, Width, Height)') },
    { file: 'subtitles.timeline.json', label: vscode.l10n.t('Subtitles'), detail: vscode.l10n.t('A subtitle track and a text overlay on video') },
    { file: 'produce-document.timeline.json', label: vscode.l10n.t('Produce document'), detail: vscode.l10n.t('Timeline plus title, output size, storage and metadata, ready to Produce') },
    { file: 'portrait.timeline.json', label: vscode.l10n.t('Portrait output with blurred background'), detail: vscode.l10n.t('A produce document rendering landscape video into 720×1280') },
  ];
}

export function newTimelineCommand(context: vscode.ExtensionContext) {
  return async (templateFile?: string): Promise<vscode.TextDocument | undefined> => {
    const list = templates();
    let chosen = typeof templateFile === 'string' ? list.find((t) => t.file === templateFile) : undefined;
    if (!chosen) {
      chosen = await vscode.window.showQuickPick(list.map((t) => ({ ...t, description: t.file.endsWith('produce-document.timeline.json') || t.file.startsWith('portrait') ? vscode.l10n.t('produce document') : vscode.l10n.t('timeline') })), {
        title: vscode.l10n.t('New VOD Timeline'),
        placeHolder: vscode.l10n.t('Choose a template'),
        matchOnDetail: true,
      });
      if (!chosen) return undefined;
    }
    const uri = vscode.Uri.joinPath(context.extensionUri, 'templates', chosen.file);
    const bytes = await vscode.workspace.fs.readFile(uri);
    const document = await vscode.workspace.openTextDocument({ language: 'vod-timeline', content: new TextDecoder().decode(bytes) });
    await vscode.window.showTextDocument(document);
    return document;
  };
}
