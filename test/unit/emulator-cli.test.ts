import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveCredentials, VodClient } from '../../client/src/vod';
import { EMULATOR_USAGE, parseEmulatorArgs, runEmulatorCli } from '../../emulator/src';
import { guardNetwork, type NetworkGuard } from './vod-fixtures.test';
import { wire } from '../helpers/vod';

function sink() {
  let text = '';
  return { write: (s: string | Uint8Array) => { text += String(s); return true; }, get text() { return text; } };
}

suite('emulator CLI', () => {
  let guard: NetworkGuard;
  suiteSetup(() => { guard = guardNetwork(); });
  suiteTeardown(() => {
    guard.restore();
    assert.deepEqual(guard.blocked, []);
  });

  test('--help prints the usage and exits 0', async () => {
    const out = sink();
    assert.equal(await runEmulatorCli(['--help'], { stdout: out }), 0);
    assert.equal(out.text, EMULATOR_USAGE);
  });

  test('bad arguments exit 2 with a message', async () => {
    for (const argv of [['--port', 'abc'], ['--bogus'], ['--access-key-id', 'only-id'], ['--produce-seconds', '-1'], ['--media']]) {
      const err = sink();
      assert.equal(await runEmulatorCli(argv, { stderr: err }), 2, argv.join(' '));
      assert.match(err.text, /^vod-timeline emulator: /);
    }
  });

  test('parses all options, including --opt=value and repeated --media', () => {
    assert.deepEqual(parseEmulatorArgs(['--port=0', '--access-key-id', 'ID', '--access-key-secret', 'SECRET', '--media', 'a.json', '--media=b.json', '--produce-seconds', '0.5', '--region', 'cn-beijing']), {
      port: 0, accessKeyId: 'ID', accessKeySecret: 'SECRET', mediaFiles: ['a.json', 'b.json'], produceSeconds: 0.5, region: 'cn-beijing',
    });
  });

  test('a missing media file is reported (exit 1)', async () => {
    const err = sink();
    assert.equal(await runEmulatorCli(['--media', path.join(os.tmpdir(), 'does-not-exist.json')], { stderr: err }), 1);
    assert.match(err.text, /ENOENT|no such file/);
  });

  test('runs until stopped, prints the URL and the test keys, and serves real signed calls', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-cli-'));
    const file = path.join(dir, 'media.json');
    fs.writeFileSync(file, JSON.stringify([{ MediaId: 'cli0001', Title: 'CLI clip', Type: 'video', Duration: 3, Status: 'Normal', Width: 640, Height: 360, CreationTime: '2026-11-01T00:00:00Z', CoverURL: '', FailProduction: false }]));
    const out = sink();
    const ac = new AbortController();
    let info: { url: string; accessKeyId: string; accessKeySecret: string } | undefined;
    const listening = new Promise<void>((resolve) => {
      void runEmulatorCli(['--port', '0', '--access-key-id', 'LTAIcliTestKey0001', '--access-key-secret', 'cliTestSecret0001', '--media', file, '--produce-seconds', '0'], {
        stdout: out, signal: ac.signal, onListening: (i) => { info = i; resolve(); },
      }).then((code) => { exit = code; });
    });
    let exit: number | undefined;
    await listening;
    try {
      assert.ok(info);
      assert.match(out.text, new RegExp(`listening on ${info.url.replace(/[.]/g, '\\.')}`));
      assert.match(out.text, /AccessKey ID: +LTAIcliTestKey0001/);
      assert.match(out.text, /AccessKey secret: +cliTestSecret0001/);
      const { credential } = await resolveCredentials({ explicit: { accessKeyId: info.accessKeyId, accessKeySecret: info.accessKeySecret } });
      const c = new VodClient({ credential, endpoint: info.url, retry: false });
      const r = await c.produceEditingProjectVideo(wire({ Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'cli0001' }] }] } }));
      assert.equal((await c.getVideoInfo({ VideoId: r.MediaId })).Video.Status, 'Normal');
    } finally {
      ac.abort();
    }
    for (let i = 0; i < 50 && exit === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(exit, 0);
    assert.match(out.text, /stopped/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('generates test keys when none are given', async () => {
    const out = sink();
    const ac = new AbortController();
    let info: { accessKeyId: string; accessKeySecret: string } | undefined;
    const done = runEmulatorCli([], { stdout: out, signal: ac.signal, onListening: (i) => { info = i; ac.abort(); } });
    assert.equal(await done, 0);
    assert.ok(info);
    assert.match(info.accessKeyId, /^LTAI[A-Za-z0-9]{20}$/);
    assert.match(info.accessKeySecret, /^[A-Za-z0-9]{30}$/);
    assert.ok(out.text.includes(info.accessKeySecret));
  });
});
