// `npm run faults` for ProduceEditingProjectVideo (the full matrix of 15 operations × 12 faults runs by
// hand), and the two CLI messages the matrix showed to be wrong:
// - `produce --region cn_shanghai` (not a region id) said "Producing in cn_shanghai needs
//   ProduceConfig.StorageLocation" instead of naming the bad region;
// - `status` after a lost connection told the user "Do not produce again before checking", a warning
//   that belongs to a production, not to a status read.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../cli/src/main';
import type { Io } from '../../cli/src/io';
import { startEmulator, type Emulator } from '../../emulator/src';
import { clearMessage, duplicateProduces } from '../../scripts/robustness/faults';

const root = path.resolve(__dirname, '..', '..');
const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';

suite('robustness: fault matrix', function () {
  this.timeout(180_000);

  test('Produce × every fault: a clear message each time, a truthful history, no duplicate Produce request', async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(root, 'scripts', 'faults.mjs'), '--quick', '--only', 'Produce'], { cwd: root, timeout: 170_000, maxBuffer: 8 * 1024 * 1024 }, (error, out, err) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out, stderr: err });
      });
    });
    const last = stdout.trim().split('\n').pop() ?? '';
    assert.match(last, /^faults: 12 cases \(12 faults × 1 operations\) in \d+ s; 12\/12 with a clear message; history truthful in 12\/12 Produce cases; 0 duplicate Produce requests \(\d+ Produce requests sent\)$/, `${stdout}\n${stderr}`);
    assert.doesNotMatch(stdout, /PROBLEM/);
    assert.equal(code, 0, `${stdout}\n${stderr}`);
  });

  test('duplicate Produce requests are counted: a resend after anything but a refusal at the door', () => {
    const req = (o: Partial<{ processed: boolean; status: number; code: string }>) => ({ seq: 0, time: '', method: 'POST', action: 'ProduceEditingProjectVideo', withSecurityToken: false, processed: false, bodyBytes: 0, queryKeys: [], bodyKeys: [], ...o });
    assert.equal(duplicateProduces([req({ status: 400, code: 'Throttling.User' }), req({ status: 503, code: 'ServiceUnavailable' }), req({ processed: true, status: 200 })]), 0);
    assert.equal(duplicateProduces([req({ status: 500, code: 'InternalError' }), req({ processed: true, status: 200 })]), 1);
    assert.equal(duplicateProduces([req({ processed: true }), req({ processed: true, status: 200 })]), 1);
    assert.equal(clearMessage('Error: x\n    at foo (bar.js:1:1)'), false);
    assert.equal(clearMessage('VOD refused the production: Throttling.User: Request was denied due to user flow control.'), true);
  });

  suite('CLI messages', () => {
    let emu: Emulator;
    let dir: string;
    const saved: Record<string, string | undefined> = {};
    const KEYS = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_ECS_METADATA_DISABLED'];

    suiteSetup(async () => {
      emu = await startEmulator({ produceSeconds: 0 });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-timeline-faults-'));
      for (const k of KEYS) saved[k] = process.env[k];
      // The CLI's credentials come from the SDK's default chain, which reads the process environment.
      process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = emu.accessKeyId;
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = emu.accessKeySecret;
      process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
      delete process.env.ALIBABA_CLOUD_SECURITY_TOKEN;
    });
    suiteTeardown(async () => {
      for (const k of KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await emu.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    setup(() => emu.clearFaults());

    async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
      let out = '';
      let err = '';
      const io: Io = { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: async () => '', cwd: dir, env: { ...process.env, HOME: dir, LANG: 'en_US.UTF-8' } };
      const code = await main(args, io);
      return { code, out, err };
    }

    function document(): string {
      const file = path.join(dir, 'p.timeline.json');
      fs.writeFileSync(file, JSON.stringify({ Title: 't', Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 5 }] }] } }));
      return file;
    }

    test('produce --region cn_shanghai names the bad region (exit 2) and sends nothing', async () => {
      const before = emu.requests.length;
      const r = await cli(['produce', document(), '--region', 'cn_shanghai', '--yes']);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /"cn_shanghai" is not a region id/);
      assert.doesNotMatch(r.err, /StorageLocation/);
      assert.equal(emu.requests.length, before);
    });

    test('a status read whose connection was lost does not warn about producing again; a produce does', async () => {
      emu.setFault('GetVideoInfo', { kind: 'resetBeforeRead' }, 100);
      const status = await cli(['status', KEYNOTE, '--endpoint', emu.url]);
      assert.equal(status.code, 1);
      assert.match(status.err, /ConnectionReset/);
      assert.doesNotMatch(status.err, /produce again|may have been accepted/i);
      emu.setFault('ProduceEditingProjectVideo', { kind: 'resetAfterProcess' }, 100);
      const produce = await cli(['produce', document(), '--endpoint', emu.url, '--yes']);
      assert.equal(produce.code, 1);
      assert.match(produce.err, /The request may have been accepted\. Do not produce again before checking/);
      assert.equal(emu.requests.filter((r) => r.action === 'ProduceEditingProjectVideo').length, 1, 'sent once');
    });
  });
});
