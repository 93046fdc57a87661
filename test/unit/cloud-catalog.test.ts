// The media catalog (lookups, listings, caches) over the real VodClient against the emulator on
// loopback, and over a scripted API for what the emulator cannot show (a search index that lags).
import * as assert from 'node:assert/strict';
import { resolveCredentials, VodClient, VodError } from '../../client/src/vod';
import { MediaCatalog, isUnreachable, fromSearchItem, type MediaApi } from '../../client/src/vod/catalog/catalog';
import { startEmulator, type Emulator } from '../../emulator/src';
import { guardNetwork, type NetworkGuard } from './vod-fixtures.test';

const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';
const MUSIC = 'f46da6c6d44a26b3b8f5bd545bf01b9d';
const LOGO = '7652bba6f411a6a4f21caec270ec34e5';
const TRANSCODING = 'c288f3df19f9fc935efb4c3582ddf67e';
const BLOCKED = '9b653f148952ad08e66ea6f45206ec81';
const GONE = '0123456789abcdef0123456789abcdef';

async function clientFor(emu: Emulator): Promise<VodClient> {
  const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
  return new VodClient({ credential, endpoint: emu.url, retry: false });
}

const actions = (emu: Emulator, from: number) => emu.requests.slice(from).map((r) => r.action);

suite('cloud catalog against the emulator', () => {
  let emu: Emulator;
  let guard: NetworkGuard;
  let client: VodClient;

  suiteSetup(async () => {
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
    guard = guardNetwork();
    emu = await startEmulator();
    client = await clientFor(emu);
  });
  suiteTeardown(async () => {
    await emu.close();
    guard.restore();
    assert.deepEqual(guard.blocked, []);
  });
  setup(() => emu.clearFaults());

  test('looks up video, audio and image MediaIds in one SearchMedia per type, with titles, durations and statuses', async () => {
    const catalog = new MediaCatalog(client);
    const from = emu.requests.length;
    const res = await catalog.lookup([KEYNOTE, MUSIC, LOGO, TRANSCODING, BLOCKED, KEYNOTE]);
    assert.deepEqual(res.unresolved, []);
    assert.equal(res.error, undefined);
    const by = new Map(res.media.map((m) => [m.mediaId, m]));
    assert.equal(by.size, 5);
    assert.deepEqual(
      { ...by.get(KEYNOTE)!, consoleUrl: undefined },
      { mediaId: KEYNOTE, found: true, type: 'video', title: 'Product launch keynote', duration: 312.48, status: 'Normal', coverUrl: 'https://example.invalid/cover/0.jpg', size: 78120000, creationTime: '2026-10-01T08:30:00Z', consoleUrl: undefined },
    );
    assert.match(by.get(KEYNOTE)!.consoleUrl!, /^https:\/\/vod\.console\.aliyun\.com\/.*4b15846bcb3ea8c958fe1e7f3da85ae2/);
    assert.equal(by.get(MUSIC)!.type, 'audio');
    assert.equal(by.get(MUSIC)!.duration, 180);
    assert.equal(by.get(LOGO)!.type, 'image');
    assert.equal(by.get(LOGO)!.duration, undefined);
    assert.equal(by.get(TRANSCODING)!.status, 'Transcoding');
    assert.equal(by.get(BLOCKED)!.status, 'Blocked');
    assert.deepEqual(actions(emu, from), ['SearchMedia', 'SearchMedia', 'SearchMedia']);
    const searchTypes = emu.requests.slice(from).map((r) => r.queryKeys.includes('Match'));
    assert.deepEqual(searchTypes, [true, true, true]);

    // Cached: the same lookup sends nothing.
    const again = emu.requests.length;
    await catalog.lookup([KEYNOTE, LOGO]);
    assert.deepEqual(actions(emu, again), []);
  });

  test('a MediaId no search lists is confirmed unknown by GetVideoInfo; an ID that cannot exist is never sent', async () => {
    const catalog = new MediaCatalog(client);
    const from = emu.requests.length;
    const res = await catalog.lookup([GONE, "x' or '1'='1"]);
    assert.deepEqual(res.media.map((m) => [m.mediaId, m.found]).sort(), [[GONE, false], ["x' or '1'='1", false]].sort());
    assert.deepEqual(actions(emu, from), ['SearchMedia', 'SearchMedia', 'SearchMedia', 'GetVideoInfo']);
  });

  test('detail adds the resolution from GetMezzanineInfo, once', async () => {
    const catalog = new MediaCatalog(client);
    await catalog.lookup([KEYNOTE]);
    const from = emu.requests.length;
    const res = await catalog.lookup([KEYNOTE, LOGO], { detail: true });
    const keynote = res.media.find((m) => m.mediaId === KEYNOTE)!;
    assert.equal(keynote.width, 1920);
    assert.equal(keynote.height, 1080);
    assert.equal(keynote.title, 'Product launch keynote');
    assert.deepEqual(actions(emu, from), ['SearchMedia', 'SearchMedia', 'SearchMedia', 'GetMezzanineInfo'], 'the logo is looked up; only the video gets a mezzanine call');
    const again = emu.requests.length;
    assert.equal((await catalog.lookup([KEYNOTE], { detail: true })).media[0].width, 1920);
    assert.deepEqual(actions(emu, again), []);
  });

  test('many MediaIds go in chunks', async () => {
    const catalog = new MediaCatalog(client, { chunkSize: 4 });
    const from = emu.requests.length;
    const res = await catalog.lookup([KEYNOTE, MUSIC, LOGO, TRANSCODING, BLOCKED]);
    assert.equal(res.media.filter((m) => m.found).length, 5);
    assert.equal(actions(emu, from).filter((a) => a === 'SearchMedia').length, 6);
  });

  test('throttling leaves MediaIds unresolved, never unknown', async () => {
    const catalog = new MediaCatalog(client);
    emu.setFault('SearchMedia', { kind: 'throttle' }, 3);
    const res = await catalog.lookup([KEYNOTE, GONE]);
    assert.deepEqual(res.media, []);
    assert.deepEqual(res.unresolved.sort(), [GONE, KEYNOTE].sort());
    assert.ok(res.error instanceof VodError);
    assert.match(res.error.code, /^Throttling/);
    assert.equal(isUnreachable(res.error), false);
    // Nothing was cached: the next lookup asks again and gets the answers.
    const ok = await catalog.lookup([KEYNOTE, GONE]);
    assert.deepEqual(ok.media.map((m) => m.found).sort(), [false, true]);
  });

  test('recent(): the newest media of every type first, cached for a minute, one request per type', async () => {
    let clock = 0;
    const catalog = new MediaCatalog(client, { now: () => clock });
    const from = emu.requests.length;
    const [a, b] = await Promise.all([catalog.recent(), catalog.recent()]);
    assert.equal(a, b, 'one listing shared while in flight');
    assert.deepEqual(actions(emu, from), ['SearchMedia', 'SearchMedia', 'SearchMedia']);
    assert.ok(a.length >= 14, `${a.length} items`);
    const times = a.map((m) => m.creationTime ?? '');
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    assert.deepEqual(new Set(a.map((m) => m.type)), new Set(['video', 'audio', 'image']));
    assert.equal(a.find((m) => m.mediaId === KEYNOTE)?.title, 'Product launch keynote');
    // The listing also answers lookups.
    const n = emu.requests.length;
    await catalog.lookup([MUSIC]);
    assert.deepEqual(actions(emu, n), []);
    clock += 30_000;
    await catalog.recent();
    assert.deepEqual(actions(emu, n), []);
    clock += 31_000;
    await catalog.recent();
    assert.equal(actions(emu, n).length, 3, 'expired after a minute');
    assert.equal(catalog.lastListing()?.ageMs, 0);
  });

  test('recentPage(): later pages of the newest media, and whether there are more (the Media Library view\'s Load More)', async () => {
    const catalog = new MediaCatalog(client, { recentPageSize: 3 });
    const from = emu.requests.length;
    const first = await catalog.recentPage(1);
    assert.equal(first.more, true);
    assert.ok(first.items.length <= 9 && first.items.length >= 7, `${first.items.length} items`);
    assert.equal(await catalog.recent(), first.items, 'page 1 is the listing completion uses');
    const all = [...first.items];
    let page = 1;
    for (let more: boolean = first.more; more; page++) {
      const next = await catalog.recentPage(page + 1);
      all.push(...next.items);
      more = next.more;
      assert.ok(page < 20, 'the pages end');
    }
    const whole = await new MediaCatalog(client, { recentPageSize: 100 }).recentPage(1);
    assert.equal(whole.more, false);
    assert.deepEqual(new Set(all.map((m) => m.mediaId)), new Set(whole.items.map((m) => m.mediaId)));
    assert.equal(all.length, whole.items.length, 'no media twice');
    assert.equal(actions(emu, from).length, 3 * (page + 1), 'one request per type and page');
  });

  test('searchTitle() finds media by part of the title; quotes cannot break the query', async () => {
    const catalog = new MediaCatalog(client);
    const found = await catalog.searchTitle('Interview');
    assert.deepEqual(found.map((m) => m.title), ['Interview – close-up', 'Interview – wide shot']);
    assert.deepEqual(await catalog.searchTitle("'); drop"), []);
    assert.deepEqual(await catalog.searchTitle('  '), []);
  });

  test('an AppId setting keeps other applications\' media out of listings', async () => {
    assert.equal((await new MediaCatalog(client, { appId: 'app-other' }).recent()).length, 0);
    assert.ok((await new MediaCatalog(client, { appId: 'app-1000000' }).recent()).length >= 14);
  });

  test('an emulator that is gone: unreachable, every MediaId unresolved, listings reject', async () => {
    const gone = await startEmulator();
    const c = await clientFor(gone);
    await gone.close();
    const catalog = new MediaCatalog(c);
    const res = await catalog.lookup([KEYNOTE, MUSIC]);
    assert.deepEqual(res.media, []);
    assert.deepEqual(res.unresolved.sort(), [KEYNOTE, MUSIC].sort());
    assert.ok(isUnreachable(res.error), String(res.error?.code));
    await assert.rejects(catalog.recent(), (e: unknown) => isUnreachable(e));
  });
});

suite('cloud catalog over a scripted API', () => {
  const empty = { RequestId: 'r', Total: 0, MediaList: [] };
  function api(over: Partial<MediaApi>): MediaApi & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      searchMedia: async (req) => { calls.push(`SearchMedia ${req.SearchType}`); return over.searchMedia ? over.searchMedia(req) : empty; },
      getVideoInfo: async (req) => { calls.push('GetVideoInfo'); if (!over.getVideoInfo) throw new VodError({ code: 'InvalidVideo.NotExist', message: 'no', outcome: 'rejected', retrySafe: false }); return over.getVideoInfo(req); },
      getMezzanineInfo: async (req) => { calls.push('GetMezzanineInfo'); if (!over.getMezzanineInfo) throw new Error('no mezzanine'); return over.getMezzanineInfo(req); },
    };
  }

  test('media the search index does not list yet is found through GetVideoInfo', async () => {
    const a = api({ getVideoInfo: async () => ({ RequestId: 'r', Video: { VideoId: KEYNOTE, Title: 'Fresh upload', Duration: 12.5, Status: 'Normal' } }) });
    const res = await new MediaCatalog(a).lookup([KEYNOTE]);
    assert.deepEqual(res.media.map((m) => [m.found, m.title, m.duration, m.status]), [[true, 'Fresh upload', 12.5, 'Normal']]);
  });

  test('"not found" is trusted for less time than "found"', async () => {
    let clock = 0;
    const a = api({});
    const catalog = new MediaCatalog(a, { now: () => clock, notFoundTtlMs: 1000, factTtlMs: 60_000 });
    await catalog.lookup([GONE]);
    const n = a.calls.length;
    clock += 500;
    await catalog.lookup([GONE]);
    assert.equal(a.calls.length, n);
    clock += 600;
    await catalog.lookup([GONE]);
    assert.ok(a.calls.length > n, 'asked again after the short TTL');
  });

  test('a failing GetVideoInfo that is not NotExist leaves the MediaId unresolved', async () => {
    const a = api({ getVideoInfo: async () => { throw new VodError({ code: 'Forbidden.RAM', message: 'denied', outcome: 'rejected', retrySafe: false }); } });
    const res = await new MediaCatalog(a).lookup([KEYNOTE]);
    assert.deepEqual(res.unresolved, [KEYNOTE]);
    assert.equal(res.error?.code, 'Forbidden.RAM');
  });

  test('a failed mezzanine call still gives the facts without resolution', async () => {
    const a = api({ searchMedia: async (req) => (req.SearchType === 'video' ? { RequestId: 'r', Total: 1, MediaList: [{ MediaId: KEYNOTE, MediaType: 'video', Video: { VideoId: KEYNOTE, Title: 'T', Duration: 3 } }] } : empty) });
    const res = await new MediaCatalog(a).lookup([KEYNOTE], { detail: true });
    assert.deepEqual(res.media.map((m) => [m.title, m.width]), [['T', undefined]]);
    assert.deepEqual(res.unresolved, []);
  });

  test('fromSearchItem reads every media type and ignores attached media', () => {
    assert.equal(fromSearchItem({ MediaId: 'a', MediaType: 'attached' }), undefined);
    assert.deepEqual(fromSearchItem({ MediaId: 'i', MediaType: 'image', CreationTime: 't', Image: { ImageId: 'i', Title: 'Logo', URL: 'https://x.invalid/i.png', Status: 'Normal' } }), {
      mediaId: 'i', found: true, type: 'image', title: 'Logo', status: 'Normal', coverUrl: 'https://x.invalid/i.png', creationTime: 't', consoleUrl: fromSearchItem({ MediaId: 'i', MediaType: 'image' })!.consoleUrl,
    });
    assert.equal(fromSearchItem({ MediaId: 'v', MediaType: 'video', Video: { VideoId: 'v', Duration: '7.5' as unknown as number } })!.duration, 7.5);
  });
});
