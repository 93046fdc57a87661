// The emulator's server-side rules and operations, through the real client.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveCredentials, VodClient, VodError } from '../../client/src/vod';
import { loadMediaFile, startEmulator, type Emulator, type MediaSeedEntry } from '../../emulator/src';
import { guardNetwork, SEED, simpleTimeline, type NetworkGuard } from './vod-fixtures.test';
import { wire } from '../helpers/vod';

async function clientFor(emu: Emulator): Promise<VodClient> {
  const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
  return new VodClient({ credential, endpoint: emu.url, retry: false });
}

function rejectsWith(code: string, status?: number) {
  return (e: unknown) => {
    assert.ok(e instanceof VodError, String(e));
    assert.equal(e.code, code, e.message);
    if (status) assert.equal(e.httpStatus, status);
    return true;
  };
}

function media(id: string, over: Partial<MediaSeedEntry> = {}): MediaSeedEntry {
  return { MediaId: id, Title: id, Type: 'video', Duration: 10, Status: 'Normal', Width: 1280, Height: 720, CreationTime: '2026-11-01T00:00:00Z', CoverURL: '', FailProduction: false, ...over };
}

suite('emulator operations', () => {
  let emu: Emulator;
  let c: VodClient;
  let guard: NetworkGuard;
  // Starts at real time: the emulator checks request timestamps against its clock.
  let clock = Math.floor(Date.now() / 1000) * 1000; // whole seconds, like VOD's timestamps
  const extra = Array.from({ length: 201 }, (_, i) => media(`extra${String(i).padStart(3, '0')}`));

  suiteSetup(async () => {
    guard = guardNetwork();
    emu = await startEmulator({ now: () => clock, produceSeconds: 10, media: extra });
    c = await clientFor(emu);
  });
  suiteTeardown(async () => {
    await emu.close();
    guard.restore();
    assert.deepEqual(guard.blocked, []);
  });

  test('the seed media are loaded', () => {
    for (const id of Object.values(SEED)) assert.ok(emu.media.has(id), id);
  });

  test('ProjectId and Timeline both empty → InvalidParameter', async () => {
    await assert.rejects(c.produceEditingProjectVideo(wire({ Title: 'x' })), rejectsWith('InvalidParameter', 400));
  });

  test('Timeline must be a JSON string of an object', async () => {
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: '{not json' })), rejectsWith('InvalidParameter'));
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: '[1,2]' })), rejectsWith('InvalidParameter'));
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: '"text"' })), rejectsWith('InvalidParameter'));
  });

  test('every clip MediaId must exist; a video clip must have one', async () => {
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline('0000deadbeef') })), rejectsWith('InvalidMaterial.NotFound'));
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: { VideoTracks: [{ VideoTrackClips: [{ In: 0, Out: 1 }] }] } })), rejectsWith('InvalidParameter'));
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: { ...simpleTimeline(), AudioTracks: [{ AudioTrackClips: [{ MediaId: 'nope' }] }] } })), rejectsWith('InvalidMaterial.NotFound'));
  });

  test('at most 100 video / image / subtitle tracks', async () => {
    const track = { VideoTrackClips: [{ MediaId: SEED.keynote, In: 0, Out: 1 }] };
    await c.produceEditingProjectVideo(wire({ Timeline: { VideoTracks: Array(100).fill(track) } }));
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: { VideoTracks: Array(101).fill(track) } })), rejectsWith('InvalidParameter'));
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: { ...simpleTimeline(), ImageTracks: Array(101).fill({ ImageTrackClips: [] }) } })), rejectsWith('InvalidParameter'));
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: { ...simpleTimeline(), SubtitleTracks: Array(101).fill({ SubtitleTrackClips: [] }) } })), rejectsWith('InvalidParameter'));
  });

  test('at most 200 distinct materials', async () => {
    const clips = (n: number) => extra.slice(0, n).map((m) => ({ MediaId: m.MediaId, In: 0, Out: 1 }));
    await c.produceEditingProjectVideo(wire({ Timeline: { VideoTracks: [{ VideoTrackClips: [...clips(200), ...clips(200)] }] } }));
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: { VideoTracks: [{ VideoTrackClips: clips(201) }] } })), rejectsWith('InvalidParameter'));
  });

  test('output size: 128–4096 per side, shorter side ≤ 2160', async () => {
    const produce = (Width: number, Height: number) => c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline(), ProduceConfig: { Width, Height } }));
    await produce(3840, 2160);
    await produce(2160, 3840);
    await produce(128, 4096);
    for (const [w, h] of [[127, 720], [1280, 4097], [4096, 2161], [2400, 2400]]) {
      await assert.rejects(produce(w, h), rejectsWith('InvalidParameter'), `${w}x${h}`);
    }
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline(), ProduceConfig: '{"Width":"1280"}' })), rejectsWith('InvalidParameter'));
  });

  test('UserData is a JSON object of at most 256 characters', async () => {
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline(), UserData: { Extend: 'x'.repeat(250) } })), rejectsWith('InvalidParameter'));
    await assert.rejects(c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline(), UserData: 'plain' })), rejectsWith('InvalidParameter'));
    await c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline(), UserData: { Extend: { id: 1 } } }));
  });

  test('StorageLocation is required outside cn-shanghai/cn-hangzhou', async () => {
    const sg = await startEmulator({ region: 'ap-southeast-1' });
    try {
      const cs = await clientFor(sg);
      await assert.rejects(cs.produceEditingProjectVideo(wire({ Timeline: simpleTimeline() })), rejectsWith('InvalidParameter'));
      const ok = await cs.produceEditingProjectVideo(wire({ Timeline: simpleTimeline(), ProduceConfig: { StorageLocation: 'outin-xx.oss-ap-southeast-1.aliyuncs.com' } }));
      assert.equal((await cs.getEditingProject({ ProjectId: ok.ProjectId })).Project.StorageLocation, 'outin-xx.oss-ap-southeast-1.aliyuncs.com');
    } finally {
      await sg.close();
    }
  });

  test('produce: Timeline only creates a project; ProjectId only reuses its timeline; both update it', async () => {
    const first = await c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline(SEED.keynote), Title: 'P1' }));
    const project = emu.projects.get(first.ProjectId);
    assert.ok(project);
    const second = await c.produceEditingProjectVideo(wire({ ProjectId: first.ProjectId }));
    assert.equal(second.ProjectId, first.ProjectId);
    assert.notEqual(second.MediaId, first.MediaId);
    assert.deepEqual(JSON.parse(project.Timeline), simpleTimeline(SEED.keynote));
    await c.produceEditingProjectVideo(wire({ ProjectId: first.ProjectId, Timeline: simpleTimeline(SEED.wide), Title: 'P1 renamed' }));
    const got = await c.getEditingProject({ ProjectId: first.ProjectId });
    assert.deepEqual(JSON.parse(String(got.Project.Timeline)), simpleTimeline(SEED.wide));
    assert.equal(got.Project.Title, 'P1 renamed');
    await assert.rejects(c.produceEditingProjectVideo(wire({ ProjectId: 'ffff' })), rejectsWith('InvalidParameter'));
  });

  test('a produced video moves Uploading → Normal on the emulator clock', async () => {
    const r = await c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline(), ProduceConfig: { Width: 1920, Height: 1080 } }));
    assert.equal((await c.getVideoInfo({ VideoId: r.MediaId })).Video.Status, 'Uploading');
    clock += 9_000;
    assert.equal((await c.getVideoInfo({ VideoId: r.MediaId })).Video.Status, 'Uploading');
    clock += 2_000;
    const v = await c.getVideoInfo({ VideoId: r.MediaId });
    assert.equal(v.Video.Status, 'Normal');
    assert.equal(v.Video.Duration, 5);
    const m = await c.getMezzanineInfo({ VideoId: r.MediaId });
    assert.equal(m.Mezzanine.Status, 'Normal');
    assert.equal(m.Mezzanine.Width, 1920);
    assert.equal(m.Mezzanine.Duration, '5');
    assert.equal((await c.getEditingProject({ ProjectId: r.ProjectId })).Project.Status, 'Produced');
  });

  test('media marked FailProduction (or not Normal) make the production fail', async () => {
    for (const source of [SEED.corrupt, SEED.transcoding]) {
      const r = await c.produceEditingProjectVideo(wire({ Timeline: simpleTimeline(source) }));
      clock += 11_000;
      assert.equal((await c.getVideoInfo({ VideoId: r.MediaId })).Video.Status, 'ProduceFail', source);
      assert.equal((await c.getMezzanineInfo({ VideoId: r.MediaId })).Mezzanine.Status, 'UploadFail');
      assert.equal((await c.getEditingProject({ ProjectId: r.ProjectId })).Project.Status, 'ProduceFailed');
    }
  });

  test('GetVideoInfo / GetMezzanineInfo of an unknown id → InvalidVideo.NotExist (404); VideoId required', async () => {
    await assert.rejects(c.getVideoInfo({ VideoId: 'nope' }), rejectsWith('InvalidVideo.NotExist', 404));
    await assert.rejects(c.getMezzanineInfo({ VideoId: SEED.logo }), rejectsWith('InvalidVideo.NotExist', 404));
    await assert.rejects(c.getVideoInfo({ VideoId: '' }), rejectsWith('MissingParameter', 400));
  });

  test('AddEditingProject needs a Title; Update and Get round-trip; unknown project is rejected', async () => {
    await assert.rejects(c.addEditingProject({ Title: '' }), rejectsWith('MissingParameter'));
    const added = await c.addEditingProject({ Title: 'Draft', Timeline: simpleTimeline(SEED.wide) });
    assert.equal(added.Project.Title, 'Draft');
    assert.equal(added.Project.Status, 'Normal');
    assert.equal(emu.projects.get(added.Project.ProjectId)?.CoverURL, 'https://example.invalid/cover/1.jpg', 'cover defaults to the first video material');
    const upd = await c.updateEditingProject({ ProjectId: added.Project.ProjectId, Description: 'desc' });
    assert.match(upd.RequestId, /^[0-9A-F-]{36}$/);
    assert.equal((await c.getEditingProject({ ProjectId: added.Project.ProjectId })).Project.Description, 'desc');
    await assert.rejects(c.updateEditingProject({ ProjectId: added.Project.ProjectId, Timeline: '[]' }), rejectsWith('InvalidParameter'));
    await assert.rejects(c.getEditingProject({ ProjectId: 'nope' }), rejectsWith('InvalidParameter'));
  });

  test('SearchEditingProject: title, status, time range, paging, sorting, PageSize ≤ 100', async () => {
    const base = clock;
    for (const t of ['Search A', 'Search B', 'Search C']) {
      clock += 1000;
      await c.addEditingProject({ Title: t });
    }
    const all = await c.searchEditingProject({ Title: 'Search ', PageSize: 2 });
    assert.equal(all.Total, 3);
    assert.deepEqual(all.ProjectList.Project.map((p) => p.Title), ['Search C', 'Search B']);
    const asc = await c.searchEditingProject({ Title: 'Search ', SortBy: 'CreationTime:Asc', PageNo: 2, PageSize: 2 });
    assert.deepEqual(asc.ProjectList.Project.map((p) => p.Title), ['Search C']);
    const ranged = await c.searchEditingProject({ Title: 'Search', StartTime: new Date(base + 1500).toISOString(), EndTime: new Date(base + 2500).toISOString() });
    assert.deepEqual(ranged.ProjectList.Project.map((p) => p.Title), ['Search B']);
    const produced = await c.searchEditingProject({ Status: 'Produced,ProduceFailed', PageSize: 100 });
    assert.ok(produced.Total >= 3);
    assert.ok(produced.ProjectList.Project.every((p) => p.Status === 'Produced' || p.Status === 'ProduceFailed'));
    assert.equal('Timeline' in (all.ProjectList.Project[0] ?? {}), false);
    await assert.rejects(c.searchEditingProject({ PageSize: 101 }), rejectsWith('InvalidParameter'));
  });

  test('SearchMedia: type, Match (=, in, fuzzy Title), paging, errors', async () => {
    const videos = await c.searchMedia({ PageSize: 100 });
    assert.ok(videos.Total > 200);
    assert.ok(videos.MediaList.every((m) => m.MediaType === 'video' && m.Video?.VideoId === m.MediaId));
    assert.match(String(videos.ScrollToken), /^[0-9a-f]{32}$/);
    const images = await c.searchMedia({ SearchType: 'image' });
    assert.deepEqual(images.MediaList.map((m) => m.MediaId).sort(), [SEED.logo, '4acaf00959ab5cbcac281eb565c4f39d'].sort());
    assert.equal(images.MediaList[0].Image?.ImageId, images.MediaList[0].MediaId);
    const interview = await c.searchMedia({ Match: "Title = 'Interview' and Status in ('Normal')" });
    assert.equal(interview.Total, 2);
    const byId = await c.searchMedia({ Match: `MediaId = '${SEED.keynote}'` });
    assert.deepEqual(byId.MediaList.map((m) => m.MediaId), [SEED.keynote]);
    const blocked = await c.searchMedia({ Match: "Status in ('Blocked','Transcoding')", SortBy: 'CreationTime:Asc' });
    assert.deepEqual(blocked.MediaList.map((m) => m.Video?.Status), ['Transcoding', 'Blocked']);
    const range = await c.searchMedia({ Match: "CreationTime = ('2026-10-01T00:00:00Z','2026-10-02T23:59:59Z')" });
    assert.equal(range.Total, 2);
    await assert.rejects(c.searchMedia({ Match: 'Title ~ x' }), rejectsWith('InvalidParameter'));
    await assert.rejects(c.searchMedia({ Match: "Colour = 'red'" }), rejectsWith('InvalidParameter'));
    await assert.rejects(c.searchMedia({ SearchType: 'movie' as never }), rejectsWith('InvalidParameter'));
  });

  test('an unknown action is InvalidAction.NotFound (404)', async () => {
    await assert.rejects(c.call('CreateEditingProject', { Title: 'x' }), rejectsWith('InvalidAction.NotFound', 404));
  });

  test('--media files add entries in the seed format; bad files are reported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-media-'));
    try {
      const file = path.join(dir, 'media.json');
      fs.writeFileSync(file, JSON.stringify([media('fromfile01', { Type: 'audio', Title: 'From file' })]));
      assert.equal(loadMediaFile(file)[0].Type, 'audio');
      const e2 = await startEmulator({ mediaFiles: [file] });
      try {
        const r = await (await clientFor(e2)).searchMedia({ SearchType: 'audio', Match: "Title = 'From file'" });
        assert.deepEqual(r.MediaList.map((m) => m.MediaId), ['fromfile01']);
      } finally {
        await e2.close();
      }
      fs.writeFileSync(file, '{"MediaId":"x"}');
      assert.throws(() => loadMediaFile(file), /JSON array/);
      fs.writeFileSync(file, '[{"Title":"no id"}]');
      assert.throws(() => loadMediaFile(file), /no MediaId/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

suite('emulator: its own failures', () => {
  test('a request the emulator cannot handle is a 500 InternalError, and the stack is reported, not swallowed', async () => {
    let broken = false;
    const reported: string[] = [];
    const emu = await startEmulator({
      now: () => { if (broken) throw new Error('clock broke (test)'); return Date.now(); },
      onInternalError: (what, e) => reported.push(`${what}: ${e instanceof Error ? e.stack : String(e)}`),
    });
    try {
      const c = await clientFor(emu);
      broken = true;
      await assert.rejects(c.getVideoInfo({ VideoId: SEED.keynote }), rejectsWith('InternalError', 500));
      assert.equal(reported.length, 1, reported.join('\n'));
      assert.match(reported[0], /^POST .*GetVideoInfo.*: Error: clock broke \(test\)\n\s+at /);
    } finally {
      broken = false;
      await emu.close();
    }
  });
});
