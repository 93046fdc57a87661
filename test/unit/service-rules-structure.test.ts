// structure/* diagnostics: every code at its exact position with a near miss.

import * as assert from 'node:assert/strict';
import { ruleCases } from '../helpers/rules';
import { diagnose, json, withCode } from '../helpers/service';

const video = { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] };

suite('service rules: structure', () => {
  ruleCases('structure', [
    {
      code: 'structure/no-tracks', name: 'a video track without clips and no audio',
      text: json({ VideoTracks: [{ VideoTrackClips: [] }] }),
      expect: [{ severity: 'error', range: '1:2-1:15', text: '"VideoTracks"', message: /no video track and no audio track with clips.*Both video tracks and audio tracks are empty/ }],
      nearMiss: json({ VideoTracks: [{ VideoTrackClips: [] }], AudioTracks: [{ AudioTrackClips: [{ MediaId: 'a' }] }] }),
    },
    {
      code: 'structure/no-tracks', name: 'only subtitles: reported on the opening brace',
      text: json({ SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'Hi' }] }] }),
      expect: [{ severity: 'error', range: '0:0-0:1', text: '{', message: /no video track and no audio track/ }],
      nearMiss: json({ ...video, SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'Hi' }] }] }),
    },
    {
      code: 'structure/no-tracks', name: 'an empty Timeline object in a produce document',
      text: json({ Timeline: {} }),
      expect: [{ severity: 'error', range: '1:14-1:15', text: '{', message: /no video track and no audio track/ }],
      nearMiss: json({ Timeline: video }),
    },
    {
      code: 'structure/image-tracks-without-video', name: 'image overlays over audio only',
      text: json({ ImageTracks: [{ ImageTrackClips: [{ MediaId: 'logo' }] }], AudioTracks: [{ AudioTrackClips: [{ MediaId: 'a' }] }] }),
      expect: [{ severity: 'warning', range: '1:2-1:15', text: '"ImageTracks"', message: /ImageTracks are drawn over video tracks/ }],
      nearMiss: json({ ImageTracks: [{ ImageTrackClips: [] }], AudioTracks: [{ AudioTrackClips: [{ MediaId: 'a' }] }] }),
      nearMissAllows: ['schema/deprecated'],
    },
    {
      code: 'structure/subtitle-text', name: 'subtitle words in "Text" (safe rename to Content)',
      text: json({ ...video, SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Text: '你好' }] }] }),
      expect: [{ severity: 'warning', range: '15:10-15:16', text: '"Text"', message: /Subtitle text goes in "Content", not "Text"/ }],
      fixed: json({ ...video, SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: '你好' }] }] }),
      nearMiss: json({ ...video, SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: '你好' }] }] }),
    },
    {
      code: 'structure/subtitle-text', name: 'in a Text effect of a video clip',
      text: json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Effects: [{ Type: 'Text', Content: 'A', Text: 'B' }] }] }] }),
      expect: [{ severity: 'warning', range: '10:14-10:20', text: '"Text"', message: /goes in "Content"/ }],
      nearMiss: json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Effects: [{ Type: 'Text', Content: 'A' }] }] }] }),
    },
    {
      code: 'structure/effect-track-mixed', name: 'VFX and Filter items on one effect track',
      text: json({ ...video, EffectTracks: [{ EffectTrackItems: [{ Type: 'VFX', SubType: 'h_blur' }, { Type: 'Filter', SubType: 'm1' }] }] }),
      expect: [{ severity: 'warning', range: '12:6-12:24', text: '"EffectTrackItems"', message: /mixes VFX, Filter items; put one effect type per EffectTrack/ }],
      nearMiss: json({ ...video, EffectTracks: [{ EffectTrackItems: [{ Type: 'VFX', SubType: 'h_blur' }] }, { EffectTrackItems: [{ Type: 'Filter', SubType: 'm1' }] }] }),
    },
  ]);

  test('subtitle-text without a fix when Content is also there', () => {
    const { diagnostics } = diagnose(json({ ...video, SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'a', Text: 'b' }] }] }));
    assert.deepEqual(diagnostics.map((d) => [d.code, d.fixes]), [['structure/subtitle-text', undefined]]);
  });

  test('an Image-type clip on a video track counts as video: no no-tracks error', () => {
    const { list } = diagnose(json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'logo', Type: 'Image', Duration: 5 }] }] }));
    assert.deepEqual(withCode(list, 'structure/no-tracks'), []);
  });

  test('a document with no Timeline object at all gets no structure diagnostics', () => {
    assert.deepEqual(diagnose(json({ ProjectId: 'p' })).list, []);
    assert.deepEqual(diagnose(json({ Timeline: 5 })).list.map((d) => d.code), ['schema/type']);
  });
});
