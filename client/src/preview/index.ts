// "VOD Timeline: Open Preview" / "Open Preview to the Side" (editor title button, like Markdown's),
// "Show Source", one preview per document restored after a reload, and the hidden test hooks the host
// tests use instead of hunting pixels (`vodTimeline.preview._testState`, `_testClick`, `_testKey`).
import vscode = require('vscode');
import { layoutSource } from './layoutSource';
import type { PlayerDeps } from './playerFeed';
import type { Commands, PreviewCommandId } from '../commandIds';
import { TimelinePreview, VIEW_TYPE, type PreviewApi, type PreviewTestState } from './panel';

export type { PreviewApi } from './panel';

const LANGUAGE_ID = 'vod-timeline';

interface TestTarget { uri?: string }

export function registerPreview(context: vscode.ExtensionContext, api: PreviewApi, player: PlayerDeps): Commands<PreviewCommandId> {
  const layouts = layoutSource(api, context);
  const previews = new Map<string, TimelinePreview>();
  let lastActive: TimelinePreview | undefined;

  const track = (preview: TimelinePreview): TimelinePreview => {
    const key = preview.uri.toString();
    previews.set(key, preview);
    lastActive = preview;
    preview.panel.onDidChangeViewState((e) => { if (e.webviewPanel.active) lastActive = preview; });
    preview.onDidDispose(() => {
      if (previews.get(key) === preview) previews.delete(key);
      if (lastActive === preview) lastActive = [...previews.values()].pop();
    });
    return preview;
  };

  /** The timeline a command is about: its argument, else the active editor's, else the active preview's. */
  const target = (arg: unknown): vscode.Uri | undefined => {
    if (arg instanceof vscode.Uri) return arg;
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === LANGUAGE_ID) return editor.document.uri;
    return lastActive?.panel.active ? lastActive.uri : undefined;
  };

  const open = async (arg: unknown, toSide: boolean): Promise<void> => {
    const uri = target(arg);
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a VOD timeline (*.timeline.json) to preview it.'));
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const column = toSide ? vscode.ViewColumn.Beside : vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active;
    const existing = previews.get(uri.toString());
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn ?? column, toSide);
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Preview'), { viewColumn: column, preserveFocus: toSide }, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'preview')],
    });
    track(new TimelinePreview(panel, document, layouts, context.extensionUri, player));
  };

  const find = (t: TestTarget | undefined): TimelinePreview | undefined => (t?.uri ? previews.get(t.uri) : lastActive);

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: { uri?: string } | undefined) {
        if (!state?.uri) {
          panel.dispose();
          return;
        }
        try {
          const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri));
          track(new TimelinePreview(panel, document, layouts, context.extensionUri, player));
        } catch {
          panel.dispose();
        }
      },
    }),

    { dispose: () => { for (const p of [...previews.values()]) p.dispose(); } },
  );

  return {
    'vodTimeline.openPreview': (uri?: unknown) => open(uri, false),
    'vodTimeline.openPreviewToSide': (uri?: unknown) => open(uri, true),
    'vodTimeline.showPreviewSource': async () => {
      const preview = [...previews.values()].find((p) => p.panel.active) ?? lastActive;
      if (!preview) return;
      const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === preview.uri.toString());
      await vscode.window.showTextDocument(preview.uri, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.Beside });
    },
    // Test hooks (not in the command palette).
    // Resolves once the preview has drawn `waitForVersion` (and marks at least `waitForErrors` bars with an error).
    'vodTimeline.preview._testState': async (t?: TestTarget & { waitForVersion?: number; waitForErrors?: number; timeoutMs?: number }): Promise<PreviewTestState | undefined> => {
      const preview = find(t);
      if (!preview) return undefined;
      const done = () => {
        const s = preview.testState();
        return (t?.waitForVersion === undefined || s.renderedVersion >= t.waitForVersion) && (t?.waitForErrors === undefined || s.clipsWithErrors >= t.waitForErrors);
      };
      if (!done()) {
        await new Promise<void>((resolve) => {
          const finish = () => {
            clearTimeout(timer);
            sub.dispose();
            resolve();
          };
          const timer = setTimeout(finish, t?.timeoutMs ?? 30000);
          const sub = preview.onDidRender(() => { if (done()) finish(); });
        });
      }
      return preview.testState();
    },
    'vodTimeline.preview._testClick': (t: TestTarget & { kind: string; track: number; clip: number; double?: boolean }): boolean => {
      const preview = find(t);
      const bar = preview?.barOf(t.kind, t.track, t.clip);
      if (!preview || !bar) return false;
      preview.postToWebview({ type: 'testClick', bar, detail: t.double ? 2 : 1 });
      return true;
    },
    // Resolves once the webview has acted on the key (it reports the new current bar or a selection).
    'vodTimeline.preview._testKey': (t: TestTarget & { key: string }): Promise<boolean> => {
      const preview = find(t);
      if (!preview) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const finish = (ok: boolean) => {
          clearTimeout(timer);
          sub.dispose();
          resolve(ok);
        };
        const timer = setTimeout(() => finish(false), 10000);
        const sub = preview.onDidReceiveMessage((m) => { if (m.type === 'current' || m.type === 'select') finish(true); });
        preview.postToWebview({ type: 'testKey', key: t.key });
      });
    },
  };
}
