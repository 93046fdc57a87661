// Tricky cases of the shared layout: omitted times, Speed, transitions, unknown media lengths, images'
// Duration, the main track, MaxDuration, ReferenceClipId, whole-output items and effect tracks.

import * as assert from 'node:assert/strict';
import { TimelineService, type ClipLayout, type Layout } from '../../server/src/service';

const service = new TimelineService();

function layout(timeline: unknown, options?: Parameters<TimelineService['layout']>[1]): Layout {
  const doc = service.parse(JSON.stringify(timeline, null, 2));
  const l = service.layout(doc, options);
  assert.ok(l, 'a timeline');
  return l;
}

const video = (...clips: unknown[]) => ({ VideoTrackClips: clips });
const audio = (...clips: unknown[]) => ({ AudioTrackClips: clips });
const times = (clips: ClipLayout[]) => clips.map((c) => [c.start, c.end]);
const transition = (Duration?: number) => ({ Type: 'Transition', SubType: 'fade', ...(Duration === undefined ? {} : { Duration }) });

suite('layout: cases', () => {
  test('omitted TimelineIn: clips follow each other from 0; TimelineIn resets the cursor', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', Out: 4 }, { MediaId: 'b', In: 2, Out: 5 }, { MediaId: 'c', Out: 2, TimelineIn: 20 }, { MediaId: 'd', Out: 1 })] });
    assert.deepEqual(times(l.tracks[0].clips), [[0, 4], [4, 7], [20, 22], [22, 23]]);
    assert.deepEqual(l.tracks[0].clips.map((c) => [c.implicitStart, c.implicitEnd]), [[true, true], [true, true], [false, true], [true, true]]);
    assert.equal(l.duration, 23);
  });

  test('an explicit TimelineOut wins over (Out − In) / Speed, and the next clip follows it', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', In: 0, Out: 10, TimelineOut: 6 }, { MediaId: 'b', Out: 1 })] });
    assert.deepEqual(times(l.tracks[0].clips), [[0, 6], [6, 7]]);
    assert.equal(l.tracks[0].clips[0].implicitEnd, false);
  });

  test('Speed divides the source length; invalid Speed counts as 1', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', In: 2, Out: 12, Speed: 2 }, { MediaId: 'b', Out: 3, Speed: 0.5 }, { MediaId: 'c', Out: 2, Speed: 0 }, { MediaId: 'd', Out: 2, Speed: '4' })] });
    assert.deepEqual(times(l.tracks[0].clips), [[0, 5], [5, 11], [11, 13], [13, 13.5]]);
    assert.deepEqual(l.tracks[0].clips.map((c) => c.speed), [2, 0.5, 1, 4]);
  });

  test('a Transition pulls the next clip in by its Duration (default 1 s) and shortens the output', () => {
    const l = layout({ VideoTracks: [video(
      { MediaId: 'a', Out: 10, Effects: [transition(2)] },
      { MediaId: 'b', Out: 10, Effects: [transition()] },
      { MediaId: 'c', Out: 10 },
    )] });
    assert.deepEqual(times(l.tracks[0].clips), [[0, 10], [8, 18], [17, 27]]);
    assert.deepEqual(l.tracks[0].clips.map((c) => c.transition), [2, 1, 0]);
    assert.equal(l.duration, 27, '30 s of material minus 3 s of transitions');
  });

  test('a Transition does not move a clip with an explicit TimelineIn, nor the end of the last clip', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', Out: 5, Effects: [transition(1)] }, { MediaId: 'b', Out: 5, TimelineIn: 5, Effects: [transition(1)] })] });
    assert.deepEqual(times(l.tracks[0].clips), [[0, 5], [5, 10]]);
    assert.equal(l.duration, 10);
  });

  test('a Transition longer than its clip never pulls the next clip before 0', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', Out: 1, Effects: [transition(3)] }, { MediaId: 'b', Out: 2 })] });
    assert.deepEqual(times(l.tracks[0].clips), [[0, 1], [0, 2]]);
  });

  test('unknown Out: the clip has an unknown end, later implicit clips an unknown start, the output a lower bound', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', Out: 4 }, { MediaId: 'b', In: 3 }, { MediaId: 'c', Out: 2 }, { MediaId: 'd', Out: 2, TimelineIn: 30 })] });
    assert.deepEqual(times(l.tracks[0].clips), [[0, 4], [4, null], [null, null], [30, 32]]);
    assert.equal(l.tracks[0].clips[1].sourceOut, null);
    assert.equal(l.tracks[0].end, null);
    assert.equal(l.duration, null);
    assert.equal(l.minDuration, 32);
  });

  test('media durations, when supplied, fill in Out (capped by MaxOut)', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', In: 3 }, { MediaId: 'b', MaxOut: 4 }, { MediaId: 'zzz' })] }, { mediaDuration: (id) => (id === 'zzz' ? undefined : 10) });
    assert.deepEqual(times(l.tracks[0].clips), [[0, 7], [7, 11], [11, null]]);
    assert.deepEqual(l.tracks[0].clips.map((c) => c.sourceOut), [10, 4, null]);
  });

  test('an image clip lasts its Duration (Speed does not apply); without Duration, Out − In', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', Type: 'Image', Duration: 3, Speed: 2 }, { MediaId: 'b', Type: 'Image', In: 0, Out: 4 }, { MediaId: 'c', Type: 'Image' }, { MediaId: 'd', Out: 1 })] });
    assert.deepEqual(times(l.tracks[0].clips), [[0, 3], [3, 7], [7, null], [null, null]]);
  });

  test('ImageTracks items start at 0 and, without times or Duration, last the whole output', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', Out: 12 })], ImageTracks: [{ ImageTrackClips: [{ MediaId: 'i' }, { MediaId: 'j', TimelineIn: 2, Duration: 3 }, { MediaId: 'k', TimelineIn: 5 }] }] });
    assert.deepEqual(times(l.tracks[1].clips), [[0, 12], [2, 5], [5, 12]]);
    assert.deepEqual([l.tracks[1].start, l.tracks[1].end], [0, 12]);
  });

  test('subtitles without times last the whole output; with TimelineIn only, until the end', () => {
    const l = layout({
      VideoTracks: [video({ MediaId: 'a', Out: 20 })],
      SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'all' }, { Type: 'Text', Content: 'tail', TimelineIn: 15 }, { Type: 'Text', Content: 'two', TimelineIn: 3, Duration: 2 }] }],
    });
    assert.deepEqual(times(l.tracks[1].clips), [[0, 20], [15, 20], [3, 5]]);
  });

  test('subtitles spanning an unknown output stay unknown', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a' })], SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'x' }] }] });
    assert.deepEqual(times(l.tracks[1].clips), [[0, null]]);
    assert.equal(l.tracks[1].end, null);
  });

  test('the output follows the main track: longer video is cut, a shorter main track shortens it', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', Out: 30 })], AudioTracks: [{ MainTrack: true, AudioTrackClips: [{ MediaId: 'm', Out: 12 }, { MediaId: 'n', Out: 6 }] }] });
    assert.equal(l.mainTrack?.kind, 'audio');
    assert.equal(l.duration, 18);
    assert.equal(l.minDuration, 18);
  });

  test('only the first main track counts; MainTrack written as a string counts too', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', Out: 5 }), { MainTrack: 'true', VideoTrackClips: [{ MediaId: 'b', Out: 9 }] }, { MainTrack: true, VideoTrackClips: [{ MediaId: 'c', Out: 2 }] }] });
    assert.equal(l.mainTrack?.index, 1);
    assert.equal(l.duration, 9);
  });

  test('a main track of unknown length leaves the output unknown even when other tracks are known', () => {
    const l = layout({ VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a', Out: 4 }, { MediaId: 'b' }] }, video({ MediaId: 'c', Out: 40 })] });
    assert.equal(l.duration, null);
    assert.equal(l.minDuration, 4);
  });

  test('without a main track: the longest video track; audio past the video is cut; audio alone counts', () => {
    assert.equal(layout({ VideoTracks: [video({ MediaId: 'a', Out: 10 }), video({ MediaId: 'b', Out: 14 })], AudioTracks: [audio({ MediaId: 'm', Out: 60 })] }).duration, 14);
    assert.equal(layout({ AudioTracks: [audio({ MediaId: 'm', Out: 60 }, { MediaId: 'n', Out: 5 })] }).duration, 65);
    assert.equal(layout({ VideoTracks: [] }).duration, 0);
  });

  test('MaxDuration caps the output (over the main track too) and fixes an unknown one it is sure to reach', () => {
    assert.equal(layout({ MaxDuration: 8, VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a', Out: 20 }] }] }).duration, 8);
    assert.equal(layout({ MaxDuration: '30', VideoTracks: [video({ MediaId: 'a', Out: 20 })] }).duration, 20);
    const unknown = layout({ MaxDuration: 5, VideoTracks: [video({ MediaId: 'a', Out: 6 }, { MediaId: 'b' })], SubtitleTracks: [{ SubtitleTrackClips: [{ Content: 'x' }] }] });
    assert.equal(unknown.duration, 5);
    assert.deepEqual(times(unknown.tracks[1].clips), [[0, 5]], 'whole-output subtitles end at the cap');
    const open = layout({ MaxDuration: 50, VideoTracks: [video({ MediaId: 'a', Out: 6 }, { MediaId: 'b' })] });
    assert.equal(open.duration, null);
    assert.equal(open.minDuration, 6);
  });

  test('ReferenceClipId takes the times it leaves out from the clip with that ClipId on another track', () => {
    const l = layout({
      VideoTracks: [video({ MediaId: 'a', Out: 5 }, { MediaId: 'b', Out: 7, ClipId: 'intro' })],
      AudioTracks: [audio({ MediaId: 'voice', Out: 100, ReferenceClipId: 'intro' }, { MediaId: 'after', Out: 2 })],
      SubtitleTracks: [{ SubtitleTrackClips: [{ Content: 'hi', ReferenceClipId: 'intro', TimelineOut: 9 }] }],
    });
    assert.deepEqual(times(l.tracks[1].clips), [[5, 12], [12, 14]], 'aligned to [5, 12]; the next clip follows it');
    assert.deepEqual(times(l.tracks[2].clips), [[5, 9]], 'an explicit TimelineOut wins');
    assert.equal(l.tracks[1].clips[0].implicitStart, true);
  });

  test('ReferenceClipId chains across tracks; a reference to the same track or an unknown id is ignored', () => {
    const chained = layout({
      VideoTracks: [video({ MediaId: 'a', Out: 3, ReferenceClipId: 'x' }), video({ MediaId: 'b', Out: 4, TimelineIn: 10, ClipId: 'y' })],
      AudioTracks: [audio({ MediaId: 'c', Out: 1, ClipId: 'x', ReferenceClipId: 'y' })],
    });
    assert.deepEqual(times(chained.tracks[0].clips), [[10, 14]]);
    assert.deepEqual(times(chained.tracks[2].clips), [[10, 14]]);
    const ignored = layout({ VideoTracks: [video({ MediaId: 'a', Out: 3, ClipId: 's' }, { MediaId: 'b', Out: 2, ReferenceClipId: 's' }, { MediaId: 'c', Out: 2, ReferenceClipId: 'nope' })] });
    assert.deepEqual(times(ignored.tracks[0].clips), [[0, 3], [3, 5], [5, 7]]);
  });

  test('a ReferenceClipId cycle terminates', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', Out: 3, ClipId: 'p', ReferenceClipId: 'q' }), video({ MediaId: 'b', Out: 4, ClipId: 'q', ReferenceClipId: 'p' })] });
    assert.equal(l.tracks.length, 2);
  });

  test('effect items (EffectTracks and video tracks of Type "Effect") start at 0, last Duration or the output, and do not set it', () => {
    const l = layout({
      VideoTracks: [video({ MediaId: 'a', Out: 10 }), { Type: 'Effect', VideoTrackClips: [{ Type: 'VFX', SubType: 'h_blur' }, { Type: 'Filter', SubType: 'm1', TimelineIn: 2, Duration: 40 }] }],
      EffectTracks: [{ EffectTrackItems: [{ Type: 'VFX', SubType: 'x', TimelineIn: 4 }] }],
    });
    assert.equal(l.duration, 10);
    assert.deepEqual(times(l.tracks[1].clips), [[0, 10], [2, 42]]);
    assert.deepEqual(times(l.tracks[2].clips), [[4, 10]]);
  });

  test('numbers written as strings are read; unreadable ones are ignored', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', In: '1', Out: '5.5', TimelineIn: '2' }, { MediaId: 'b', Out: 'ten' })] });
    assert.deepEqual(times(l.tracks[0].clips), [[2, 6.5], [6.5, null]]);
  });

  test('times are rounded to four decimals (no 0.30000000000000004)', () => {
    const l = layout({ VideoTracks: [video({ MediaId: 'a', Out: 0.1 }, { MediaId: 'b', Out: 0.2 }, { MediaId: 'c', Out: 1, Speed: 3 })] });
    assert.deepEqual(times(l.tracks[0].clips), [[0, 0.1], [0.1, 0.3], [0.3, 0.6333]]);
  });

  test('a produce document lays out its embedded Timeline', () => {
    const doc = service.parse(JSON.stringify({ Timeline: JSON.stringify({ VideoTracks: [video({ MediaId: 'a', Out: 3 })] }) }));
    const l = service.layout(doc);
    assert.equal(l?.duration, 3);
  });

  test('no timeline, broken JSON: no layout, no throw', () => {
    assert.equal(service.layout(service.parse('[1, 2]')), undefined);
    assert.doesNotThrow(() => service.layout(service.parse('{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "Out": 3},')));
  });
});
