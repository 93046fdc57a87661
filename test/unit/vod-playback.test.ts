// The player's media lookups (client/src/vod/playback.ts) against the emulator serving the sample clips:
// which URL each MediaId plays from, what is known of it, refusals as slates with their reason, and the
// cache (kept until shortly before the URLs expire, failures asked again).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveCredentials, VodClient } from '../../client/src/vod';
import { PlaybackResolver } from '../../client/src/vod/playback';
import { startEmulator, type Emulator } from '../../emulator/src';

const root = path.resolve(__dirname, '..', '..');
const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';
const DRONE = '93e48fddab2797d6860df34130ca5ee0';
const MUSIC = 'f46da6c6d44a26b3b8f5bd545bf01b9d';
const LOGO = '7652bba6f411a6a4f21caec270ec34e5';
const ENCRYPTED = 'e7c1a5ed0e4c4b6f9a2d7c3b1f8e6a5d';

suite('vod: playback lookups for the player', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let client: VodClient;
  suiteSetup(async () => {
    emu = await startEmulator({ mediaFiles: [path.join(root, 'emulator', 'media', 'samples.json')] });
    const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
    client = new VodClient({ credential, endpoint: emu.url, retry: false });
  });
  suiteTeardown(() => emu.close());

  test('video, audio, image: a URL of the emulator\'s, the format, what is known of the media', async () => {
    const r = new PlaybackResolver();
    const got = await r.resolve(client, [{ mediaId: KEYNOTE, kind: 'video' }, { mediaId: MUSIC, kind: 'audio' }, { mediaId: LOGO, kind: 'image' }], 90);
    const keynote = got.get(KEYNOTE)!;
    assert.equal(keynote.source.kind, 'media');
    assert.ok(keynote.source.kind === 'media' && keynote.source.url.startsWith(emu.url) && keynote.source.format === 'mp4');
    assert.equal(keynote.facts.duration, 160, 'the sample file\'s own duration');
    assert.deepEqual([keynote.facts.width, keynote.facts.height], [160, 90]);
    const music = got.get(MUSIC)!.source;
    assert.ok(music.kind === 'media' && music.format === 'mp3', JSON.stringify(music));
    const logo = got.get(LOGO)!.source;
    assert.ok(logo.kind === 'image' && logo.url.startsWith(emu.url), JSON.stringify(logo));
    // The URL serves the bytes.
    const res = await fetch((keynote.source as { url: string }).url, { headers: { Range: 'bytes=0-15' } });
    assert.equal(res.status, 206);
  });

  test('the smallest MP4 at least as tall as the player: LD 320×180 for a 150 px player, FD 160×90 for 80 px', async () => {
    const r = new PlaybackResolver();
    const tall = (await r.resolve(client, [{ mediaId: DRONE, kind: 'video' }], 150)).get(DRONE)!.source;
    assert.ok(tall.kind === 'media' && tall.height === 180 && tall.format === 'mp4', JSON.stringify(tall));
    const small = (await new PlaybackResolver().resolve(client, [{ mediaId: DRONE, kind: 'video' }], 80)).get(DRONE)!.source;
    assert.ok(small.kind === 'media' && small.height === 90, JSON.stringify(small));
  });

  test('refusals are slates with their reason: encrypted, not found', async () => {
    const r = new PlaybackResolver();
    const got = await r.resolve(client, [{ mediaId: ENCRYPTED, kind: 'video' }, { mediaId: '0'.repeat(32), kind: 'video' }], 90);
    const encrypted = got.get(ENCRYPTED)!.source;
    assert.ok(encrypted.kind === 'slate' && encrypted.reason === 'encrypted', JSON.stringify(encrypted));
    const missing = got.get('0'.repeat(32))!.source;
    assert.ok(missing.kind === 'slate' && missing.reason === 'not-found', JSON.stringify(missing));
  });

  test('answers are kept until shortly before their URLs expire; a failure is asked again at once', async () => {
    let now = Date.now();
    const r = new PlaybackResolver({ authTimeout: 3600, refreshBeforeMs: 5 * 60_000, now: () => now });
    const count = () => emu.requests.filter((q) => q.action === 'GetPlayInfo').length;
    const before = count();
    await r.resolve(client, [{ mediaId: KEYNOTE, kind: 'video' }], 90);
    await r.resolve(client, [{ mediaId: KEYNOTE, kind: 'video' }], 90);
    assert.equal(count() - before, 1, 'asked once');
    assert.ok(Math.abs(r.nextRefresh()! - (now + 55 * 60_000)) < 1000, 'refresh 5 min before the hour is up');
    now += 56 * 60_000;
    await r.resolve(client, [{ mediaId: KEYNOTE, kind: 'video' }], 90);
    assert.equal(count() - before, 2, 'asked again near expiry');
    // Throttled: a slate now, and nothing kept.
    emu.setFault('GetPlayInfo', { kind: 'throttle' }, 1);
    const fresh = new PlaybackResolver();
    const throttled = (await fresh.resolve(client, [{ mediaId: DRONE, kind: 'video' }], 90)).get(DRONE)!.source;
    assert.ok(throttled.kind === 'slate' && throttled.reason === 'unreachable', JSON.stringify(throttled));
    const again = (await fresh.resolve(client, [{ mediaId: DRONE, kind: 'video' }], 90)).get(DRONE)!.source;
    assert.equal(again.kind, 'media', 'asked again, and played');
  });
});
