// "Upload to VOD": Explorer files (several at once) and the quick fix "Upload a file and use its MediaId"
// on a clip, through the plain-Node upload (client/src/vod/upload): a cancellable progress notification
// per file with bytes and rate, the duplicate warning, what a cancelled or failed upload left in VOD with
// an offer to remove it, and the "Uploads" view (the journal in global storage) with the media's status
// polled until Normal. Trusted workspaces only: an upload stores files in the account, in your name.
//
//   const { commands } = registerUpload(context, { credentials, output, onMediaChanged });
import * as path from 'node:path';
import vscode = require('vscode');
import type { Commands, UploadCommandId } from '../commandIds';
import type { CredentialsManager } from '../produce/credentials';
import { createVodTarget, proxySettings } from '../produce/vodFactory';
import { setting } from '../settings';
import { UploadJournal, type UploadEntry } from '../vod/upload/journal';
import { IMAGE_EXTENSIONS, AUDIO_EXTENSIONS, VIDEO_EXTENSIONS, uploadKindOf } from '../vod/upload/plan';
import { removeUploadedMedia, sha256OfFile, UploadError, uploadFile, type UploadResult } from '../vod/upload/run';
import { needsStatus, UPLOADS_VIEW_ID, UploadsProvider } from './view';
import { mediaIdValueRange, registerUploadCodeActions } from './codeActions';
import { errorText } from '../errorText';

export interface UploadDeps {
  credentials: CredentialsManager;
  output: vscode.LogOutputChannel;
  /** Called when a media appears or changes status (the cloud catalog forgets its cache). */
  onMediaChanged?: () => void;
  /** Where the journal lives. Default `<globalStorage>/uploads`. */
  dir?: string;
}

/** Polls every this long while an uploaded media is not yet Normal (or failed). */
const POLL_MS = 5000;

function mib(n: number): string {
  return (n / 1024 / 1024).toFixed(1);
}

export function registerUpload(context: vscode.ExtensionContext, deps: UploadDeps): { commands: Commands<UploadCommandId>; journal: UploadJournal } {
  const journal = new UploadJournal(deps.dir ?? path.join(context.globalStorageUri.fsPath, 'uploads'));
  const provider = new UploadsProvider(journal);
  const view = vscode.window.createTreeView(UPLOADS_VIEW_ID, { treeDataProvider: provider });
  context.subscriptions.push(view);
  const changed = () => {
    provider.refresh();
    const active = journal.list().filter((e) => e.state === 'uploading' || e.state === 'creating').length;
    view.badge = active ? { value: active, tooltip: vscode.l10n.t('{0} uploads in progress', active) } : undefined;
  };

  const trusted = (): boolean => {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage(vscode.l10n.t('Uploading to VOD is disabled in untrusted workspaces: a cloned folder must not be able to store files in your account. Trust this folder to upload.'));
    return false;
  };

  const target = async () => {
    try {
      return await createVodTarget(deps.credentials);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot upload: {0}', errorText(e)));
      return undefined;
    }
  };

  // Status of uploaded media until Normal or failed: one GetVideoInfo / GetImageInfo each, every POLL_MS.
  let polling = false;
  const poll = async () => {
    if (polling || !vscode.workspace.isTrusted) return;
    const waiting = journal.list().filter((e) => needsStatus(journal, e));
    if (!waiting.length) return;
    polling = true;
    try {
      const t = await createVodTarget(deps.credentials).catch(() => undefined);
      if (!t) return;
      let any = false;
      for (const e of waiting) {
        try {
          const status = e.kind === 'image'
            ? String((await t.client.getImageInfo({ ImageId: e.mediaId! })).ImageInfo?.Status ?? '')
            : String((await t.client.getVideoInfo({ VideoId: e.mediaId! })).Video?.Status ?? '');
          if (status && status !== e.vodStatus) {
            journal.update(e.id, { vodStatus: status, checkedAt: new Date().toISOString() });
            any = true;
            if (status === 'Normal') deps.output.info(`upload: ${e.mediaId} (${e.fileName}) is Normal`);
          }
        } catch (err) {
          deps.output.warn(`upload: status of ${e.mediaId} not read: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (any) {
        changed();
        deps.onMediaChanged?.();
      }
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), POLL_MS);
  context.subscriptions.push({ dispose: () => clearInterval(timer) });
  void poll();

  /** Removes the record a failed or cancelled upload left in VOD, after saying so. */
  const removeFromVod = async (entry: UploadEntry, ask: boolean): Promise<boolean> => {
    if (!entry.mediaId) return false;
    if (ask) {
      const remove = vscode.l10n.t('Remove from VOD');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete the media {0} ("{1}") from VOD? This cannot be undone.', entry.mediaId, entry.title), { modal: true }, remove);
      if (choice !== remove) return false;
    }
    const t = await target();
    if (!t) return false;
    try {
      const r = await removeUploadedMedia(t.client, entry.mediaId, entry.kind);
      journal.update(entry.id, { removed: true });
      void vscode.window.showInformationMessage(r === 'removed'
        ? vscode.l10n.t('Removed {0} from VOD.', entry.mediaId)
        : vscode.l10n.t('{0} was no longer in VOD.', entry.mediaId));
      changed();
      deps.onMediaChanged?.();
      return true;
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not remove {0} from VOD: {1}', entry.mediaId, errorText(e)));
      return false;
    }
  };

  // Records being sent from this window. A Resume is taken for a record only when nobody sends it: a
  // second one (a double click on the Uploads view's Resume, or the failure notification's Resume after
  // the view's) otherwise started a second upload of the same record before the first had written
  // "uploading" to the journal: two progress notifications, two "Uploaded" notifications.
  const running = new Set<string>();
  /** The entry as the journal has it now, if its record still waits for its file and nobody sends it. */
  const orphan = (id: string): UploadEntry | undefined => {
    const e = journal.get(id);
    if (!e?.mediaId || e.removed || running.has(e.id)) return undefined;
    return e.state === 'failed' || e.state === 'cancelled' || journal.isInterrupted(e) ? e : undefined;
  };

  /** Says what a failed or cancelled upload left, and offers to remove it or resume. */
  const reportFailure = (file: string, e: UploadError) => {
    const name = path.basename(file);
    deps.output.warn(`upload: ${name}: ${e.code}: ${e.message}`);
    const entry = e.info.entry ? journal.get(e.info.entry.id) : undefined;
    if (e.leftInVod === 'record' && e.mediaId) {
      const remove = vscode.l10n.t('Remove from VOD');
      const resume = vscode.l10n.t('Resume');
      const text = e.code === 'Cancelled'
        ? vscode.l10n.t('Upload of {0} cancelled. VOD keeps the media record {1} without its file.', name, e.mediaId)
        : vscode.l10n.t('Upload of {0} failed ({1}). VOD keeps the media record {2} without its file.', name, e.code, e.mediaId);
      void vscode.window.showWarningMessage(text, remove, ...(entry && journal.canResume(entry) ? [resume] : [])).then((c) => {
        if (!entry) return;
        // The notification may be answered long after: the entry is read again. A record resumed since
        // is not removed without asking, nor resumed twice.
        if (c === remove) {
          const now = orphan(entry.id);
          const current = journal.get(entry.id);
          if (now) void removeFromVod(now, false);
          else if (current?.mediaId && !current.removed && !journal.isOpen(current)) void removeFromVod(current, true);
        }
        if (c === resume) void runUploads([{ file: entry.file, resume: entry }]);
      });
    } else if (e.leftInVod === 'unknown') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Upload of {0} failed: {1} VOD may have created a media record for it; check Media Files in the VOD console.', name, errorText(e)));
    } else if (e.code !== 'Cancelled') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Upload of {0} failed: {1}', name, errorText(e)));
    }
  };

  /** Uploads each file with its own cancellable notification; resolves with the results that succeeded. */
  const runUploads = async (requested: Array<{ file: string; resume?: UploadEntry }>): Promise<UploadResult[]> => {
    if (!trusted()) return [];
    // Claimed before the first await: a resume is of the entry as it is now, and of one nobody sends.
    type Item = { file: string; resume?: UploadEntry };
    const items = requested.flatMap(({ file, resume }): Item[] => {
      if (!resume) return [{ file, resume }];
      const now = orphan(resume.id);
      if (!now || !journal.canResume(now)) return [];
      running.add(now.id);
      return [{ file: now.file, resume: now }];
    });
    try {
      return items.length ? await sendAll(items) : [];
    } finally {
      for (const { resume } of items) if (resume) running.delete(resume.id);
    }
  };

  const sendAll = async (items: Array<{ file: string; resume?: UploadEntry }>): Promise<UploadResult[]> => {
    const t = await target();
    if (!t) return [];
    const results: UploadResult[] = [];
    await Promise.all(items.map(async ({ file, resume }) => {
      const name = path.basename(file);
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, cancellable: true, title: vscode.l10n.t('Uploading {0} to VOD', name) }, async (progress, token) => {
        const stop = new AbortController();
        token.onCancellationRequested(() => stop.abort());
        let shown = 0;
        // The duplicate question needs the file's hash first: read in the same cancellable notification.
        let sha256: string | undefined = resume?.sha256;
        if (!resume) {
          progress.report({ message: vscode.l10n.t('reading the file…') });
          sha256 = await sha256OfFile(file, stop.signal).catch(() => undefined);
          if (stop.signal.aborted) return;
          const dup = sha256 ? journal.findDuplicate((await vscode.workspace.fs.stat(vscode.Uri.file(file))).size, sha256) : undefined;
          if (dup?.mediaId) {
            const again = vscode.l10n.t('Upload Again');
            const copy = vscode.l10n.t('Copy {0}', dup.mediaId);
            const choice = await vscode.window.showWarningMessage(
              vscode.l10n.t('{0} was already uploaded on {1} as {2} (same size and content). Upload it again as a second media?', name, dup.createdAt.slice(0, 10), dup.mediaId),
              { modal: true }, again, copy);
            if (choice === copy) await vscode.env.clipboard.writeText(dup.mediaId);
            if (choice !== again) return;
          }
        }
        try {
          const r = await uploadFile({
            client: t.client, file, appId: t.appId, journal, resume, signal: stop.signal, sha256, proxy: proxySettings(),
            storageLocation: setting('upload.storageLocation') || undefined, cateId: setting('upload.cateId') || undefined,
            onEvent: (ev) => {
              if (ev.kind === 'created') { changed(); deps.output.info(`upload: ${name}: ${ev.uploadKind} ${ev.mediaId} created`); }
              if (ev.kind === 'resumed') deps.output.info(`upload: ${name}: resuming ${ev.mediaId}, ${ev.partsSkipped} part(s) already in VOD`);
              if (ev.kind === 'credential-refreshed') deps.output.info(`upload: ${name}: upload credential refreshed (${ev.reason})`);
              if (ev.kind === 'retry') deps.output.info(`upload: ${name}: ${ev.code}, carrying on (attempt ${ev.attempt})`);
            },
            onProgress: (p) => {
              if (p.phase === 'hashing') return;
              const pct = p.total ? (p.bytes / p.total) * 100 : 0;
              const message = p.phase === 'creating'
                ? vscode.l10n.t('creating the media record…')
                : vscode.l10n.t('{0} of {1} MiB, {2} MiB/s', mib(p.bytes), mib(p.total), mib(p.bytesPerSecond));
              progress.report({ message, increment: Math.max(0, pct - shown) });
              shown = Math.max(shown, pct);
              if (p.phase === 'uploading') provider.refresh();
            },
          });
          results.push(r);
          deps.output.info(`upload: ${name}: ${r.mediaId} uploaded (${r.size} bytes in ${r.seconds.toFixed(1)} s${r.resumed ? `, resumed, ${r.partsSkipped} parts not sent again` : ''})`);
          void vscode.window.showInformationMessage(vscode.l10n.t('Uploaded {0}: MediaId {1}', name, r.mediaId), vscode.l10n.t('Copy MediaId')).then((c) => {
            if (c) void vscode.env.clipboard.writeText(r.mediaId);
          });
        } catch (e) {
          if (e instanceof UploadError) reportFailure(file, e);
          else void vscode.window.showErrorMessage(vscode.l10n.t('Upload of {0} failed: {1}', name, errorText(e)));
        } finally {
          changed();
          deps.onMediaChanged?.();
        }
      });
    }));
    void poll();
    return results;
  };

  const filters = {
    [vscode.l10n.t('Video, audio and images')]: [...VIDEO_EXTENSIONS, ...AUDIO_EXTENSIONS, ...IMAGE_EXTENSIONS],
  };

  /** The Explorer command: the clicked file, or every selected one; from the palette, a file dialog. */
  const uploadToVod = async (uri?: vscode.Uri, uris?: vscode.Uri[]): Promise<UploadResult[]> => {
    let picked = (uris?.length ? uris : uri ? [uri] : []).filter((u) => u.scheme === 'file');
    if (!picked.length) {
      picked = (await vscode.window.showOpenDialog({ canSelectMany: true, filters, openLabel: vscode.l10n.t('Upload to VOD') })) ?? [];
    }
    const refused = picked.filter((u) => !uploadKindOf(u.fsPath));
    if (refused.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('VOD does not take {0}: only video, audio and image files (by extension) can be uploaded.', refused.map((u) => path.basename(u.fsPath)).join(', ')));
    }
    const files = picked.filter((u) => uploadKindOf(u.fsPath)).map((u) => ({ file: u.fsPath }));
    return files.length ? runUploads(files) : [];
  };

  /** The quick fix: a file dialog, the upload, then the MediaId where the cursor was (or in place of the MediaId value under it). */
  const uploadAndInsert = async (arg?: { uri?: string; range?: [number, number, number, number] }): Promise<string | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const document = arg?.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri)) : editor?.document;
    if (!document) return undefined;
    const range = arg?.range ? new vscode.Range(arg.range[0], arg.range[1], arg.range[2], arg.range[3]) : editor?.selection;
    if (!range) return undefined;
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters, openLabel: vscode.l10n.t('Upload and Insert MediaId') });
    if (!picked?.length) return undefined;
    const [r] = await runUploads([{ file: picked[0].fsPath }]);
    if (!r) return undefined;
    const edit = new vscode.WorkspaceEdit();
    if (arg?.range) {
      // The line may have been edited during the upload: the MediaId value is looked up again there.
      const value = range.start.line < document.lineCount ? mediaIdValueRange(document.lineAt(range.start.line).text) : undefined;
      if (!value) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The clip\'s MediaId moved while {0} was uploading; its MediaId {1} was not inserted.', path.basename(picked[0].fsPath), r.mediaId), vscode.l10n.t('Copy MediaId'))
          .then((c) => { if (c) void vscode.env.clipboard.writeText(r.mediaId); });
        return r.mediaId;
      }
      edit.replace(document.uri, new vscode.Range(range.start.line, value[0], range.start.line, value[1]), r.mediaId);
    } else {
      // At a bare cursor, as a JSON string; over a selection, in place of it.
      edit.replace(document.uri, range, range.isEmpty ? JSON.stringify(r.mediaId) : r.mediaId);
    }
    await vscode.workspace.applyEdit(edit);
    return r.mediaId;
  };

  const entryOf = (arg: UploadEntry | { id: string } | undefined): UploadEntry | undefined => (arg?.id ? journal.get(arg.id) : undefined);

  context.subscriptions.push(registerUploadCodeActions());

  return {
    journal,
    commands: {
      'vodTimeline.uploadToVod': uploadToVod,
      'vodTimeline.uploadAndInsert': uploadAndInsert,
      'vodTimeline.uploads.refresh': () => { changed(); void poll(); },
      'vodTimeline.uploads.resume': async (arg?: UploadEntry) => {
        const e = entryOf(arg);
        if (!e || !journal.canResume(e)) return;
        await runUploads([{ file: e.file, resume: e }]);
      },
      'vodTimeline.uploads.removeFromVod': async (arg?: UploadEntry) => {
        const e = entryOf(arg);
        if (e) await removeFromVod(e, true);
      },
      'vodTimeline.uploads.forget': (arg?: UploadEntry) => {
        const e = entryOf(arg);
        if (!e) return;
        journal.remove(e.id);
        changed();
      },
      'vodTimeline.uploads.copyMediaId': async (arg?: UploadEntry) => {
        const e = entryOf(arg);
        if (e?.mediaId) await vscode.env.clipboard.writeText(e.mediaId);
      },
    },
  };
}
