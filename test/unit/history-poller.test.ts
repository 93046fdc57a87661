// The status poller with a fake clock against the REAL emulator (sharing that clock, so a production
// "takes" 12 s without the test waiting for it) and the real FileHistoryStore.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NOT_LISTED_GRACE_MS } from '../../client/src/vod/status';
import { HistoryPoller, StatusCheckError, vodStatusChecker, type PollerClock, type StatusChecker } from '../../client/src/vod/history/poller';
import type { NewSubmission, SubmissionEntry, SubmissionStatus } from '../../client/src/vod/history/model';
import { FileHistoryStore, type HistoryProblem } from '../../client/src/vod/history/store';
import { resolveCredentials, VodClient } from '../../client/src/vod';
import { startEmulator, type Emulator } from '../../emulator/src';

const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';
/** Marked `FailProduction: true` in emulator/media.seed.json. */
const FAILING = 'bb241ed2d06ad0d7fd43d3cb9b3a05a9';
const S = 1000;

/** Timers run only when the test advances the clock; each fired check is awaited before going on. */
class FakeClock implements PollerClock {
  private t: number;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  constructor(start: number) {
    this.t = start;
  }
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (h: unknown) => void this.timers.delete(h as number);
  pending(): number[] {
    return [...this.timers.values()].map((x) => x.at - this.t).sort((a, b) => a - b);
  }
  /** Runs every timer due up to now + ms, in order, waiting for `settle` after each. */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      const next = [...this.timers.entries()].filter(([, x]) => x.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
      await settle();
    }
    this.t = target;
  }
}

suite('history poller (fake clock, real emulator)', () => {
  let emu: Emulator;
  let client: VodClient;
  let clock: FakeClock;
  let dir: string;
  let store: FileHistoryStore;
  let poller: HistoryPoller | undefined;
  const problems: HistoryProblem[] = [];
  const transitions: Array<{ id: string; from: SubmissionStatus; to: SubmissionStatus }> = [];
  const secretsSeen: string[] = [];

  suiteSetup(async () => {
    clock = new FakeClock(Date.now());
    // The client signs with the real time; a long fake wait must not look like clock skew.
    emu = await startEmulator({ now: () => clock.now(), produceSeconds: 12, maxClockSkewSeconds: 7 * 24 * 3600 });
    const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
    client = new VodClient({ credential, endpoint: emu.url, retry: false });
  });
  suiteTeardown(async () => {
    await emu.close();
    assert.deepEqual(secretsSeen, [], 'no secret in any history file');
  });

  setup(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-poller-'));
    store = await FileHistoryStore.open({ file: path.join(dir, 'history.json'), watch: false, now: () => clock.now(), onProblem: (p) => problems.push(p) });
    problems.length = 0;
    transitions.length = 0;
  });
  teardown(() => {
    poller?.dispose();
    poller = undefined;
    store.dispose();
    // Secrets never go in the history: scan every file it wrote.
    const scan = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) scan(p);
        else {
          const text = fs.readFileSync(p, 'utf8');
          if (text.includes(emu.accessKeySecret)) secretsSeen.push(`${p}: secret`);
          if (text.includes(emu.accessKeyId)) secretsSeen.push(`${p}: AccessKey ID`);
        }
      }
    };
    scan(dir);
    assert.deepEqual(problems, []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const startPoller = (check: StatusChecker = vodStatusChecker(() => client, () => clock.now()), over: Partial<ConstructorParameters<typeof HistoryPoller>[0]> = {}) => {
    poller = new HistoryPoller({
      store, check, clock,
      onTransition: (e, from) => transitions.push({ id: e.id, from, to: e.status }),
      ...over,
    });
    poller.start();
    return poller;
  };
  const settle = () => poller!.settled().then(() => store.flush());
  const advance = (ms: number) => clock.advance(ms, settle);

  async function produced(mediaIdOf = KEYNOTE, over: Partial<NewSubmission> = {}): Promise<SubmissionEntry> {
    const timeline = JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: mediaIdOf, In: 0, Out: 5 }] }] });
    const entry = await store.add({
      title: 'Launch cut', fileName: 'launch.timeline.json', region: 'cn-shanghai', endpoint: client.endpoint.host, mode: 'timeline',
      status: 'submitting', request: { Timeline: timeline, Title: 'Launch cut' },
    });
    const res = await client.produceEditingProjectVideo({ Timeline: timeline, Title: 'Launch cut' });
    return (await store.update(entry.id, { status: 'producing', mediaId: res.MediaId, projectId: res.ProjectId, requestId: res.RequestId, vodStatus: 'Uploading', ...over }))!;
  }

  test('a production turns normal after the emulator’s produce time; one notification; polling stops', async () => {
    const e = await produced();
    startPoller();
    assert.deepEqual(clock.pending(), [5 * S], 'first check 5 s after the submission');
    await advance(5 * S);
    assert.equal(store.get(e.id)?.status, 'producing');
    assert.equal(store.get(e.id)?.vodStatus, 'Uploading');
    assert.equal(store.get(e.id)?.checkedAt, new Date(clock.now()).toISOString());
    assert.deepEqual(transitions, []);
    assert.deepEqual(clock.pending(), [10 * S], 'then 10 s later');
    await advance(10 * S); // 15 s > 12 s
    const done = store.get(e.id)!;
    assert.equal(done.status, 'normal');
    assert.equal(done.vodStatus, 'Normal');
    assert.deepEqual(transitions, [{ id: e.id, from: 'producing', to: 'normal' }]);
    assert.deepEqual(clock.pending(), [], 'nothing left to poll');
    await advance(3600 * S);
    assert.equal(transitions.length, 1);
    const getVideoInfoCalls = emu.requests.filter((r) => r.action === 'GetVideoInfo').length;
    assert.ok(getVideoInfoCalls >= 2);
  });

  test('a production using FailProduction media turns failed', async () => {
    const e = await produced(FAILING);
    startPoller();
    await advance(5 * S);
    assert.equal(store.get(e.id)?.status, 'producing');
    await advance(10 * S);
    assert.equal(store.get(e.id)?.status, 'failed');
    assert.equal(store.get(e.id)?.vodStatus, 'ProduceFail');
    assert.deepEqual(transitions, [{ id: e.id, from: 'producing', to: 'failed' }]);
    assert.deepEqual(clock.pending(), []);
  });

  test('backoff per entry: 5 s doubling to 5 min, from the last check', async () => {
    const checks: number[] = [];
    const inner = vodStatusChecker(() => client, () => clock.now());
    const e = await produced();
    emu.media.get(e.mediaId!)!.production!.readyAt = Number.MAX_SAFE_INTEGER; // never finishes
    const t0 = clock.now();
    startPoller(async (x) => {
      checks.push(clock.now() - t0);
      return inner(x);
    });
    await advance(30 * 60 * S);
    const intervals = checks.map((t, i) => (t - (i ? checks[i - 1] : 0)) / S);
    assert.deepEqual(intervals.slice(0, 9), [5, 10, 20, 40, 80, 160, 300, 300, 300]);
    assert.equal(store.get(e.id)?.status, 'producing');
    assert.deepEqual(transitions, []);
  });

  test('failed checks back off too (no tight loop), and errors are reported', async () => {
    const e = await produced();
    const errors: unknown[] = [];
    const checks: number[] = [];
    const t0 = clock.now();
    startPoller(async () => {
      checks.push((clock.now() - t0) / S);
      throw new Error('ECONNRESET');
    }, { onError: (_e, err) => errors.push(err) });
    await advance(80 * S);
    assert.deepEqual(checks, [5, 15, 35, 75]);
    assert.equal(errors.length, 4);
    assert.equal(store.get(e.id)?.status, 'producing');
  });

  test('unknown with a MediaId is polled and settled; unknown without one is not polled', async () => {
    const withId = await produced(KEYNOTE, { status: 'unknown' });
    const withoutId = await store.add({ title: 'lost', fileName: 'x', region: 'cn-shanghai', endpoint: client.endpoint.host, mode: 'timeline', status: 'unknown', errorCode: 'ReadTimeout' });
    startPoller();
    await advance(5 * S);
    assert.equal(store.get(withId.id)?.status, 'producing', 'VOD knows it: it was accepted');
    assert.deepEqual(transitions, [{ id: withId.id, from: 'unknown', to: 'producing' }]);
    await advance(10 * S);
    assert.equal(store.get(withId.id)?.status, 'normal');
    assert.equal(store.get(withoutId.id)?.status, 'unknown');
    assert.deepEqual(await poller!.refresh([withoutId.id]), [{ id: withoutId.id, kind: 'not-pollable', reason: 'no-media-id' }]);
  });

  test('a submitting entry untouched for 5 minutes becomes unknown (interrupted); a fresh one is left alone', async () => {
    const old = await store.add({ title: 'old', fileName: 'x', region: 'cn-shanghai', endpoint: client.endpoint.host, mode: 'timeline', status: 'submitting' });
    await advance(4 * 60 * S);
    const fresh = await store.add({ title: 'fresh', fileName: 'y', region: 'cn-shanghai', endpoint: client.endpoint.host, mode: 'timeline', status: 'submitting' });
    startPoller();
    await advance(60 * S);
    assert.equal(store.get(old.id)?.status, 'unknown');
    assert.equal(store.get(old.id)?.errorCode, 'SubmissionInterrupted');
    assert.equal(store.get(fresh.id)?.status, 'submitting');
    await advance(4 * 60 * S);
    assert.equal(store.get(fresh.id)?.status, 'unknown');
    assert.deepEqual(transitions, [], 'no notification for these');
  });

  test('no credentials pause polling until resume(); a Refresh tries at once', async () => {
    const e = await produced();
    let creds = false;
    const pauses: Array<string | undefined> = [];
    startPoller(vodStatusChecker(() => {
      if (!creds) throw Object.assign(new Error('No AccessKey found'), { code: 'NoCredentials' });
      return client;
    }), { onPause: (err) => pauses.push(err?.code) });
    await advance(5 * S);
    assert.equal(poller!.paused?.code, 'NoCredentials');
    assert.deepEqual(clock.pending(), [], 'no timers while paused');
    await advance(600 * S);
    assert.deepEqual(pauses, ['NoCredentials']);
    creds = true;
    poller!.resume();
    assert.deepEqual(pauses, ['NoCredentials', undefined]);
    assert.deepEqual(clock.pending(), [0], 'checked again at once: the last check is long ago');
    await advance(0);
    assert.equal(store.get(e.id)?.status, 'normal');
  });

  test('an entry submitted to another endpoint is skipped (others go on); Refresh says why', async () => {
    const e = await produced();
    const other = await produced(KEYNOTE, { endpoint: 'vod.ap-southeast-1.aliyuncs.com' });
    startPoller();
    await advance(15 * S);
    assert.equal(store.get(e.id)?.status, 'normal');
    assert.equal(store.get(other.id)?.status, 'producing');
    assert.equal(poller!.skipReason(other.id)?.code, 'EndpointMismatch');
    const [r] = await poller!.refresh([other.id]);
    assert.equal(r.kind, 'error');
    assert.ok(r.kind === 'error' && r.error instanceof StatusCheckError && r.error.code === 'EndpointMismatch');
  });

  test('Refresh Status checks at once, without waiting for the schedule', async () => {
    const e = await produced();
    startPoller();
    let [r] = await poller!.refresh([e.id]);
    assert.equal(r.kind, 'checked');
    assert.equal(store.get(e.id)?.vodStatus, 'Uploading');
    await clock.advance(13 * S, async () => undefined); // time passes, timers do not run
    [r] = await poller!.refresh();
    assert.ok(r.kind === 'checked' && r.changed && r.entry.status === 'normal');
    assert.deepEqual(transitions, [{ id: e.id, from: 'producing', to: 'normal' }]);
    assert.deepEqual(await poller!.refresh([e.id]), [{ id: e.id, kind: 'not-pollable', reason: 'terminal' }]);
  });

  test('media VOD does not know (yet) stays producing with vodStatus NotFound', async () => {
    const e = await store.add({ title: 'x', fileName: 'x', region: 'cn-shanghai', endpoint: client.endpoint.host, mode: 'timeline', status: 'producing', mediaId: '0'.repeat(32) });
    startPoller();
    await advance(5 * S);
    assert.equal(store.get(e.id)?.status, 'producing');
    assert.equal(store.get(e.id)?.vodStatus, 'NotFound');
    assert.deepEqual(clock.pending(), [10 * S]);
  });

  test('a submission VOD still does not know hours later: failed (NotFound), no longer polled', async () => {
    const e = await store.add({ title: 'x', fileName: 'x', region: 'cn-shanghai', endpoint: client.endpoint.host, mode: 'timeline', status: 'producing', mediaId: '0'.repeat(32) });
    await clock.advance(NOT_LISTED_GRACE_MS + S, async () => undefined);
    startPoller();
    await advance(5 * S);
    assert.equal(store.get(e.id)?.status, 'failed');
    assert.equal(store.get(e.id)?.vodStatus, 'NotFound');
  });

  test('two windows polling one history: the finish is written and notified once', async () => {
    const e = await produced();
    const otherStore = await FileHistoryStore.open({ file: store.file, watch: false, now: () => clock.now() });
    const otherTransitions: string[] = [];
    const checks = { mine: 0, theirs: 0 };
    const inner = vodStatusChecker(() => client, () => clock.now());
    const other = new HistoryPoller({ store: otherStore, check: (x) => (checks.theirs++, inner(x)), clock, onTransition: (x) => otherTransitions.push(x.status) });
    startPoller((x) => (checks.mine++, inner(x)));
    other.start();
    await clock.advance(15 * S, async () => {
      await poller!.settled();
      await other.settled();
      await store.flush();
      await otherStore.flush();
    });
    other.dispose();
    otherStore.dispose();
    assert.equal(store.get(e.id)?.status, 'normal');
    assert.ok(checks.mine >= 2 && checks.theirs >= 2, `both windows polled: ${JSON.stringify(checks)}`);
    assert.equal(transitions.length + otherTransitions.length, 1, `${JSON.stringify(transitions)} ${JSON.stringify(otherTransitions)}`);
  });
});
