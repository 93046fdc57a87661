// Status bar item for the active timeline: output duration, tracks, clips, problems. Click → Problems.
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import { SummaryRequest, type SummaryResult } from '../../server/src/protocol';
import { sendRequest } from './protocolClient';
import { formatDuration } from '../../server/src/service/duration';
import { clipCount, errorCount, materialCount, secondsUnit, trackCount, warningCount } from './vod/counts';

/** The shared duration format (server/src/service/duration.ts) with the unit in the host's language. */
const duration = (t: number) => formatDuration(t, secondsUnit(vscode.l10n));

export class TimelineStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly client: LanguageClient) {
    this.item = vscode.window.createStatusBarItem('vodTimeline.summary', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('VOD Timeline summary');
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.schedule(100);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(300);
      }),
    );
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'vod-timeline') {
      this.item.hide();
      return;
    }
    let summary: SummaryResult | null = null;
    try {
      summary = await sendRequest(this.client, SummaryRequest, { uri: editor.document.uri.toString() });
    } catch {
      summary = null;
    }
    if (generation !== this.generation) return;
    if (!summary) {
      this.item.hide();
      return;
    }
    const tracks = Object.values(summary.tracks).reduce((a, b) => a + b, 0);
    const output = summary.duration !== null ? duration(summary.duration) : summary.minDuration > 0 ? `≥ ${duration(summary.minDuration)}` : '?';
    const problems = `$(error) ${summary.errors} $(warning) ${summary.warnings}`;
    const trackText = trackCount(vscode.l10n, tracks);
    const clipText = clipCount(vscode.l10n, summary.clips);
    this.item.text = `$(device-camera-video) ${output} · ${trackText} · ${clipText} · ${problems}`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${summary.form === 'produce' ? vscode.l10n.t('Produce document') : vscode.l10n.t('Timeline')}**\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Output duration: {0}', summary.duration !== null ? duration(summary.duration) : vscode.l10n.t('depends on media lengths (at least {0})', duration(summary.minDuration)))}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Tracks: {0} video, {1} audio, {2} image, {3} subtitle, {4} effect', summary.tracks.video, summary.tracks.audio, summary.tracks.image, summary.tracks.subtitle, summary.tracks.effect)}\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('{0} using {1}', clipText, materialCount(vscode.l10n, summary.materials))}\n\n`);
    md.appendMarkdown(vscode.l10n.t('{0}, {1} — click to open the Problems view', errorCount(vscode.l10n, summary.errors), warningCount(vscode.l10n, summary.warnings)));
    this.item.tooltip = md;
    this.item.backgroundColor = summary.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
