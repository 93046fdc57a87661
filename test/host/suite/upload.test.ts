// Upload to VOD in the real extension host, against an emulator started here (loopback only): a record
// is sent by one run at a time. Two Resume commands at once (a double click on the Uploads view's
// Resume, or the failure notification's Resume after the view's) used to start two uploads of the same
// record: two progress notifications, two "Uploaded … MediaId" notifications, two RefreshUploadVideo.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../../emulator/src';
import type { UploadJournal } from '../../../client/src/vod/upload/journal';
import { activateExtension, useEmulator, workspaceUri } from '../helpers';

suite('upload: one run per record', function () {
  this.timeout(60_000);
  let emu: Emulator | undefined;
  let journal: UploadJournal;
  let restore: (() => Promise<void>) | undefined;
  /** The journal's records before the suite: its teardown removes only the ones it added. */
  let recordsBefore = new Set<string>();

  suiteSetup(async () => {
    const ext = await activateExtension();
    journal = (ext.exports as { uploads: UploadJournal }).uploads;
    recordsBefore = new Set(journal.list().map((e) => e.id));
    emu = await startEmulator({ uploadSeconds: 0.3 });
    restore = await useEmulator(emu);
  });

  suiteTeardown(async () => {
    await restore?.();
    await emu?.close();
    // The journal lives in the extension's global storage, which the UI session of the same
    // code-server shares: its Uploads view listed this suite's "resume-once" record. Only the records
    // this suite added, of files in its own folder, go.
    const folder = workspaceUri('upload').fsPath + path.sep;
    for (const e of journal?.list() ?? []) {
      if (!recordsBefore.has(e.id) && e.file.startsWith(folder)) journal.remove(e.id);
    }
    await vscode.workspace.fs.delete(workspaceUri('upload'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('two Resume commands at once send a failed upload once; a Resume after it is done sends nothing', async () => {
    const file = workspaceUri('upload/resume-once.mp4');
    await vscode.workspace.fs.writeFile(file, randomBytes(256 * 1024));
    // OSS refuses the file: VOD keeps the record without it, and the journal says the upload failed.
    emu!.setFault('PutObject', { kind: 'http', status: 403, code: 'AccessDenied' });
    const first = await vscode.commands.executeCommand<unknown[]>('vodTimeline.uploadToVod', file);
    assert.deepEqual(first, []);
    const entry = journal.list().find((e) => e.file === file.fsPath);
    assert.ok(entry?.mediaId, 'the failed upload is in the journal with its record');
    assert.equal(entry.state, 'failed');
    assert.ok(journal.canResume(entry));

    const before = emu!.requests.length;
    await Promise.all([
      vscode.commands.executeCommand('vodTimeline.uploads.resume', entry),
      vscode.commands.executeCommand('vodTimeline.uploads.resume', entry),
    ]);
    // The upload's own calls: the media library's reads (SearchMedia, GetVideoInfo…) run beside it on
    // their own schedule and say nothing about how many runs sent the record.
    const uploadCalls = () => emu!.requests.slice(before).map((r) => r.action ?? '').filter((a) => /Upload|^Delete/.test(a));
    assert.deepEqual(uploadCalls(), ['RefreshUploadVideo'], 'one run for the record');
    assert.equal(journal.get(entry.id)?.state, 'uploaded');
    assert.equal(emu!.media.get(entry.mediaId)?.upload?.completedAt !== undefined, true, 'its file is complete');

    // A Resume after the record was finished: nothing to send.
    await vscode.commands.executeCommand('vodTimeline.uploads.resume', entry);
    assert.deepEqual(uploadCalls(), ['RefreshUploadVideo'], 'nothing more sent for the finished record');
  });
});
