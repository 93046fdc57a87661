// The Submissions view in the real extension host: Produce against an emulator started here records
// entries, the tree shows them, Open Submitted Timeline shows exactly what the emulator received,
// Refresh Status and the poller turn them Normal, another window's writes appear.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SubmissionHistory } from '../../../client/src/history';
import type { SubmissionNode } from '../../../client/src/history/view';
import { FileHistoryStore } from '../../../client/src/vod/history/store';
import { startEmulator, type Emulator } from '../../../emulator/src';
import { activateExtension, closeAllEditors, waitFor, workspaceUri } from '../helpers';

const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';

interface ProduceResult {
  outcome: string;
  mediaId?: string;
  projectId?: string;
  requestId?: string;
}

function timeline(title: string, out: number): string {
  return JSON.stringify({
    Title: title,
    Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: out }] }] },
    ProduceConfig: { Width: 1280, Height: 720 },
  }, null, 2);
}

suite('history: Submissions view', function () {
  this.timeout(60_000);
  let history: SubmissionHistory;
  let emu: Emulator;
  let offset = 0;
  const env: Record<string, string | undefined> = {};
  const settings: Array<[string, unknown]> = [];
  const produced: ProduceResult[] = [];

  const entryByMedia = (mediaId: string | undefined) => history.list().find((e) => e.mediaId === mediaId);
  const item = (id: string) => history.provider.getTreeItem(history.provider.nodeFor(id));
  const rootIds = () => (history.provider.getChildren() as SubmissionNode[]).map((n) => (n.kind === 'entry' ? n.id : ''));
  const treeChanged = () => history.provider.onDidChangeTreeData as vscode.Event<unknown>;

  suiteSetup(async function () {
    const ext = await activateExtension();
    const api = ext.exports as { history?: SubmissionHistory } | undefined;
    if (!api?.history) {
      const wired = (await vscode.commands.getCommands(true)).includes('vodTimeline.history.refresh');
      // registerHistory is wired in extension.ts by Produce; until then there is nothing to drive.
      if (!wired) this.skip();
      assert.fail('the history commands are registered but the extension API does not expose `history`: '
        + 'client/src/extension.ts should add `history: SubmissionHistory` to ExtensionApi and return `{ languageClient: start, history }`');
    }
    history = api.history;
    // The emulator's clock stands still unless the test moves it: a production finishes when we say so.
    const frozen = Date.now();
    emu = await startEmulator({ now: () => frozen + offset, produceSeconds: 5 });
    for (const k of ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN']) env[k] = process.env[k];
    // The Produce credentials chain ends with the SDK's default chain, which reads these.
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = emu.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = emu.accessKeySecret;
    delete process.env.ALIBABA_CLOUD_SECURITY_TOKEN;
    const c = vscode.workspace.getConfiguration('vodTimeline');
    for (const [key, value] of [['endpoint', emu.url], ['produce.confirm', false], ['region', 'cn-shanghai']] as const) {
      settings.push([key, c.inspect(key)?.globalValue]);
      await c.update(key, value, vscode.ConfigurationTarget.Global);
    }
    await history.clear();
  });

  suiteTeardown(async () => {
    if (!history) return;
    await history.clear();
    const c = vscode.workspace.getConfiguration('vodTimeline');
    for (const [key, value] of settings) await c.update(key, value, vscode.ConfigurationTarget.Global);
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await emu?.close();
    await closeAllEditors();
  });

  teardown(closeAllEditors);

  test('two Produce runs against the emulator: two entries in the tree, Producing, with their ids', async () => {
    for (const [title, out] of [['Launch cut', 5], ['Teaser', 3]] as const) {
      const r = await vscode.commands.executeCommand<ProduceResult>('vodTimeline.produce', { timelineText: timeline(title, out) });
      assert.equal(r?.outcome, 'produced', JSON.stringify(r));
      produced.push(r);
    }
    await waitFor(() => produced.every((r) => entryByMedia(r.mediaId)?.status === 'producing'), treeChanged(), 'two producing entries');
    const [first, second] = produced.map((r) => entryByMedia(r.mediaId)!);
    assert.deepEqual(rootIds().slice(0, 2), [second.id, first.id], 'newest first');
    assert.equal(first.projectId, produced[0].projectId);
    assert.equal(first.requestId, produced[0].requestId);
    assert.equal(first.region, 'cn-shanghai');
    assert.equal(first.endpoint, new URL(emu.url).host);
    const ti = item(first.id);
    assert.equal(ti.label, 'Launch cut');
    assert.match(String(ti.description), /^(Producing|合成中) · /);
    assert.equal((ti.iconPath as vscode.ThemeIcon).id, 'sync~spin');
    assert.match(String(ti.contextValue), /\bmedia\b.*\bproject\b.*\bpollable\b/);
    const details = history.provider.getChildren(history.provider.nodeFor(first.id));
    const values = Object.fromEntries(details.map((d) => (d.kind === 'detail' ? [d.key, d.value] : ['', ''])));
    assert.equal(values.mediaId, produced[0].mediaId);
    assert.equal(values.projectId, produced[0].projectId);
    assert.equal(values.requestId, produced[0].requestId);
    assert.match(values.region, /^cn-shanghai \(127\.0\.0\.1:\d+\)$/);
    const md = (ti.tooltip as vscode.MarkdownString).value;
    assert.ok(md.includes(produced[0].mediaId!) && md.includes('Launch cut'), md);
  });

  test('Open Submitted Timeline shows exactly the Timeline the emulator received', async () => {
    const e = entryByMedia(produced[0].mediaId)!;
    await vscode.commands.executeCommand('vodTimeline.history.openTimeline', history.provider.nodeFor(e.id));
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.scheme === 'vod-timeline-submission' && vscode.window.activeTextEditor,
      vscode.window.onDidChangeActiveTextEditor, 'the submitted timeline editor',
    );
    const received = emu.projects.get(e.projectId!)?.Timeline;
    assert.ok(received, 'the emulator kept the Timeline it got');
    assert.equal(editor.document.getText(), received);
    assert.equal(editor.document.languageId, 'vod-timeline');
    assert.match(editor.document.uri.path, /\(sent\)\.timeline\.json$/);
  });

  test('Compare with Current File: the request sent beside what Produce would send now, formatting aside', async () => {
    const file = workspaceUri('compare-cut.timeline.json');
    const write = (text: string) => vscode.workspace.fs.writeFile(file, Buffer.from(text));
    const text = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText() ?? '';
    try {
      await write(timeline('Compare cut', 5));
      const r = await vscode.commands.executeCommand<ProduceResult>('vodTimeline.produce', file);
      assert.equal(r?.outcome, 'produced', JSON.stringify(r));
      const e = await waitFor(() => entryByMedia(r.mediaId), treeChanged(), 'the entry of the produced file');
      assert.equal(e.documentUri, file.toString());
      assert.match(String(item(e.id).contextValue), /\bcompare\b/);

      // The file changes after it was produced: another Out, other spacing and key order, a $schema (never sent).
      const edited = JSON.parse(timeline('Compare cut', 7)) as Record<string, unknown>;
      await write(JSON.stringify({ $schema: './x.json', ProduceConfig: edited.ProduceConfig, Timeline: edited.Timeline, Title: edited.Title }, null, 4));
      await waitFor(async () => (await vscode.workspace.openTextDocument(file)).getText().includes('"Out": 7'), vscode.workspace.onDidChangeTextDocument, 'the edited file in VS Code');
      type Compared = { left: string; right: string; same: boolean };
      const changed = await vscode.commands.executeCommand<Compared>('vodTimeline.history.compareWithCurrent', history.provider.nodeFor(e.id));
      assert.equal(changed?.same, false);
      const tab = await waitFor(() => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputTextDiff && input.modified.toString() === changed.right ? input : undefined;
      }, vscode.window.tabGroups.onDidChangeTabs, 'the diff editor');
      assert.equal(tab.original.toString(), changed.left);
      const sent = text(tab.original);
      const now = text(tab.modified);
      assert.match(sent, /"Out": 5/);
      assert.match(now, /"Out": 7/);
      assert.doesNotMatch(now, /\$schema/, 'never sent, so not compared');
      const differing = sent.split('\n').filter((l, i) => l !== now.split('\n')[i]);
      assert.deepEqual(differing.map((l) => l.trim()), ['"Out": 5'], 'only the changed value differs');

      // Back to the produced Out, in the file's own formatting: nothing to compare.
      await write(JSON.stringify(JSON.parse(timeline('Compare cut', 5))));
      await waitFor(async () => (await vscode.workspace.openTextDocument(file)).getText().includes('"Out":5'), vscode.workspace.onDidChangeTextDocument, 'the reverted file in VS Code');
      const same = await vscode.commands.executeCommand<Compared>('vodTimeline.history.compareWithCurrent', history.provider.nodeFor(e.id));
      assert.equal(same?.same, true);
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    }
  });

  test('Refresh Status turns an entry Normal once the emulator has finished', async () => {
    const e = entryByMedia(produced[0].mediaId)!;
    await vscode.commands.executeCommand('vodTimeline.history.refresh', history.provider.nodeFor(e.id));
    assert.equal(history.get(e.id)?.status, 'producing');
    assert.equal(history.get(e.id)?.vodStatus, 'Uploading');
    offset += 10_000; // the emulator's productions take 5 s of its clock
    await vscode.commands.executeCommand('vodTimeline.history.refresh', history.provider.nodeFor(e.id));
    const done = history.get(e.id)!;
    assert.equal(done.status, 'normal');
    assert.equal(done.vodStatus, 'Normal');
    const ti = item(e.id);
    assert.match(String(ti.description), /^(Normal|正常) · /);
    assert.equal((ti.iconPath as vscode.ThemeIcon).id, 'pass-filled');
    assert.doesNotMatch(String(ti.contextValue), /\bpollable\b/);
  });

  test('the poller turns the other entry Normal on its own', async () => {
    // Its first check is 5 s after it was recorded (the emulator already says Normal).
    const id = entryByMedia(produced[1].mediaId)!.id;
    await waitFor(() => history.get(id)?.status === 'normal', treeChanged(), 'the second entry to become normal', 20_000);
  });

  test('entries written by another window appear in the tree', async () => {
    const other = await FileHistoryStore.open({ file: history.store.file, watch: false });
    try {
      const e = await other.add({
        title: 'From the other window', fileName: 'other.timeline.json', region: 'cn-beijing', endpoint: 'vod.cn-beijing.aliyuncs.com',
        mode: 'timeline', status: 'failed', errorCode: 'InvalidParameter.Timeline', errorMessage: 'The Timeline is invalid.',
      });
      await waitFor(() => rootIds().includes(e.id), treeChanged(), 'the other window’s entry');
      const ti = item(e.id);
      assert.equal(ti.label, 'From the other window');
      assert.equal((ti.iconPath as vscode.ThemeIcon).id, 'error');
      const keys = history.provider.getChildren(history.provider.nodeFor(e.id)).map((d) => (d.kind === 'detail' ? d.key : ''));
      assert.deepEqual(keys.filter((k) => k.startsWith('error')), ['errorCode', 'errorMessage']);
    } finally {
      other.dispose();
    }
  });

  test('reveal selects the entry; Remove Entry takes it out of the tree', async () => {
    const e = entryByMedia(produced[1].mediaId)!;
    assert.equal(await history.reveal(e.id), true);
    await waitFor(() => history.treeView.visible && history.treeView.selection[0]?.kind === 'entry', history.treeView.onDidChangeSelection as vscode.Event<unknown>, 'the selection');
    const selected = history.treeView.selection[0];
    assert.ok(selected.kind === 'entry' && selected.id === e.id);
    await vscode.commands.executeCommand('vodTimeline.history.remove', history.provider.nodeFor(e.id));
    assert.ok(!rootIds().includes(e.id));
    assert.equal(history.get(e.id), undefined);
  });
});
