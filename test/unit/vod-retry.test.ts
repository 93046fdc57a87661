import * as assert from 'node:assert/strict';
import { backoffDelay, shouldRetry, VodError, withRetry, type VodErrorInit } from '../../client/src/vod';

function vodError(over: Partial<VodErrorInit>): VodError {
  return new VodError({ code: 'X', message: 'x', outcome: 'rejected', retrySafe: false, ...over });
}

// A fake clock: sleeping only records the wait and advances virtual time.
function fakeClock() {
  const waits: number[] = [];
  let now = 0;
  return { waits, now: () => now, sleep: async (ms: number) => { waits.push(ms); now += ms; } };
}

suite('vod retry policy', () => {
  test('backoff grows exponentially with full jitter and is capped', () => {
    const p = { baseDelayMs: 100, maxDelayMs: 1000, multiplier: 2 };
    assert.equal(backoffDelay(1, p, () => 0.999999), 99);
    assert.equal(backoffDelay(2, p, () => 0.999999), 199);
    assert.equal(backoffDelay(3, p, () => 0.999999), 399);
    assert.equal(backoffDelay(6, p, () => 0.999999), 999);
    assert.equal(backoffDelay(3, p, () => 0), 0);
    assert.equal(backoffDelay(3, p, () => 0.5), 200);
  });

  test('retries a retry-safe error until it succeeds, waiting the jittered backoff on the fake clock', async () => {
    const clock = fakeClock();
    let calls = 0;
    const retried: number[] = [];
    const result = await withRetry(async () => {
      calls++;
      if (calls < 3) throw vodError({ code: 'Throttling.User', retrySafe: true, httpStatus: 400 });
      return 'ok';
    }, { sleep: clock.sleep, random: () => 0.5, baseDelayMs: 100, onRetry: (i) => retried.push(i.attempt) });
    assert.equal(result, 'ok');
    assert.equal(calls, 3);
    assert.deepEqual(clock.waits, [50, 100]);
    assert.deepEqual(retried, [1, 2]);
    assert.equal(clock.now(), 150);
  });

  test('is bounded by maxAttempts and throws the last error', async () => {
    const clock = fakeClock();
    let calls = 0;
    await assert.rejects(withRetry(async () => { calls++; throw vodError({ code: 'ServiceUnavailable', retrySafe: true, httpStatus: 503 }); },
      { maxAttempts: 3, sleep: clock.sleep, random: () => 0 }), (e: unknown) => e instanceof VodError && e.code === 'ServiceUnavailable');
    assert.equal(calls, 3);
    assert.equal(clock.waits.length, 2);
  });

  test('does not retry errors that are not retry-safe', async () => {
    const clock = fakeClock();
    let calls = 0;
    await assert.rejects(withRetry(async () => { calls++; throw vodError({ code: 'SignatureDoesNotMatch', httpStatus: 400 }); }, { sleep: clock.sleep }));
    assert.equal(calls, 1);
    assert.deepEqual(clock.waits, []);
  });

  test('never retries a produce whose outcome is unknown, even if marked retry-safe', async () => {
    const err = vodError({ code: 'ConnectionReset', outcome: 'unknown', retrySafe: true, action: 'ProduceEditingProjectVideo' });
    assert.equal(shouldRetry(err), false);
    const clock = fakeClock();
    let calls = 0;
    await assert.rejects(withRetry(async () => { calls++; throw err; }, { sleep: clock.sleep }));
    assert.equal(calls, 1);
    // The same unknown outcome on a read may be retried.
    assert.equal(shouldRetry(vodError({ outcome: 'unknown', retrySafe: true, action: 'GetVideoInfo' })), true);
    // A produce that was rejected by throttling may be retried.
    assert.equal(shouldRetry(vodError({ code: 'Throttling.User', retrySafe: true, action: 'ProduceEditingProjectVideo' })), true);
  });

  test('non-VodError failures are classified before deciding', async () => {
    let calls = 0;
    await assert.rejects(withRetry(async () => { calls++; throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }); },
      { maxAttempts: 2, sleep: async () => undefined }), (e: unknown) => e instanceof VodError && e.code === 'ConnectionRefused' && e.outcome === 'rejected');
    assert.equal(calls, 2);
  });

  test('an aborted signal stops retrying', async () => {
    const ac = new AbortController();
    let calls = 0;
    await assert.rejects(withRetry(async () => { calls++; ac.abort(); throw vodError({ retrySafe: true }); }, { signal: ac.signal, sleep: async () => undefined }));
    assert.equal(calls, 1);
  });
});
