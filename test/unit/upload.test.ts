// Uploading local files to VOD (client/src/vod/upload, docs/upload.md): the plan, the credential, and
// uploadFile through the real ali-oss against the emulator's OSS endpoint: which API, multipart parts,
// credential refresh (ahead of expiry and after a refusal), resume from the journal without re-sending
// finished parts, cancellation and cleanup, a broken part, and no credential anywhere it could leak.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import {
  decodeUploadAuth, loadOss, planUpload, removeUploadedMedia, resolveCredentials, UnsupportedFileError,
  uploadFile, UploadError, UploadJournal, uploadKindOf, VodClient, type UploadEvent, type UploadProgress,
} from '../../client/src/vod';
import { startEmulator, type Emulator } from '../../emulator/src';

const SAMPLES = path.join(__dirname, '..', '..', 'emulator', 'media', 'samples');
const VIDEO = path.join(SAMPLES, 'C-interview-close-160x90.mp4'); // 938762 bytes
const IMAGE = path.join(SAMPLES, 'L-logo-64x64.png');
const AUDIO = path.join(SAMPLES, 'M-music.mp3');
/** Small cuts so that a sample clip goes in several parts. */
const SMALL = { simpleMaxBytes: 300_000, partBytes: 200_000 } as const;

async function clientFor(emu: Emulator): Promise<VodClient> {
  const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
  return new VodClient({ credential, endpoint: emu.url, retry: false });
}

suite('upload: plan and credential', () => {
  test('the API follows the extension: video and audio → CreateUploadVideo, images → CreateUploadImage, others refused', () => {
    assert.equal(uploadKindOf('a/b/clip.MP4'), 'video');
    assert.equal(uploadKindOf('voice.m4a'), 'audio');
    assert.equal(uploadKindOf('logo.JPG'), 'image');
    assert.equal(uploadKindOf('anim.gif'), 'image');
    assert.equal(uploadKindOf('notes.txt'), undefined);
    assert.equal(uploadKindOf('noext'), undefined);
    assert.equal(planUpload({ fileName: 'voice.mp3', size: 10 }).api, 'CreateUploadVideo');
    assert.equal(planUpload({ fileName: 'logo.png', size: 10 }).api, 'CreateUploadImage');
    assert.throws(() => planUpload({ fileName: 'x.txt', size: 10 }), UnsupportedFileError);
    assert.throws(() => planUpload({ fileName: 'x.mp4', size: 0 }), /empty/);
  });

  test('small files in one PutObject, large ones in parts of ≥ 4 MiB, never more than 9000 parts; images always in one', () => {
    assert.deepEqual(planUpload({ fileName: 'a.mp4', size: 8 * 1024 * 1024 }).method, 'put');
    const p = planUpload({ fileName: 'a.mp4', size: 200 * 1024 * 1024 });
    assert.equal(p.method, 'multipart');
    assert.equal(p.partSize, 4 * 1024 * 1024);
    assert.equal(p.parts, 50);
    const huge = planUpload({ fileName: 'a.mp4', size: 100 * 1024 ** 3 });
    assert.ok(huge.parts <= 9000 && huge.partSize! * huge.parts >= 100 * 1024 ** 3);
    assert.equal(planUpload({ fileName: 'big.png', size: 50 * 1024 * 1024 }).method, 'put');
    assert.equal(planUpload({ fileName: 'x'.repeat(200) + '.mp4', size: 1 }).title.length, 128);
    assert.equal(planUpload({ fileName: 'dir/My clip.mov', size: 1 }).title, 'My clip');
  });

  test('UploadAuth: Base64 JSON; expires at the earlier of ExpireUTCTime and 3000 s; its secrets never print', () => {
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64');
    const late = decodeUploadAuth(enc({ AccessKeyId: 'STS.k', AccessKeySecret: 'SECRET-xyz', SecurityToken: 'TOKEN-abc', Expiration: '3600', ExpireUTCTime: '2026-01-01T01:00:00Z' }), t0);
    assert.equal(late.expiresAt, t0 + 3000_000);
    const early = decodeUploadAuth(enc({ AccessKeyId: 'STS.k', AccessKeySecret: 'SECRET-xyz', SecurityToken: 'TOKEN-abc', ExpireUTCTime: '2026-01-01T00:10:00Z' }), t0);
    assert.equal(early.expiresAt, t0 + 600_000);
    for (const text of [JSON.stringify(early), String(early), inspect(early), `${early}`, inspect({ nested: early })]) {
      assert.ok(!text.includes('SECRET-xyz') && !text.includes('TOKEN-abc'), text);
    }
    assert.deepEqual(early.keys(), { accessKeyId: 'STS.k', accessKeySecret: 'SECRET-xyz', stsToken: 'TOKEN-abc' });
    assert.throws(() => decodeUploadAuth('not base64 json', t0), (e: Error) => !e.message.includes('not base64 json'));
  });
});

suite('upload: against the emulator', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let client: VodClient;
  let dir: string;

  setup(async () => {
    emu = await startEmulator({ uploadSeconds: 0.2 });
    client = await clientFor(emu);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-upload-test-'));
  });

  teardown(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const actions = () => emu.requests.map((r) => r.action);
  const parts = () => emu.ossRequests.filter((r) => r.op === 'UploadPart' && r.status === 200).map((r) => r.partNumber!);

  test('a video in parts: CreateUploadVideo, Initiate, one UploadPart per part, Complete; then Normal, and GetPlayInfo serves the very bytes', async () => {
    const progress: UploadProgress[] = [];
    const r = await uploadFile({ client, file: VIDEO, ...SMALL, onProgress: (p) => progress.push(p) });
    assert.equal(r.kind, 'video');
    assert.equal(r.plan.method, 'multipart');
    assert.equal(r.plan.parts, 5);
    assert.deepEqual(actions(), ['CreateUploadVideo']);
    assert.deepEqual(emu.ossRequests.map((x) => x.op), ['InitiateMultipartUpload', 'UploadPart', 'UploadPart', 'UploadPart', 'UploadPart', 'UploadPart', 'CompleteMultipartUpload']);
    assert.deepEqual(parts().sort(), [1, 2, 3, 4, 5]);
    assert.ok(emu.ossRequests.every((x) => x.withSecurityToken && x.accessKeyId?.startsWith('STS.')));
    // Progress: bytes only grow, and end at the file's size.
    const up = progress.filter((p) => p.phase === 'uploading').map((p) => p.bytes);
    assert.deepEqual(up, [...up].sort((a, b) => a - b));
    assert.equal(progress.at(-1)?.phase, 'done');
    assert.equal(progress.at(-1)?.bytes, fs.statSync(VIDEO).size);

    assert.equal((await client.getVideoInfo({ VideoId: r.mediaId })).Video.Status, 'Transcoding');
    await new Promise((res) => setTimeout(res, 300));
    assert.equal((await client.getVideoInfo({ VideoId: r.mediaId })).Video.Status, 'Normal');
    const play = await client.getPlayInfo({ VideoId: r.mediaId });
    const url = play.PlayInfoList!.PlayInfo![0].PlayURL;
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    assert.ok(body.equals(fs.readFileSync(VIDEO)), 'the stream is the uploaded file');
  });

  test('an image: CreateUploadImage and one PutObject; an audio: CreateUploadVideo and its mp3 stream', async () => {
    const img = await uploadFile({ client, file: IMAGE });
    assert.equal(img.kind, 'image');
    const info = await client.getImageInfo({ ImageId: img.mediaId });
    assert.equal(info.ImageInfo.Status, 'Normal');
    assert.equal(Number(info.ImageInfo.Mezzanine?.Width), 64);
    const audio = await uploadFile({ client, file: AUDIO });
    assert.equal(audio.kind, 'audio');
    assert.deepEqual(actions(), ['CreateUploadImage', 'GetImageInfo', 'CreateUploadVideo']);
    assert.deepEqual(emu.ossRequests.map((x) => x.op), ['PutObject', 'PutObject']);
    await new Promise((res) => setTimeout(res, 300));
    const play = await client.getPlayInfo({ VideoId: audio.mediaId });
    assert.equal(play.PlayInfoList!.PlayInfo![0].StreamType, 'audio');
  });

  test('a file VOD does not take is refused before anything is created', async () => {
    const txt = path.join(dir, 'notes.txt');
    fs.writeFileSync(txt, 'hello');
    await assert.rejects(uploadFile({ client, file: txt }), (e: UploadError) => e.code === 'UnsupportedFile' && e.leftInVod === 'none');
    assert.deepEqual(emu.requests, []);
  });

  test('a credential OSS refuses as expired is refreshed (RefreshUploadVideo) and the upload carries on from its checkpoint', async () => {
    const events: UploadEvent[] = [];
    let expired = false;
    const r = await uploadFile({
      client, file: VIDEO, ...SMALL, parallel: 1, onEvent: (e) => events.push(e),
      onProgress: (p) => {
        if (!expired && p.partsDone === 2) {
          expired = true;
          emu.expireUploadCredentials();
        }
      },
    });
    assert.equal(r.credentialRefreshes, 1);
    assert.ok(events.some((e) => e.kind === 'credential-refreshed' && e.reason === 'refused'));
    assert.deepEqual(actions(), ['CreateUploadVideo', 'RefreshUploadVideo']);
    const refused = emu.ossRequests.filter((x) => x.code === 'SecurityTokenExpired');
    assert.equal(refused.length, 1);
    // Parts 1 and 2 went once; the refused part 3 again with the new keys.
    assert.deepEqual(parts(), [1, 2, 3, 4, 5]);
    assert.equal(emu.media.get(r.mediaId)?.upload?.completedAt !== undefined, true);
    assert.ok(fs.readFileSync(emu.media.get(r.mediaId)!.upload!.file!).equals(fs.readFileSync(VIDEO)));
  });

  test('a credential about to expire is refreshed ahead of time', async () => {
    await emu.close();
    emu = await startEmulator({ uploadSeconds: 0.2, uploadCredentialSeconds: 2 });
    client = await clientFor(emu);
    for (let i = 0; i < 5; i++) emu.setFault('UploadPart', { kind: 'latency', ms: 400 });
    const events: UploadEvent[] = [];
    const r = await uploadFile({ client, file: VIDEO, ...SMALL, parallel: 1, refreshMarginMs: 1000, onEvent: (e) => events.push(e) });
    assert.ok(events.some((e) => e.kind === 'credential-refreshed' && e.reason === 'ahead'), JSON.stringify(events));
    assert.ok(r.credentialRefreshes >= 1);
    assert.equal(emu.ossRequests.filter((x) => x.code === 'SecurityTokenExpired').length, 0);
  });

  test('resume: a stopped upload carries on from the journal without sending its finished parts again', async () => {
    const journal = new UploadJournal(path.join(dir, 'journal'));
    const stop = new AbortController();
    const first = await uploadFile({
      client, file: VIDEO, ...SMALL, parallel: 1, journal, signal: stop.signal,
      onProgress: (p) => { if (p.partsDone === 3) stop.abort(); },
    }).then(() => undefined, (e: UploadError) => e);
    assert.ok(first instanceof UploadError && first.code === 'Cancelled' && first.leftInVod === 'record');
    const entry = journal.findResumable(VIDEO, fs.statSync(VIDEO).size, fs.statSync(VIDEO).mtimeMs);
    assert.ok(entry, 'the journal has the stopped upload');
    assert.equal(entry.mediaId, first.mediaId);
    assert.equal(entry.checkpoint?.doneParts.length, 3);
    const sentBefore = parts();
    const events: UploadEvent[] = [];
    const r = await uploadFile({ client, file: VIDEO, ...SMALL, journal, resume: entry, onEvent: (e) => events.push(e) });
    assert.equal(r.mediaId, first.mediaId);
    assert.equal(r.resumed, true);
    assert.equal(r.partsSkipped, 3);
    assert.equal(r.partsSent, 2);
    const resent = parts().slice(sentBefore.length).filter((n) => sentBefore.includes(n));
    assert.deepEqual(resent, [], 'no finished part went twice');
    assert.deepEqual(actions(), ['CreateUploadVideo', 'RefreshUploadVideo']);
    assert.ok(events.some((e) => e.kind === 'resumed' && e.partsSkipped === 3));
    assert.equal(journal.get(entry.id)?.state, 'uploaded');
    assert.ok(fs.readFileSync(emu.media.get(r.mediaId)!.upload!.file!).equals(fs.readFileSync(VIDEO)));
  });

  test('an image upload is never resumed (its credential cannot be refreshed): the record is said to be left, not replaced', async () => {
    const journal = new UploadJournal(path.join(dir, 'journal'));
    emu.setFault('PutObject', { kind: 'http', status: 403, code: 'AccessDenied' });
    const first = await uploadFile({ client, file: IMAGE, journal }).then(() => undefined, (e: UploadError) => e);
    assert.ok(first instanceof UploadError && first.leftInVod === 'record');
    const entry = journal.list()[0];
    assert.equal(entry.state, 'failed');
    assert.equal(journal.canResume(entry), false);
    assert.equal(journal.findResumable(IMAGE, entry.size, entry.mtimeMs), undefined);
    const again = await uploadFile({ client, file: IMAGE, journal, resume: entry }).then(() => undefined, (e: UploadError) => e);
    assert.ok(again instanceof UploadError && again.code === 'CredentialExpired' && again.mediaId === first.mediaId && again.leftInVod === 'record');
    assert.deepEqual(actions(), ['CreateUploadImage'], 'no second record');
  });

  test('cancel: says a record is left, and removeUploadedMedia removes it (DeleteVideo)', async () => {
    const stop = new AbortController();
    const err = await uploadFile({ client, file: VIDEO, ...SMALL, parallel: 1, signal: stop.signal, onProgress: (p) => { if (p.partsDone === 1) stop.abort(); } })
      .then(() => undefined, (e: UploadError) => e);
    assert.ok(err instanceof UploadError);
    assert.equal(err.code, 'Cancelled');
    assert.equal(err.leftInVod, 'record');
    assert.ok(emu.media.has(err.mediaId!));
    assert.equal(await removeUploadedMedia(client, err.mediaId!, 'video'), 'removed');
    assert.equal(emu.media.has(err.mediaId!), false);
    assert.equal(await removeUploadedMedia(client, err.mediaId!, 'video'), 'not-found');
    const img = await uploadFile({ client, file: IMAGE });
    assert.equal(await removeUploadedMedia(client, img.mediaId, 'image'), 'removed');
    assert.equal(emu.media.has(img.mediaId), false);
  });

  test('a part whose connection breaks halfway is sent again, and the upload completes', async () => {
    emu.setFault('UploadPart', { kind: 'resetMidBody' });
    const events: UploadEvent[] = [];
    const r = await uploadFile({ client, file: VIDEO, ...SMALL, parallel: 1, sleep: async () => {}, onEvent: (e) => events.push(e) });
    assert.equal(r.networkRetries, 1);
    assert.ok(events.some((e) => e.kind === 'retry'));
    assert.deepEqual([...new Set(parts())].sort(), [1, 2, 3, 4, 5]);
    assert.ok(fs.readFileSync(emu.media.get(r.mediaId)!.upload!.file!).equals(fs.readFileSync(VIDEO)));
  });

  test('OSS checks the signature: keys of one upload cannot write another object', async () => {
    const a = await client.createUploadVideo({ Title: 'a', FileName: 'a.mp4' });
    const b = await client.createUploadVideo({ Title: 'b', FileName: 'b.mp4' });
    const keysOfA = decodeUploadAuth(a.UploadAuth, Date.now());
    const addrB = JSON.parse(Buffer.from(b.UploadAddress, 'base64').toString());
    const OSS = loadOss();
    const c = new OSS({ ...keysOfA.keys(), bucket: addrB.Bucket, endpoint: addrB.Endpoint, region: 'oss-cn-shanghai', refreshSTSToken: async () => keysOfA.keys(), refreshSTSTokenInterval: 3600_000 });
    await assert.rejects(c.put(addrB.FileName, Buffer.from('x')), (e: { code?: string; status?: number }) => e.code === 'AccessDenied' && e.status === 403);
    const bad = new OSS({ ...keysOfA.keys(), accessKeySecret: 'wrong', bucket: addrB.Bucket, endpoint: addrB.Endpoint, region: 'oss-cn-shanghai', refreshSTSToken: async () => keysOfA.keys(), refreshSTSTokenInterval: 3600_000 });
    await assert.rejects(bad.put(addrB.FileName, Buffer.from('x')), (e: { code?: string }) => e.code === 'SignatureDoesNotMatch');
  });

  test('the upload credential is in no event, progress, error, journal entry or emulator log', async () => {
    const journal = new UploadJournal(path.join(dir, 'journal'));
    const seen: unknown[] = [];
    await uploadFile({ client, file: VIDEO, ...SMALL, journal, onEvent: (e) => seen.push(e), onProgress: (p) => seen.push(p) });
    emu.setFault('UploadPart', { kind: 'http', status: 500, code: 'InternalError' }, 10);
    const err = await uploadFile({ client, file: VIDEO, ...SMALL, parallel: 1, journal, maxNetworkRetries: 0, onEvent: (e) => seen.push(e) }).then(() => undefined, (e: UploadError) => e);
    assert.ok(err instanceof UploadError && err.code === 'OssError' && err.info.httpStatus === 500, String(err));
    seen.push(err, err.message, err.stack, inspect(err, { depth: 5 }));
    const secrets = emu.issuedUploadKeys().flatMap((k) => [k.accessKeySecret, k.securityToken]);
    assert.ok(secrets.length >= 4, 'the test knows the secrets it looks for');
    const texts = [
      ...seen.map((x) => (typeof x === 'string' ? x : inspect(x, { depth: 6 }))),
      ...fs.readdirSync(journal.dir).map((f) => fs.readFileSync(path.join(journal.dir, f), 'utf8')),
      JSON.stringify(emu.requests), JSON.stringify(emu.ossRequests),
    ];
    for (const t of texts) for (const s of secrets) assert.ok(!t.includes(s), `a secret leaked into: ${t.slice(0, 200)}`);
  });
});

