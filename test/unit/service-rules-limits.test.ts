// limits/* diagnostics (ProduceEditingProjectVideo limits): every code at its exact position with a
// near miss, and the boundaries themselves.

import * as assert from 'node:assert/strict';
import { ruleCases } from '../helpers/rules';
import { diagnose, json, withCode } from '../helpers/service';

const video = { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] };
/** One line, so that positions are easy to state. */
const flat = (value: unknown) => JSON.stringify(value);
const tracks = (n: number) => Array.from({ length: n }, () => ({ VideoTrackClips: [{ MediaId: 'a' }] }));
const clips = (n: number) => Array.from({ length: n }, (_, i) => ({ MediaId: `m${String(i).padStart(3, '0')}` }));

suite('service rules: limits', () => {
  ruleCases('limits', [
    {
      code: 'limits/tracks', name: '101 video tracks',
      text: json({ VideoTracks: tracks(101) }),
      expect: [{ severity: 'error', range: '1:2-1:15', text: '"VideoTracks"', message: /101 video tracks; at most 100 are allowed/ }],
      nearMiss: json({ VideoTracks: tracks(100) }),
    },
    {
      code: 'limits/tracks', name: '101 subtitle tracks',
      text: flat({ ...video, SubtitleTracks: Array.from({ length: 101 }, () => ({ SubtitleTrackClips: [{ Type: 'Text', Content: 'x' }] })) }),
      expect: [{ severity: 'error', range: '0:55-0:71', text: '"SubtitleTracks"', message: /101 subtitle tracks; at most 100/ }],
      nearMiss: flat({ ...video, SubtitleTracks: Array.from({ length: 100 }, () => ({ SubtitleTrackClips: [{ Type: 'Text', Content: 'x' }] })) }),
    },
    {
      code: 'limits/materials', name: '201 distinct MediaIds: reported at the 201st',
      // {"VideoTracks":[{"VideoTrackClips":[ is 36 characters; each clip {"MediaId":"m000"}, is 19.
      text: flat({ VideoTracks: [{ VideoTrackClips: clips(201) }] }),
      expect: [{ severity: 'error', range: `0:${36 + 200 * 19 + 11}-0:${36 + 200 * 19 + 17}`, text: '"m200"', message: /uses 201 distinct materials; at most 200 are allowed/ }],
      // 300 clips, 200 distinct ids (reused ids count once), spread over tracks of both kinds.
      nearMiss: flat({ VideoTracks: [{ VideoTrackClips: [...clips(150), ...clips(100)] }], AudioTracks: [{ AudioTrackClips: clips(200).slice(150) }] }),
    },
    {
      code: 'limits/resolution', name: 'a width below 128 px',
      text: json({ ProjectId: 'p', ProduceConfig: { Width: 100, Height: 720 } }),
      expect: [{ severity: 'error', range: '3:13-3:16', text: '100', message: /"Width" must be between 128 and 4096 \(pixels\); it is 100/ }],
      nearMiss: json({ ProjectId: 'p', ProduceConfig: { Width: 128, Height: 4096 } }),
    },
    {
      code: 'limits/resolution', name: 'both sides above 2160 px (3840 × 2200)',
      text: json({ ProjectId: 'p', ProduceConfig: { Width: 3840, Height: 2200 } }),
      expect: [{ severity: 'error', range: '4:4-4:18', text: '"Height": 2200', message: /shorter side of the output \(2200 px\) must be at most 2160 px/ }],
      nearMiss: json({ ProjectId: 'p', ProduceConfig: { Width: 3840, Height: 2160 } }),
    },
    {
      code: 'limits/resolution', name: 'a portrait 2200 × 3840 output: the width is the shorter side',
      text: json({ ProjectId: 'p', ProduceConfig: { Width: '2200', Height: 3840 } }),
      expect: [{ severity: 'error', range: '3:4-3:19', text: '"Width": "2200"', message: /shorter side of the output \(2200 px\)/ }],
      nearMiss: json({ ProjectId: 'p', ProduceConfig: { Width: 2160, Height: 3840 } }),
    },
    {
      code: 'limits/resolution', name: 'inside ProduceConfig written as a JSON string (the SDK request form), at the value in the string',
      text: json({ ProjectId: 'p', ProduceConfig: '{"Width":5000,"Height":720}' }),
      expect: [{ severity: 'error', range: '2:31-2:35', text: '5000', message: /"Width" must be between 128 and 4096 \(pixels\); it is 5000/ }],
      nearMiss: json({ ProjectId: 'p', ProduceConfig: '{"Width":1280,"Height":720}' }),
      nearMissAllows: ['schema/stringified-json'],
    },
    {
      code: 'limits/resolution-zero', name: 'Width 0 and Height 0, a Go struct left unset: hints with a removal fix',
      text: json({ ProjectId: 'p', ProduceConfig: { Width: 0, Height: 0, TemplateGroupId: 'g' } }),
      expect: [
        { severity: 'hint', range: '3:13-3:14', text: '0', message: /"Width" is 0, which is how an unset size is written .* takes the largest size among the sources/ },
        { severity: 'hint', range: '4:14-4:15', text: '0', message: /"Height" is 0/ },
      ],
      fixed: json({ ProjectId: 'p', ProduceConfig: { Height: 0, TemplateGroupId: 'g' } }),
      nearMiss: json({ ProjectId: 'p', ProduceConfig: { Width: 1280, Height: 720 } }),
    },
    {
      code: 'limits/user-data', name: 'UserData over 256 characters as the JSON string sent',
      text: json({ ProjectId: 'p', UserData: { Extend: { note: 'x'.repeat(235) } } }),
      expect: [{ severity: 'error', range: '2:2-2:12', text: '"UserData"', message: /UserData is 257 characters as a JSON string; at most 256/ }],
      // {"Extend":{"note":"…"}} is 22 + n characters: 234 x's make exactly 256.
      nearMiss: json({ ProjectId: 'p', UserData: { Extend: { note: 'x'.repeat(234) } } }),
    },
    {
      code: 'limits/media-metadata', name: 'a Title of 43 CJK characters (129 bytes)',
      text: json({ ProjectId: 'p', MediaMetadata: { Title: '标'.repeat(43) } }),
      expect: [{ severity: 'error', range: '3:13-3:58', text: `"${'标'.repeat(43)}"`, message: /"Title" is 129 bytes in UTF-8; at most 128/ }],
      nearMiss: json({ ProjectId: 'p', MediaMetadata: { Title: '标'.repeat(42) + 'ab' } }),
    },
    {
      code: 'limits/media-metadata', name: '17 tags, and a tag over 32 bytes',
      text: json({ ProjectId: 'p', MediaMetadata: { Tags: [...Array.from({ length: 16 }, (_, i) => `t${i}`), '新品发布会新品发布会新品'].join(',') } }),
      expect: [
        { severity: 'error', range: '3:12-3:80', text: '"t0,t1,t2,t3,t4,t5,t6,t7,t8,t9,t10,t11,t12,t13,t14,t15,新品发布会新品发布会新品"', message: /Tags has 17 tags; at most 16/ },
        { severity: 'error', range: '3:12-3:80', text: '"t0,t1,t2,t3,t4,t5,t6,t7,t8,t9,t10,t11,t12,t13,t14,t15,新品发布会新品发布会新品"', message: /The tag "新品发布会新品发布会新品" is 36 bytes in UTF-8; at most 32/ },
      ],
      nearMiss: json({ ProjectId: 'p', MediaMetadata: { Tags: [...Array.from({ length: 15 }, (_, i) => `t${i}`), '新品发布会新品发布会'].join(', ') } }),
    },
  ]);

  test('a UserData string is measured as written', () => {
    const inner = JSON.stringify({ Extend: 'y'.repeat(250) });
    const { list } = diagnose(json({ ProjectId: 'p', UserData: inner }));
    const codes = list.map((d) => [d.code, d.severity]);
    // Once: the string's content is checked as the UserData object it holds, not as an over-long string too.
    assert.deepEqual(codes.filter(([c]) => c !== 'schema/stringified-json'), [['limits/user-data', 'error']]);
    assert.match(withCode(list, 'limits/user-data')[0].message, /is 263 characters/);
  });

  test('101 image tracks are reported as limits/tracks (with the deprecation warning)', () => {
    const text = flat({ ...video, ImageTracks: Array.from({ length: 101 }, () => ({ ImageTrackClips: [{ MediaId: 'x' }] })) });
    assert.deepEqual(diagnose(text).list.map((d) => [d.code, d.severity, d.text]), [['schema/deprecated', 'warning', '"ImageTracks"'], ['limits/tracks', 'error', '"ImageTracks"']]);
  });

  test('200 audio tracks are not limited (no documented limit)', () => {
    const text = flat({ AudioTracks: Array.from({ length: 200 }, () => ({ AudioTrackClips: [{ MediaId: 'a' }] })) });
    assert.deepEqual(diagnose(text).list, []);
  });

  test('resolution limits apply to the produce document only, and both sides may be wrong at once', () => {
    const { list } = diagnose(json({ ProjectId: 'p', ProduceConfig: { Width: 5000, Height: 64 } }));
    assert.deepEqual(list.map((d) => [d.code, d.text]), [['limits/resolution', '5000'], ['limits/resolution', '64']]);
  });
});
