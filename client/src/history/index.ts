// The submission history: store (global storage, shared by all windows), status poller, the
// "Submissions" view in the "VOD Timeline" activity-bar container, its commands and notifications.
//
//   const history = registerHistory(context, { vodClientFactory, output, onDidChangeCredentials });
//   await history.add({...});              // a HistoryStore: Produce records into it
//   await history.reveal(entry.id);        // "Reveal in History"
//
// Produce Again calls `vodTimeline.produce` with `{ timelineText }` (a produce document with exactly the
// parameters that were sent) or, when the stored request was cut, `{ uri }` (the original file).
import * as path from 'node:path';
import vscode = require('vscode');
import type { VodClient } from '../vod/client';
import { applyFilter, FILTER_STATE_KEY, historyCommands, revealEntry, type CommandContext } from './commands';
import type { Commands, HistoryCommandId } from '../commandIds';
import { compareSideOf, consoleUrl, entryIdFromSubmissionPath, produceDocumentText, SUBMISSION_SCHEME } from '../vod/history/format';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { HistoryStore, NewSubmission, SubmissionEntry, SubmissionStatus, UpdateOptions } from '../vod/history/model';
import { HistoryPoller, isPollable, vodStatusChecker, type RefreshOutcome, type StatusCheckError } from '../vod/history/poller';
import { FileHistoryStore, type HistoryProblem } from '../vod/history/store';
import { ALL_STATUSES, entryTitle, SubmissionsProvider, VIEW_ID, type SubmissionNode } from './view';
import type { ProduceParams } from '../../../server/src/service';
import { affects, setting } from '../settings';
import { errorText } from '../errorText';

export type { HistoryStore, NewSubmission, SubmissionEntry, SubmissionStatus } from '../vod/history/model';
export { FileHistoryStore } from '../vod/history/store';
export { HistoryPoller } from '../vod/history/poller';

export interface HistoryDeps {
  /** A VodClient for the current settings and credentials; throws (a typed error) when there are none. */
  vodClientFactory(): VodClient | Promise<VodClient>;
  output?: vscode.LogOutputChannel;
  /** Fires when the saved AccessKey or the profile changes: paused status checks start again. */
  onDidChangeCredentials?: vscode.Event<unknown>;
  /** Where the history lives. Default `<globalStorage>/history/history.json`. */
  file?: string;
  /** The language client: "Compare with Current File" asks it what Produce would send now. */
  languageClient?: () => Promise<LanguageClient>;
}

/** What registerHistory returns: the store Produce records into, plus the view's handles. */
export interface SubmissionHistory extends HistoryStore {
  readonly store: FileHistoryStore;
  readonly poller: HistoryPoller;
  readonly provider: SubmissionsProvider;
  readonly treeView: vscode.TreeView<SubmissionNode>;
  /** Focuses the Submissions view and selects the entry; false when it does not exist. */
  reveal(id: string): Promise<boolean>;
  /** Checks the status now (all unfinished entries without ids). */
  refreshStatus(ids?: string[]): Promise<RefreshOutcome[]>;
}

function describeProblem(p: HistoryProblem): string | undefined {
  switch (p.kind) {
    case 'corrupt':
      return p.backup
        ? vscode.l10n.t('The submission history file was damaged. It was moved to {0}; {1} entries were recovered.', p.backup, p.recovered)
        : vscode.l10n.t('The submission history file was damaged and could not be moved aside; {0} entries were recovered.', p.recovered);
    case 'invalid-entries':
      return vscode.l10n.t('{0} damaged entries of the submission history were left out (the file was copied to {1} first).', p.dropped, p.backup ?? '—');
    case 'unreadable':
      return p.backup
        ? vscode.l10n.t('The submission history file could not be read ({0}). It was moved to {1}.', p.detail, p.backup)
        : vscode.l10n.t('The submission history file could not be read ({0}). New submissions are kept in this window only.', p.detail);
    case 'newer-version':
      return vscode.l10n.t('The submission history was written by a newer version of VOD Timeline. It is shown, but new submissions are kept in this window only.');
    case 'write-failed':
    case 'watch-failed':
      return undefined; // logged only: retried, or replaced by polling the file
  }
}

/** One short line for the view (the full error goes to the log). */
function pauseText(err: StatusCheckError): string {
  if (err.code === 'NoCredentials' || err.code === 'InvalidCredentials') {
    return vscode.l10n.t('Status checks are paused: no AccessKey found. Use "VOD Timeline: Set Access Key" or "Select Profile", then Refresh Status.');
  }
  if (/Profile|EcsMetadata/.test(err.code)) return vscode.l10n.t('Status checks are paused: the selected credentials profile cannot be used ({0}).', err.code);
  if (/^(InvalidAccessKeyId|SignatureDoesNotMatch|InvalidSecurityToken|IncompleteSignature|MissingSecurityToken)/.test(err.code)) {
    return vscode.l10n.t('Status checks are paused: VOD did not accept the AccessKey ({0}).', err.code);
  }
  if (/^(Forbidden|NoPermission)/.test(err.code)) return vscode.l10n.t('Status checks are paused: the AccessKey may not read media information ({0}).', err.code);
  return vscode.l10n.t('Status checks are paused ({0}). See the VOD Timeline output for details.', err.code);
}

export function registerHistory(context: vscode.ExtensionContext, deps: HistoryDeps): { history: SubmissionHistory; commands: Commands<HistoryCommandId> } {
  const output = deps.output;
  const file = deps.file ?? path.join(context.globalStorageUri.fsPath, 'history', 'history.json');

  const store = new FileHistoryStore({
    file,
    maxEntries: () => setting('history.maxEntries'),
    onProblem: (p) => {
      output?.warn(`history: ${p.kind}: ${JSON.stringify(p)}`);
      const message = describeProblem(p);
      if (!message) return;
      const backup = 'backup' in p ? p.backup : undefined;
      const open = vscode.l10n.t('Open Backup');
      void vscode.window.showWarningMessage(message, ...(backup && !backup.endsWith('/') ? [open] : [])).then((c) => {
        if (c === open && backup) void vscode.window.showTextDocument(vscode.Uri.file(backup)).then(undefined, () => undefined);
      });
    },
  });

  const check = vodStatusChecker(() => deps.vodClientFactory());
  let notify: (entry: SubmissionEntry, previous: SubmissionStatus) => void = () => undefined;
  let pausedMessage: string | undefined;
  // Called only once the poller runs, after the tree view exists. Shown only while something waits for
  // a check: a message also hides the welcome view of an empty tree.
  const updateMessage = () => {
    treeView.message = pausedMessage && store.list().some(isPollable) ? pausedMessage : undefined;
  };
  const poller = new HistoryPoller({
    store,
    check,
    enabled: setting('history.pollStatus'),
    onTransition: (e, previous) => notify(e, previous),
    onError: (e, err) => output?.warn(`history: status check of ${e.mediaId ?? e.id} failed: ${err instanceof Error ? err.message : String(err)}`),
    onPause: (err: StatusCheckError | undefined) => {
      pausedMessage = err ? pauseText(err) : undefined;
      if (err) output?.info(`history: status checks paused (${err.code}): ${err.message}`);
      updateMessage();
    },
  });

  const provider = new SubmissionsProvider(store, {
    skipReason: (id) => {
      const r = poller.skipReason(id);
      return r ? vscode.l10n.t('Not checked automatically: {0}', errorText(r)) : undefined;
    },
  });
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: false });

  // "Compare with Current File": the current side is a snapshot taken when the command ran (the diff's
  // right side is read-only text; running the command again takes a new one).
  const snapshots = new Map<string, string>();
  const changedDocs = new vscode.EventEmitter<vscode.Uri>();
  const ctx: CommandContext = {
    store, poller, provider, treeView, workspaceState: context.workspaceState, output, languageClient: deps.languageClient,
    setSnapshot: (uri, text) => {
      snapshots.set(uri.toString(), text);
      changedDocs.fire(uri);
    },
  };
  const saved = context.workspaceState.get<SubmissionStatus[]>(FILTER_STATE_KEY);
  applyFilter(ctx, saved?.filter((s) => ALL_STATUSES.includes(s)));

  // Badge: productions in progress. Context key for the title menu.
  const updateChrome = () => {
    const entries = store.list();
    const active = entries.filter((e) => e.status === 'producing' || e.status === 'submitting').length;
    treeView.badge = active ? { value: active, tooltip: vscode.l10n.t('{0} productions in progress', active) } : undefined;
    void vscode.commands.executeCommand('setContext', 'vodTimeline.history.empty', entries.length === 0);
    updateMessage();
  };
  updateChrome();

  // The empty view's welcome says what to do next: open a timeline, or produce the one in the active
  // editor (what the Produce button sends; a webview or no editor leaves no active text editor).
  let activeTimeline: boolean | undefined;
  const updateActiveTimeline = () => {
    const now = vscode.window.activeTextEditor?.document.languageId === 'vod-timeline';
    if (now === activeTimeline) return;
    activeTimeline = now;
    void vscode.commands.executeCommand('setContext', 'vodTimeline.activeTimeline', now);
  };
  updateActiveTimeline();
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(updateActiveTimeline),
    // A language change (a .json file set to vod-timeline) reopens the document under the new language.
    vscode.workspace.onDidOpenTextDocument(updateActiveTimeline),
    vscode.workspace.onDidCloseTextDocument(updateActiveTimeline),
  );

  notify = (e, previous) => {
    if (!setting('history.notifyOnFinish')) return;
    if (e.status !== 'normal' && e.status !== 'failed') return;
    const show = vscode.l10n.t('Show in History');
    const openConsole = vscode.l10n.t('Open in Console');
    const buttons = consoleUrl(e) ? [show, openConsole] : [show];
    const message = e.status === 'normal'
      ? vscode.l10n.t('"{0}" is ready: video {1} was produced.', entryTitle(e), e.mediaId ?? '—')
      : vscode.l10n.t('Production of "{0}" failed (VOD status {1}).', entryTitle(e), e.vodStatus ?? e.errorCode ?? '—');
    output?.info(`history: ${e.mediaId ?? e.id} ${previous} → ${e.status} (${e.vodStatus ?? ''})`);
    const shown = e.status === 'normal' ? vscode.window.showInformationMessage(message, ...buttons) : vscode.window.showWarningMessage(message, ...buttons);
    void shown.then((c) => {
      if (c === show) void revealEntry(ctx, e.id);
      else if (c === openConsole) void vscode.commands.executeCommand('vodTimeline.history.openInConsole', e.id);
    });
  };

  // Submitted timelines, read-only, exactly as sent.
  const contentProvider: vscode.TextDocumentContentProvider = {
    onDidChange: changedDocs.event,
    async provideTextDocumentContent(uri) {
      const side = compareSideOf(uri.query);
      if (side === 'now') return snapshots.get(uri.toString()) ?? '';
      const id = entryIdFromSubmissionPath(uri.path);
      const request = id ? await store.readRequest(id) : undefined;
      // Open Submitted Timeline: the Timeline exactly as sent; a compare side: the whole request, written
      // the way the current side is.
      if (side === 'sent') return (request && produceDocumentText(request)) ?? '';
      return request?.Timeline ?? '';
    },
  };

  let relativeTimer: NodeJS.Timeout | undefined;
  const tick = () => {
    clearInterval(relativeTimer);
    relativeTimer = treeView.visible ? setInterval(() => provider.refresh(), 60_000) : undefined;
  };
  tick();

  poller.start();
  context.subscriptions.push(
    treeView,
    provider,
    changedDocs,
    vscode.workspace.registerTextDocumentContentProvider(SUBMISSION_SCHEME, contentProvider),
    store.onDidChange(updateChrome),
    treeView.onDidChangeVisibility(tick),
    vscode.window.onDidChangeWindowState((s) => { if (s.focused) void store.reload(); }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'history.maxEntries')) void store.prune();
      if (affects(e, 'history.pollStatus')) poller.setEnabled(setting('history.pollStatus'));
      if (affects(e, 'region', 'endpoint', 'profile') || e.affectsConfiguration('http.proxy')) poller.resume();
    }),
    ...(deps.onDidChangeCredentials ? [deps.onDidChangeCredentials(() => poller.resume())] : []),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === SUBMISSION_SCHEME) snapshots.delete(d.uri.toString());
    }),
    { dispose: () => { clearInterval(relativeTimer); poller.dispose(); store.dispose(); } },
  );

  const history: SubmissionHistory = {
    store, poller, provider, treeView,
    list: () => store.list(),
    get: (id) => store.get(id),
    add: (entry: NewSubmission) => store.add(entry),
    update: (id: string, patch: Partial<NewSubmission>, options?: UpdateOptions) => store.update(id, patch, options),
    remove: (id) => store.remove(id),
    clear: () => store.clear(),
    readRequest: (id: string): Promise<ProduceParams | undefined> => store.readRequest(id),
    onDidChange: (listener) => store.onDidChange(listener),
    reveal: (id) => revealEntry(ctx, id),
    refreshStatus: (ids) => poller.refresh(ids),
  };
  return { history, commands: historyCommands(ctx) };
}
