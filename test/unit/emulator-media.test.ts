// The emulator's media side: GetPlayInfo, GetMezzanineInfo and GetImageInfo through the real client, and
// the files it serves under signed, expiring URLs (Range, HEAD, Content-Type, CORS, HLS playlists).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveCredentials, VodClient, VodError, type PlayInfo } from '../../client/src/vod';
import { contentTypeOf, loadMediaFile, parseEmulatorArgs, parseRange, probeMp4, startEmulator, type Emulator, type MediaSeedEntry } from '../../emulator/src';
import { guardNetwork, SEED, type NetworkGuard } from './vod-fixtures.test';

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLES_JSON = path.join(ROOT, 'emulator', 'media', 'samples.json');
const SAMPLES = path.join(ROOT, 'emulator', 'media', 'samples');
const DRONE = '93e48fddab2797d6860df34130ca5ee0';
const BLOCKED = '9b653f148952ad08e66ea6f45206ec81';
const KEYNOTE = SEED.keynote;
const MUSIC = SEED.music;
const LOGO = SEED.logo;
const ENCRYPTED = 'e7c1a5ed0e4c4b6f9a2d7c3b1f8e6a5d';

async function clientFor(emu: Emulator, secret = emu.accessKeySecret, signatureAlgorithm?: 'v2'): Promise<VodClient> {
  const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: secret } });
  return new VodClient({ credential, endpoint: emu.url, retry: false, signatureAlgorithm });
}

function rejectsWith(code: string, status?: number) {
  return (e: unknown) => {
    assert.ok(e instanceof VodError, String(e));
    assert.equal(e.code, code, e.message);
    if (status) assert.equal(e.httpStatus, status, e.message);
    return true;
  };
}

function expiryOf(url: string): number {
  const key = new URL(url).searchParams.get('auth_key') ?? '';
  return Number(key.split('-')[0]);
}

function streams(res: { PlayInfoList?: { PlayInfo?: PlayInfo[] } }): PlayInfo[] {
  return res.PlayInfoList?.PlayInfo ?? [];
}

suite('emulator media: Range parsing', () => {
  const cases: Array<[string | undefined, number, ReturnType<typeof parseRange>]> = [
    [undefined, 100, { kind: 'whole' }],
    ['', 100, { kind: 'whole' }],
    ['bytes=0-', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=0-0', 100, { kind: 'partial', start: 0, end: 0 }],
    ['bytes=10-19', 100, { kind: 'partial', start: 10, end: 19 }],
    ['bytes=90-500', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-30', 100, { kind: 'partial', start: 70, end: 99 }],
    ['bytes=-500', 100, { kind: 'partial', start: 0, end: 99 }],
    ['BYTES = 5 - 6', 100, { kind: 'partial', start: 5, end: 6 }],
    ['bytes=99-', 100, { kind: 'partial', start: 99, end: 99 }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=100-200', 100, { kind: 'unsatisfiable' }],
    ['bytes=-0', 100, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=-5', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-2', 100, { kind: 'whole' }],
    ['bytes=0-1,5-6', 100, { kind: 'whole' }],
    ['bytes=-', 100, { kind: 'whole' }],
    ['bytes=a-b', 100, { kind: 'whole' }],
    ['items=0-1', 100, { kind: 'whole' }],
    ['bytes=99999999999999999999-', 100, { kind: 'whole' }],
  ];
  for (const [header, size, expected] of cases) {
    test(`${JSON.stringify(header)} of ${size} bytes → ${JSON.stringify(expected)}`, () => assert.deepEqual(parseRange(header, size), expected));
  }

  test('Content-Type by extension', () => {
    const expected: Record<string, string> = {
      'a.mp4': 'video/mp4', 'a.M4A': 'audio/mp4', 'a.mp3': 'audio/mpeg', 'a.m3u8': 'application/vnd.apple.mpegurl', 'a.ts': 'video/mp2t',
      'a.m4s': 'video/iso.segment', 'a.png': 'image/png', 'a.jpg': 'image/jpeg', 'a.jpeg': 'image/jpeg', 'a.mpd': 'application/dash+xml', 'a.bin': 'application/octet-stream',
    };
    for (const [f, t] of Object.entries(expected)) assert.equal(contentTypeOf(f), t, f);
  });
});

suite('emulator media: operations and files', () => {
  let emu: Emulator;
  let c: VodClient;
  let guard: NetworkGuard;
  let clock = Math.floor(Date.now() / 1000) * 1000;
  const extra: MediaSeedEntry[] = [
    // Proprietary encryption only: refused unless ResultType=Multiple.
    {
      MediaId: 'aaaa0000000000000000000000000001', Title: 'proprietary', Type: 'video', Duration: 0, Status: 'Normal', Width: 0, Height: 0,
      CreationTime: '2026-11-01T00:00:00Z', CoverURL: '', FailProduction: false, File: path.join(SAMPLES, 'G-outro-160x90.mp4'),
      Streams: [{ Definition: 'FD', Format: 'm3u8', File: path.join(SAMPLES, 'G-outro-160x90-hls', 'index.m3u8'), EncryptType: 'AliyunVoDEncryption' }],
    },
    // Two FD mp4 streams (an old and a new transcode) and an LD one.
    {
      MediaId: 'aaaa0000000000000000000000000002', Title: 'retranscoded', Type: 'video', Duration: 0, Status: 'Normal', Width: 0, Height: 0,
      CreationTime: '2026-11-01T00:00:00Z', CoverURL: '', FailProduction: false,
      Streams: [
        { Definition: 'FD', Format: 'mp4', File: path.join(SAMPLES, 'G-outro-320x180.mp4') },
        { Definition: 'FD', Format: 'mp4', File: path.join(SAMPLES, 'G-outro-160x90.mp4') },
        { Definition: 'LD', Format: 'mp4', File: path.join(SAMPLES, 'G-outro-320x180.mp4') },
      ],
    },
  ];

  suiteSetup(async () => {
    guard = guardNetwork();
    emu = await startEmulator({ now: () => clock, mediaFiles: [SAMPLES_JSON], media: extra });
    c = await clientFor(emu);
  });
  suiteTeardown(async () => {
    await emu.close();
    guard.restore();
    assert.deepEqual(guard.blocked, []);
  });
  setup(() => emu.clearFaults());

  test('GetPlayInfo: the keynote plays as one FD mp4 from the emulator, figures from the file', async () => {
    const res = await c.getPlayInfo({ VideoId: KEYNOTE });
    const [s] = streams(res);
    assert.equal(streams(res).length, 1);
    assert.ok(s.PlayURL.startsWith(`${emu.url}/media/${KEYNOTE}/FD.mp4?auth_key=`), s.PlayURL);
    const file = path.join(SAMPLES, 'A-keynote-160x90.mp4');
    assert.deepEqual(
      { Definition: s.Definition, Format: s.Format, StreamType: s.StreamType, Width: s.Width, Height: s.Height, Duration: s.Duration, Fps: s.Fps, Size: s.Size, Encrypt: s.Encrypt, Status: s.Status },
      { Definition: 'FD', Format: 'mp4', StreamType: 'video', Width: 160, Height: 90, Duration: '160', Fps: '25', Size: fs.statSync(file).size, Encrypt: 0, Status: 'Normal' },
    );
    assert.match(String(s.Bitrate), /^\d+\.\d{4}$/);
    assert.deepEqual({ ...res.VideoBase, CoverURL: undefined }, {
      VideoId: KEYNOTE, Title: 'Product launch keynote', CoverURL: undefined, CreationTime: '2026-10-01T08:30:00Z', Duration: '160',
      MediaType: 'video', Status: 'Normal', StorageClass: 'Standard',
    });
    const body = Buffer.from(await (await fetch(s.PlayURL)).arrayBuffer());
    assert.ok(body.equals(fs.readFileSync(file)), 'the URL serves the file itself');
  });

  test('GetPlayInfo filters: Formats, Definition, StreamType; unknown values are InvalidParameter', async () => {
    const all = streams(await c.getPlayInfo({ VideoId: DRONE }));
    assert.deepEqual(all.map((s) => `${s.Definition} ${s.Format} ${s.Width}x${s.Height}`), ['FD mp4 160x90', 'LD mp4 320x180', 'FD m3u8 160x90']);
    assert.deepEqual(streams(await c.getPlayInfo({ VideoId: DRONE, Formats: 'm3u8' })).map((s) => s.Format), ['m3u8']);
    assert.deepEqual(streams(await c.getPlayInfo({ VideoId: DRONE, Formats: 'MP4', Definition: 'LD' })).map((s) => s.Width), [320]);
    assert.equal(streams(await c.getPlayInfo({ VideoId: DRONE, StreamType: 'video' })).length, 3);
    await assert.rejects(c.getPlayInfo({ VideoId: DRONE, Formats: 'flv' }), (e) => {
      rejectsWith('InvalidVideo.NoneStream', 404)(e);
      assert.match((e as VodError).detail, /^The video has no stream to play for the request parameter 'Formats: flv, Definition: , StreamType: '\.$/);
      return true;
    });
    await assert.rejects(c.getPlayInfo({ VideoId: DRONE, StreamType: 'audio' }), rejectsWith('InvalidVideo.NoneStream', 404));
    await assert.rejects(c.getPlayInfo({ VideoId: DRONE, Formats: 'avi' }), rejectsWith('InvalidParameter', 400));
    await assert.rejects(c.getPlayInfo({ VideoId: DRONE, Definition: '8K' }), rejectsWith('InvalidParameter', 400));
    await assert.rejects(c.getPlayInfo({ VideoId: DRONE, ResultType: 'All' as 'Single' }), rejectsWith('InvalidParameter', 400));
  });

  test('GetPlayInfo: audio media give an mp3 audio stream', async () => {
    const [s] = streams(await c.getPlayInfo({ VideoId: MUSIC }));
    assert.deepEqual({ Format: s.Format, StreamType: s.StreamType, Definition: s.Definition, Duration: s.Duration, Fps: s.Fps }, { Format: 'mp3', StreamType: 'audio', Definition: 'SQ', Duration: '65', Fps: '' });
    const r = await fetch(s.PlayURL, { method: 'HEAD' });
    assert.equal(r.headers.get('content-type'), 'audio/mpeg');
  });

  test('GetPlayInfo refusals: not found, an image, not Normal, no stream at all', async () => {
    await assert.rejects(c.getPlayInfo({ VideoId: 'nope' }), rejectsWith('InvalidVideo.NotFound', 404));
    await assert.rejects(c.getPlayInfo({ VideoId: LOGO }), rejectsWith('InvalidVideo.NotFound', 404));
    await assert.rejects(c.getPlayInfo({ VideoId: '' }), rejectsWith('MissingParameter', 400));
    await assert.rejects(c.getPlayInfo({ VideoId: SEED.transcoding }), (e) => {
      rejectsWith('Forbidden.IllegalStatus', 403)(e);
      assert.equal((e as VodError).detail, 'Status of the video is illegal. Current Status is Transcoding.');
      return true;
    });
    await assert.rejects(c.getPlayInfo({ VideoId: BLOCKED }), rejectsWith('Forbidden.IllegalStatus', 403));
    // Normal, but the seed gives it no streams.
    await assert.rejects(c.getPlayInfo({ VideoId: SEED.corrupt }), rejectsWith('InvalidVideo.NoneStream', 404));
  });

  test('GetPlayInfo: an HLS-encrypted stream says so, and its key cannot be had', async () => {
    const [s] = streams(await c.getPlayInfo({ VideoId: ENCRYPTED }));
    assert.equal(s.Encrypt, 1);
    assert.equal(s.EncryptType, 'HLSEncryption');
    const playlist = await (await fetch(s.PlayURL)).text();
    const key = /#EXT-X-KEY:METHOD=AES-128,URI="([^"]+)"/.exec(playlist);
    assert.ok(key, playlist);
    assert.ok(playlist.indexOf('#EXT-X-KEY') < playlist.indexOf('#EXT-X-MAP'), 'the key comes before the first segment');
    const r = await fetch(key[1]);
    assert.equal(r.status, 403);
    assert.match(await r.text(), /no key service/);
  });

  test('GetPlayInfo: AliyunVoDEncryption-only media are refused unless ResultType=Multiple', async () => {
    const id = extra[0].MediaId;
    await assert.rejects(c.getPlayInfo({ VideoId: id }), rejectsWith('Forbidden.AliyunVoDEncryption', 403));
    const [s] = streams(await c.getPlayInfo({ VideoId: id, ResultType: 'Multiple' }));
    assert.equal(s.Encrypt, 1);
    assert.equal(s.EncryptType, 'AliyunVoDEncryption');
  });

  test('GetPlayInfo ResultType: Single gives the newest stream per definition and format, Multiple all (older ones Invisible)', async () => {
    const id = extra[1].MediaId;
    const single = streams(await c.getPlayInfo({ VideoId: id }));
    assert.deepEqual(single.map((s) => `${s.Definition} ${s.Width} ${s.Status}`), ['FD 160 Normal', 'LD 320 Normal']);
    const multiple = streams(await c.getPlayInfo({ VideoId: id, ResultType: 'Multiple' }));
    assert.deepEqual(multiple.map((s) => `${s.Definition} ${s.Width} ${s.Status}`), ['FD 320 Invisible', 'FD 160 Normal', 'LD 320 Normal']);
    assert.notEqual(multiple[0].PlayURL.split('?')[0], multiple[1].PlayURL.split('?')[0], 'each stream has its own URL');
  });

  test('AuthTimeout: 3600 s by default, the request\'s value within the documented bounds, else InvalidParameter', async () => {
    const now = Math.floor(clock / 1000);
    assert.equal(expiryOf(streams(await c.getPlayInfo({ VideoId: KEYNOTE }))[0].PlayURL), now + 3600);
    assert.equal(expiryOf(streams(await c.getPlayInfo({ VideoId: KEYNOTE, AuthTimeout: 60 }))[0].PlayURL), now + 60);
    assert.equal(expiryOf(streams(await c.getPlayInfo({ VideoId: KEYNOTE, AuthTimeout: 2592000, OutputType: 'oss' }))[0].PlayURL), now + 2592000);
    assert.equal(expiryOf(streams(await c.getPlayInfo({ VideoId: KEYNOTE, AuthTimeout: 2592001, OutputType: 'cdn' }))[0].PlayURL), now + 2592001);
    await assert.rejects(c.getPlayInfo({ VideoId: KEYNOTE, AuthTimeout: 2592001, OutputType: 'oss' }), rejectsWith('InvalidParameter', 400));
    await assert.rejects(c.getPlayInfo({ VideoId: KEYNOTE, AuthTimeout: 0 }), rejectsWith('InvalidParameter', 400));
    await assert.rejects(c.getPlayInfo({ VideoId: KEYNOTE, AuthTimeout: 1.5 }), rejectsWith('InvalidParameter', 400));
    await assert.rejects(c.getPlayInfo({ VideoId: KEYNOTE, OutputType: 'ftp' as 'cdn' }), rejectsWith('InvalidParameter', 400));
    assert.equal(expiryOf((await c.getMezzanineInfo({ VideoId: KEYNOTE, AuthTimeout: 90 })).Mezzanine.FileURL!), now + 90);
    assert.equal(expiryOf((await c.getImageInfo({ ImageId: LOGO, AuthTimeout: 120 })).ImageInfo.URL!), now + 120);
    await assert.rejects(c.getImageInfo({ ImageId: LOGO, AuthTimeout: -1 }), rejectsWith('InvalidParameter', 400));
  });

  test('a URL works until it expires, then 403; the emulator clock decides', async () => {
    const url = streams(await c.getPlayInfo({ VideoId: KEYNOTE, AuthTimeout: 10 }))[0].PlayURL;
    assert.equal((await fetch(url, { method: 'HEAD' })).status, 200);
    clock += 10_000;
    assert.equal((await fetch(url, { method: 'HEAD' })).status, 200, 'valid through its last second');
    clock += 1000;
    const r = await fetch(url);
    assert.equal(r.status, 403);
    assert.match(await r.text(), /expired/);
    assert.equal(emu.mediaRequests.at(-1)?.reason, 'expired');
  });

  test('a tampered, moved or unsigned URL is 403', async () => {
    const res = await c.getPlayInfo({ VideoId: DRONE });
    const url = new URL(streams(res)[0].PlayURL);
    const key = url.searchParams.get('auth_key')!;
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');
    const cases: Array<[string, string]> = [
      ['hash', `${url.origin}${url.pathname}?auth_key=${flip(key)}`],
      ['expiry', `${url.origin}${url.pathname}?auth_key=${key.replace(/^\d+/, (t) => String(Number(t) + 3600))}`],
      ['another file', `${url.origin}${url.pathname.replace('FD.mp4', 'LD.mp4')}?auth_key=${key}`],
      ['another media', `${url.origin}${url.pathname.replace(DRONE, KEYNOTE)}?auth_key=${key}`],
      ['unsigned', `${url.origin}${url.pathname}`],
      ['malformed', `${url.origin}${url.pathname}?auth_key=abc`],
    ];
    for (const [what, u] of cases) {
      const r = await fetch(u);
      assert.equal(r.status, 403, what);
      await r.arrayBuffer();
    }
    assert.deepEqual(emu.mediaRequests.slice(-6).map((l) => l.reason), ['signature', 'signature', 'signature', 'signature', 'unsigned', 'malformed']);
    for (const l of emu.mediaRequests) assert.ok(!JSON.stringify(l).includes('auth_key'), 'the log holds no signature');
  });

  suite('HTTP', () => {
    let url: string;
    let file: Buffer;
    suiteSetup(async () => {
      url = streams(await c.getPlayInfo({ VideoId: DRONE, Definition: 'FD', Formats: 'mp4' }))[0].PlayURL;
      file = fs.readFileSync(path.join(SAMPLES, 'D-drone-160x90.mp4'));
    });
    const get = (range?: string, method = 'GET') => fetch(url, { method, headers: range === undefined ? {} : { range } });

    test('no Range: 200 with the whole file, Accept-Ranges and Content-Length', async () => {
      const r = await get();
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('accept-ranges'), 'bytes');
      assert.equal(r.headers.get('content-length'), String(file.length));
      assert.equal(r.headers.get('content-type'), 'video/mp4');
      assert.equal(r.headers.get('content-range'), null);
      assert.ok(Buffer.from(await r.arrayBuffer()).equals(file));
    });

    const partials: Array<[string, number, number]> = [['bytes=0-', 0, -1], ['bytes=100-199', 100, 199], ['bytes=-500', -500, -1], ['bytes=0-0', 0, 0], ['bytes=1000-99999999', 1000, -1]];
    for (const [range, from, to] of partials) {
      test(`${range}: 206 with Content-Range and exactly those bytes`, async () => {
        const start = from < 0 ? file.length + from : from;
        const end = to < 0 ? file.length - 1 : to;
        const r = await get(range);
        assert.equal(r.status, 206);
        assert.equal(r.headers.get('content-range'), `bytes ${start}-${end}/${file.length}`);
        assert.equal(r.headers.get('content-length'), String(end - start + 1));
        assert.ok(Buffer.from(await r.arrayBuffer()).equals(file.subarray(start, end + 1)));
      });
    }

    test('a range past the end, or the last 0 bytes: 416 with Content-Range bytes */size', async () => {
      for (const range of [`bytes=${file.length}-`, `bytes=${file.length + 10}-${file.length + 20}`, 'bytes=-0']) {
        const r = await get(range);
        assert.equal(r.status, 416, range);
        assert.equal(r.headers.get('content-range'), `bytes */${file.length}`, range);
        await r.arrayBuffer();
      }
    });

    test('several ranges, or a Range it cannot read: 200 with the whole file', async () => {
      for (const range of ['bytes=0-9,20-29', 'bytes=9-2', 'bytes=x-y', 'pages=1-2']) {
        const r = await get(range);
        assert.equal(r.status, 200, range);
        assert.equal((await r.arrayBuffer()).byteLength, file.length, range);
      }
    });

    test('HEAD: the headers of GET, no body', async () => {
      const r = await get(undefined, 'HEAD');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-length'), String(file.length));
      assert.equal((await r.arrayBuffer()).byteLength, 0);
      const p = await get('bytes=10-19', 'HEAD');
      assert.equal(p.status, 206);
      assert.equal(p.headers.get('content-range'), `bytes 10-19/${file.length}`);
    });

    test('other methods: 405 with Allow', async () => {
      const r = await fetch(url, { method: 'POST', body: 'x' });
      assert.equal(r.status, 405);
      assert.equal(r.headers.get('allow'), 'GET, HEAD, OPTIONS');
    });

    test('CORS on by default: Allow-Origin *, Range readable, preflight answered', async () => {
      const r = await get('bytes=0-9');
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
      assert.deepEqual(r.headers.get('access-control-expose-headers')?.split(/,\s*/).sort(), ['Accept-Ranges', 'Content-Length', 'Content-Range', 'Content-Type']);
      await r.arrayBuffer();
      const pre = await fetch(url, { method: 'OPTIONS', headers: { origin: 'vscode-webview://x', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' } });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), '*');
      assert.equal(pre.headers.get('access-control-allow-headers'), 'range');
      assert.match(pre.headers.get('access-control-allow-methods') ?? '', /GET/);
      const denied = await fetch(`${url.split('?')[0]}`);
      assert.equal(denied.status, 403);
      assert.equal(denied.headers.get('access-control-allow-origin'), '*', 'errors are readable cross-origin too');
    });
  });

  test('Content-Type of every kind of file', async () => {
    const type = async (u: string) => {
      const r = await fetch(u, { method: 'HEAD' });
      assert.equal(r.status, 200, u);
      return r.headers.get('content-type');
    };
    const drone = streams(await c.getPlayInfo({ VideoId: DRONE }));
    assert.equal(await type(drone.find((s) => s.Format === 'm3u8')!.PlayURL), 'application/vnd.apple.mpegurl');
    const playlist = await (await fetch(drone.find((s) => s.Format === 'm3u8')!.PlayURL)).text();
    assert.equal(await type(/URI="([^"]+init\.mp4[^"]*)"/.exec(playlist)![1]), 'video/mp4');
    assert.equal(await type(playlist.split('\n').find((l) => l.includes('.m4s'))!), 'video/iso.segment');
    assert.equal(await type((await c.getMezzanineInfo({ VideoId: MUSIC })).Mezzanine.FileURL!), 'audio/mp4');
    assert.equal(await type((await c.getImageInfo({ ImageId: LOGO })).ImageInfo.URL!), 'image/png');
  });

  test('HLS: every URI of the playlist is a signed emulator URL, each segment is served, all expire with the playlist', async () => {
    const url = streams(await c.getPlayInfo({ VideoId: DRONE, Formats: 'm3u8', AuthTimeout: 30 }))[0].PlayURL;
    const text = await (await fetch(url)).text();
    const uris = [...text.split('\n').filter((l) => l && !l.startsWith('#')), ...[...text.matchAll(/URI="([^"]+)"/g)].map((m) => m[1])];
    const source = fs.readFileSync(path.join(SAMPLES, 'D-drone-160x90-hls', 'index.m3u8'), 'utf8');
    assert.equal(uris.length, source.split('\n').filter((l) => l && !l.startsWith('#')).length + 1, 'the segments and the init section');
    for (const u of uris) {
      assert.ok(u.startsWith(`${emu.url}/media/${DRONE}/FD/`), u);
      assert.equal(expiryOf(u), expiryOf(url), u);
      const name = new URL(u).pathname.split('/').pop()!;
      const body = Buffer.from(await (await fetch(u)).arrayBuffer());
      assert.ok(body.equals(fs.readFileSync(path.join(SAMPLES, 'D-drone-160x90-hls', name))), name);
    }
    clock += 31_000;
    assert.equal((await fetch(uris[1], { method: 'HEAD' })).status, 403);
  });

  test('GetMezzanineInfo: with a file, the file\'s duration, size and streams; its URL serves it', async () => {
    const { Mezzanine: m } = await c.getMezzanineInfo({ VideoId: KEYNOTE, AdditionType: 'video,audio' });
    const file = path.join(SAMPLES, 'A-keynote-160x90.mp4');
    assert.deepEqual({ Duration: m.Duration, Width: m.Width, Height: m.Height, Size: m.Size, FileName: m.FileName, Fps: m.Fps, Status: m.Status, OutputType: m.OutputType }, {
      Duration: '160', Width: 160, Height: 90, Size: fs.statSync(file).size, FileName: 'A-keynote-160x90.mp4', Fps: '25.0000', Status: 'Normal', OutputType: 'cdn',
    });
    assert.deepEqual(m.VideoStreamList?.map((v) => ({ CodecName: v.CodecName, CodecTagString: v.CodecTagString, Width: v.Width, Height: v.Height, NumFrames: v.NumFrames, Fps: v.Fps })), [
      { CodecName: 'h264', CodecTagString: 'avc1', Width: '160', Height: '90', NumFrames: '4000', Fps: '25.0000' },
    ]);
    assert.deepEqual(m.AudioStreamList?.map((a) => ({ CodecName: a.CodecName, SampleRate: a.SampleRate, Channels: a.Channels, ChannelLayout: a.ChannelLayout })), [
      { CodecName: 'aac', SampleRate: '16000', Channels: '1', ChannelLayout: 'mono' },
    ]);
    assert.ok(m.FileURL?.startsWith(`${emu.url}/media/${KEYNOTE}/source.mp4?auth_key=`));
    assert.ok(Buffer.from(await (await fetch(m.FileURL!)).arrayBuffer()).equals(fs.readFileSync(file)));
    const plain = await c.getMezzanineInfo({ VideoId: KEYNOTE, OutputType: 'oss' });
    assert.equal(plain.Mezzanine.VideoStreamList, undefined, 'stream lists only when asked for');
    assert.equal(plain.Mezzanine.OutputType, 'oss');
    // GetVideoInfo agrees with the file, not with the seed's 312.48 s.
    assert.equal((await c.getVideoInfo({ VideoId: KEYNOTE })).Video.Duration, 160);
  });

  test('GetMezzanineInfo without a file: the entry\'s figures, and an emulator URL that answers 404', async () => {
    const { Mezzanine: m } = await c.getMezzanineInfo({ VideoId: SEED.corrupt });
    assert.equal(m.Duration, '30');
    assert.ok(m.FileURL?.startsWith(`${emu.url}/media/${SEED.corrupt}/source.mp4?auth_key=`), m.FileURL);
    const r = await fetch(m.FileURL!);
    assert.equal(r.status, 404);
    assert.match(await r.text(), /no file for this media/);
  });

  test('GetImageInfo: URL and Mezzanine from the PNG; unknown or a video → NoSuchResource', async () => {
    const { ImageInfo: i } = await c.getImageInfo({ ImageId: LOGO });
    const file = path.join(SAMPLES, 'L-logo-64x64.png');
    assert.deepEqual(i.Mezzanine, { FileURL: i.URL, Width: 64, Height: 64, FileSize: String(fs.statSync(file).size), OriginalFileName: 'L-logo-64x64.png' });
    assert.equal(i.Status, 'Normal');
    assert.equal(i.Title, 'Company logo');
    assert.ok(Buffer.from(await (await fetch(i.URL!)).arrayBuffer()).equals(fs.readFileSync(file)));
    await assert.rejects(c.getImageInfo({ ImageId: 'nope' }), rejectsWith('NoSuchResource', 404));
    await assert.rejects(c.getImageInfo({ ImageId: KEYNOTE }), rejectsWith('NoSuchResource', 404));
    await assert.rejects(c.getImageInfo({ ImageId: '' }), rejectsWith('MissingParameter', 400));
  });

  test('the three operations check the request signature like the others (both algorithms)', async () => {
    for (const alg of [undefined, 'v2'] as const) {
      const bad = await clientFor(emu, `${emu.accessKeySecret}x`, alg);
      await assert.rejects(bad.getPlayInfo({ VideoId: KEYNOTE }), rejectsWith('SignatureDoesNotMatch'));
      await assert.rejects(bad.getMezzanineInfo({ VideoId: KEYNOTE }), rejectsWith('SignatureDoesNotMatch'));
      await assert.rejects(bad.getImageInfo({ ImageId: LOGO }), rejectsWith('SignatureDoesNotMatch'));
      const good = await clientFor(emu, emu.accessKeySecret, alg);
      assert.equal(streams(await good.getPlayInfo({ VideoId: KEYNOTE })).length, 1);
    }
  });

  test('GetPlayInfo and GetImageInfo are retried like the status reads, even after an unknown outcome', async () => {
    const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
    const retrying = new VodClient({ credential, endpoint: emu.url, retry: { sleep: async () => {}, maxAttempts: 4 } });
    for (const [action, call] of [['GetPlayInfo', () => retrying.getPlayInfo({ VideoId: KEYNOTE })], ['GetImageInfo', () => retrying.getImageInfo({ ImageId: LOGO })]] as const) {
      const before = emu.requests.length;
      // Processed, then the connection breaks: the outcome is unknown, and a read may simply be asked again.
      emu.setFault(action, { kind: 'resetAfterProcess' }, 1);
      emu.setFault(action, { kind: 'throttle' }, 1);
      await call();
      assert.deepEqual(emu.requests.slice(before).map((r) => `${r.action} ${r.fault ?? 'ok'}`), [`${action} resetAfterProcess`, `${action} throttle`, `${action} ok`]);
      emu.setFault(action, { kind: 'http', status: 500 }, 10);
      const n = emu.requests.length;
      await assert.rejects(call(), rejectsWith('InternalError', 500));
      assert.equal(emu.requests.length - n, 4, 'four attempts, no more');
      emu.clearFaults();
    }
    // A refusal that will not change is not retried.
    const n = emu.requests.length;
    await assert.rejects(retrying.getPlayInfo({ VideoId: 'nope' }), rejectsWith('InvalidVideo.NotFound', 404));
    assert.equal(emu.requests.length - n, 1);
  });

  test('media requests are not API requests: API faults do not touch them', async () => {
    const url = streams(await c.getPlayInfo({ VideoId: KEYNOTE }))[0].PlayURL;
    const before = emu.requests.length;
    emu.setFault('*', { kind: 'http', status: 500 });
    assert.equal((await fetch(url, { method: 'HEAD' })).status, 200);
    assert.equal(emu.requests.length, before, 'not in the API log');
    await assert.rejects(c.getImageInfo({ ImageId: LOGO }), rejectsWith('InternalError', 500));
  });
});

suite('emulator media: CORS off', () => {
  let emu: Emulator;
  suiteSetup(async () => { emu = await startEmulator({ mediaFiles: [SAMPLES_JSON], cors: false }); });
  suiteTeardown(() => emu.close());

  test('no CORS header on files, errors or preflights (like a VOD domain without them)', async () => {
    const url = emu.mediaUrl(KEYNOTE, 'FD.mp4');
    const r = await fetch(url, { headers: { range: 'bytes=0-9', origin: 'vscode-webview://x' } });
    assert.equal(r.status, 206);
    await r.arrayBuffer();
    const pre = await fetch(url, { method: 'OPTIONS', headers: { origin: 'vscode-webview://x', 'access-control-request-method': 'GET' } });
    const bad = await fetch(url.replace(/auth_key=\d+/, 'auth_key=1'));
    await bad.arrayBuffer();
    for (const res of [r, pre, bad]) {
      for (const h of ['access-control-allow-origin', 'access-control-expose-headers', 'access-control-allow-methods']) assert.equal(res.headers.get(h), null, h);
    }
    assert.equal(emu.cors, false);
  });

  test('the CLI switch: --no-cors', () => {
    assert.deepEqual(parseEmulatorArgs(['--no-cors', '--media', 'x.json']), { cors: false, mediaFiles: ['x.json'] });
    assert.deepEqual(parseEmulatorArgs([]), {});
  });
});

suite('emulator media: the --media format', () => {
  let dir: string;
  suiteSetup(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-media-')); });
  suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, entries: unknown) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, JSON.stringify(entries));
    return f;
  };
  const entry = (over: Record<string, unknown>) => ({ MediaId: 'x1', Type: 'video', ...over });

  test('File and Streams[].File are relative to the JSON file', () => {
    const f = write('rel.json', [entry({ File: '../x/a.mp4', Streams: [{ Definition: 'FD', Format: 'mp4', File: 'b.mp4' }] })]);
    const [e] = loadMediaFile(f);
    assert.equal(e.File, path.resolve(dir, '../x/a.mp4'));
    assert.equal(e.Streams?.[0].File, path.join(dir, 'b.mp4'));
  });

  test('samples.json: every path exists and every MP4 reads', () => {
    for (const e of loadMediaFile(SAMPLES_JSON)) {
      for (const f of [e.File, ...(e.Streams ?? []).map((s) => s.File)].filter((x): x is string => Boolean(x))) {
        assert.ok(fs.existsSync(f), f);
        if (/\.(mp4|m4a)$/.test(f)) assert.ok(probeMp4(f).duration > 0, f);
      }
    }
  });

  /** Starting with `file` must fail with `message` (an emulator that starts anyway is closed, so nothing hangs). */
  const refusedAtStart = async (file: string, message: RegExp) => {
    let started: Emulator | undefined;
    try {
      started = await startEmulator({ mediaFiles: [file] });
    } catch (e) {
      assert.match((e as Error).message, message);
      assert.ok((e as Error).message.includes(file), `names the JSON file: ${(e as Error).message}`);
      return;
    }
    await started.close();
    assert.fail(`the emulator started with ${file}`);
  };

  const bad: Array<[string, () => unknown, RegExp]> = [
    ['a missing file', () => [entry({ File: 'missing.mp4' })], /File ".*missing\.mp4" does not exist/],
    ['a stream without File', () => [entry({ Streams: [{ Definition: 'FD', Format: 'mp4' }] })], /Streams\[0\] has no File/],
    ['an unknown Format', () => [entry({ Streams: [{ Definition: 'FD', Format: 'avi', File: path.join(SAMPLES, 'G-outro-160x90.mp4') }] })], /Format "avi"/],
    ['an unknown Definition', () => [entry({ Streams: [{ Definition: '8K', Format: 'mp4', File: path.join(SAMPLES, 'G-outro-160x90.mp4') }] })], /Definition "8K"/],
    ['an encrypted mp4', () => [entry({ Streams: [{ Definition: 'FD', Format: 'mp4', File: path.join(SAMPLES, 'G-outro-160x90.mp4'), EncryptType: 'HLSEncryption' }] })], /only m3u8 streams can be encrypted/],
    ['an image as a video\'s source', () => [entry({ File: path.join(SAMPLES, 'L-logo-64x64.png') })], /is an image, not the source of a video/],
    ['an .mp4 that is not one', () => { fs.writeFileSync(path.join(dir, 'fake.mp4'), 'not a movie at all'); return [entry({ File: 'fake.mp4' })]; }, /fake\.mp4: (not an MP4 file|box)/],
    ['a video as an image', () => [entry({ Type: 'image', File: path.join(SAMPLES, 'G-outro-160x90.mp4') })], /not a PNG or JPEG file/],
  ];
  for (const [what, entries, message] of bad) {
    test(`refused at start: ${what}`, () => refusedAtStart(write('bad.json', entries()), message));
  }

  test('an entry without files that replaces one with files stops its files being served', async () => {
    const f = write('plain.json', [{ MediaId: KEYNOTE, Type: 'video', Duration: 5 }]);
    const emu = await startEmulator({ mediaFiles: [SAMPLES_JSON, f] });
    try {
      const r = await fetch(emu.mediaUrl(KEYNOTE, 'FD.mp4'), { method: 'HEAD' });
      assert.equal(r.status, 404);
      assert.equal(emu.media.get(KEYNOTE)?.Duration, 5);
    } finally {
      await emu.close();
    }
  });

  test('refused at start: a playlist naming a URL, an absolute path or ".."', async () => {
    for (const line of ['http://example.invalid/a.ts', '/etc/passwd', '../x.ts']) {
      const m3u8 = path.join(dir, 'p.m3u8');
      fs.writeFileSync(m3u8, `#EXTM3U\n#EXTINF:2,\n${line}\n#EXT-X-ENDLIST\n`);
      await refusedAtStart(write('hls.json', [entry({ Streams: [{ Definition: 'FD', Format: 'm3u8', File: 'p.m3u8' }] })]), /only relative URIs of files beside or below it/);
    }
  });
});
