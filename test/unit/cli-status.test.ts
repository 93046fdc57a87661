// One status lookup with one meaning for "not found" (client/src/vod/status.ts): `vod-timeline status`
// on a MediaId VOD does not list yet says producing when this machine just submitted it (the CLI's
// history has it), and not found (exit 1) when nothing here knows it — never "producing" forever for a
// mistyped MediaId. The Submissions view's poller uses the same lookup.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../cli/src/main';
import type { Io } from '../../cli/src/io';
import { startEmulator, type Emulator } from '../../emulator/src';
import { NOT_LISTED_GRACE_MS, settleNotFound } from '../../client/src/vod/status';

const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';

suite('cli: status of a MediaId VOD does not list', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let dir: string;
  const saved: Record<string, string | undefined> = {};
  const KEYS = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_ECS_METADATA_DISABLED'];

  suiteSetup(async () => {
    emu = await startEmulator({ produceSeconds: 60 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-timeline-status-'));
    for (const k of KEYS) saved[k] = process.env[k];
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = emu.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = emu.accessKeySecret;
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
    delete process.env.ALIBABA_CLOUD_SECURITY_TOKEN;
  });
  suiteTeardown(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const k of KEYS) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
  });

  async function cli(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const io: Io = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, readStdin: async () => '', cwd: dir, env: { LANG: 'en_US.UTF-8', HOME: dir, VOD_TIMELINE_HISTORY: path.join(dir, 'history', 'history.json') } };
    const code = await main(argv, io);
    return { code, stdout, stderr };
  }

  test('just submitted from here and not listed yet: producing (exit 0); a MediaId nobody submitted: not found (exit 1)', async () => {
    fs.writeFileSync(path.join(dir, 'cut.timeline.json'), JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 5 }] }] }));
    const produced = await cli(['produce', 'cut.timeline.json', '--yes', '--format', 'json', '--endpoint', emu.url]);
    assert.equal(produced.code, 0, produced.stderr);
    const mediaId = JSON.parse(produced.stdout).MediaId as string;
    // VOD lists a produced video a moment after the request: here, not yet.
    emu.setFault('GetVideoInfo', { kind: 'http', status: 404, code: 'InvalidVideo.NotExist' }, 1);
    emu.setFault('GetMezzanineInfo', { kind: 'http', status: 404, code: 'InvalidVideo.NotExist' }, 1);
    const fresh = await cli(['status', mediaId, '--endpoint', emu.url, '--format', 'json']);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.equal(JSON.parse(fresh.stdout).State, 'producing');
    assert.match(fresh.stderr, /does not list .* yet; it was submitted from here/);
    // Once listed, the real status.
    const listed = await cli(['status', mediaId, '--endpoint', emu.url]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^${mediaId} Uploading \\(producing, from GetVideoInfo\\)`));
    // A MediaId neither VOD nor this machine's history knows (a typo): not found, exit 1.
    const typo = await cli(['status', '0000000000000000000000000000dead', '--endpoint', emu.url, '--format', 'json']);
    assert.equal(typo.code, 1, typo.stderr);
    assert.equal(JSON.parse(typo.stdout).State, 'notFound');
    assert.match(typo.stderr, /not found/);
  });

  test('settleNotFound: producing only within the grace period after a submission', () => {
    const nf = { mediaId: 'x', state: 'notFound' as const, status: 'NotFound', source: 'GetMezzanineInfo' as const };
    const now = Date.parse('2026-12-06T10:00:00Z');
    assert.equal(settleNotFound(nf, now - 60_000, now).state, 'producing');
    assert.equal(settleNotFound(nf, now - NOT_LISTED_GRACE_MS - 1, now).state, 'notFound');
    assert.equal(settleNotFound(nf, undefined, now).state, 'notFound');
    const normal = { ...nf, state: 'normal' as const, status: 'Normal' };
    assert.equal(settleNotFound(normal, undefined, now), normal);
  });
});
