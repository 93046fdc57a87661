// timing/* diagnostics: every code at its exact position with a near miss, and the policy that
// In ≥ Out and overlaps are warnings (nothing documents that the service rejects them), and a pair of
// zeros is an unset Go pair, not In ≥ Out.

import * as assert from 'node:assert/strict';
import { ruleCases } from '../helpers/rules';
import { diagnose, json, service, videoTimeline, withCode } from '../helpers/service';

const transition = (Duration?: number) => ({ Type: 'Transition', SubType: 'fade', ...(Duration === undefined ? {} : { Duration }) });
const twoVideoTracks = (a: Record<string, unknown>, b: Record<string, unknown>) => json({ VideoTracks: [{ VideoTrackClips: [a] }, { VideoTrackClips: [b] }] });

suite('service rules: timing', () => {
  ruleCases('timing', [
    {
      code: 'timing/in-not-before-out', name: 'In after Out: a warning that says what is likely, with a swap fix',
      text: videoTimeline({ MediaId: 'a', In: 8, Out: 5 }),
      expect: [{ severity: 'warning', range: '6:10-6:17', text: '"In": 8', message: /In \(8 s\) is not before Out \(5 s\): the clip has no content\. What the service does is not documented; most likely it leaves the clip out or the production fails/ }],
      fixed: videoTimeline({ MediaId: 'a', In: 5, Out: 8 }),
      nearMiss: videoTimeline({ MediaId: 'a', In: 5, Out: 5.01 }),
    },
    {
      code: 'timing/in-not-before-out', name: 'In equal to Out (no swap to offer)',
      text: videoTimeline({ MediaId: 'a', In: 5, Out: 5 }),
      expect: [{ severity: 'warning', range: '6:10-6:17', text: '"In": 5', message: /In \(5 s\) is not before Out \(5 s\)/ }],
      nearMiss: videoTimeline({ MediaId: 'a', In: 5 }),
    },
    {
      code: 'timing/in-not-before-out', name: 'on an audio clip, with numbers written as strings',
      text: json({ AudioTracks: [{ AudioTrackClips: [{ MediaId: 'a', In: '30', Out: '12.5' }] }] }),
      expect: [{ severity: 'warning', range: '6:10-6:20', text: '"In": "30"', message: /In \(30 s\) is not before Out \(12\.5 s\)/ }],
      fixed: json({ AudioTracks: [{ AudioTrackClips: [{ MediaId: 'a', In: '12.5', Out: '30' }] }] }),
      nearMiss: json({ AudioTracks: [{ AudioTrackClips: [{ MediaId: 'a', In: 12.5, Out: 30 }] }] }),
    },
    {
      code: 'timing/timeline-in-not-before-out', name: 'TimelineIn after TimelineOut',
      text: videoTimeline({ MediaId: 'a', TimelineIn: 8, TimelineOut: 5 }),
      expect: [{ severity: 'warning', range: '6:10-6:25', text: '"TimelineIn": 8', message: /TimelineIn \(8 s\) is not before TimelineOut \(5 s\): the clip takes no time in the output\. What the service does is not documented; most likely the clip does not appear/ }],
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 3, TimelineIn: 5, TimelineOut: 8 }),
    },
    {
      code: 'timing/in-out-zero', name: 'In 0 and Out 0 (an unset Go pair): a hint with a fix that removes both, not In ≥ Out',
      text: videoTimeline({ MediaId: 'a', In: 0, Out: 0, TimelineIn: 2 }),
      expect: [{ severity: 'hint', range: '6:10-6:17', text: '"In": 0', message: /In and Out are both 0, which is how an unset pair is written .* plays the source from its start to its end/ }],
      fixed: videoTimeline({ MediaId: 'a', TimelineIn: 2 }),
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 5 }),
    },
    {
      code: 'timing/timeline-in-out-zero', name: 'TimelineIn 0 and TimelineOut 0 (an unset Go pair): a warning with a fix that removes both',
      text: videoTimeline({ MediaId: 'a', In: 0, Out: 5, TimelineIn: 0, TimelineOut: 0 }),
      expect: [{ severity: 'warning', range: '8:10-8:25', text: '"TimelineIn": 0', message: /TimelineIn and TimelineOut are both 0, .* most likely places the clip as if they were absent .* read literally, the clip would not appear/ }],
      fixed: videoTimeline({ MediaId: 'a', In: 0, Out: 5 }),
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 5, TimelineIn: 0, TimelineOut: 5 }),
    },
    {
      code: 'timing/negative', name: 'a negative In (a warning, instead of the schema minimum)',
      text: videoTimeline({ MediaId: 'a', In: -1.5, Out: 5 }),
      expect: [{ severity: 'warning', range: '6:16-6:20', text: '-1.5', message: /"In" is negative \(-1\.5 s\); times start at 0/ }],
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 5 }),
    },
    {
      code: 'timing/negative', name: 'a negative TimelineIn on an effect',
      text: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Volume', Gain: 1, TimelineIn: -2 }] }),
      expect: [{ severity: 'warning', range: '10:28-10:30', text: '-2', message: /"TimelineIn" is negative/ }],
      nearMiss: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Volume', Gain: 1, TimelineIn: 0 }] }),
    },
    {
      code: 'timing/overlap', name: 'two video clips placed over each other on one track',
      text: videoTimeline({ MediaId: 'a', In: 0, Out: 10, TimelineIn: 0, TimelineOut: 10 }, { MediaId: 'b', In: 0, Out: 10, TimelineIn: 5, TimelineOut: 15 }),
      expect: [{ severity: 'warning', range: '11:8-11:9', text: '{', message: /This clip \(5–15 s\) overlaps the previous clip on the same track \(0–10 s\)/ }],
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 10, TimelineIn: 0, TimelineOut: 10 }, { MediaId: 'b', In: 0, Out: 10, TimelineIn: 10, TimelineOut: 20 }),
    },
    {
      code: 'timing/overlap', name: 'an audio clip placed into the previous one (implicit start of the first)',
      text: json({ AudioTracks: [{ AudioTrackClips: [{ MediaId: 'a', In: 0, Out: 10 }, { MediaId: 'b', In: 0, Out: 10, TimelineIn: 4 }] }] }),
      expect: [{ severity: 'warning', range: '9:8-9:9', text: '{', message: /\(4–14 s\) overlaps .* \(0–10 s\)/ }],
      // Overlap that a Transition asks for is not reported.
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 10, Effects: [transition(1)] }, { MediaId: 'b', In: 0, Out: 10, TimelineIn: 9 }),
    },
    {
      code: 'timing/transition-on-last-clip', name: 'a Transition on the last clip (fix removes the effect)',
      text: videoTimeline({ MediaId: 'a', In: 0, Out: 10 }, { MediaId: 'b', In: 0, Out: 10, Effects: [transition(1)] }),
      expect: [{ severity: 'warning', range: '14:12-14:13', text: '{', message: /Transition on the last clip of a track has no next clip/ }],
      fixed: videoTimeline({ MediaId: 'a', In: 0, Out: 10 }, { MediaId: 'b', In: 0, Out: 10, Effects: [] }).replace('"Effects": []', '"Effects": [\n            \n          ]'),
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 10, Effects: [transition(1)] }, { MediaId: 'b', In: 0, Out: 10 }),
    },
    {
      code: 'timing/transition-too-long', name: 'a 3 s Transition on a 2 s clip',
      text: videoTimeline({ MediaId: 'a', In: 0, Out: 2, Effects: [transition(3)] }, { MediaId: 'b', In: 0, Out: 10 }),
      expect: [{ severity: 'warning', range: '9:12-9:13', text: '{', message: /The Transition lasts 3 s, longer than the clip it starts from \(2 s\)/ }],
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 2, Effects: [transition(2)] }, { MediaId: 'b', In: 0, Out: 10 }),
    },
    {
      code: 'timing/transition-too-long', name: 'the default 1 s Transition on a clip sped up to 0.5 s',
      text: videoTimeline({ MediaId: 'a', In: 0, Out: 1, Speed: 2, Effects: [transition()] }, { MediaId: 'b', In: 0, Out: 10 }),
      expect: [{ severity: 'warning', range: '10:12-10:13', text: '{', message: /lasts 1 s, longer than the clip it starts from \(0\.5 s\)/ }],
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 1, Effects: [transition()] }, { MediaId: 'b', In: 0, Out: 10 }),
    },
    {
      code: 'timing/duration-mismatch', name: 'TimelineOut − TimelineIn differs from Out − In',
      text: videoTimeline({ MediaId: 'a', In: 0, Out: 10, TimelineIn: 0, TimelineOut: 8 }),
      expect: [{ severity: 'warning', range: '9:10-9:26', text: '"TimelineOut": 8', message: /TimelineOut − TimelineIn is 8 s but \(Out − In\) \/ Speed is 10 s/ }],
      // Within 0.05 s, and with Speed taken into account.
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 10, TimelineIn: 0, TimelineOut: 10.04 }, { MediaId: 'b', In: 0, Out: 10, Speed: 2, TimelineIn: 20, TimelineOut: 25 }),
    },
    {
      code: 'timing/reference-clip', name: 'a ReferenceClipId that names no ClipId',
      text: twoVideoTracks({ MediaId: 'a', ClipId: 'intro' }, { MediaId: 'b', ReferenceClipId: 'intor' }),
      expect: [{ severity: 'warning', range: '14:29-14:36', text: '"intor"', message: /ReferenceClipId "intor" does not match any ClipId/ }],
      nearMiss: twoVideoTracks({ MediaId: 'a', ClipId: 'intro' }, { MediaId: 'b', ReferenceClipId: 'intro' }),
    },
    {
      code: 'timing/reference-clip', name: 'a reference to a clip on the same track',
      text: videoTimeline({ MediaId: 'a', ClipId: 'intro' }, { MediaId: 'b', ReferenceClipId: 'intro' }),
      expect: [{ severity: 'warning', range: '10:29-10:36', text: '"intro"', message: /points to a clip on the same track/ }],
      nearMiss: twoVideoTracks({ MediaId: 'a', ClipId: 'intro' }, { MediaId: 'b', ReferenceClipId: 'intro' }),
    },
    {
      code: 'timing/reference-clip', name: 'a clip referencing itself',
      text: videoTimeline({ MediaId: 'a', ClipId: 'intro', ReferenceClipId: 'intro' }),
      expect: [{ severity: 'warning', range: '7:29-7:36', text: '"intro"', message: /cannot reference its own ClipId/ }],
      nearMiss: videoTimeline({ MediaId: 'a', ClipId: 'intro' }),
    },
    {
      code: 'timing/duplicate-clip-id', name: 'one ClipId on two clips: both are reported',
      text: twoVideoTracks({ MediaId: 'a', ClipId: 'x' }, { MediaId: 'b', ClipId: 'x' }),
      expect: [
        { severity: 'warning', range: '6:20-6:23', text: '"x"', message: /ClipId "x" is used by more than one clip/ },
        { severity: 'warning', range: '14:20-14:23', text: '"x"', message: /ClipId "x" is used by more than one clip/ },
      ],
      nearMiss: twoVideoTracks({ MediaId: 'a', ClipId: 'x' }, { MediaId: 'b', ClipId: 'y' }),
    },
    {
      code: 'timing/multiple-main-tracks', name: 'a video and an audio main track',
      text: json({ VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 10 }] }], AudioTracks: [{ MainTrack: true, AudioTrackClips: [{ MediaId: 'b', In: 0, Out: 8 }] }] }),
      expect: [{ severity: 'warning', range: '15:6-15:23', text: '"MainTrack": true', message: /the service uses the first one \(VideoTracks\[0\]\)/ }],
      nearMiss: json({ VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 10 }] }], AudioTracks: [{ MainTrack: false, AudioTrackClips: [{ MediaId: 'b', In: 0, Out: 8 }] }] }),
    },
    {
      code: 'timing/after-output-end', name: 'an audio clip that starts when the main track has ended',
      text: json({ VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 10 }] }], AudioTracks: [{ AudioTrackClips: [{ MediaId: 'b', In: 0, Out: 5, TimelineIn: 12 }] }] }),
      expect: [{ severity: 'warning', range: '16:8-16:9', text: '{', message: /starts at 12 s, after the output ends at 10 s/ }],
      nearMiss: json({ VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 10 }] }], AudioTracks: [{ AudioTrackClips: [{ MediaId: 'b', In: 0, Out: 5, TimelineIn: 9.9 }] }] }),
    },
  ]);

  test('policy: In ≥ Out and overlap are warnings (the reference lists both under warnings)', () => {
    const text = videoTimeline({ MediaId: 'a', In: 0, Out: 10, TimelineIn: 0, TimelineOut: 10 }, { MediaId: 'b', In: 7, Out: 3, TimelineIn: 5, TimelineOut: 9 });
    const { list } = diagnose(text);
    assert.deepEqual(list.map((d) => [d.code, d.severity]), [['timing/overlap', 'warning'], ['timing/in-not-before-out', 'warning']]);
  });

  test('a zero pair is read as not set: the clip is laid out as without it (no transition-too-long)', () => {
    const text = videoTimeline({ MediaId: 'a', In: 0, Out: 5, TimelineIn: 0, TimelineOut: 0, Effects: [transition(0.5)] }, { MediaId: 'b', In: 0, Out: 5, TimelineIn: 0, TimelineOut: 0 });
    const { list } = diagnose(text);
    assert.deepEqual(list.map((d) => [d.code, d.severity]), [['timing/timeline-in-out-zero', 'warning'], ['timing/timeline-in-out-zero', 'warning']]);
    const layout = service.layout(service.parse(text))!;
    assert.deepEqual(layout.tracks[0].clips.map((c) => [c.start, c.end]), [[0, 5], [4.5, 9.5]]);
  });

  test('an unknown clip length (no Out) is never called an overlap', () => {
    const text = videoTimeline({ MediaId: 'a', In: 5 }, { MediaId: 'b', In: 0, Out: 3, TimelineIn: 2 });
    assert.deepEqual(diagnose(text).list, []);
  });

  test('overlap is checked per track: the same times on two tracks are fine, and a third clip overlapping the first is found after a gap', () => {
    assert.deepEqual(diagnose(twoVideoTracks({ MediaId: 'a', In: 0, Out: 10 }, { MediaId: 'b', In: 0, Out: 10 })).list, []);
    const text = videoTimeline(
      { MediaId: 'a', In: 0, Out: 20, TimelineIn: 0, TimelineOut: 20 },
      { MediaId: 'b', In: 0, Out: 5, TimelineIn: 2, TimelineOut: 7 },
      { MediaId: 'c', In: 0, Out: 5, TimelineIn: 10, TimelineOut: 15 },
    );
    // Both later clips lie inside the first one.
    assert.deepEqual(withCode(diagnose(text).list, 'timing/overlap').map((d) => d.range), ['11:8-11:9', '18:8-18:9']);
  });

  test('a Transition allows overlap only up to its Duration', () => {
    const within = videoTimeline({ MediaId: 'a', In: 0, Out: 10, Effects: [transition(2)] }, { MediaId: 'b', In: 0, Out: 5, TimelineIn: 8 });
    assert.deepEqual(diagnose(within).list, []);
    const beyond = videoTimeline({ MediaId: 'a', In: 0, Out: 10, Effects: [transition(2)] }, { MediaId: 'b', In: 0, Out: 5, TimelineIn: 7 });
    assert.deepEqual(diagnose(beyond).list.map((d) => d.code), ['timing/overlap']);
  });

  test('image clips and subtitle clips are exempt from the duration check; a TimelineOut past the media is fine without In/Out', () => {
    const text = json({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 10 }] }, { VideoTrackClips: [{ MediaId: 'logo', Type: 'Image', In: 0, Out: 1, TimelineIn: 0, TimelineOut: 10 }] }],
      SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'Hi', TimelineIn: 1, TimelineOut: 3 }] }],
    });
    assert.deepEqual(diagnose(text).list, []);
  });

  test('a transition on the last clip of each of two tracks is reported twice; audio tracks are not checked', () => {
    const text = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Effects: [transition(1)] }] }, { VideoTrackClips: [{ MediaId: 'b', Effects: [transition(1)] }] }] });
    assert.equal(withCode(diagnose(text).list, 'timing/transition-on-last-clip').length, 2);
  });

  test('three main tracks: the second and third are reported, pointing at the first', () => {
    const text = json({ VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a' }] }, { MainTrack: true, VideoTrackClips: [{ MediaId: 'b' }] }], AudioTracks: [{ MainTrack: 'true', AudioTrackClips: [{ MediaId: 'c' }] }] });
    const { diagnostics, list } = diagnose(text);
    const main = withCode(list, 'timing/multiple-main-tracks');
    assert.equal(main.length, 2);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'timing/multiple-main-tracks').map((d) => d.related!.length), [1, 1]);
    // "true" as a string is read as true (and the schema warns about the string).
    assert.ok(list.some((d) => d.code === 'schema/unconfirmed' && d.text === '"true"' && d.severity === 'warning'));
  });
});
