// The "Media Library" view beside Submissions and Uploads: the account's newest media (the cloud
// service's catalog: the same VOD client, credentials and cache as completion and the checks), each with
// its type, title, duration and status; a title search; Load More while SearchMedia has more pages.
//
// VOD is asked only from getChildren, which VS Code calls while the view is visible: a refresh asked
// for while it is hidden only marks it stale, and the view lists again when it is shown. Nothing polls.
import vscode = require('vscode');
import type { CloudMedia } from '../../../server/src/protocol';
import type { CloudService, LibraryOff } from '../cloud/cloudService';
import { formatDuration } from '../../../server/src/service/duration';
import { secondsUnit } from '../vod/counts';
import { errorText } from '../errorText';

export const MEDIA_VIEW_ID = 'vodTimeline.media';

export type MediaNode =
  | { kind: 'media'; media: CloudMedia }
  | { kind: 'more' }
  | { kind: 'error'; text: string };

/** Why the view shows its welcome text instead of media (the `vodTimeline.media.state` context key). */
type ViewState = LibraryOff | 'empty' | 'no-match' | 'listed' | 'error';

function icon(m: CloudMedia): vscode.ThemeIcon {
  const color = m.status && m.status !== 'Normal' ? new vscode.ThemeColor(/fail|blocked|deleted/i.test(m.status) ? 'testing.iconFailed' : 'charts.yellow') : undefined;
  switch (m.type) {
    case 'audio': return new vscode.ThemeIcon('music', color);
    case 'image': return new vscode.ThemeIcon('file-media', color);
    default: return new vscode.ThemeIcon('device-camera-video', color);
  }
}

function typeName(type: CloudMedia['type']): string {
  switch (type) {
    case 'audio': return vscode.l10n.t('audio');
    case 'image': return vscode.l10n.t('image');
    default: return vscode.l10n.t('video');
  }
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 * 1024 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

export class MediaLibraryProvider implements vscode.TreeDataProvider<MediaNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<MediaNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<MediaNode> | undefined;
  private stale = false;
  /** The title search, if any. */
  private filter: string | undefined;
  /** Pages of the newest media shown (Load More adds one). */
  private pages = 1;
  /** The media shown now (for drag and drop and the commands). */
  private shown = new Map<string, CloudMedia>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly cloud: CloudService, private readonly output: vscode.LogOutputChannel) {
    this.disposables.push(cloud.onDidRefresh(() => this.refresh()));
  }

  attach(view: vscode.TreeView<MediaNode>): void {
    this.view = view;
    this.disposables.push(view.onDidChangeVisibility((e) => {
      if (e.visible && this.stale) this.refresh();
    }));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }

  get searchText(): string | undefined {
    return this.filter;
  }

  /** Lists again when shown (now, if it is visible). */
  refresh(): void {
    if (this.view && !this.view.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.changed.fire(undefined);
  }

  /** Refresh: page 1 again, fresh from VOD (the catalog forgets its listings, not its lookups). */
  async reload(): Promise<void> {
    this.pages = 1;
    const access = await this.cloud.libraryAccess();
    if ('catalog' in access) access.catalog.forgetListings();
    this.refresh();
  }

  setFilter(text: string | undefined): void {
    this.filter = text?.trim() || undefined;
    this.pages = 1;
    void vscode.commands.executeCommand('setContext', 'vodTimeline.media.filtered', Boolean(this.filter));
    if (this.view) this.view.description = this.filter ? vscode.l10n.t('title contains "{0}"', this.filter) : undefined;
    this.refresh();
  }

  loadMore(): void {
    this.pages++;
    this.refresh();
  }

  media(mediaId: string): CloudMedia | undefined {
    return this.shown.get(mediaId);
  }

  private setState(state: ViewState, message?: string): void {
    void vscode.commands.executeCommand('setContext', 'vodTimeline.media.state', state);
    if (this.view) this.view.message = message;
  }

  async getChildren(element?: MediaNode): Promise<MediaNode[]> {
    if (element) return [];
    // VS Code can still ask a view that was just hidden (a refresh that raced the switch to another
    // view): it keeps what it shows and lists again when shown, so a hidden view never calls VOD.
    if (this.view && !this.view.visible) {
      this.stale = true;
      return [...this.shown.values()].map((media): MediaNode => ({ kind: 'media', media }));
    }
    const access = await this.cloud.libraryAccess();
    if (!('catalog' in access)) {
      this.shown.clear();
      this.setState(access.off, access.off === 'no-credentials' && access.reason ? access.reason : undefined);
      return [];
    }
    try {
      let items: CloudMedia[];
      let more = false;
      if (this.filter) {
        items = await access.catalog.searchTitle(this.filter);
      } else {
        const pages = await Promise.all(Array.from({ length: this.pages }, (_, i) => access.catalog.recentPage(i + 1)));
        const seen = new Set<string>();
        items = pages.flatMap((p) => p.items).filter((m) => !seen.has(m.mediaId) && seen.add(m.mediaId));
        items.sort((a, b) => (b.creationTime ?? '').localeCompare(a.creationTime ?? ''));
        more = pages[pages.length - 1].more;
      }
      this.shown = new Map(items.map((m) => [m.mediaId, m]));
      if (!items.length) {
        this.setState(this.filter ? 'no-match' : 'empty');
        return [];
      }
      const message = this.filter
        ? vscode.l10n.t('{0} media whose title matches "{1}" ({2}), newest first.', items.length, this.filter, access.where)
        : more
          ? vscode.l10n.t('The newest {0} media of {1}; Load More lists older ones.', items.length, access.where)
          : vscode.l10n.t('All {0} media of {1}, newest first.', items.length, access.where);
      this.setState('listed', message);
      const nodes: MediaNode[] = items.map((media) => ({ kind: 'media', media }));
      if (more) nodes.push({ kind: 'more' });
      return nodes;
    } catch (e) {
      this.output.warn(`media library view: listing failed: ${e instanceof Error ? e.message : String(e)}`);
      this.shown.clear();
      const text = vscode.l10n.t('Could not list the media library: {0}', errorText(e));
      this.setState('error', text);
      return [{ kind: 'error', text }];
    }
  }

  /** The tooltip's resolution, asked for when the tooltip is shown (GetMezzanineInfo, cached by the catalog). */
  async resolveTreeItem(item: vscode.TreeItem, node: MediaNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'media' || item.tooltip) return item;
    const access = await this.cloud.libraryAccess();
    if ('catalog' in access) {
      const res = await access.catalog.lookup([node.media.mediaId], { detail: true }).catch(() => undefined);
      const detailed = res?.media.find((m) => m.mediaId === node.media.mediaId && m.found);
      if (detailed?.width) node.media = { ...node.media, width: detailed.width, height: detailed.height };
    }
    item.tooltip = this.tooltip(node.media);
    return item;
  }

  getTreeItem(node: MediaNode): vscode.TreeItem {
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(vscode.l10n.t('Load More…'), vscode.TreeItemCollapsibleState.None);
      item.id = 'more';
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.contextValue = 'loadMore';
      item.command = { command: 'vodTimeline.media.loadMore', title: vscode.l10n.t('Load More…') };
      return item;
    }
    if (node.kind === 'error') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.id = 'error';
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
      item.tooltip = node.text;
      item.command = { command: 'vodTimeline.media.refresh', title: vscode.l10n.t('Refresh') };
      return item;
    }
    const m = node.media;
    const item = new vscode.TreeItem(m.title || m.mediaId, vscode.TreeItemCollapsibleState.None);
    item.id = `media:${m.mediaId}`;
    const parts: string[] = [];
    if (m.type !== 'image' && m.duration && m.duration > 0) parts.push(formatDuration(m.duration, secondsUnit(vscode.l10n)));
    if (m.status) parts.push(m.status);
    item.description = parts.join(' · ');
    item.iconPath = icon(m);
    item.contextValue = `media media-${m.type ?? 'video'}`;
    // A video's or audio's resolution comes from GetMezzanineInfo: asked only when its tooltip is shown
    // (resolveTreeItem fills a tooltip left undefined here).
    if (m.type === 'image' || m.width) item.tooltip = this.tooltip(m);
    return item;
  }

  private tooltip(m: CloudMedia): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMd(m.title || vscode.l10n.t('untitled media'))}**\n\n`);
    const facts = [
      `MediaId: \`${m.mediaId}\``,
      vscode.l10n.t('Type: {0}', typeName(m.type)),
    ];
    if (m.type !== 'image' && m.duration && m.duration > 0) facts.push(vscode.l10n.t('Duration: {0}', `${formatDuration(m.duration, secondsUnit(vscode.l10n))} (${Math.round(m.duration * 1000) / 1000} s)`));
    if (m.status) facts.push(vscode.l10n.t('Status: {0}', m.status));
    if (m.width && m.height) facts.push(vscode.l10n.t('Resolution: {0}', `${m.width}×${m.height}`));
    if (m.size) facts.push(vscode.l10n.t('Size: {0}', megabytes(m.size)));
    if (m.creationTime) facts.push(vscode.l10n.t('Created: {0}', m.creationTime));
    md.appendMarkdown(facts.map((f) => `- ${f}`).join('\n'));
    if (m.status && m.status !== 'Normal') md.appendMarkdown(`\n\n${escapeMd(vscode.l10n.t('Only media in Normal status can be produced.'))}`);
    return md;
  }
}
