// CodeLens from the shared layout: above each track its output range and clip count (click: open the
// preview beside), above each clip whose TimelineIn/TimelineOut were left out the times the layout
// computed for it, and at the top the output's duration. `vodTimeline.codeLens.enabled` turns them off.
// The clips' lenses say what the inlay hints say after each clip's `{`, so they are left out while the
// hints show (an extra line above every such clip, for the same times).
import vscode = require('vscode');
import { layoutSource, type LayoutApi, type LayoutSource } from './preview/layoutSource';
import type { LayoutResult } from './preview/protocol';
import { clipCount, secondsUnit } from './vod/counts';
import { formatDuration, formatTimeRange } from '../../server/src/service/duration';
import { setting } from './settings';

// The shared duration format, the unit in the host's language.
const fmt = (t: number | null) => formatDuration(t, secondsUnit(vscode.l10n));
const range = (a: number | null, b: number | null) => formatTimeRange(a, b, { unit: secondsUnit(vscode.l10n) });

function kindName(kind: string): string {
  switch (kind) {
    case 'video': return vscode.l10n.t('Video');
    case 'audio': return vscode.l10n.t('Audio');
    case 'image': return vscode.l10n.t('Image');
    case 'subtitle': return vscode.l10n.t('Subtitle');
    default: return vscode.l10n.t('Effect');
  }
}

/** The lenses for one layout (exported for tests). */
function layoutLenses(layout: LayoutResult, uri: vscode.Uri, clipLenses: boolean): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  const at = (p: { line: number; character: number }) => new vscode.Range(p.line, p.character, p.line, p.character);
  const open: Omit<vscode.Command, 'title'> = { command: 'vodTimeline.openPreviewToSide', arguments: [uri], tooltip: vscode.l10n.t('Open the timeline preview to the side') };
  const duration = layout.duration !== null
    ? vscode.l10n.t('Output {0}', fmt(layout.duration))
    : vscode.l10n.t('Output at least {0} (depends on media lengths)', fmt(layout.minDuration));
  lenses.push(new vscode.CodeLens(at({ line: 0, character: 0 }), { ...open, title: `$(preview) ${duration}` }));
  for (const t of layout.tracks) {
    const parts = [vscode.l10n.t('{0} {1}: output {2}', kindName(t.kind), t.index, range(t.start ?? 0, t.end)), clipCount(vscode.l10n, t.clips.length)];
    if (t.main) parts.push(vscode.l10n.t('main track'));
    lenses.push(new vscode.CodeLens(at(t.range.start), { ...open, title: parts.join(' · ') }));
    for (const c of clipLenses ? t.clips : []) {
      if (!c.implicitStart && !c.implicitEnd) continue;
      let title: string;
      if (c.implicitStart && c.implicitEnd) title = vscode.l10n.t('output {0}', range(c.start, c.end));
      else if (c.implicitStart) title = vscode.l10n.t('starts at {0}', fmt(c.start));
      else title = vscode.l10n.t('ends at {0}', fmt(c.end));
      const unknown = c.start === null || c.end === null;
      title = `${title} ${unknown ? vscode.l10n.t('(depends on the media\'s length)') : vscode.l10n.t('(computed)')}`;
      lenses.push(new vscode.CodeLens(at(c.range.start), { title, command: '' }));
    }
  }
  return lenses;
}

/** Whether the editor shows our inlay hints in this document (ours on, and the editor's not "off"). */
function inlayHintsShown(document: vscode.TextDocument): boolean {
  const editor = vscode.workspace.getConfiguration('editor', { uri: document.uri, languageId: document.languageId }).get<string>('inlayHints.enabled');
  return setting('inlayHints.enabled', document.uri) && editor !== 'off';
}

class TimelineCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly layouts: LayoutSource) {}

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!setting('codeLens.enabled', document.uri)) return [];
    try {
      const layout = await this.layouts.layout(document);
      if (!layout || token.isCancellationRequested) return [];
      // A layout of an older version would put the lenses on the wrong lines; VS Code asks again.
      if (layout.version !== undefined && layout.version !== document.version) return [];
      return layoutLenses(layout, document.uri, !inlayHintsShown(document));
    } catch {
      return [];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerCodeLens(context: vscode.ExtensionContext, api: LayoutApi): void {
  const provider = new TimelineCodeLensProvider(layoutSource(api, context));
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider({ language: 'vod-timeline' }, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('vodTimeline.codeLens') || e.affectsConfiguration('vodTimeline.inlayHints') || e.affectsConfiguration('editor.inlayHints')) provider.refresh();
    }),
  );
}
