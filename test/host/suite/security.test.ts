// Security in the real extension host: a cloned repository's workspace settings cannot redirect
// Produce (endpoint, region, AppId, profile, the ECS metadata opt-in, the confirmation) — VS Code
// ignores application-scoped settings in a workspace, and a Produce goes to the user's endpoint while
// a second emulator named by the workspace receives nothing — and a recognisable test secret never
// reaches the extension's logs, the history, the settings files or the messages, even when Produce
// fails. (Untrusted folders: test/host/ui/trust.mjs.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SubmissionHistory } from '../../../client/src/history';
import { startEmulator, type Emulator } from '../../../emulator/src';
import { activateExtension, closeAllEditors, waitFor, workspaceRoot } from '../helpers';

const KEY_ID = 'LTAIhostSecurity0001';
const SECRET = 'HOSTSECRETrobustness3c5e7a9b1d2f4e6a';
const WRONG_SECRET = 'HOSTWRONGrobustness8d6b4f2a0c9e7b5d';
const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';

interface ProduceResult {
  outcome: string;
  mediaId?: string;
  projectId?: string;
}

function timeline(title: string): string {
  return JSON.stringify({ Title: title, Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 4 }] }] }, ProduceConfig: { Width: 1280, Height: 720 } }, null, 2);
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

suite('security: workspace settings and secrets', function () {
  this.timeout(90_000);
  let history: SubmissionHistory;
  let user: Emulator;
  let evil: Emulator;
  let settingsFile: string;
  let previousSettings: string | undefined;
  const env: Record<string, string | undefined> = {};
  const globals: Array<[string, unknown]> = [];
  const produced: string[] = [];
  const messages: string[] = [];

  suiteSetup(async function () {
    const ext = await activateExtension();
    const api = ext.exports as { history?: SubmissionHistory } | undefined;
    if (!api?.history) this.skip();
    history = api!.history!;
    // The user's emulator (in the user settings) and the one a cloned repository would name: same keys.
    user = await startEmulator({ accessKeyId: KEY_ID, accessKeySecret: SECRET, produceSeconds: 5 });
    evil = await startEmulator({ accessKeyId: KEY_ID, accessKeySecret: SECRET, produceSeconds: 5 });
    for (const k of ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN']) env[k] = process.env[k];
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = KEY_ID;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = SECRET;
    delete process.env.ALIBABA_CLOUD_SECURITY_TOKEN;
    const c = vscode.workspace.getConfiguration('vodTimeline');
    for (const [key, value] of [['endpoint', user.url], ['produce.confirm', false], ['region', 'cn-shanghai']] as const) {
      globals.push([key, c.inspect(key)?.globalValue]);
      await c.update(key, value, vscode.ConfigurationTarget.Global);
    }
    // What a cloned repository's .vscode/settings.json could say. The window-scoped delay is there to
    // know when VS Code has read the file (it honours that one).
    settingsFile = path.join(workspaceRoot().fsPath, '.vscode', 'settings.json');
    previousSettings = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({
      'vodTimeline.endpoint': evil.url,
      'vodTimeline.region': 'ap-southeast-1',
      'vodTimeline.appId': 'app-from-the-workspace',
      'vodTimeline.profile': 'profile-from-the-workspace',
      'vodTimeline.credentials.allowEcsMetadata': true,
      'vodTimeline.produce.confirm': true,
      'vodTimeline.validation.delay': 77,
    }, null, 2));
    await waitFor(() => vscode.workspace.getConfiguration('vodTimeline').get('validation.delay') === 77, vscode.workspace.onDidChangeConfiguration, 'the workspace settings to be read', 30_000);
  });

  suiteTeardown(async () => {
    if (!history) return;
    for (const id of produced) await history.remove(id).catch(() => undefined);
    if (previousSettings === undefined) fs.rmSync(settingsFile, { force: true });
    else fs.writeFileSync(settingsFile, previousSettings);
    const c = vscode.workspace.getConfiguration('vodTimeline');
    for (const [key, value] of globals) await c.update(key, value, vscode.ConfigurationTarget.Global);
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await user?.close();
    await evil?.close();
    await closeAllEditors();
  });

  test('workspace values of the application-scoped settings are ignored, and cannot be written', async () => {
    const c = vscode.workspace.getConfiguration('vodTimeline');
    assert.equal(c.get('endpoint'), user.url);
    assert.equal(c.get('region'), 'cn-shanghai');
    assert.equal(c.get('appId'), '');
    assert.equal(c.get('profile'), '');
    assert.equal(c.get('credentials.allowEcsMetadata'), false);
    assert.equal(c.get('produce.confirm'), false);
    const attempts: Array<[string, unknown]> = [['endpoint', evil.url], ['region', 'ap-southeast-1'], ['appId', 'app-x'], ['profile', 'p'], ['credentials.allowEcsMetadata', true], ['produce.confirm', true]];
    for (const [key, value] of attempts) {
      assert.equal(c.inspect(key)?.workspaceValue, undefined, `${key}: a workspace value is not even reported`);
      await assert.rejects(Promise.resolve(c.update(key, value, vscode.ConfigurationTarget.Workspace)), `${key} cannot be written to the workspace settings`);
    }
    assert.equal(vscode.workspace.getConfiguration('vodTimeline').get('endpoint'), user.url, 'still the user endpoint');
  });

  test('Produce goes to the endpoint of the user settings; the workspace\'s endpoint receives nothing', async () => {
    const r = await vscode.commands.executeCommand<ProduceResult>('vodTimeline.produce', { timelineText: timeline('security: user endpoint') });
    assert.equal(r?.outcome, 'produced', JSON.stringify(r));
    assert.equal(user.requests.filter((x) => x.action === 'ProduceEditingProjectVideo').length, 1);
    assert.deepEqual(evil.requests, [], 'the workspace endpoint got no request');
    assert.equal(user.media.get(r.mediaId!)?.AppId, 'app-1000000', 'the workspace AppId was not used');
    const entry = await waitFor(() => history.list().find((e) => e.mediaId === r.mediaId), history.onDidChange as vscode.Event<unknown>, 'the history entry');
    produced.push(entry.id);
    assert.equal(entry.endpoint, new URL(user.url).host);
    assert.equal(entry.region, 'cn-shanghai');
  });

  test('the test secret reaches no log, history file, settings file or message, even when Produce fails', async () => {
    // An unknown outcome (the connection drops after VOD produced), then a refused signature.
    user.setFault('ProduceEditingProjectVideo', { kind: 'resetAfterProcess' }, 1);
    const unknown = await vscode.commands.executeCommand<ProduceResult & { requestId?: string }>('vodTimeline.produce', { timelineText: timeline('security: connection lost') });
    assert.equal(unknown?.outcome, 'unknown', JSON.stringify(unknown));
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = WRONG_SECRET;
    try {
      const refused = await vscode.commands.executeCommand<ProduceResult>('vodTimeline.produce', { timelineText: timeline('security: wrong secret') });
      assert.equal(refused?.outcome, 'failed', JSON.stringify(refused));
      messages.push(JSON.stringify(unknown), JSON.stringify(refused));
    } finally {
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = SECRET;
    }
    for (const e of history.list().filter((x) => x.title.startsWith('security:'))) if (!produced.includes(e.id)) produced.push(e.id);
    await history.store.flush?.();
    // <user data>/User/globalStorage/<extension>/history/history.json → <user data>
    const userData = path.resolve(path.dirname(history.store.file), '..', '..', '..', '..');
    const logs = filesUnder(path.join(userData, 'logs'));
    const extensionLogs = logs.filter((f) => /VOD Timeline|vod-timeline/.test(f));
    assert.ok(extensionLogs.length > 0, `the extension's log is under ${userData}/logs: ${logs.map((f) => path.relative(userData, f)).join(', ')}`);
    const scanned = [
      ...logs, ...filesUnder(path.join(userData, 'User', 'globalStorage')), path.join(userData, 'User', 'settings.json'), settingsFile,
    ].filter((f) => fs.existsSync(f));
    const found: string[] = [];
    for (const f of scanned) {
      const text = fs.readFileSync(f, 'latin1');
      for (const secret of [SECRET, WRONG_SECRET]) {
        for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
          if (text.includes(form)) found.push(`${path.relative(userData, f)} holds ${secret.slice(0, 10)}…`);
        }
      }
    }
    for (const m of messages) if (m.includes(SECRET) || m.includes(WRONG_SECRET)) found.push(`a command result holds a secret: ${m}`);
    assert.deepEqual(found, []);
    assert.ok(scanned.length > 5, `${scanned.length} files scanned`);
  });
});
