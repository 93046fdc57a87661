import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
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
    for (const argv of [['--port', 'abc'], ['--bogus'], ['--access-key-id', 'only-id'], ['--produce-seconds', '-1'], ['--media'], ['--access-key-secret-file', path.join(os.tmpdir(), 'no-such-secret')]]) {
      const err = sink();
      assert.equal(await runEmulatorCli(argv, { stderr: err, env: {} }), 2, argv.join(' '));
      assert.match(err.text, /^vod-timeline emulator: /);
    }
  });

  test('a secret on the command line is refused (exit 2), with where to put it instead', async () => {
    const err = sink();
    assert.equal(await runEmulatorCli(['--access-key-id', 'ID', '--access-key-secret', 'argv-secret-0001'], { stderr: err, env: {} }), 2);
    assert.match(err.text, /^vod-timeline emulator: --access-key-secret is not accepted: a secret on the command line shows in the process list\. Set VOD_EMULATOR_ACCESS_KEY_SECRET or pass --access-key-secret-file FILE\./);
    assert.ok(!err.text.includes('argv-secret-0001'));
  });

  test('parses all options, including --opt=value and repeated --media; the secret from the environment or a file', () => {
    const env = { VOD_EMULATOR_ACCESS_KEY_SECRET: 'ENV-SECRET' };
    assert.deepEqual(parseEmulatorArgs(['--port=0', '--access-key-id', 'ID', '--media', 'a.json', '--media=b.json', '--produce-seconds', '0.5', '--region', 'cn-beijing'], env), {
      port: 0, accessKeyId: 'ID', accessKeySecret: 'ENV-SECRET', mediaFiles: ['a.json', 'b.json'], produceSeconds: 0.5, region: 'cn-beijing',
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-cli-secret-'));
    try {
      const file = path.join(dir, 'secret');
      fs.writeFileSync(file, 'FILE-SECRET\n');
      // The file wins over the variable: the flag is the more explicit of the two.
      assert.deepEqual(parseEmulatorArgs(['--access-key-id', 'ID', `--access-key-secret-file=${file}`], env), { accessKeyId: 'ID', accessKeySecret: 'FILE-SECRET' });
      fs.writeFileSync(file, '\n');
      assert.throws(() => parseEmulatorArgs(['--access-key-id', 'ID', '--access-key-secret-file', file], {}), /is empty/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.throws(() => parseEmulatorArgs([], env), /Give --access-key-id together with its secret/);
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
      void runEmulatorCli(['--port', '0', '--access-key-id', 'LTAIcliTestKey0001', '--media', file, '--produce-seconds', '0'], {
        stdout: out, signal: ac.signal, env: { VOD_EMULATOR_ACCESS_KEY_SECRET: 'cliTestSecret0001' }, onListening: (i) => { info = i; resolve(); },
      }).then((code) => { exit = code; });
    });
    let exit: number | undefined;
    await listening;
    try {
      assert.ok(info);
      assert.match(out.text, new RegExp(`listening on ${info.url.replace(/[.]/g, '\\.')}`));
      assert.match(out.text, /AccessKey ID: +LTAIcliTestKey0001/);
      // A secret handed in is not echoed (it was in a variable, and a terminal log is not the place for it).
      assert.match(out.text, /AccessKey secret: +\(the one given in VOD_EMULATOR_ACCESS_KEY_SECRET\)/);
      assert.ok(!out.text.includes('cliTestSecret0001'));
      assert.equal(info.accessKeySecret, 'cliTestSecret0001');
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
    const done = runEmulatorCli([], { stdout: out, signal: ac.signal, env: {}, onListening: (i) => { info = i; ac.abort(); } });
    assert.equal(await done, 0);
    assert.ok(info);
    assert.match(info.accessKeyId, /^LTAI[A-Za-z0-9]{20}$/);
    assert.match(info.accessKeySecret, /^[A-Za-z0-9]{30}$/);
    assert.ok(out.text.includes(info.accessKeySecret));
  });
});

suite('emulator CLI as a process: the secret is not in its command line', () => {
  const ROOT = path.resolve(__dirname, '..', '..');
  const SECRET = 'procCmdlineSecret0001';
  suiteSetup(async function () {
    this.timeout(120000);
    await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
  });

  /** Starts `node bin/vod-timeline.js emulator ...`, waits for its "listening on" line, returns it and its URL. */
  async function start(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ReturnType<typeof spawn>; url: string; out: () => string }> {
    const child = spawn(process.execPath, ['bin/vod-timeline.js', 'emulator', '--port', '0', '--access-key-id', 'LTAIprocTestKey0001', '--produce-seconds', '0', ...args], {
      // English whatever the machine's locale: the "listening on" line is read below.
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', LANG: 'en_US.UTF-8', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening on" within 15 s: ${out}`)), 15000);
      const check = () => {
        const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${out}`)); });
    });
    return { child, url, out: () => out };
  }

  async function stop(child: ReturnType<typeof spawn>): Promise<void> {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  for (const via of ['environment', 'file'] as const) {
    test(`secret from the ${via}: /proc/PID/cmdline lacks it, and signed calls with it work`, async function () {
      if (process.platform !== 'linux') this.skip();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-emu-proc-'));
      const file = path.join(dir, 'secret');
      fs.writeFileSync(file, `${SECRET}\n`, { mode: 0o600 });
      const { child, url, out } = await start(via === 'file' ? ['--access-key-secret-file', file] : [], via === 'environment' ? { VOD_EMULATOR_ACCESS_KEY_SECRET: SECRET } : {});
      try {
        const cmdline = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
        assert.ok(cmdline.includes('emulator'), cmdline.join(' '));
        assert.ok(!cmdline.join(' ').includes(SECRET), cmdline.join(' '));
        assert.ok(!out().includes(SECRET), 'not printed either');
        const { credential } = await resolveCredentials({ explicit: { accessKeyId: 'LTAIprocTestKey0001', accessKeySecret: SECRET } });
        const r = await new VodClient({ credential, endpoint: url, retry: false }).getVideoInfo({ VideoId: '4b15846bcb3ea8c958fe1e7f3da85ae2' }).then(() => 'ok', (e: Error & { code?: string }) => e.code ?? e.message);
        assert.equal(r, 'ok', 'the emulator accepts the signature made with the secret it read');
      } finally {
        await stop(child);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
