// The media helpers of the VOD client (client/src/vod/media.ts, errors.ts): reading GetPlayInfo answers
// whose numbers arrive as strings, choosing a stream, classifying refusals, resolving a clip's media.
import * as assert from 'node:assert/strict';
import {
  chooseStream, IDEMPOTENT_ACTIONS, MEDIA_ERROR_CODES, mediaProblemOf, numberField, playStreams, readPlayInfo, resolveMediaSource,
  VodError, type GetImageInfoResponse, type GetMezzanineInfoResponse, type GetPlayInfoResponse, type PlayInfo, type PlayStream,
} from '../../client/src/vod';

function refusal(code: string, status = 404): VodError {
  return new VodError({ code, message: code, outcome: 'rejected', retrySafe: false, httpStatus: status });
}

function stream(over: Partial<PlayStream>): PlayStream {
  return { url: 'u', definition: 'LD', format: 'mp4', streamType: 'video', encrypted: false, status: 'Normal', height: 90, ...over };
}

suite('vod media helpers', () => {
  test('numberField reads numbers and numeric strings, nothing else', () => {
    assert.equal(numberField(3), 3);
    assert.equal(numberField('9.0464'), 9.0464);
    assert.equal(numberField(' 540 '), 540);
    for (const v of ['', ' ', 'abc', null, undefined, NaN, Infinity, {}, '1e999']) assert.equal(numberField(v), undefined, String(v));
  });

  test('readPlayInfo: the 2021 sample (numbers as strings, Encrypt "1") reads as an encrypted LD mp4 540×960', () => {
    const sample = {
      Status: 'Normal', StreamType: 'video', Size: '418112', Fps: '30.0032', Definition: 'LD', Duration: '3.1667', Bitrate: '992.7800',
      Encrypt: '1', Format: 'mp4', EncryptType: 'AliyunVoDEncryption', PlayURL: 'http://vod.example/x.m3u8?auth_key=1', Height: '960', Width: '540',
    } as unknown as PlayInfo;
    assert.deepEqual(readPlayInfo(sample), {
      url: 'http://vod.example/x.m3u8?auth_key=1', definition: 'LD', format: 'mp4', streamType: 'video', width: 540, height: 960,
      duration: 3.1667, bitrate: 992.78, fps: 30.0032, size: 418112, encrypted: true, encryptType: 'AliyunVoDEncryption', status: 'Normal',
    });
    const plain = readPlayInfo({ PlayURL: 'x', Encrypt: 0, EncryptType: '', Format: 'MP4' });
    assert.equal(plain.encrypted, false);
    assert.equal(plain.format, 'mp4');
    assert.equal(plain.encryptType, undefined);
  });

  test('playStreams tolerates a missing list and drops entries without a URL', () => {
    assert.deepEqual(playStreams({} as GetPlayInfoResponse), []);
    assert.deepEqual(playStreams({ PlayInfoList: {} }), []);
    const s = playStreams({ PlayInfoList: { PlayInfo: [{ PlayURL: '' }, { PlayURL: 'a', Format: 'm3u8' }] } });
    assert.deepEqual(s.map((x) => x.format), ['m3u8']);
  });

  test('chooseStream: format preference, then the smallest stream at least as tall as asked, never encrypted or Invisible', () => {
    const list = [
      stream({ url: 'hls', format: 'm3u8', height: 180 }),
      stream({ url: 'small', height: 54 }),
      stream({ url: 'mid', height: 90 }),
      stream({ url: 'big', height: 180 }),
      stream({ url: 'old', height: 360, status: 'Invisible' }),
      stream({ url: 'enc', height: 720, encrypted: true }),
    ];
    assert.equal(chooseStream(list)?.url, 'big');
    assert.equal(chooseStream(list, { height: 60 })?.url, 'mid');
    assert.equal(chooseStream(list, { height: 1000 })?.url, 'big');
    assert.equal(chooseStream(list, { formats: ['m3u8', 'mp4'] })?.url, 'hls');
    assert.equal(chooseStream(list, { formats: ['flv'] }), undefined);
    assert.equal(chooseStream([stream({ encrypted: true })]), undefined);
  });

  test('media refusals are classified from the documented codes; other errors are not', () => {
    assert.equal(mediaProblemOf(refusal('InvalidVideo.NotFound')), 'not-found');
    assert.equal(mediaProblemOf(refusal('InvalidVideo.NotExist')), 'not-found');
    assert.equal(mediaProblemOf(refusal('NoSuchResource')), 'not-found');
    assert.equal(mediaProblemOf(refusal('InvalidVideo.NoneStream')), 'no-stream');
    assert.equal(mediaProblemOf(refusal('Forbidden.IllegalStatus', 403)), 'not-normal');
    assert.equal(mediaProblemOf(refusal('Forbidden.AliyunVoDEncryption', 403)), 'encrypted');
    assert.equal(mediaProblemOf(refusal('InvalidFile.NotFound')), 'no-source-file');
    assert.equal(mediaProblemOf(refusal('Throttling.User', 400)), undefined);
    assert.equal(mediaProblemOf(new Error('InvalidVideo.NotFound')), undefined);
    assert.equal(Object.keys(MEDIA_ERROR_CODES).length, 7);
  });

  test('GetPlayInfo and GetImageInfo are reads: retried after an unknown outcome like the status reads', () => {
    for (const a of ['GetPlayInfo', 'GetImageInfo', 'GetMezzanineInfo', 'GetVideoInfo']) assert.ok(IDEMPOTENT_ACTIONS.has(a), a);
    assert.ok(!IDEMPOTENT_ACTIONS.has('ProduceEditingProjectVideo'));
  });

  suite('resolveMediaSource (against a stub client)', () => {
    const play: GetPlayInfoResponse = {
      RequestId: 'r', VideoBase: { VideoId: 'v', Duration: '12.5', Title: 'T' },
      PlayInfoList: { PlayInfo: [{ PlayURL: 'http://x/LD.mp4', Format: 'mp4', Definition: 'LD', Height: 90, Width: 160, Encrypt: 0 }] },
    };
    const mezz: GetMezzanineInfoResponse = { RequestId: 'r', Mezzanine: { VideoId: 'v', Status: 'Normal', FileURL: 'http://x/source.mp4', Duration: '12.52', Width: 160, Height: 90 } };
    const image: GetImageInfoResponse = { RequestId: 'r', ImageInfo: { ImageId: 'i', URL: 'http://x/i.png', Mezzanine: { Width: 64, Height: '64' } } };
    type Stub = Parameters<typeof resolveMediaSource>[0];
    const stub = (over: Partial<Record<'play' | 'mezz' | 'image', () => Promise<unknown>>>, calls: string[] = []): Stub => ({
      getPlayInfo: async (req) => { calls.push(`GetPlayInfo ${req.AuthTimeout} ${req.OutputType} ${req.StreamType ?? ''}`.trim()); return (over.play ?? (async () => play))() as Promise<GetPlayInfoResponse>; },
      getMezzanineInfo: async () => { calls.push('GetMezzanineInfo'); return (over.mezz ?? (async () => mezz))() as Promise<GetMezzanineInfoResponse>; },
      getImageInfo: async () => { calls.push('GetImageInfo'); return (over.image ?? (async () => image))() as Promise<GetImageInfoResponse>; },
    });
    const now = () => 1_000_000;

    test('a video with streams: the chosen stream, the duration, an expiry of the validity asked for', async () => {
      const calls: string[] = [];
      const r = await resolveMediaSource(stub({}, calls), 'v', 'video', { authTimeout: 600, now });
      assert.equal(r.kind, 'streams');
      if (r.kind !== 'streams') return;
      assert.equal(r.chosen?.url, 'http://x/LD.mp4');
      assert.equal(r.duration, 12.5);
      assert.equal(r.expiresAt, 1_000_000 + 600_000);
      assert.deepEqual(calls, ['GetPlayInfo 600 cdn']);
    });

    test('audio asks for audio streams only', async () => {
      const calls: string[] = [];
      await resolveMediaSource(stub({}, calls), 'v', 'audio', { now });
      assert.deepEqual(calls, ['GetPlayInfo 3600 cdn audio']);
    });

    test('InvalidVideo.NoneStream falls back to the source file', async () => {
      const calls: string[] = [];
      const r = await resolveMediaSource(stub({ play: async () => { throw refusal('InvalidVideo.NoneStream'); } }, calls), 'v', 'video', { now });
      assert.deepEqual(calls, ['GetPlayInfo 3600 cdn', 'GetMezzanineInfo']);
      assert.deepEqual(r, { kind: 'source', mediaId: 'v', url: 'http://x/source.mp4', fileName: undefined, duration: 12.52, width: 160, height: 90, expiresAt: 1_000_000 + 3_600_000 });
    });

    test('no stream and no source file → unplayable (no-source-file)', async () => {
      const r = await resolveMediaSource(stub({ play: async () => { throw refusal('InvalidVideo.NoneStream'); }, mezz: async () => { throw refusal('InvalidFile.NotFound'); } }), 'v', 'video', { now });
      assert.equal(r.kind, 'unplayable');
      assert.equal(r.kind === 'unplayable' && r.problem, 'no-source-file');
    });

    test('not Normal, not found, only encrypted streams → unplayable with the reason; the source file is not tried', async () => {
      for (const [code, problem] of [['Forbidden.IllegalStatus', 'not-normal'], ['InvalidVideo.NotFound', 'not-found'], ['Forbidden.AliyunVoDEncryption', 'encrypted']] as const) {
        const calls: string[] = [];
        const r = await resolveMediaSource(stub({ play: async () => { throw refusal(code, 403); } }, calls), 'v', 'video', { now });
        assert.equal(r.kind === 'unplayable' && r.problem, problem, code);
        assert.equal(r.kind === 'unplayable' && r.error?.code, code);
        assert.deepEqual(calls, ['GetPlayInfo 3600 cdn'], code);
      }
      const enc = await resolveMediaSource(stub({ play: async () => ({ RequestId: 'r', PlayInfoList: { PlayInfo: [{ PlayURL: 'x', Format: 'm3u8', Encrypt: 1, EncryptType: 'HLSEncryption' }] } }) }), 'v', 'video', { now });
      assert.equal(enc.kind === 'unplayable' && enc.problem, 'encrypted');
    });

    test('network, throttling and server errors are thrown, not turned into "unplayable"', async () => {
      const e = new VodError({ code: 'Throttling.User', message: 'x', outcome: 'rejected', retrySafe: true, httpStatus: 400 });
      await assert.rejects(resolveMediaSource(stub({ play: async () => { throw e; } }), 'v', 'video', { now }), (x) => x === e);
      await assert.rejects(resolveMediaSource(stub({ image: async () => { throw e; } }), 'i', 'image', { now }), (x) => x === e);
      const boom = new VodError({ code: 'InternalError', message: 'x', outcome: 'unknown', retrySafe: true, httpStatus: 500 });
      await assert.rejects(resolveMediaSource(stub({ play: async () => { throw refusal('InvalidVideo.NoneStream'); }, mezz: async () => { throw boom; } }), 'v', 'video', { now }), (x) => x === boom);
    });

    test('an image: its URL and size (Height as a string)', async () => {
      const r = await resolveMediaSource(stub({}), 'i', 'image', { now });
      assert.deepEqual(r, { kind: 'image', mediaId: 'i', url: 'http://x/i.png', width: 64, height: 64, expiresAt: 1_000_000 + 3_600_000 });
      const missing = await resolveMediaSource(stub({ image: async () => { throw refusal('NoSuchResource'); } }), 'i', 'image', { now });
      assert.equal(missing.kind === 'unplayable' && missing.problem, 'not-found');
    });
  });
});
