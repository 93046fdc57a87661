// The Submissions view's commands. Each takes the tree node it was invoked on, an entry id (from other
// features, e.g. Produce's "Reveal in History"), or nothing (command palette: a quick pick of entries).
import vscode = require('vscode');
import type { Commands, HistoryCommandId } from '../commandIds';
import { compareQuery, comparePath, consoleUrl, produceDocumentText, SUBMISSION_SCHEME, submissionPath } from '../vod/history/format';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ProduceRequestRequest } from '../../../server/src/protocol';
import { sendRequest } from '../protocolClient';
import { produceSettings } from '../produce/vodFactory';
import type { SubmissionEntry, SubmissionStatus } from '../vod/history/model';
import { StatusCheckError, type HistoryPoller, type RefreshOutcome } from '../vod/history/poller';
import type { FileHistoryStore } from '../vod/history/store';
import { ALL_STATUSES, entryTitle, statusIcon, statusLabel, VIEW_ID, type SubmissionNode, type SubmissionsProvider } from './view';
import { errorText } from '../errorText';

export const FILTER_STATE_KEY = 'vodTimeline.history.filter';

/** What "Produce Again" passes to `vodTimeline.produce`: `timelineText` (a produce document) wins over `uri`. */
interface ProduceAgainArgument {
  uri?: string;
  timelineText?: string;
}

export interface CommandContext {
  store: FileHistoryStore;
  poller: HistoryPoller;
  provider: SubmissionsProvider;
  treeView: vscode.TreeView<SubmissionNode>;
  workspaceState: vscode.Memento;
  output?: vscode.LogOutputChannel;
  languageClient?: () => Promise<LanguageClient>;
  /** Sets the text of a compare side's read-only document (the "now" side is a snapshot). */
  setSnapshot?: (uri: vscode.Uri, text: string) => void;
}

type EntryArg = SubmissionNode | string | undefined;

async function pickEntry(ctx: CommandContext, title: string, accept: (e: SubmissionEntry) => boolean = () => true): Promise<SubmissionEntry | undefined> {
  const entries = ctx.store.list().filter(accept);
  if (!entries.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No submission to choose from.'));
    return undefined;
  }
  interface Item extends vscode.QuickPickItem { entry: SubmissionEntry }
  const items: Item[] = entries.map((e) => ({
    label: entryTitle(e),
    description: `${statusLabel(e.status)} · ${new Date(e.createdAt).toLocaleString(vscode.env.language)}`,
    detail: [e.mediaId && `MediaId ${e.mediaId}`, e.fileName].filter(Boolean).join(' · ') || undefined,
    iconPath: statusIcon(e.status),
    entry: e,
  }));
  return (await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true }))?.entry;
}

async function resolveEntry(ctx: CommandContext, arg: EntryArg, title: string, accept?: (e: SubmissionEntry) => boolean): Promise<SubmissionEntry | undefined> {
  if (typeof arg === 'string') return ctx.store.get(arg);
  if (arg && typeof arg === 'object' && 'kind' in arg) return ctx.store.get(arg.kind === 'entry' ? arg.id : arg.entryId);
  // A multi-selection passes the clicked node first; anything else: ask.
  return pickEntry(ctx, title, accept);
}

function explainRefresh(e: SubmissionEntry, r: RefreshOutcome): void {
  if (r.kind === 'checked') {
    const text = vscode.l10n.t('"{0}": {1} (VOD status {2})', entryTitle(r.entry), statusLabel(r.entry.status), r.result.vodStatus);
    vscode.window.setStatusBarMessage(text, 5000);
    return;
  }
  if (r.kind === 'not-pollable') {
    if (r.reason === 'no-media-id') {
      void vscode.window.showInformationMessage(vscode.l10n.t('VOD returned no MediaId for "{0}", so its status cannot be checked. Look for it among the editing projects in the VOD console before producing again.', entryTitle(e)));
    } else if (r.reason === 'submitting') {
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is still being sent.', entryTitle(e)));
    } else if (r.reason === 'terminal') {
      vscode.window.setStatusBarMessage(vscode.l10n.t('"{0}": {1}', entryTitle(e), statusLabel(e.status)), 5000);
    }
    return;
  }
  const err = r.error;
  if (err instanceof StatusCheckError && err.code === 'EndpointMismatch') {
    void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" was submitted to {1}; the current settings (vodTimeline.region, vodTimeline.endpoint) point elsewhere, so its status cannot be checked from here.', entryTitle(e), e.endpoint));
  } else {
    void vscode.window.showWarningMessage(vscode.l10n.t('Cannot check the status of "{0}": {1}', entryTitle(e), errorText(err)));
  }
}

export function applyFilter(ctx: CommandContext, statuses: readonly SubmissionStatus[] | undefined): void {
  ctx.provider.filter = statuses ? new Set(statuses) : undefined;
  const active = ctx.provider.filter;
  void ctx.workspaceState.update(FILTER_STATE_KEY, active ? [...active] : undefined);
  void vscode.commands.executeCommand('setContext', 'vodTimeline.history.filtered', Boolean(active));
  ctx.treeView.description = active
    ? vscode.l10n.t('Filter: {0}', ALL_STATUSES.filter((s) => active.has(s)).map(statusLabel).join(', '))
    : undefined;
}

export async function revealEntry(ctx: CommandContext, id: string): Promise<boolean> {
  const e = ctx.store.get(id);
  if (!e) return false;
  if (ctx.provider.filter && !ctx.provider.filter.has(e.status)) applyFilter(ctx, undefined);
  await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  if (!ctx.treeView.visible) {
    await new Promise<void>((resolve) => {
      const done = () => { clearTimeout(timer); sub.dispose(); resolve(); };
      const sub = ctx.treeView.onDidChangeVisibility((e) => { if (e.visible) done(); });
      const timer = setTimeout(done, 3000);
    });
  }
  // A view that was just opened or refreshed loads its items asynchronously: until then the
  // workbench reports "node not found", so try again a few times.
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.treeView.reveal(ctx.provider.nodeFor(id), { select: true, focus: true, expand: true });
      return true;
    } catch (e) {
      if (attempt >= 10 || !ctx.store.get(id)) {
        ctx.output?.warn(`history: cannot reveal ${id}: ${e instanceof Error ? e.message : String(e)}`);
        return false;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** The Submissions view's commands (registered with the others by client/src/commands.ts). */
export function historyCommands(ctx: CommandContext): Commands<HistoryCommandId> {
  const { store, poller } = ctx;

  const copy = async (value: string | undefined, what: string) => {
    if (!value) return;
    await vscode.env.clipboard.writeText(value);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0} {1}', what, value), 3000);
  };

  const filter = async () => {
    interface Item extends vscode.QuickPickItem { status: SubmissionStatus }
    const counts = new Map<SubmissionStatus, number>();
    for (const e of store.list()) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
    const current = ctx.provider.filter;
    const items: Item[] = ALL_STATUSES.map((s) => ({
      label: statusLabel(s), description: String(counts.get(s) ?? 0), iconPath: statusIcon(s), status: s, picked: !current || current.has(s),
    }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Show submissions with these statuses') });
    if (!picked) return;
    applyFilter(ctx, picked.length === 0 || picked.length === ALL_STATUSES.length ? undefined : picked.map((p) => p.status));
  };

  return {
    'vodTimeline.history.refresh': async (arg?: EntryArg) => {
      if (arg === undefined) {
        await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, async () => {
          const results = await poller.refresh();
          const failed = results.filter((r) => r.kind === 'error');
          if (failed.length) {
            const first = failed[0];
            const e = store.get(first.id);
            if (e) explainRefresh(e, first);
          }
        });
        return;
      }
      const e = await resolveEntry(ctx, arg, vocabulary.refresh());
      if (!e) return;
      await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, async () => {
        const [r] = await poller.refresh([e.id]);
        if (r) explainRefresh(e, r);
      });
    },

    'vodTimeline.history.copyMediaId': async (arg?: EntryArg) => {
      const e = await resolveEntry(ctx, arg, vocabulary.copyMediaId(), (x) => Boolean(x.mediaId));
      await copy(e?.mediaId, 'MediaId');
    },

    'vodTimeline.history.copyProjectId': async (arg?: EntryArg) => {
      const e = await resolveEntry(ctx, arg, vocabulary.copyProjectId(), (x) => Boolean(x.projectId));
      await copy(e?.projectId, 'ProjectId');
    },

    'vodTimeline.history.copyValue': async (arg?: SubmissionNode) => {
      if (arg?.kind === 'detail') await copy(arg.value, arg.label);
    },

    'vodTimeline.history.openTimeline': async (arg?: EntryArg) => {
      const e = await resolveEntry(ctx, arg, vocabulary.openTimeline());
      if (!e) return undefined;
      const request = await store.readRequest(e.id);
      if (!request) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The request sent for "{0}" is not stored.', entryTitle(e)));
        return undefined;
      }
      if (request.Timeline === undefined) {
        void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" sent no Timeline: VOD produced project {1} from its saved timeline.', entryTitle(e), request.ProjectId ?? e.projectId ?? '—'));
        return undefined;
      }
      const uri = vscode.Uri.from({ scheme: SUBMISSION_SCHEME, path: submissionPath(e) });
      let doc = await vscode.workspace.openTextDocument(uri);
      if (doc.languageId !== 'vod-timeline') doc = await vscode.languages.setTextDocumentLanguage(doc, 'vod-timeline');
      await vscode.window.showTextDocument(doc, { preview: true });
      if (e.requestTruncated) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Only the beginning of this timeline was kept (the history stores at most 1 MB per request).'));
      }
      return doc.uri.toString();
    },

    // What changed since this was produced: the request that was sent beside the request Produce would
    // send now from the same file, both written the same way (produceDocumentText), so formatting and
    // key order in the file make no difference and "$schema" (never sent) does not show.
    'vodTimeline.history.compareWithCurrent': async (arg?: EntryArg) => {
      const e = await resolveEntry(ctx, arg, vocabulary.compare(), (x) => Boolean(x.documentUri));
      if (!e) return undefined;
      if (!e.documentUri) {
        void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" was not produced from a saved file, so there is no file to compare it with.', entryTitle(e)));
        return undefined;
      }
      const request = await store.readRequest(e.id);
      const sent = request && !e.requestTruncated ? produceDocumentText(request) : undefined;
      if (!sent) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The request sent for "{0}" was not kept in full, so it cannot be compared.', entryTitle(e)));
        return undefined;
      }
      const fileUri = vscode.Uri.parse(e.documentUri, true);
      let doc: vscode.TextDocument;
      try {
        doc = await vscode.workspace.openTextDocument(fileUri);
      } catch (err) {
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} cannot be opened: {1}', fileUri.scheme === 'file' ? fileUri.fsPath : fileUri.toString(), errorText(err)));
        return undefined;
      }
      // The language server reads only vod-timeline documents; Produce made this one such a document.
      if (doc.languageId !== 'vod-timeline') doc = await vscode.languages.setTextDocumentLanguage(doc, 'vod-timeline');
      const answer = ctx.languageClient
        ? await sendRequest(await ctx.languageClient(), ProduceRequestRequest, { uri: doc.uri.toString(), appId: produceSettings().appId }).catch(() => null)
        : null;
      const now = answer ? produceDocumentText(answer.plan.params) : undefined;
      if (!now) {
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} holds no timeline that Produce could send now.', doc.fileName));
        return undefined;
      }
      const left = vscode.Uri.from({ scheme: SUBMISSION_SCHEME, path: comparePath(e, 'sent'), query: compareQuery('sent') });
      const right = vscode.Uri.from({ scheme: SUBMISSION_SCHEME, path: comparePath(e, 'now'), query: compareQuery('now') });
      ctx.setSnapshot?.(right, now);
      const name = e.fileName || entryTitle(e);
      await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0} (as sent ↔ as Produce would send it now)', name), { preview: true });
      if (sent === now) vscode.window.setStatusBarMessage(vscode.l10n.t('"{0}": nothing changed since it was sent.', entryTitle(e)), 5000);
      return { left: left.toString(), right: right.toString(), same: sent === now };
    },

    'vodTimeline.history.produceAgain': async (arg?: EntryArg) => {
      const e = await resolveEntry(ctx, arg, vocabulary.produceAgain());
      if (!e) return;
      const request = await store.readRequest(e.id);
      const text = request && !e.requestTruncated ? produceDocumentText(request) : undefined;
      const argument: ProduceAgainArgument = text ? { timelineText: text } : e.documentUri ? { uri: e.documentUri } : {};
      if (!argument.timelineText && !argument.uri) {
        void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" cannot be produced again: its request was not kept in full and it did not come from a saved file.', entryTitle(e)));
        return;
      }
      const go = vscode.l10n.t('Produce Again');
      const detail = argument.timelineText
        ? vscode.l10n.t('The same request (timeline, title and output settings) is sent to VOD again in {0}. This starts a new, paid production.', e.region)
        : vscode.l10n.t('The stored timeline was cut, so {0} is produced as it is now. This starts a new, paid production.', e.fileName);
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Produce "{0}" again?', entryTitle(e)), { modal: true, detail }, go);
      if (answer !== go) return;
      await vscode.commands.executeCommand('vodTimeline.produce', argument);
    },

    'vodTimeline.history.openInConsole': async (arg?: EntryArg) => {
      const e = await resolveEntry(ctx, arg, vocabulary.openInConsole());
      if (!e) return;
      const url = consoleUrl(e);
      if (!url) {
        void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" was sent to a local emulator ({1}): there is no console page for it.', entryTitle(e), e.endpoint));
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(url, true));
    },

    'vodTimeline.history.remove': async (arg?: EntryArg) => {
      const e = await resolveEntry(ctx, arg, vocabulary.remove());
      if (e) await store.remove(e.id);
    },

    'vodTimeline.history.clear': async () => {
      const n = store.list().length;
      if (!n) return;
      const clear = vscode.l10n.t('Clear History');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Clear the submission history ({0} entries)?', n),
        { modal: true, detail: vscode.l10n.t('The entries and the requests they kept are removed in every VS Code window. Produced videos and projects stay in VOD.') },
        clear,
      );
      if (answer === clear) await store.clear();
    },

    'vodTimeline.history.filter': filter,
    'vodTimeline.history.filterActive': filter,
    'vodTimeline.history.clearFilter': () => applyFilter(ctx, undefined),
    'vodTimeline.history.reveal': (id?: string) => (typeof id === 'string' ? revealEntry(ctx, id) : vscode.commands.executeCommand(`${VIEW_ID}.focus`)),
  };
}

// Quick-pick titles: the commands' own names.
const vocabulary = {
  refresh: () => vscode.l10n.t('Refresh Status'),
  copyMediaId: () => vscode.l10n.t('Copy MediaId'),
  copyProjectId: () => vscode.l10n.t('Copy ProjectId'),
  openTimeline: () => vscode.l10n.t('Open Submitted Timeline'),
  compare: () => vscode.l10n.t('Compare with Current File'),
  produceAgain: () => vscode.l10n.t('Produce Again'),
  openInConsole: () => vscode.l10n.t('Open in Console'),
  remove: () => vscode.l10n.t('Remove Entry'),
};
