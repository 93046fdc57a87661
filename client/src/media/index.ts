// The Media Library view (./view.ts) and what its items do: Copy MediaId, Insert as Clip into the
// active timeline editor (client/src/vod/insertClip.ts plans the edit), and drag and drop: a media
// dropped on a timeline editor becomes a clip there; dropped anywhere else, it is its MediaId.
//
//   const { commands } = registerMediaLibrary(context, { cloud, output });
import vscode = require('vscode');
import type { Commands, MediaCommandId } from '../commandIds';
import type { CloudService } from '../cloud/cloudService';
import { planClipInsertion, type ClipMedia, type InsertPlan } from '../vod/insertClip';
import { MEDIA_VIEW_ID, MediaLibraryProvider, type MediaNode } from './view';
import type { CloudMedia } from '../../../server/src/protocol';

/** What a dragged media carries to a timeline editor (JSON: ClipMedia[]). */
export const MEDIA_MIME = 'application/vnd.vodtimeline.media+json';

export interface MediaLibraryDeps {
  cloud: CloudService;
  output: vscode.LogOutputChannel;
}

const isTimeline = (d: vscode.TextDocument) => d.languageId === 'vod-timeline';

function clipMedia(m: CloudMedia): ClipMedia {
  return { mediaId: m.mediaId, type: m.type ?? 'video', duration: m.duration };
}

/** Why nothing was inserted, for the user. */
function refusal(reason: Extract<InsertPlan, { ok: false }>['reason']): string {
  switch (reason) {
    case 'timeline-string': return vscode.l10n.t('This document\'s Timeline is written as a JSON string: Insert as Clip does not edit inside it. Write the Timeline as an object, or paste the MediaId into the string yourself.');
    case 'syntax': return vscode.l10n.t('The timeline has JSON syntax errors: fix them first, a clip is inserted only into a document that parses.');
    case 'no-timeline': return vscode.l10n.t('This produce document has no Timeline to insert a clip into.');
    case 'not-object': return vscode.l10n.t('The document (or its Timeline, or its tracks) is not written as a JSON object: nothing was inserted.');
  }
}

/** The edit that inserts `media`'s clip into `document` near `position`; a message instead when it cannot. */
export function clipEdit(document: vscode.TextDocument, media: ClipMedia, position?: vscode.Position): { edit: vscode.WorkspaceEdit; range: vscode.Range } | { refused: string } {
  const plan = planClipInsertion(document.getText(), media, position ? document.offsetAt(position) : undefined);
  if (!plan.ok) return { refused: refusal(plan.reason) };
  const start = document.positionAt(plan.edit.offset);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(start, document.positionAt(plan.edit.offset + plan.edit.length)), plan.edit.text);
  return { edit, range: new vscode.Range(start, start) };
}

/** The timeline editor a clip goes into: the active one, else the only visible one. */
function timelineEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active && isTimeline(active.document)) return active;
  const visible = vscode.window.visibleTextEditors.filter((e) => isTimeline(e.document));
  return visible.length === 1 ? visible[0] : undefined;
}

export function registerMediaLibrary(context: vscode.ExtensionContext, deps: MediaLibraryDeps): { commands: Commands<MediaCommandId>; provider: MediaLibraryProvider } {
  const provider = new MediaLibraryProvider(deps.cloud, deps.output);
  const dnd: vscode.TreeDragAndDropController<MediaNode> = {
    dragMimeTypes: [MEDIA_MIME, 'text/plain'],
    dropMimeTypes: [],
    handleDrag(source, dataTransfer) {
      const media = source.flatMap((n) => (n.kind === 'media' ? [n.media] : []));
      if (!media.length) return;
      dataTransfer.set(MEDIA_MIME, new vscode.DataTransferItem(JSON.stringify(media.map(clipMedia))));
      // Dropped elsewhere (a string, a note, the terminal), a media is its MediaId.
      dataTransfer.set('text/plain', new vscode.DataTransferItem(media.map((m) => m.mediaId).join('\n')));
    },
  };
  const view = vscode.window.createTreeView(MEDIA_VIEW_ID, { treeDataProvider: provider, dragAndDropController: dnd, showCollapseAll: false });
  provider.attach(view);
  void vscode.commands.executeCommand('setContext', 'vodTimeline.media.filtered', false);

  const dropProvider: vscode.DocumentDropEditProvider = {
    async provideDocumentDropEdits(document, position, dataTransfer) {
      const raw = await dataTransfer.get(MEDIA_MIME)?.asString();
      if (!raw) return undefined;
      let media: ClipMedia | undefined;
      try {
        const list = JSON.parse(raw) as ClipMedia[];
        media = Array.isArray(list) && typeof list[0]?.mediaId === 'string' ? list[0] : undefined;
      } catch {
        media = undefined;
      }
      if (!media) return undefined;
      const planned = clipEdit(document, media, position);
      // The clip goes where the planner says (maybe away from the drop point); nothing at the drop point.
      const drop = new vscode.DocumentDropEdit('');
      if ('refused' in planned) {
        void vscode.window.showWarningMessage(planned.refused);
        return drop;
      }
      drop.additionalEdit = planned.edit;
      return drop;
    },
  };

  context.subscriptions.push(provider, view, vscode.languages.registerDocumentDropEditProvider({ language: 'vod-timeline' }, dropProvider));

  const mediaOf = (arg?: MediaNode | CloudMedia): CloudMedia | undefined => {
    if (!arg) {
      const selected = view.selection[0];
      return selected?.kind === 'media' ? selected.media : undefined;
    }
    if ('kind' in arg) return arg.kind === 'media' ? arg.media : undefined;
    return arg;
  };

  /** Insert as Clip: at the active timeline editor's cursor (or where the planner finds a place). */
  const insertClip = async (arg?: MediaNode | CloudMedia): Promise<boolean> => {
    const media = mediaOf(arg);
    if (!media) return false;
    const editor = timelineEditor();
    if (!editor) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a timeline (*.timeline.json) in an editor to insert {0} as a clip.', media.title || media.mediaId));
      return false;
    }
    const planned = clipEdit(editor.document, clipMedia(media), editor.selection.active);
    if ('refused' in planned) {
      const copy = vscode.l10n.t('Copy MediaId');
      void vscode.window.showWarningMessage(planned.refused, copy).then((c) => { if (c) void vscode.env.clipboard.writeText(media.mediaId); });
      return false;
    }
    if (!(await vscode.workspace.applyEdit(planned.edit))) return false;
    // Where the clip landed, shown (it may be away from the cursor: another track, a new one).
    const doc = editor.document;
    const at = doc.getText().indexOf(`"${media.mediaId}"`, doc.offsetAt(planned.range.start));
    const pos = at >= 0 ? doc.positionAt(at + 1) : planned.range.start;
    const shown = await vscode.window.showTextDocument(doc, editor.viewColumn);
    shown.selection = new vscode.Selection(pos, pos.translate(0, media.mediaId.length));
    shown.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  };

  return {
    provider,
    commands: {
      'vodTimeline.media.refresh': () => provider.reload(),
      'vodTimeline.media.search': async (text?: string) => {
        const value = typeof text === 'string' ? text : await vscode.window.showInputBox({
          title: vscode.l10n.t('Search Media'),
          prompt: vscode.l10n.t('Part of a media title (VOD matches titles loosely)'),
          value: provider.searchText ?? '',
        });
        if (value === undefined) return;
        provider.setFilter(value);
      },
      'vodTimeline.media.clearSearch': () => provider.setFilter(undefined),
      'vodTimeline.media.loadMore': () => provider.loadMore(),
      'vodTimeline.media.copyMediaId': async (arg?: MediaNode) => {
        const m = mediaOf(arg);
        if (!m) return;
        await vscode.env.clipboard.writeText(m.mediaId);
        vscode.window.setStatusBarMessage(`$(copy) ${vscode.l10n.t('Copied {0}', m.mediaId)}`, 3000);
      },
      'vodTimeline.media.insertClip': insertClip,
    },
  };
}
