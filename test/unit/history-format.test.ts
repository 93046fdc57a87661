// Pure helpers of the Submissions view: relative times (en, zh-CN), console links, the Produce Again
// document, submitted-timeline URIs.
import * as assert from 'node:assert/strict';
import {
  compareQuery, comparePath, compareSideOf, consoleUrl, entryIdFromSubmissionPath, isLoopbackHost, produceDocumentText, relativeTime, submissionPath,
} from '../../client/src/vod/history/format';

suite('history view helpers', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');

  test('relative times in English and Chinese', () => {
    assert.equal(relativeTime(now - 10_000, now, 'en'), 'now');
    assert.equal(relativeTime(now - 5 * 60_000, now, 'en'), '5 minutes ago');
    assert.equal(relativeTime(now - 3 * 3600_000, now, 'en'), '3 hours ago');
    assert.equal(relativeTime(now - 86400_000, now, 'en'), 'yesterday');
    assert.equal(relativeTime(now - 60 * 86400_000, now, 'en'), '2 months ago');
    assert.equal(relativeTime(now - 5 * 60_000, now, 'zh-cn'), '5分钟前');
    assert.equal(relativeTime(now - 5 * 60_000, now, 'not a locale!'), '5 minutes ago');
  });

  test('console links: region-aware site and regionId, media page or editing projects; none for the emulator', () => {
    assert.equal(
      consoleUrl({ region: 'cn-shanghai', endpoint: 'vod.cn-shanghai.aliyuncs.com', mediaId: 'abc123' }),
      'https://vod.console.aliyun.com/?regionId=cn-shanghai#/media/video/detail/abc123/video',
    );
    assert.equal(
      consoleUrl({ region: 'ap-southeast-1', endpoint: 'vod.ap-southeast-1.aliyuncs.com', mediaId: 'abc123' }),
      'https://vod.console.alibabacloud.com/?regionId=ap-southeast-1#/media/video/detail/abc123/video',
    );
    assert.equal(
      consoleUrl({ region: 'cn-beijing', endpoint: 'vod.cn-beijing.aliyuncs.com' }),
      'https://vod.console.aliyun.com/?regionId=cn-beijing#/vod/production/editing',
    );
    assert.equal(consoleUrl({ region: 'cn-shanghai', endpoint: '127.0.0.1:4010', mediaId: 'x' }), undefined);
    assert.match(consoleUrl({ region: 'x/../../evil', endpoint: 'h', mediaId: 'a/b#c' })!, /regionId=cn-shanghai#\/media\/video\/detail\/a%2Fb%23c\/video$/);
    assert.ok(isLoopbackHost('localhost:80') && isLoopbackHost('[::1]:9') && !isLoopbackHost('vod.aliyuncs.com'));
  });

  test('Produce Again document: the sent parameters, JSON strings parsed back to objects', () => {
    const text = produceDocumentText({
      Timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"m"}]}]}', Title: 'T', ProduceConfig: '{"Width":1280,"Height":720}',
      MediaMetadata: 'not json', AppId: 'app-1',
    })!;
    assert.deepEqual(JSON.parse(text), {
      Title: 'T', AppId: 'app-1', Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'm' }] }] }, ProduceConfig: { Width: 1280, Height: 720 }, MediaMetadata: 'not json',
    });
    assert.deepEqual(JSON.parse(produceDocumentText({ ProjectId: 'p1' })!), { ProjectId: 'p1' });
    assert.equal(produceDocumentText({ Title: 'only a title' }), undefined);
  });

  test('submitted timeline URIs carry the entry id and a .timeline.json name', () => {
    const p = submissionPath({ id: 'abc-123', title: 'T', fileName: 'cut/../x:y.timeline.json' });
    assert.equal(p, '/abc-123/cut_.._x_y (sent).timeline.json');
    assert.equal(entryIdFromSubmissionPath(p), 'abc-123');
    assert.equal(submissionPath({ id: 'e', title: '', fileName: '' }), '/e/timeline (sent).timeline.json');
    assert.equal(entryIdFromSubmissionPath('/../etc/passwd'), undefined);
  });
  test('compare sides: their paths name the side, keep the entry id and the language; the query tells them apart', () => {
    const e = { id: 'abc-123', title: 'T', fileName: 'launch.timeline.json' };
    assert.equal(comparePath(e, 'sent'), '/abc-123/launch (sent).timeline.json');
    assert.equal(comparePath(e, 'now'), '/abc-123/launch (now).timeline.json');
    assert.equal(entryIdFromSubmissionPath(comparePath(e, 'now')), 'abc-123');
    assert.equal(compareSideOf(compareQuery('sent')), 'sent');
    assert.equal(compareSideOf(compareQuery('now')), 'now');
    // Open Submitted Timeline has no query; anything else is not a side.
    assert.equal(compareSideOf(''), undefined);
    assert.equal(compareSideOf('compare=later'), undefined);
    assert.equal(compareSideOf('x=1&compare=now'), undefined);
  });

  test('both compare sides are written by produceDocumentText: the same request gives the same text whatever its JSON spacing', () => {
    const timeline = { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'm1', In: 0, Out: 5 }] }] };
    const sent = produceDocumentText({ Title: 'Cut', Timeline: JSON.stringify(timeline), ProduceConfig: '{"Width":1280,"Height":720}' });
    const now = produceDocumentText({ ProduceConfig: JSON.stringify({ Width: 1280, Height: 720 }, null, 4), Timeline: JSON.stringify(timeline, null, 2), Title: 'Cut' });
    assert.equal(now, sent);
    const changed = produceDocumentText({ Title: 'Cut', Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'm1', In: 0, Out: 7 }] }] }), ProduceConfig: '{"Width":1280,"Height":720}' });
    assert.notEqual(changed, sent);
    // One line differs: the changed Out.
    const a = sent!.split('\n');
    const b = changed!.split('\n');
    assert.deepEqual(a.map((l, i) => (l === b[i] ? '' : `${l} → ${b[i]}`)).filter(Boolean), ['            "Out": 5 →             "Out": 7']);
  });
});
