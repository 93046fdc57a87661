// Each fault switch of the emulator, seen through the real client: the VodError it becomes.
import * as assert from 'node:assert/strict';
import { resolveCredentials, VodClient, VodError } from '../../client/src/vod';
import { startEmulator, type Emulator, type Fault } from '../../emulator/src';
import { guardNetwork, SEED, simpleTimeline, type NetworkGuard } from './vod-fixtures.test';
import { wire } from '../helpers/vod';

interface Expect {
  code: string;
  outcome: 'rejected' | 'unknown';
  produceRetrySafe: boolean;
  readRetrySafe: boolean;
  httpStatus?: number;
  processed: boolean;
}

const CASES: Array<[string, Fault, Expect]> = [
  ['latency beyond the read timeout', { kind: 'latency', ms: 400 }, { code: 'ReadTimeout', outcome: 'unknown', produceRetrySafe: false, readRetrySafe: true, processed: true }],
  ['HTTP 500', { kind: 'http', status: 500 }, { code: 'InternalError', outcome: 'unknown', produceRetrySafe: false, readRetrySafe: true, httpStatus: 500, processed: false }],
  ['HTTP 502', { kind: 'http', status: 502, code: 'BadGateway', message: 'Bad gateway' }, { code: 'BadGateway', outcome: 'unknown', produceRetrySafe: false, readRetrySafe: true, httpStatus: 502, processed: false }],
  ['HTTP 503', { kind: 'http', status: 503 }, { code: 'ServiceUnavailable', outcome: 'rejected', produceRetrySafe: true, readRetrySafe: true, httpStatus: 503, processed: false }],
  ['throttling (400)', { kind: 'throttle' }, { code: 'Throttling.User', outcome: 'rejected', produceRetrySafe: true, readRetrySafe: true, httpStatus: 400, processed: false }],
  ['throttling (503)', { kind: 'throttle', status: 503 }, { code: 'Throttling', outcome: 'rejected', produceRetrySafe: true, readRetrySafe: true, httpStatus: 503, processed: false }],
  // The whole (small) request had been written when the server hung up: the client cannot know it
  // was not read, so the outcome is honestly unknown.
  ['connection reset before the request is read', { kind: 'resetBeforeRead' }, { code: 'ConnectionReset', outcome: 'unknown', produceRetrySafe: false, readRetrySafe: true, processed: false }],
  ['connection reset after the request was processed', { kind: 'resetAfterProcess' }, { code: 'ConnectionReset', outcome: 'unknown', produceRetrySafe: false, readRetrySafe: true, processed: true }],
  ['malformed JSON body', { kind: 'malformedJson' }, { code: 'MalformedResponse', outcome: 'unknown', produceRetrySafe: false, readRetrySafe: true, httpStatus: 200, processed: true }],
  ['empty body', { kind: 'emptyBody' }, { code: 'EmptyResponse', outcome: 'unknown', produceRetrySafe: false, readRetrySafe: true, httpStatus: 200, processed: true }],
];

suite('emulator fault switches → VodError', () => {
  let emu: Emulator;
  let guard: NetworkGuard;
  let client: VodClient;

  suiteSetup(async () => {
    guard = guardNetwork();
    emu = await startEmulator({ produceSeconds: 0 });
    const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
    client = new VodClient({ credential, endpoint: emu.url, retry: false, readTimeoutMs: 200 });
  });
  suiteTeardown(async () => {
    await emu.close();
    guard.restore();
    assert.deepEqual(guard.blocked, []);
  });
  setup(() => emu.clearFaults());

  for (const [name, fault, expect] of CASES) {
    test(`${name}: produce`, async () => {
      emu.setFault('ProduceEditingProjectVideo', fault);
      const before = emu.requests.length;
      await assert.rejects(client.produceEditingProjectVideo(wire({ Timeline: simpleTimeline() })), (e: unknown) => {
        assert.ok(e instanceof VodError, String(e));
        assert.equal(e.code, expect.code);
        assert.equal(e.outcome, expect.outcome);
        assert.equal(e.retrySafe, expect.produceRetrySafe);
        assert.equal(e.action, 'ProduceEditingProjectVideo');
        if (expect.httpStatus) assert.equal(e.httpStatus, expect.httpStatus);
        return true;
      });
      if (fault.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms + 50));
      const seen = emu.requests.slice(before);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].fault, fault.kind);
      assert.equal(seen[0].processed, expect.processed);
    });

    test(`${name}: read`, async () => {
      emu.setFault('GetVideoInfo', fault);
      await assert.rejects(client.getVideoInfo({ VideoId: SEED.keynote }), (e: unknown) => {
        assert.ok(e instanceof VodError, String(e));
        assert.equal(e.code, expect.code);
        assert.equal(e.outcome, expect.outcome);
        assert.equal(e.retrySafe, expect.readRetrySafe);
        return true;
      });
      if (fault.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms + 50));
    });
  }

  test('latency within the read timeout only delays', async () => {
    emu.setFault('GetVideoInfo', { kind: 'latency', ms: 50 });
    const t0 = Date.now();
    assert.equal((await client.getVideoInfo({ VideoId: SEED.keynote })).Video.VideoId, SEED.keynote);
    assert.ok(Date.now() - t0 >= 45);
  });

  test('a fault applies to the next N matching requests only; * matches any action', async () => {
    emu.setFault('*', { kind: 'http', status: 503 }, 2);
    await assert.rejects(client.searchMedia({}), (e: unknown) => e instanceof VodError && e.code === 'ServiceUnavailable');
    await assert.rejects(client.getVideoInfo({ VideoId: SEED.keynote }), (e: unknown) => e instanceof VodError && e.code === 'ServiceUnavailable');
    assert.equal((await client.getVideoInfo({ VideoId: SEED.keynote })).Video.VideoId, SEED.keynote);
    emu.setFault('GetMezzanineInfo', { kind: 'throttle' }, 1);
    assert.equal((await client.getVideoInfo({ VideoId: SEED.keynote })).Video.VideoId, SEED.keynote, 'other actions unaffected');
  });
});
