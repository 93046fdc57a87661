// The real @alicloud/openapi-client (through VodClient) against the emulator, over loopback HTTP.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { resolveCredentials, USER_AGENT, VodClient, VodError, type SignatureAlgorithm, type VodClientOptions } from '../../client/src/vod';
import { startEmulator, type Emulator } from '../../emulator/src';
import { bigTimeline, guardNetwork, SEED, simpleTimeline, type NetworkGuard } from './vod-fixtures.test';
import { wire } from '../helpers/vod';

const ALGORITHMS: SignatureAlgorithm[] = ['ACS3-HMAC-SHA256', 'v2'];
const STS = { accessKeyId: 'STS.NTestTemporaryKey0001', accessKeySecret: 'StsSecretForTests0123456789', securityToken: 'CAIStestSecurityToken/With+Chars==' };

async function clientFor(emu: Emulator, over: Partial<VodClientOptions> & { accessKeyId?: string; accessKeySecret?: string; securityToken?: string } = {}): Promise<VodClient> {
  const { credential } = await resolveCredentials({
    explicit: { accessKeyId: over.accessKeyId ?? emu.accessKeyId, accessKeySecret: over.accessKeySecret ?? emu.accessKeySecret, securityToken: over.securityToken },
  });
  return new VodClient({ credential, endpoint: emu.url, retry: false, ...over });
}

function collectText(e: unknown): string {
  const err = e as VodError;
  return [String(err), err.message, err.stack, JSON.stringify(err.toJSON?.() ?? {}), err.detail].join('\n');
}

suite('vod client against the emulator', () => {
  let emu: Emulator;
  let guard: NetworkGuard;
  let clock = Date.now();

  suiteSetup(async () => {
    guard = guardNetwork();
    emu = await startEmulator({ now: () => clock, produceSeconds: 5, sts: [{ ...STS, expiration: Date.now() + 3600_000 }] });
  });
  suiteTeardown(async () => {
    await emu.close();
    guard.restore();
    assert.deepEqual(guard.blocked, []);
  });
  setup(() => emu.clearFaults());

  for (const alg of ALGORITHMS) {
    test(`${alg}: produce, then poll the produced video until Normal`, async () => {
      const c = await clientFor(emu, { signatureAlgorithm: alg });
      const res = await c.produceEditingProjectVideo(wire({
        Timeline: simpleTimeline(), Title: "Launch cut (v1) – 标题 !*'", ProduceConfig: { Width: 1280, Height: 720 },
        MediaMetadata: { Title: 'Launch cut' }, UserData: { Extend: { id: 1 } },
      }));
      assert.match(res.MediaId, /^[0-9a-f]{32}$/);
      assert.match(res.ProjectId, /^[0-9a-f]{32}$/);
      assert.match(res.RequestId, /^[0-9A-F-]{36}$/);
      assert.equal((await c.getVideoInfo({ VideoId: res.MediaId })).Video.Status, 'Uploading');
      assert.equal((await c.getMezzanineInfo({ VideoId: res.MediaId })).Mezzanine.Status, 'Uploading');
      assert.equal((await c.getEditingProject({ ProjectId: res.ProjectId })).Project.Status, 'Producing');
      clock += 6000;
      const video = await c.getVideoInfo({ VideoId: res.MediaId });
      assert.equal(video.Video.Status, 'Normal');
      assert.equal(video.Video.Title, 'Launch cut');
      assert.equal((await c.getMezzanineInfo({ VideoId: res.MediaId })).Mezzanine.Status, 'Normal');
      const project = await c.getEditingProject({ ProjectId: res.ProjectId });
      assert.equal(project.Project.Status, 'Produced');
      assert.equal(project.Project.Title, "Launch cut (v1) – 标题 !*'");
      assert.deepEqual(JSON.parse(String(project.Project.Timeline)), simpleTimeline());
      const produce = emu.requests.filter((r) => r.action === 'ProduceEditingProjectVideo').at(-1)!;
      assert.equal(produce.signature, alg === 'v2' ? 'HMAC-SHA1' : 'ACS3-HMAC-SHA256');
      assert.deepEqual(produce.bodyKeys, ['MediaMetadata', 'ProduceConfig', 'Timeline', 'UserData']);
      assert.deepEqual(produce.queryKeys, ['Title']);
    });

    test(`${alg}: the other editing and media operations`, async () => {
      const c = await clientFor(emu, { signatureAlgorithm: alg });
      const added = await c.addEditingProject({ Title: `Draft ${alg}`, Timeline: simpleTimeline(SEED.wide), Description: 'd' });
      assert.equal(added.Project.Status, 'Normal');
      await c.updateEditingProject({ ProjectId: added.Project.ProjectId, Title: `Draft ${alg} v2`, Timeline: simpleTimeline(SEED.keynote) });
      const got = await c.getEditingProject({ ProjectId: added.Project.ProjectId });
      assert.equal(got.Project.Title, `Draft ${alg} v2`);
      const found = await c.searchEditingProject({ Title: `Draft ${alg} v2`, PageSize: 5 });
      assert.equal(found.Total, 1);
      assert.equal(found.ProjectList.Project[0].ProjectId, added.Project.ProjectId);
      const media = await c.searchMedia({ SearchType: 'audio', Match: "Title = 'music'" });
      assert.equal(media.Total, 1);
      assert.equal(media.MediaList[0].MediaId, SEED.music);
      assert.equal(media.MediaList[0].Audio?.AudioId, SEED.music);
      const update = emu.requests.filter((r) => r.action === 'UpdateEditingProject').at(-1)!;
      assert.deepEqual(update.bodyKeys, ['Timeline']);
    });

    test(`${alg}: a wrong secret is rejected with SignatureDoesNotMatch as a typed VodError`, async () => {
      const wrong = 'WrongSecretValue0000000000000';
      const c = await clientFor(emu, { signatureAlgorithm: alg, accessKeySecret: wrong });
      await assert.rejects(c.getVideoInfo({ VideoId: SEED.keynote }), (e: unknown) => {
        assert.ok(e instanceof VodError);
        assert.equal(e.code, 'SignatureDoesNotMatch');
        assert.equal(e.httpStatus, 400);
        assert.equal(e.outcome, 'rejected');
        assert.equal(e.retrySafe, false);
        assert.equal(e.action, 'GetVideoInfo');
        assert.match(String(e.requestId), /^[0-9A-F-]{36}$/);
        assert.ok(!collectText(e).includes(wrong));
        assert.ok(!collectText(e).includes(emu.accessKeySecret));
        return true;
      });
    });

    test(`${alg}: an unknown AccessKey ID is InvalidAccessKeyId.NotFound (404)`, async () => {
      const c = await clientFor(emu, { signatureAlgorithm: alg, accessKeyId: 'LTAInobody0000000000000' });
      await assert.rejects(c.getVideoInfo({ VideoId: SEED.keynote }), (e: unknown) => e instanceof VodError && e.code === 'InvalidAccessKeyId.NotFound' && e.httpStatus === 404);
    });

    test(`${alg}: STS credentials are accepted; an expired token is rejected`, async () => {
      const ok = await clientFor(emu, { signatureAlgorithm: alg, ...STS });
      assert.equal((await ok.getVideoInfo({ VideoId: SEED.keynote })).Video.VideoId, SEED.keynote);
      const last = emu.requests.at(-1)!;
      assert.equal(last.withSecurityToken, true);
      assert.equal(last.accessKeyId, STS.accessKeyId);

      const expired = { accessKeyId: `STS.Expired${alg.length}`, accessKeySecret: 'ExpiredSecret000000', securityToken: 'CAISexpiredToken==', expiration: new Date(clock - 1000).toISOString() };
      emu.stsCredentials.push(expired);
      const c = await clientFor(emu, { signatureAlgorithm: alg, ...expired });
      await assert.rejects(c.getVideoInfo({ VideoId: SEED.keynote }), (e: unknown) => {
        assert.ok(e instanceof VodError);
        assert.equal(e.code, 'InvalidSecurityToken.Expired');
        assert.equal(e.outcome, 'rejected');
        assert.equal(e.retrySafe, false);
        return true;
      });
    });

    test(`${alg}: a 2.5 MB timeline is produced through the signed body`, async () => {
      const timeline = bigTimeline(2.5 * 1024 * 1024);
      assert.ok(timeline.length >= 2.5 * 1024 * 1024);
      const c = await clientFor(emu, { signatureAlgorithm: alg });
      const res = await c.produceEditingProjectVideo(wire({ Timeline: timeline, Title: 'Big one' }));
      const log = emu.requests.at(-1)!;
      assert.equal(log.action, 'ProduceEditingProjectVideo');
      assert.equal(log.status, 200);
      assert.ok(log.bodyBytes > 2.5 * 1024 * 1024, `body ${log.bodyBytes}`);
      assert.ok(log.bodyKeys.includes('Timeline'));
      assert.ok(!log.queryKeys.includes('Timeline'));
      assert.equal(emu.projects.get(res.ProjectId)?.Timeline, timeline);
    });
  }

  test('the security token and secrets appear in no error message (v2 echoes the string to sign)', async () => {
    const errors: unknown[] = [];
    const wrongSts = await clientFor(emu, { signatureAlgorithm: 'v2', accessKeyId: STS.accessKeyId, accessKeySecret: 'not-the-sts-secret-123', securityToken: STS.securityToken });
    await wrongSts.getVideoInfo({ VideoId: SEED.keynote }).catch((e) => errors.push(e));
    const v3 = await clientFor(emu, { accessKeyId: STS.accessKeyId, accessKeySecret: 'not-the-sts-secret-123', securityToken: STS.securityToken });
    await v3.getVideoInfo({ VideoId: SEED.keynote }).catch((e) => errors.push(e));
    emu.setFault('GetVideoInfo', { kind: 'resetAfterProcess' });
    const ok = await clientFor(emu, { signatureAlgorithm: 'v2', ...STS });
    await ok.getVideoInfo({ VideoId: SEED.keynote }).catch((e) => errors.push(e));
    await ok.getVideoInfo({ VideoId: 'missing' }).catch((e) => errors.push(e));
    const closed = await new Promise<number>((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });
    const refused = new VodClient({ credential: (await resolveCredentials({ explicit: STS })).credential, endpoint: `http://127.0.0.1:${closed}`, signatureAlgorithm: 'v2', retry: false });
    await refused.getVideoInfo({ VideoId: SEED.keynote }).catch((e) => errors.push(e));
    assert.equal(errors.length, 5);
    const codes = errors.map((e) => (e as VodError).code);
    assert.deepEqual(codes, ['SignatureDoesNotMatch', 'SignatureDoesNotMatch', 'ConnectionReset', 'InvalidVideo.NotExist', 'ConnectionRefused']);
    assert.match((errors[0] as VodError).message, /server string to sign is/, 'the server text is kept, minus secrets');
    for (const e of errors) {
      assert.ok(e instanceof VodError);
      const text = collectText(e);
      for (const secret of [STS.securityToken, encodeURIComponent(STS.securityToken), encodeURIComponent(encodeURIComponent(STS.securityToken)), STS.accessKeySecret, emu.accessKeySecret, 'not-the-sts-secret-123']) {
        assert.ok(!text.includes(secret), `${e.code} leaks ${secret}: ${text}`);
      }
      assert.ok(!/Signature=[A-Za-z0-9%+/]/.test(text), `${e.code} leaks a signature: ${text}`);
    }
    const log = JSON.stringify(emu.requests);
    for (const secret of [STS.securityToken, STS.accessKeySecret, emu.accessKeySecret]) assert.ok(!log.includes(secret));
  });

  test('a produce whose connection breaks after VOD read and processed it is NOT retried', async () => {
    const c = await clientFor(emu, { retry: { maxAttempts: 5, sleep: async () => undefined } });
    const before = emu.requests.length;
    const mediaBefore = emu.media.size;
    emu.setFault('ProduceEditingProjectVideo', { kind: 'resetAfterProcess' }, 3);
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline() })), (e: unknown) => {
      assert.ok(e instanceof VodError);
      assert.equal(e.code, 'ConnectionReset');
      assert.equal(e.outcome, 'unknown');
      assert.equal(e.retrySafe, false);
      return true;
    });
    const produces = emu.requests.slice(before).filter((r) => r.action === 'ProduceEditingProjectVideo');
    assert.equal(produces.length, 1, 'exactly one produce reached the emulator');
    assert.equal(produces[0].processed, true);
    assert.equal(emu.media.size, mediaBefore + 1, 'and it did produce');
  });

  test('throttling is retried with backoff, and the produce then happens once', async () => {
    const waits: number[] = [];
    const c = await clientFor(emu, { retry: { maxAttempts: 4, sleep: async (ms) => { waits.push(ms); }, random: () => 0.5, baseDelayMs: 100 } });
    const before = emu.requests.length;
    emu.setFault('ProduceEditingProjectVideo', { kind: 'throttle' }, 2);
    const res = await c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline() }));
    const produces = emu.requests.slice(before).filter((r) => r.action === 'ProduceEditingProjectVideo');
    assert.deepEqual(produces.map((r) => [r.code ?? r.status, r.processed]), [['Throttling.User', false], ['Throttling.User', false], [200, true]]);
    assert.deepEqual(waits, [50, 100]);
    assert.ok(emu.media.has(res.MediaId));
  });

  test('reads are retried after an unknown outcome (idempotent), produces are not', async () => {
    const c = await clientFor(emu, { retry: { maxAttempts: 3, sleep: async () => undefined } });
    emu.setFault('GetVideoInfo', { kind: 'resetAfterProcess' });
    assert.equal((await c.getVideoInfo({ VideoId: SEED.keynote })).Video.VideoId, SEED.keynote);
  });

  test('connection refused is rejected and retry-safe, and retried up to the bound', async () => {
    const port = await new Promise<number>((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });
    let retries = 0;
    const c = new VodClient({
      credential: (await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } })).credential,
      endpoint: `http://127.0.0.1:${port}`, retry: { maxAttempts: 3, sleep: async () => undefined, onRetry: () => { retries++; } },
    });
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline() })), (e: unknown) => e instanceof VodError && e.code === 'ConnectionRefused' && e.outcome === 'rejected' && e.retrySafe && e.phase === 'connect');
    assert.equal(retries, 2);
  });

  test('AppId: the client option is sent with produce, the request may override it', async () => {
    const c = await clientFor(emu, { appId: 'app-2000000' });
    const a = await c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline() }));
    assert.equal(emu.media.get(a.MediaId)?.AppId, 'app-2000000');
    const b = await c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline(), AppId: 'app-3000000' }));
    assert.equal(emu.media.get(b.MediaId)?.AppId, 'app-3000000');
  });

  test('the user agent names the product and version, plus what the caller adds', async () => {
    assert.match(USER_AGENT, /^vod-timeline\/\d+\.\d+\.\d+/);
    const c = await clientFor(emu, { userAgent: 'vscode/1.95.0' });
    await c.getVideoInfo({ VideoId: SEED.keynote });
    assert.ok(emu.requests.at(-1)?.userAgent?.endsWith(`${USER_AGENT} vscode/1.95.0`), emu.requests.at(-1)?.userAgent);
  });
});
