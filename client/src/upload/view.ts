// The "Uploads" view beside Submissions: the upload journal (client/src/vod/upload/journal.ts), newest
// first, each file with its MediaId and where it is: uploading (with the share sent), interrupted (a
// window closed or crashed mid-upload: resume or remove), cancelled or failed (VOD keeps a record without
// its file), uploaded and then VOD's own status until Normal.
import vscode = require('vscode');
import type { UploadEntry, UploadJournal } from '../vod/upload/journal';

export const UPLOADS_VIEW_ID = 'vodTimeline.uploads';

/** What an entry is, for its icon, its description and its context menu (viewItem). */
type UploadShownState = 'uploading' | 'interrupted' | 'cancelled' | 'failed' | 'processing' | 'normal' | 'media-failed' | 'removed' | 'creating';

const MEDIA_FAILED = new Set(['UploadFail', 'TranscodeFail', 'Blocked', 'Deleted']);

function shownState(journal: UploadJournal, e: UploadEntry): UploadShownState {
  if (e.removed) return 'removed';
  if (journal.isInterrupted(e)) return 'interrupted';
  if (e.state === 'creating') return 'creating';
  if (e.state === 'uploading') return 'uploading';
  if (e.state === 'cancelled') return 'cancelled';
  if (e.state === 'failed') return 'failed';
  if (e.vodStatus === 'Normal') return 'normal';
  if (e.vodStatus && MEDIA_FAILED.has(e.vodStatus)) return 'media-failed';
  return 'processing';
}

/** Whether the view still needs to ask VOD about this entry. */
export function needsStatus(journal: UploadJournal, e: UploadEntry): boolean {
  return shownState(journal, e) === 'processing' && Boolean(e.mediaId);
}

function icon(s: UploadShownState): vscode.ThemeIcon {
  switch (s) {
    case 'uploading': case 'creating': return new vscode.ThemeIcon('cloud-upload', new vscode.ThemeColor('charts.blue'));
    case 'processing': return new vscode.ThemeIcon('sync~spin');
    case 'normal': return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'interrupted': return new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('charts.yellow'));
    case 'cancelled': return new vscode.ThemeIcon('circle-slash');
    case 'removed': return new vscode.ThemeIcon('trash');
    default: return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  }
}

function stateText(s: UploadShownState, e: UploadEntry): string {
  const pct = e.size ? Math.floor((e.bytesDone / e.size) * 100) : 0;
  switch (s) {
    case 'creating': return vscode.l10n.t('creating the media record');
    case 'uploading': return vscode.l10n.t('uploading, {0} %', pct);
    case 'interrupted': return vscode.l10n.t('interrupted at {0} %: resume or remove from VOD', pct);
    case 'cancelled': return vscode.l10n.t('cancelled: VOD keeps a record without its file');
    case 'failed': return vscode.l10n.t('failed ({0}): VOD may keep a record without its file', e.errorCode ?? '?');
    case 'processing': return vscode.l10n.t('uploaded; VOD status {0}', e.vodStatus ?? 'Uploading');
    case 'normal': return vscode.l10n.t('Normal: ready to use');
    case 'media-failed': return vscode.l10n.t('VOD status {0}', e.vodStatus ?? '?');
    case 'removed': return vscode.l10n.t('removed from VOD');
  }
}

export class UploadsProvider implements vscode.TreeDataProvider<UploadEntry> {
  private readonly changed = new vscode.EventEmitter<UploadEntry | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly journal: UploadJournal) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: UploadEntry): UploadEntry[] {
    return element ? [] : this.journal.list();
  }

  getTreeItem(e: UploadEntry): vscode.TreeItem {
    const s = shownState(this.journal, e);
    const item = new vscode.TreeItem(e.title || e.fileName, vscode.TreeItemCollapsibleState.None);
    item.id = e.id;
    item.description = `${e.mediaId ?? '—'} · ${stateText(s, e)}`;
    item.iconPath = icon(s);
    item.resourceUri = vscode.Uri.file(e.file);
    const canResume = this.journal.canResume(e);
    const canRemove = Boolean(e.mediaId) && !e.removed && s !== 'uploading' && s !== 'creating';
    item.contextValue = ['upload', s, canResume ? 'resumable' : '', canRemove ? 'removable' : '', e.mediaId ? 'hasMediaId' : ''].filter(Boolean).join(' ');
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMd(e.title || e.fileName)}**\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('File')}: \`${escapeMd(e.file)}\`\n\n`);
    md.appendMarkdown(`MediaId: \`${e.mediaId ?? '—'}\` (${e.kind})\n\n`);
    md.appendMarkdown(`${escapeMd(stateText(s, e))}\n\n`);
    if (e.errorMessage) md.appendMarkdown(`${escapeMd(e.errorMessage)}\n\n`);
    md.appendMarkdown(`${e.region}${e.appId ? ` · ${e.appId}` : ''} · ${e.createdAt.replace('T', ' ').slice(0, 19)} UTC`);
    item.tooltip = md;
    return item;
  }
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
