// The emulator's signature checks, driven by raw HTTP requests signed with @alicloud/openapi-util's
// signers (independent of both the emulator's verifier and our client), including tampering.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import OpenApiUtil from '@alicloud/openapi-util';
import { acsEncode, startEmulator, type Emulator } from '../../emulator/src';
import { bigTimeline, guardNetwork, SEED, signedRequest, simpleTimeline, type NetworkGuard } from './vod-fixtures.test';

const STS = { accessKeyId: 'STS.NRawTestKey00001', accessKeySecret: 'RawStsSecret000000001', securityToken: 'CAISrawToken+/=' };

function assertErrorShape(body: Record<string, unknown>, code: string) {
  assert.equal(body.Code, code);
  assert.match(String(body.RequestId), /^[0-9A-F-]{36}$/);
  assert.equal(typeof body.HostId, 'string');
  assert.equal(typeof body.Message, 'string');
  assert.match(String(body.Recommend), /^https:\/\/api\.aliyun\.com\/troubleshoot\?q=/);
}

suite('emulator signature verification', () => {
  let emu: Emulator;
  let guard: NetworkGuard;
  suiteSetup(async () => {
    guard = guardNetwork();
    emu = await startEmulator({ sts: [{ ...STS, expiration: Date.now() + 3600_000 }, { accessKeyId: 'STS.Old', accessKeySecret: 'OldSecret0000', securityToken: 'CAISold', expiration: '2020-01-01T00:00:00Z' }] });
  });
  suiteTeardown(async () => {
    await emu.close();
    guard.restore();
    assert.deepEqual(guard.blocked, []);
  });

  test('acsEncode is the encoding openapi-util signs with', () => {
    assert.equal(acsEncode("a b!'()*~/+=&标"), "a%20b%21%27%28%29%2A~%2F%2B%3D%26%E6%A0%87");
    assert.equal(OpenApiUtil.getEncodeParam("a b!'()*~/+=&标"), acsEncode("a b!'()*~/+=&标"));
  });

  for (const kind of ['v3', 'v2'] as const) {
    test(`${kind}: parameters in the query`, async () => {
      const r = await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote } });
      assert.equal(r.status, 200, r.text);
      assert.equal((r.body.Video as Record<string, unknown>).VideoId, SEED.keynote);
      assert.equal(emu.requests.at(-1)?.signature, kind === 'v3' ? 'ACS3-HMAC-SHA256' : 'HMAC-SHA1');
    });

    test(`${kind}: parameters in a form body (with characters the wire encoding leaves alone)`, async () => {
      const r = await signedRequest(emu, { kind, action: 'GetVideoInfo', form: { VideoId: SEED.keynote, Note: "(it's) *fine*! 标题 a+b=c&d" } });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(emu.requests.at(-1)?.bodyKeys, ['Note', 'VideoId']);
    });

    test(`${kind}: a body changed after signing is rejected`, async () => {
      const r = await signedRequest(emu, {
        kind, action: 'ProduceEditingProjectVideo', form: { Timeline: JSON.stringify(simpleTimeline()) },
        tamperBody: (b) => b.replace(SEED.keynote, SEED.wide),
      });
      assert.equal(r.status, 400);
      assertErrorShape(r.body, 'SignatureDoesNotMatch');
      assert.equal(emu.requests.at(-1)?.processed, false);
    });

    test(`${kind}: a query changed after signing is rejected`, async () => {
      const r = await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote }, tamperQuery: (q) => ({ ...q, VideoId: SEED.wide }) });
      assert.equal(r.status, 400);
      assertErrorShape(r.body, 'SignatureDoesNotMatch');
    });

    test(`${kind}: a wrong secret is SignatureDoesNotMatch (400)`, async () => {
      const r = await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote }, accessKeySecret: 'nope' });
      assert.equal(r.status, 400);
      assertErrorShape(r.body, 'SignatureDoesNotMatch');
    });

    test(`${kind}: an unknown key is InvalidAccessKeyId.NotFound (404)`, async () => {
      const r = await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote }, accessKeyId: 'LTAIunknown' });
      assert.equal(r.status, 404);
      assertErrorShape(r.body, 'InvalidAccessKeyId.NotFound');
    });

    test(`${kind}: a reused nonce is refused`, async () => {
      const nonce = `fixed-${kind}-nonce`;
      assert.equal((await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote }, nonce })).status, 200);
      const again = await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote }, nonce });
      assert.equal(again.status, 400);
      assertErrorShape(again.body, 'SignatureNonceUsed');
    });

    test(`${kind}: a stale timestamp is refused`, async () => {
      const r = await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote }, timestampMs: Date.now() - 20 * 60_000 });
      assert.equal(r.status, 400);
      assertErrorShape(r.body, 'InvalidTimeStamp.Expired');
    });

    test(`${kind}: STS token accepted; expired, mismatched and missing tokens refused`, async () => {
      const ok = await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote }, ...STS });
      assert.equal(ok.status, 200, ok.text);
      const expired = await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote }, accessKeyId: 'STS.Old', accessKeySecret: 'OldSecret0000', securityToken: 'CAISold' });
      assert.equal(expired.status, 400);
      assertErrorShape(expired.body, 'InvalidSecurityToken.Expired');
      const mismatch = await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote }, ...STS, securityToken: 'CAISother' });
      assertErrorShape(mismatch.body, 'InvalidSecurityToken.MismatchWithAccessKey');
      const missing = await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote }, ...STS, securityToken: undefined });
      assertErrorShape(missing.body, 'MissingSecurityToken');
    });

    test(`${kind}: wrong version and unknown action`, async () => {
      const v = await signedRequest(emu, { kind, action: 'GetVideoInfo', query: { VideoId: SEED.keynote }, version: '2020-11-09' });
      assertErrorShape(v.body, 'InvalidVersion');
      const a = await signedRequest(emu, { kind, action: 'CreateEditingProject', query: { Title: 't' } });
      assert.equal(a.status, 404);
      assertErrorShape(a.body, 'InvalidAction.NotFound');
    });
  }

  test('an unsigned request is refused', async () => {
    const r = await new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      http.request({ host: emu.host, port: emu.port, method: 'POST', path: '/?Action=GetVideoInfo&VideoId=x', agent: false }, (res) => {
        let t = '';
        res.on('data', (c) => { t += c; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(t) }));
      }).on('error', reject).end();
    });
    assert.equal(r.status, 400);
    assertErrorShape(r.body, 'MissingAuthorization');
  });

  test('why the body: a 2.5 MB timeline in the URL is refused by the HTTP layer (431)', async () => {
    const timeline = bigTimeline(2.5 * 1024 * 1024);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: emu.host, port: emu.port, method: 'POST', path: `/?Timeline=${encodeURIComponent(timeline)}`, agent: false }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 431);
  });

  test('the request log never holds a secret, token or signature', () => {
    const log = JSON.stringify(emu.requests);
    for (const s of [emu.accessKeySecret, STS.accessKeySecret, STS.securityToken, 'CAISold', 'OldSecret0000']) assert.ok(!log.includes(s), s);
    assert.ok(!/"Signature"|Signature=/.test(log));
    for (const r of emu.requests) assert.ok(!r.queryKeys.includes('Signature') && !r.queryKeys.includes('SecurityToken'));
  });
});
