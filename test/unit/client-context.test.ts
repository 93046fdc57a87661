// The extension client's seams, without VS Code: the language client's lifecycle (a failed start can be
// retried, a restart hands everyone the new client), and the one command table and settings list
// against package.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClientLifecycle, type ManagedClient } from '../../client/src/lifecycle';
import { CONTRIBUTED_COMMANDS, TEST_COMMANDS } from '../../client/src/commandIds';
import { checkedValue, SETTING_KEYS } from '../../client/src/settingsModel';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

class FakeClient implements ManagedClient {
  static made: FakeClient[] = [];
  started = false;
  stopped = false;
  constructor(readonly fail: boolean) { FakeClient.made.push(this); }
  async start(): Promise<void> {
    await new Promise((r) => setTimeout(r, 5));
    if (this.fail) throw new Error('server did not start');
    this.started = true;
  }
  async stop(): Promise<void> { this.stopped = true; }
}

suite('client: the language client lifecycle', () => {
  setup(() => { FakeClient.made = []; });

  test('a failed first start is not kept: the next ask starts a new client', async () => {
    let n = 0;
    const life = new ClientLifecycle(() => new FakeClient(n++ === 0));
    await assert.rejects(life.client(), /did not start/);
    const second = await life.client();
    assert.equal(FakeClient.made.length, 2);
    assert.equal(second, FakeClient.made[1]);
    assert.ok(second.started);
    assert.ok(FakeClient.made[0].stopped, 'the failed client was stopped');
  });

  test('Restart after a failed start starts a working client, and everyone asking gets it', async () => {
    let n = 0;
    const life = new ClientLifecycle(() => new FakeClient(n++ === 0));
    const started: FakeClient[] = [];
    life.onDidStart((c) => started.push(c));
    // The preview, CodeLens and Produce asked while the first start was failing.
    const waiting = [life.client(), life.client(), life.client()];
    for (const w of waiting) await assert.rejects(w);
    const restarted = await life.restart();
    assert.ok(restarted.started);
    assert.deepEqual(await Promise.all([life.client(), life.client()]), [restarted, restarted]);
    assert.deepEqual(started, [restarted]);
  });

  test('concurrent asks share one start; Restart stops the old client and hands out the new one', async () => {
    const life = new ClientLifecycle(() => new FakeClient(false));
    const [a, b] = await Promise.all([life.client(), life.client()]);
    assert.equal(a, b);
    assert.equal(FakeClient.made.length, 1);
    const c = await life.restart();
    assert.notEqual(c, a);
    assert.ok(a.stopped);
    assert.equal(await life.client(), c);
    assert.equal(await life.running(), c);
    await life.stop();
    assert.equal(await life.running(), undefined);
  });
});

suite('client: one command table, one settings list', () => {
  test('every command package.json contributes is in the table, and nothing else but the test hooks', () => {
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...CONTRIBUTED_COMMANDS].sort(), contributed);
    for (const t of TEST_COMMANDS) assert.ok(!contributed.includes(t), `${t} is a hidden test hook`);
  });

  test('every vodTimeline.* setting in package.json is in the settings list, with its default there only', () => {
    const declared = Object.keys(pkg.contributes.configuration.properties).map((k) => k.replace(/^vodTimeline\./, '')).sort();
    assert.deepEqual([...SETTING_KEYS].sort(), declared);
    for (const [key, schema] of Object.entries(pkg.contributes.configuration.properties) as [string, { default?: unknown }][]) {
      assert.ok('default' in schema, `${key} declares its default`);
    }
    // No client file repeats a default in a getConfiguration(...).get(key, default) call.
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && /getConfiguration\(['"`]vodTimeline/.test(fs.readFileSync(p, 'utf8')) && !p.endsWith('settings.ts')) offenders.push(path.relative(root, p));
      }
    };
    walk(path.join(root, 'client', 'src'));
    assert.deepEqual(offenders, [], 'settings are read through client/src/settings.ts');
  });

  test('a value of the wrong type or out of range reads as the declared default', () => {
    const props = pkg.contributes.configuration.properties;
    assert.equal(checkedValue(props['vodTimeline.validation.delay'], 'fast'), 50);
    assert.equal(checkedValue(props['vodTimeline.validation.delay'], -5), 50);
    assert.equal(checkedValue(props['vodTimeline.validation.delay'], 200), 200);
    assert.equal(checkedValue(props['vodTimeline.validation.workspace'], 'some'), 'all');
    assert.equal(checkedValue(props['vodTimeline.region'], 'shanghai'), 'cn-shanghai');
    assert.equal(checkedValue(props['vodTimeline.region'], 'ap-southeast-1'), 'ap-southeast-1');
    assert.equal(checkedValue(props['vodTimeline.cloud.enabled'], 'yes'), true);
    assert.equal(checkedValue(props['vodTimeline.produce.timeoutSeconds'], undefined), 60);
  });
});
