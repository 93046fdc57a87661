// The "Submissions" tree: one item per submission (title or file name, status icon, relative time,
// markdown tooltip) with its details as children (MediaId, ProjectId, RequestId, region, VOD status,
// error). A status filter narrows it; the view's description names the filter.
import vscode = require('vscode');
import { absoluteTime, consoleUrl, relativeTime } from '../vod/history/format';
import { TERMINAL_STATUSES, type HistoryStore, type SubmissionEntry, type SubmissionStatus } from '../vod/history/model';
import { isPollable } from '../vod/history/poller';
import { tracksAndClips } from '../vod/counts';
import { storedErrorText } from '../vod/messages';

export const VIEW_ID = 'vodTimeline.submissions';
export const ALL_STATUSES: readonly SubmissionStatus[] = ['submitting', 'producing', 'normal', 'failed', 'unknown'];

interface EntryNode {
  readonly kind: 'entry';
  readonly id: string;
}

interface DetailNode {
  readonly kind: 'detail';
  readonly entryId: string;
  readonly key: string;
  readonly label: string;
  readonly value: string;
  readonly icon: string;
}

export type SubmissionNode = EntryNode | DetailNode;

export function statusLabel(status: SubmissionStatus): string {
  switch (status) {
    case 'submitting': return vscode.l10n.t('Submitting');
    case 'producing': return vscode.l10n.t('Producing');
    case 'normal': return vscode.l10n.t('Normal');
    case 'failed': return vscode.l10n.t('Failed');
    case 'unknown': return vscode.l10n.t('Outcome unknown');
  }
}

export function statusIcon(status: SubmissionStatus): vscode.ThemeIcon {
  switch (status) {
    case 'submitting': return new vscode.ThemeIcon('cloud-upload', new vscode.ThemeColor('charts.blue'));
    case 'producing': return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue'));
    case 'normal': return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'failed': return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'unknown': return new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground'));
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

export function entryTitle(e: SubmissionEntry): string {
  return e.title || e.fileName || vscode.l10n.t('Untitled');
}

interface ProviderOptions {
  now?: () => number;
  /** Why the poller does not check an entry on its own (shown in the tooltip). */
  skipReason?: (id: string) => string | undefined;
}

export class SubmissionsProvider implements vscode.TreeDataProvider<SubmissionNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SubmissionNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, EntryNode>();
  private filterSet: ReadonlySet<SubmissionStatus> | undefined;
  private readonly subscription: { dispose(): void };
  private readonly now: () => number;

  constructor(private readonly store: HistoryStore, private readonly options: ProviderOptions = {}) {
    this.now = options.now ?? Date.now;
    this.subscription = store.onDidChange(() => this.refresh());
  }

  get filter(): ReadonlySet<SubmissionStatus> | undefined {
    return this.filterSet;
  }

  set filter(statuses: ReadonlySet<SubmissionStatus> | undefined) {
    this.filterSet = statuses && statuses.size && statuses.size < ALL_STATUSES.length ? new Set(statuses) : undefined;
    this.refresh();
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Entries shown with the current filter, newest first. */
  visibleEntries(): SubmissionEntry[] {
    const f = this.filterSet;
    return this.store.list().filter((e) => !f || f.has(e.status));
  }

  nodeFor(id: string): EntryNode {
    let n = this.nodes.get(id);
    if (!n) {
      n = { kind: 'entry', id };
      this.nodes.set(id, n);
    }
    return n;
  }

  getChildren(node?: SubmissionNode): SubmissionNode[] {
    if (!node) {
      const entries = this.visibleEntries();
      const live = new Set(entries.map((e) => e.id));
      for (const id of this.nodes.keys()) if (!live.has(id)) this.nodes.delete(id);
      return entries.map((e) => this.nodeFor(e.id));
    }
    if (node.kind === 'detail') return [];
    const e = this.store.get(node.id);
    return e ? this.details(e) : [];
  }

  getParent(node: SubmissionNode): SubmissionNode | undefined {
    return node.kind === 'detail' ? this.nodeFor(node.entryId) : undefined;
  }

  getTreeItem(node: SubmissionNode): vscode.TreeItem {
    if (node.kind === 'detail') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.id = `${node.entryId}/${node.key}`;
      item.description = node.value;
      item.tooltip = `${node.label}: ${node.value}`;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.contextValue = 'submissionDetail';
      return item;
    }
    const e = this.store.get(node.id);
    if (!e) return new vscode.TreeItem(node.id);
    const item = new vscode.TreeItem(entryTitle(e), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = e.id;
    item.description = `${statusLabel(e.status)} · ${relativeTime(Date.parse(e.createdAt), this.now(), vscode.env.language)}`;
    item.iconPath = statusIcon(e.status);
    item.tooltip = this.tooltip(e);
    item.accessibilityInformation = { label: `${entryTitle(e)}, ${statusLabel(e.status)}, ${absoluteTime(e.createdAt, vscode.env.language)}` };
    const tokens = ['submission', e.status, 'timeline'];
    if (e.mediaId) tokens.push('media');
    if (e.projectId) tokens.push('project');
    if (consoleUrl(e)) tokens.push('console');
    // Compare with Current File: a saved file to compare with, and the whole request that was sent.
    if (e.documentUri && !e.requestTruncated) tokens.push('compare');
    if (isPollable(e)) tokens.push('pollable');
    item.contextValue = tokens.join(' ');
    return item;
  }

  private details(e: SubmissionEntry): DetailNode[] {
    const out: DetailNode[] = [];
    const add = (key: string, label: string, value: string | undefined, icon: string) => {
      if (value) out.push({ kind: 'detail', entryId: e.id, key, label, value, icon });
    };
    add('mediaId', 'MediaId', e.mediaId, 'device-camera-video');
    add('projectId', 'ProjectId', e.projectId, 'project');
    add('requestId', 'RequestId', e.requestId, 'symbol-key');
    add('region', vscode.l10n.t('Region'), e.endpoint ? `${e.region} (${e.endpoint})` : e.region, 'globe');
    if (e.vodStatus) {
      const checked = e.checkedAt ? vscode.l10n.t('checked {0}', relativeTime(Date.parse(e.checkedAt), this.now(), vscode.env.language)) : '';
      add('vodStatus', vscode.l10n.t('VOD status'), checked ? `${e.vodStatus} · ${checked}` : e.vodStatus, 'pulse');
    }
    add('errorCode', vscode.l10n.t('Error code'), e.errorCode, 'warning');
    add('errorMessage', vscode.l10n.t('Error message'), storedErrorText(vscode.env.language, e.errorCode, e.errorMessage), 'comment');
    add('submitted', vscode.l10n.t('Submitted'), absoluteTime(e.createdAt, vscode.env.language), 'calendar');
    add('file', vscode.l10n.t('File'), e.fileName, 'file');
    return out;
  }

  private tooltip(e: SubmissionEntry): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.supportThemeIcons = true;
    const icon = { submitting: 'cloud-upload', producing: 'sync', normal: 'pass-filled', failed: 'error', unknown: 'question' }[e.status];
    md.appendMarkdown(`**${escapeMarkdown(entryTitle(e))}**\n\n`);
    md.appendMarkdown(`$(${icon}) ${escapeMarkdown(statusLabel(e.status))}`);
    if (e.vodStatus) md.appendMarkdown(` · ${escapeMarkdown(vscode.l10n.t('VOD status'))} \`${e.vodStatus}\``);
    md.appendMarkdown('\n\n');
    const rows: Array<[string, string | undefined, boolean]> = [
      [vscode.l10n.t('Submitted'), `${absoluteTime(e.createdAt, vscode.env.language)} (${relativeTime(Date.parse(e.createdAt), this.now(), vscode.env.language)})`, false],
      ['MediaId', e.mediaId, true],
      ['ProjectId', e.projectId, true],
      ['RequestId', e.requestId, true],
      [vscode.l10n.t('Region'), e.region, true],
      [vscode.l10n.t('Endpoint'), e.endpoint, true],
      ['AppId', e.appId, true],
      [vscode.l10n.t('File'), e.fileName, false],
      [vscode.l10n.t('Error code'), e.errorCode, true],
      [vscode.l10n.t('Error message'), storedErrorText(vscode.env.language, e.errorCode, e.errorMessage), false],
      [vscode.l10n.t('Last checked'), e.checkedAt ? absoluteTime(e.checkedAt, vscode.env.language) : undefined, false],
    ];
    md.appendMarkdown(`| | |\n|---|---|\n`);
    for (const [k, v, code] of rows) {
      if (!v) continue;
      const cell = code ? `\`${v.replace(/`/g, "'")}\`` : escapeMarkdown(v).replace(/\n/g, ' ');
      md.appendMarkdown(`| ${escapeMarkdown(k)} | ${cell} |\n`);
    }
    if (e.tracks !== undefined || e.clips !== undefined) {
      md.appendMarkdown(`\n${escapeMarkdown(tracksAndClips(vscode.l10n, e.tracks ?? 0, e.clips ?? 0))}\n`);
    }
    if (e.requestTruncated) md.appendMarkdown(`\n$(warning) ${escapeMarkdown(vscode.l10n.t('The stored timeline was cut at the size cap.'))}\n`);
    if (e.status === 'unknown' && !e.mediaId) {
      md.appendMarkdown(`\n$(info) ${escapeMarkdown(vscode.l10n.t('VOD did not answer, so it may or may not have accepted this request. Check the editing projects in the VOD console before producing again.'))}\n`);
    }
    const skip = !TERMINAL_STATUSES.has(e.status) ? this.options.skipReason?.(e.id) : undefined;
    if (skip) md.appendMarkdown(`\n$(debug-pause) ${escapeMarkdown(skip)}\n`);
    return md;
  }
}
