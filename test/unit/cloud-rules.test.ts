// The cloud rules and the MediaId hover of the language service, with the media library injected as
// a plain lookup (what the editor's client or `validate --cloud` would have fetched).
import * as assert from 'node:assert/strict';
import { TimelineService, CODES, type CloudMedia, type Diagnostic, type TimelineDocument } from '../../server/src/service';
import { runCloudRules, CLOUD_RULES } from '../../server/src/service/validation';
import { cloudMediaIds } from '../../server/src/service/rules/cloud-rule';
import { hover, mediaIdAt } from '../../server/src/service/hover';
import { localizer } from '../../server/src/service/l10n';

const service = new TimelineService();

const VIDEO = '4b15846bcb3ea8c958fe1e7f3da85ae2';
const AUDIO = 'f46da6c6d44a26b3b8f5bd545bf01b9d';
const IMAGE = '7652bba6f411a6a4f21caec270ec34e5';
const BUSY = 'c288f3df19f9fc935efb4c3582ddf67e';
const GONE = '00000000000000000000000000000000';
const UNCHECKED = '11111111111111111111111111111111';

const LIBRARY: CloudMedia[] = [
  { mediaId: VIDEO, found: true, type: 'video', title: 'Product launch keynote', duration: 312.48, status: 'Normal', width: 1920, height: 1080, coverUrl: 'https://example.invalid/cover/0.jpg', consoleUrl: 'https://vod.console.aliyun.com/#/media/video/detail/x/video', creationTime: '2026-10-01T08:30:00Z' },
  { mediaId: AUDIO, found: true, type: 'audio', title: 'Background music', duration: 180, status: 'Normal' },
  { mediaId: IMAGE, found: true, type: 'image', title: 'Company logo', status: 'Normal' },
  { mediaId: BUSY, found: true, type: 'video', title: 'Raw upload', duration: 600, status: 'Transcoding' },
  { mediaId: GONE, found: false },
];
const lookup = (id: string) => LIBRARY.find((m) => m.mediaId === id);

interface Found { code: string; severity: string; text: string; message: string }

function cloud(text: string, options: { rules?: Record<string, 'off' | 'error' | 'warning'>; locale?: 'en' | 'zh-cn'; media?: (id: string) => CloudMedia | undefined } = {}): Found[] {
  const doc = service.parse(text);
  const diagnostics = runCloudRules(doc, service.schema, { rules: options.rules }, localizer(options.locale ?? 'en'), options.media ?? lookup, 'cn-shanghai');
  return diagnostics.map((d: Diagnostic) => ({ code: d.code, severity: d.severity, text: doc.text.slice(d.start, d.end), message: d.message }));
}

const timeline = (tracks: Record<string, unknown>) => JSON.stringify(tracks, null, 2);
const video = (...clips: Record<string, unknown>[]) => timeline({ VideoTracks: [{ VideoTrackClips: clips }] });

suite('cloud rules', () => {
  test('every cloud/ code is a warning and has a rule', () => {
    const cloudCodes = CODES.filter((c) => c.group === 'cloud');
    assert.deepEqual(cloudCodes.map((c) => c.code).sort(), ['cloud/materials', 'cloud/media-status', 'cloud/media-type', 'cloud/out-beyond-duration', 'cloud/unknown-media']);
    for (const c of cloudCodes) assert.equal(c.severity, 'warning', c.code);
    assert.deepEqual(CLOUD_RULES.flatMap((r) => r.codes).sort(), cloudCodes.map((c) => c.code).sort());
  });

  test('a clean timeline against real media reports nothing', () => {
    const text = timeline({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: VIDEO, In: 0, Out: 312.48 }, { MediaId: IMAGE, Type: 'Image', Duration: 3 }] }],
      AudioTracks: [{ AudioTrackClips: [{ MediaId: AUDIO, In: 10, Out: 20 }, { MediaId: VIDEO, In: 0, Out: 5 }] }],
    });
    assert.deepEqual(cloud(text), []);
  });

  test('cloud/unknown-media: a MediaId the library does not have', () => {
    const found = cloud(video({ MediaId: GONE, In: 0, Out: 3 }));
    assert.deepEqual(found.map((f) => [f.code, f.severity, f.text]), [['cloud/unknown-media', 'warning', `"${GONE}"`]]);
    assert.match(found[0].message, /not in your VOD media library \(cn-shanghai\)/);
  });

  test('a MediaId that could not be checked is never reported', () => {
    assert.deepEqual(cloud(video({ MediaId: UNCHECKED, In: 0, Out: 9999 })), []);
  });

  test('cloud/media-status: media not in Normal status', () => {
    const found = cloud(video({ MediaId: BUSY, In: 0, Out: 3 }));
    assert.deepEqual(found.map((f) => [f.code, f.text]), [['cloud/media-status', `"${BUSY}"`]]);
    assert.match(found[0].message, /"Raw upload" is Transcoding, not Normal/);
  });

  test('cloud/out-beyond-duration: Out past the end, and In at or past it', () => {
    const found = cloud(video({ MediaId: VIDEO, In: 0, Out: 400 }, { MediaId: VIDEO, In: 312.48, Out: 320 }, { MediaId: VIDEO, In: 0, Out: 312.5 }));
    assert.deepEqual(found.map((f) => [f.code, f.text]), [['cloud/out-beyond-duration', '"Out": 400'], ['cloud/out-beyond-duration', '"In": 312.48']]);
    assert.match(found[0].message, /Out 400 is past the end of "Product launch keynote" \(312\.48 s long\)/);
    assert.match(found[1].message, /nothing to play/);
  });

  test('cloud/out-beyond-duration: numbers written as strings count, audio tracks too', () => {
    const found = cloud(timeline({ AudioTracks: [{ AudioTrackClips: [{ MediaId: AUDIO, In: '0', Out: '200' }] }] }));
    assert.deepEqual(found.map((f) => [f.code, f.text]), [['cloud/out-beyond-duration', '"Out": "200"']]);
  });

  test('cloud/media-type: image as video, image as audio, audio as video, video as image', () => {
    const found = cloud(timeline({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: IMAGE, In: 0, Out: 3 }, { MediaId: AUDIO, In: 0, Out: 3 }, { MediaId: VIDEO, Type: 'Image', Duration: 2 }] }],
      AudioTracks: [{ AudioTrackClips: [{ MediaId: IMAGE }] }],
    }));
    assert.deepEqual(found.map((f) => [f.code, f.text]), [
      ['cloud/media-type', `"${IMAGE}"`], ['cloud/media-type', `"${AUDIO}"`], ['cloud/media-type', `"${VIDEO}"`], ['cloud/media-type', `"${IMAGE}"`],
    ]);
    assert.match(found[0].message, /is an image: on a video track give the clip "Type": "Image"/);
    assert.match(found[1].message, /is an audio file: put it on an audio track/);
    assert.match(found[2].message, /is a video file, not an image/);
    assert.match(found[3].message, /is an image, not audio/);
  });

  test('an image used as video is not also measured against a duration it does not have', () => {
    const found = cloud(video({ MediaId: IMAGE, In: 0, Out: 30 }));
    assert.deepEqual(found.map((f) => f.code), ['cloud/media-type']);
  });

  test('cloud/materials: over 200 real media once legacy ImageId clips count, not when MediaIds alone are over', () => {
    const many: CloudMedia[] = [];
    const clips: Record<string, unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      const id = (0x10000 + i).toString(16).padStart(32, '0');
      many.push({ mediaId: id, found: true, type: 'video', duration: 10, status: 'Normal' });
      clips.push({ MediaId: id, In: 0, Out: 1 });
    }
    many.push({ mediaId: IMAGE, found: true, type: 'image', status: 'Normal' });
    const media = (id: string) => many.find((m) => m.mediaId === id);
    const text = timeline({ VideoTracks: [{ VideoTrackClips: clips }], ImageTracks: [{ ImageTrackClips: [{ ImageId: IMAGE }] }] });
    const found = cloud(text, { media });
    assert.deepEqual(found.map((f) => [f.code, f.severity, f.text]), [['cloud/materials', 'warning', `"${IMAGE}"`]]);
    assert.match(found[0].message, /201 distinct media/);
    // 201 MediaIds: limits/materials (an error) already says it; the cloud does not repeat it.
    const local = timeline({ VideoTracks: [{ VideoTrackClips: [...clips, { MediaId: IMAGE, Type: 'Image', Duration: 1 }] }] });
    assert.deepEqual(cloud(local, { media }).filter((f) => f.code === 'cloud/materials'), []);
    // Unknown IDs do not count.
    assert.deepEqual(cloud(text, { media: (id) => (id === IMAGE ? { mediaId: id, found: false } : media(id)) }).filter((f) => f.code === 'cloud/materials'), []);
  });

  test('severity overrides from vod-timeline.config.json apply (code and group)', () => {
    assert.deepEqual(cloud(video({ MediaId: GONE }), { rules: { 'cloud/*': 'off' } }), []);
    assert.equal(cloud(video({ MediaId: GONE }), { rules: { 'cloud/unknown-media': 'error' } })[0].severity, 'error');
  });

  test('messages in Simplified Chinese', () => {
    assert.match(cloud(video({ MediaId: VIDEO, In: 0, Out: 400 }), { locale: 'zh-cn' })[0].message, /超出了“Product launch keynote”的结尾/);
  });

  test('inside a Timeline written as a JSON string, ranges point into the string', () => {
    const text = JSON.stringify({ ProjectId: 'p', Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: GONE }] }] }) });
    const found = cloud(text);
    assert.equal(found.length, 1);
    assert.ok(found[0].text.includes(GONE), found[0].text);
  });

  test('cloudMediaIds lists distinct MediaIds and legacy IDs in order', () => {
    const doc = service.parse(timeline({ VideoTracks: [{ VideoTrackClips: [{ MediaId: VIDEO }, { VideoId: AUDIO }, { MediaId: VIDEO }] }], ImageTracks: [{ ImageTrackClips: [{ ImageId: IMAGE }] }] }));
    assert.deepEqual(cloudMediaIds(doc), [VIDEO, AUDIO, IMAGE]);
    assert.deepEqual(cloudMediaIds(service.parse('{')), []);
  });
});

suite('cloud hover', () => {
  const at = (doc: TimelineDocument, needle: string) => doc.text.indexOf(needle) + 3;

  test('mediaIdAt finds the MediaId value under the cursor, not the key', () => {
    const doc = service.parse(video({ MediaId: VIDEO, In: 0 }));
    assert.equal(mediaIdAt(doc, at(doc, VIDEO)), VIDEO);
    assert.equal(mediaIdAt(doc, doc.text.indexOf('MediaId') + 2), undefined);
    assert.equal(mediaIdAt(doc, doc.text.indexOf('"In"') + 2), undefined);
  });

  test('a hovered MediaId shows title, duration, resolution, status, cover and console link first', () => {
    const doc = service.parse(video({ MediaId: VIDEO, In: 0, Out: 10 }));
    const h = hover(doc, at(doc, VIDEO), service.schema, service.schemaZh, 'en', lookup)!;
    assert.ok(h.contents.startsWith('_Media library_'), h.contents);
    assert.match(h.contents, /\*\*Product launch keynote\*\* · video/);
    assert.match(h.contents, /Duration: 5:12\.48 \(312\.48 s\)/);
    assert.match(h.contents, /Resolution: 1920×1080/);
    assert.match(h.contents, /Status: Normal/);
    assert.match(h.contents, /!\[cover\]\(https:\/\/example\.invalid\/cover\/0\.jpg\)/);
    assert.match(h.contents, /\[Open in the VOD console\]\(https:\/\/vod\.console\.aliyun\.com/);
    // The field's own documentation follows.
    assert.match(h.contents, /\*\*MediaId\*\*\n\nID of the VOD media/);
  });

  test('unknown media, a status that is not Normal, Chinese, and no lookup at all', () => {
    const doc = service.parse(video({ MediaId: GONE }, { MediaId: BUSY }));
    assert.match(hover(doc, at(doc, GONE), service.schema, service.schemaZh, 'en', lookup)!.contents, /Not in your VOD media library/);
    assert.match(hover(doc, at(doc, BUSY), service.schema, service.schemaZh, 'en', lookup)!.contents, /Status: \*\*Transcoding\*\* ⚠/);
    assert.match(hover(doc, at(doc, BUSY), service.schema, service.schemaZh, 'zh-cn', lookup)!.contents, /时长：10:00（600 秒）/);
    assert.doesNotMatch(hover(doc, at(doc, BUSY), service.schema, service.schemaZh, 'en')!.contents, /Media library/);
  });

  test('titles are escaped and only http(s) images and links are shown', () => {
    const doc = service.parse(video({ MediaId: VIDEO }));
    const evil: CloudMedia = { mediaId: VIDEO, found: true, title: 'a *b* [c](javascript:x)', coverUrl: 'javascript:alert(1)', consoleUrl: 'https://x.invalid/a b(c)' };
    const h = hover(doc, at(doc, VIDEO), service.schema, service.schemaZh, 'en', () => evil)!.contents;
    assert.match(h, /\*\*a \\\*b\\\* \\\[c\\\]\\\(javascript:x\\\)\*\*/);
    assert.doesNotMatch(h, /!\[cover\]/);
    assert.match(h, /\(https:\/\/x\.invalid\/a%20b%28c%29\)/);
  });
});
