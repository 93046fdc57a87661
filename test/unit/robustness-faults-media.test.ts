// `npm run faults` for the media side (GetPlayInfo, GetMezzanineInfo for the source file, GetImageInfo,
// through resolveMediaSource): every fault but the slow latency one, in process. Each row must give a
// clear message that names what happened, and a read may be retried but must not loop.
import * as assert from 'node:assert/strict';
import { FAULTS, runMatrix, type Operation } from '../../scripts/robustness/faults';

const MEDIA_OPS: Operation[] = ['GetPlayInfo', 'GetMezzanineInfo (source file)', 'GetImageInfo'];

suite('robustness: fault matrix, media operations', function () {
  this.timeout(120_000);

  test('media operations × every fault (but latency): a clear message naming the fault, bounded requests', async () => {
    // A part cut halfway (OSS only) leaves the media reads alone.
    const faults = FAULTS.filter((f) => !f.slow && !f.ossOnly);
    const rows = await runMatrix({ cliJs: '', operations: MEDIA_OPS, faults, concurrency: 4 });
    assert.equal(rows.length, MEDIA_OPS.length * faults.length);
    const expected: Record<string, RegExp> = {
      'reset before the request is read': /cannot load the media of .*ConnectionReset/,
      'reset after the request is processed': /cannot load the media of .*ConnectionReset/,
      'HTTP 500': /cannot load the media of .*InternalError/,
      'HTTP 503': /cannot load the media of .*ServiceUnavailable/,
      throttling: /cannot load the media of .*Throttling\.User/,
      'malformed JSON body': /cannot load the media of .*MalformedResponse/,
      'empty body': /cannot load the media of .*EmptyResponse/,
      'wrong signature': /cannot load the media of .*SignatureDoesNotMatch/,
      'expired STS token': /cannot load the media of .*InvalidSecurityToken\.Expired/,
      'unknown region (cn_shanghai)': /cannot load the media of .*"cn_shanghai" is not a region id/,
    };
    for (const r of rows) {
      const what = `${r.fault} / ${r.op}: ${r.editor.message}`;
      assert.deepEqual(r.problems, [], what);
      assert.ok(r.clear, what);
      assert.match(r.editor.message, expected[r.fault], what);
      assert.equal(r.cli, undefined, 'no CLI command reads media');
      // A read is retried at most three times (4 attempts), and never after a refusal that will not change.
      assert.ok(r.editor.sent <= 4, `${what}: ${r.editor.sent} requests`);
      if (/signature|STS/.test(r.fault)) assert.equal(r.editor.sent, 1, what);
      if (r.fault.startsWith('unknown region')) assert.equal(r.editor.sent, 0, what);
    }
  });

  test('without a fault the same paths play: a stream, the source file, the image', async () => {
    const none = [{ name: 'no fault', setup: { kind: 'emulator' as const, fault: () => ({ kind: 'latency' as const, ms: 0 }), count: 1 } }];
    const rows = await runMatrix({ cliJs: '', operations: MEDIA_OPS, faults: none, concurrency: 3 });
    const byOp = Object.fromEntries(rows.map((r) => [r.op, r.editor.message]));
    assert.equal(byOp.GetPlayInfo, 'player source: FD mp4 160×90 of 1 stream(s) (GetPlayInfo)');
    assert.equal(byOp['GetMezzanineInfo (source file)'], 'player source: the source file A-keynote-160x90.mp4 (GetMezzanineInfo, 160 s)');
    assert.equal(byOp.GetImageInfo, 'player source: the image, 64×64 (GetImageInfo)');
  });
});
