// `vod-timeline upload` against the emulator, in-process: it prints each file's MediaId, waits for Normal
// with --wait, and the emulator then serves the uploaded bytes through GetPlayInfo; it resumes an
// interrupted upload of the same file; it refuses what VOD would refuse before creating anything; its
// exit codes are produce's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli as run } from '../helpers/cli';
import { resolveCredentials, UploadJournal, VodClient } from '../../client/src/vod';
import { startEmulator, type Emulator } from '../../emulator/src';


const SAMPLES = path.join(__dirname, '..', '..', 'emulator', 'media', 'samples');

suite('cli: upload', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let tmp: string;
  let env: NodeJS.ProcessEnv;

  setup(async () => {
    emu = await startEmulator({ uploadSeconds: 0.3 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-upload-'));
    env = { LANG: 'en_US.UTF-8', HOME: tmp, XDG_STATE_HOME: path.join(tmp, 'state'), ALIBABA_CLOUD_ACCESS_KEY_ID: emu.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emu.accessKeySecret };
  });

  teardown(async () => {
    await emu.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('prints each MediaId and, with --wait, Normal; GetPlayInfo then returns a URL that serves the uploaded bytes', async () => {
    const video = path.join(SAMPLES, 'A-keynote-160x90.mp4');
    const r = await run(['upload', video, path.join(SAMPLES, 'L-logo-64x64.png'), '--endpoint', emu.url, '--wait', '--format', 'json', '--title', 'Keynote'], tmp, env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Array<{ File: string; MediaId: string; Kind: string; Status: string }>;
    assert.deepEqual(out.map((o) => [o.Kind, o.Status]), [['video', 'Normal'], ['image', 'Normal']]);
    assert.equal(emu.media.get(out[0].MediaId)?.Title, 'Keynote');
    const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
    const client = new VodClient({ credential, endpoint: emu.url, retry: false });
    const play = await client.getPlayInfo({ VideoId: out[0].MediaId });
    const body = Buffer.from(await (await fetch(play.PlayInfoList!.PlayInfo![0].PlayURL)).arrayBuffer());
    assert.ok(body.equals(fs.readFileSync(video)));
    // The secret never shows.
    assert.ok(!r.stderr.includes(emu.accessKeySecret) && !r.stdout.includes(emu.accessKeySecret));
    for (const k of emu.issuedUploadKeys()) assert.ok(!r.stderr.includes(k.accessKeySecret) && !r.stderr.includes(k.securityToken));

    const text = await run(['upload', path.join(SAMPLES, 'M-music.mp3'), '--endpoint', emu.url], tmp, env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^[0-9a-f]{32}\t.*M-music\.mp3\n$/);
  });

  test('a second upload of the same file warns (same size and hash) and makes a second media', async () => {
    const file = path.join(tmp, 'clip.mp4');
    fs.copyFileSync(path.join(SAMPLES, 'C-interview-close-160x90.mp4'), file);
    const first = await run(['upload', file, '--endpoint', emu.url], tmp, env);
    assert.equal(first.code, 0, first.stderr);
    const again = await run(['upload', file, '--endpoint', emu.url], tmp, env);
    assert.equal(again.code, 0);
    assert.match(again.stderr, /warning: the same file \(same size and SHA-256\) was uploaded on .* as [0-9a-f]{32}/);
    assert.deepEqual(emu.requests.map((x) => x.action), ['CreateUploadVideo', 'CreateUploadVideo']);
    // The journal lives under XDG_STATE_HOME.
    assert.equal(new UploadJournal(path.join(tmp, 'state', 'vod-timeline', 'uploads')).list().length, 2);
  });

  test('a file named twice on one command line (or by another path, or through a link) is uploaded once', async () => {
    const file = path.join(tmp, 'clip.mp4');
    fs.copyFileSync(path.join(SAMPLES, 'C-interview-close-160x90.mp4'), file);
    fs.symlinkSync(file, path.join(tmp, 'link.mp4'));
    const r = await run(['upload', 'clip.mp4', './clip.mp4', file, 'link.mp4', '--endpoint', emu.url, '--format', 'json'], tmp, env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Array<{ File: string; MediaId: string }>;
    assert.deepEqual(out.map((o) => o.File), ['clip.mp4'], 'one upload, under the name first given');
    assert.deepEqual(emu.requests.map((x) => x.action).filter((a) => a?.startsWith('CreateUpload')), ['CreateUploadVideo'], 'one media created');
    assert.equal(r.stderr.match(/named more than once/g)?.length, 3, r.stderr);
  });

  test('the same file by a hard link (same device and inode, another real path) is uploaded once', async () => {
    const file = path.join(tmp, 'clip.mp4');
    fs.copyFileSync(path.join(SAMPLES, 'C-interview-close-160x90.mp4'), file);
    fs.mkdirSync(path.join(tmp, 'other'));
    fs.linkSync(file, path.join(tmp, 'other', 'hard.mp4'));
    // A hard link is no symlink: its real path is its own, only dev+ino tell it is the same file.
    assert.notEqual(fs.realpathSync(path.join(tmp, 'other', 'hard.mp4')), fs.realpathSync(file));
    const r = await run(['upload', 'other/hard.mp4', 'clip.mp4', '--endpoint', emu.url, '--format', 'json'], tmp, env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Array<{ File: string; MediaId: string }>;
    assert.deepEqual(out.map((o) => o.File), ['other/hard.mp4'], 'one upload, under the name first given');
    assert.deepEqual(emu.requests.map((x) => x.action).filter((a) => a?.startsWith('CreateUpload')), ['CreateUploadVideo'], 'one media created');
    assert.deepEqual(emu.ossRequests.map((x) => x.op), ['PutObject'], 'one file sent to OSS');
    assert.match(r.stderr, /^clip\.mp4: named more than once \(or the same file by another path\); uploaded once$/m);
    // On a case-insensitive file system (macOS, Windows) another case of the name is the same inode too;
    // where names are case-sensitive (here, Linux) CLIP.MP4 is no file at all, so this part does not run.
    if (fs.existsSync(path.join(tmp, 'CLIP.MP4'))) {
      const cased = await run(['upload', 'clip.mp4', 'CLIP.MP4', '--endpoint', emu.url, '--format', 'json', '--no-resume'], tmp, env);
      assert.equal(JSON.parse(cased.stdout).length, 1, cased.stderr);
    }
  });

  test('two different files with the same bytes are two files (the dedup is by identity, not content)', async () => {
    fs.copyFileSync(path.join(SAMPLES, 'C-interview-close-160x90.mp4'), path.join(tmp, 'a.mp4'));
    fs.copyFileSync(path.join(SAMPLES, 'C-interview-close-160x90.mp4'), path.join(tmp, 'b.mp4'));
    const r = await run(['upload', 'a.mp4', 'b.mp4', '--endpoint', emu.url, '--format', 'json'], tmp, env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as Array<{ File: string }>).map((o) => o.File), ['a.mp4', 'b.mp4']);
    assert.doesNotMatch(r.stderr, /named more than once/);
  });

  test('refuses a file VOD does not take, or a missing one, before creating anything (exit 2)', async () => {
    fs.writeFileSync(path.join(tmp, 'notes.txt'), 'x');
    const bad = await run(['upload', 'notes.txt', '--endpoint', emu.url], tmp, env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /VOD takes video, audio and image files/);
    const missing = await run(['upload', 'nope.mp4', '--endpoint', emu.url], tmp, env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file/);
    assert.deepEqual(emu.requests, []);
  });

  test('a refused upload says what VOD kept, exits 1, and the next run resumes it', async () => {
    emu.setFault('PutObject', { kind: 'http', status: 403, code: 'AccessDenied' });
    const file = path.join(SAMPLES, 'G-outro-160x90.mp4');
    const r = await run(['upload', file, '--endpoint', emu.url], tmp, env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /VOD keeps the media record ([0-9a-f]{32}) without its file\. Run the same command again to resume/);
    const id = /media record ([0-9a-f]{32})/.exec(r.stderr)![1];
    const again = await run(['upload', file, '--endpoint', emu.url, '--format', 'json'], tmp, env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`resuming the upload of ${id}`));
    assert.equal(JSON.parse(again.stdout)[0].MediaId, id);
    assert.deepEqual(emu.requests.map((x) => x.action), ['CreateUploadVideo', 'RefreshUploadVideo']);
  });
});
