// The layout through the service's public API: where clips land (figures computed by hand), what is
// unknown, what decides the output duration, and that hover and symbols report the same figures.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Layout } from '../../server/src/service';
import { EXAMPLES_DIR, json, offsetOf, readText, service } from '../helpers/service';

function layoutOf(value: unknown, options?: Parameters<typeof service.layout>[1]): Layout {
  const l = service.layout(service.parse(typeof value === 'string' ? value : json(value)), options);
  assert.ok(l);
  return l;
}

/** [start, end] of every clip, track by track. */
const spans = (l: Layout) => l.tracks.map((t) => t.clips.map((c) => [c.start, c.end]));
const fade = (Duration?: number) => ({ Type: 'Transition', SubType: 'fade', ...(Duration === undefined ? {} : { Duration }) });

suite('service layout', () => {
  test('times omitted: clips are laid back to back from 0, each (Out − In) long', () => {
    const l = layoutOf({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 10, Out: 15 }, { MediaId: 'b', In: 2.5, Out: 4 }, { MediaId: 'c', Out: 3 }] }] });
    assert.deepEqual(spans(l), [[[0, 5], [5, 6.5], [6.5, 9.5]]]);
    assert.equal(l.duration, 9.5);
    assert.deepEqual(l.tracks[0].clips.map((c) => [c.sourceIn, c.sourceOut, c.implicitStart, c.implicitEnd]), [[10, 15, true, true], [2.5, 4, true, true], [0, 3, true, true]]);
  });

  test('Speed: 10 s of source at ×2 lasts 5 s, at ×0.5 lasts 20 s', () => {
    const l = layoutOf({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 10, Speed: 2 }, { MediaId: 'b', In: 0, Out: 10, Speed: 0.5 }] }] });
    assert.deepEqual(spans(l), [[[0, 5], [5, 25]]]);
  });

  test('a Transition pulls the next clip in by its Duration; without Duration by 1 s', () => {
    const l = layoutOf({ VideoTracks: [{ VideoTrackClips: [
      { MediaId: 'a', In: 0, Out: 10, Effects: [fade(1.5)] },
      { MediaId: 'b', In: 0, Out: 10, Effects: [fade()] },
      { MediaId: 'c', In: 0, Out: 4 },
    ] }] });
    assert.deepEqual(spans(l), [[[0, 10], [8.5, 18.5], [17.5, 21.5]]]);
    assert.equal(l.duration, 21.5);
  });

  test('an image clip lasts its Duration; without one (and without Out) its end is unknown', () => {
    const l = layoutOf({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 3 }, { MediaId: 'img', Type: 'Image', Duration: 4 }, { MediaId: 'img2', Type: 'Image' }] }] });
    assert.deepEqual(spans(l), [[[0, 3], [3, 7], [7, null]]]);
  });

  test('explicit TimelineIn/TimelineOut are used as written; the next implicit clip follows TimelineOut', () => {
    const l = layoutOf({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 10, TimelineIn: 3, TimelineOut: 7 }, { MediaId: 'b', In: 0, Out: 2 }] }] });
    assert.deepEqual(spans(l), [[[3, 7], [7, 9]]]);
    assert.deepEqual(l.tracks[0].clips.map((c) => [c.implicitStart, c.implicitEnd]), [[false, false], [true, true]]);
  });

  test('Out omitted: the end is unknown (null), so is every implicit start after it, and the duration', () => {
    const l = layoutOf({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 4 }, { MediaId: 'b', In: 5 }, { MediaId: 'c', In: 0, Out: 2 }] }] });
    assert.deepEqual(spans(l), [[[0, 4], [4, null], [null, null]]]);
    assert.equal(l.tracks[0].clips[1].sourceOut, null);
    assert.equal(l.duration, null);
    assert.equal(l.minDuration, 4);
  });

  test('the main track decides the duration; without one the video does, and audio past it is cut', () => {
    const tracks = (main: boolean) => ({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: 'v', In: 0, Out: 10 }] }],
      AudioTracks: [{ MainTrack: main, AudioTrackClips: [{ MediaId: 'm', In: 0, Out: 6 }] }, { AudioTrackClips: [{ MediaId: 'n', In: 0, Out: 30 }] }],
    });
    const withMain = layoutOf(tracks(true));
    assert.equal(withMain.duration, 6);
    assert.equal(withMain.mainTrack?.kind, 'audio');
    const withoutMain = layoutOf(tracks(false));
    assert.equal(withoutMain.duration, 10);
    assert.equal(withoutMain.mainTrack, undefined);
    assert.equal(layoutOf({ AudioTracks: [{ AudioTrackClips: [{ MediaId: 'n', In: 0, Out: 30 }] }] }).duration, 30);
  });

  test('subtitle clips without times span the whole output; with TimelineIn only, to its end', () => {
    const l = layoutOf({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 12 }] }],
      SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'all' }, { Type: 'Text', Content: 'late', TimelineIn: 9 }, { Type: 'Text', Content: 'set', TimelineIn: 1, TimelineOut: 2 }] }],
    });
    assert.deepEqual(spans(l)[1], [[0, 12], [9, 12], [1, 2]]);
  });

  test('mediaDuration makes unknown ends known (MaxOut caps it); without it they stay unknown', () => {
    const value = { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 2 }, { MediaId: 'b', MaxOut: 5 }, { MediaId: 'c' }] }] };
    const lengths: Record<string, number> = { a: 12, b: 9 };
    const known = layoutOf(value, { mediaDuration: (id) => lengths[id] });
    assert.deepEqual(spans(known), [[[0, 10], [10, 15], [15, null]]]);
    assert.deepEqual(spans(layoutOf(value)), [[[0, null], [null, null], [null, null]]]);
  });

  test('examples/transitions: 8 + 10 + 8 + 8 s with 1 + 0.5 + 0.5 s of transitions is 32 s', () => {
    const l = layoutOf(readText(path.join(EXAMPLES_DIR, 'transitions.timeline.json')));
    // 0–8; pulled in 1 s: 7–17; pulled 0.5: 16.5–24.5; pulled 0.5: 24–32.
    assert.deepEqual(spans(l), [[[0, 8], [7, 17], [16.5, 24.5], [24, 32]]]);
    assert.equal(l.duration, 32);
  });

  test('examples/merge-in-out: six cuts back to back, 64.25 s', () => {
    const l = layoutOf(readText(path.join(EXAMPLES_DIR, 'merge-in-out.timeline.json')));
    // 15.5, 15, 11.5, 8, 6.25, 8 s.
    assert.deepEqual(spans(l), [[[0, 15.5], [15.5, 30.5], [30.5, 42], [42, 50], [50, 56.25], [56.25, 64.25]]]);
    assert.equal(l.duration, 64.25);
  });

  test('examples/produce-document: the embedded Timeline, a 0.5 s fade, an image overlay and music', () => {
    const l = layoutOf(readText(path.join(EXAMPLES_DIR, 'produce-document.timeline.json')));
    // 6 s, then 20, 18, 10, 8 s starting 0.5 s early: 5.5–25.5, 25.5–43.5, 43.5–53.5, 53.5–61.5.
    assert.deepEqual(spans(l), [[[0, 6], [5.5, 25.5], [25.5, 43.5], [43.5, 53.5], [53.5, 61.5]], [[7, 13]], [[0, 61.5]]]);
    assert.equal(l.duration, 61.5);
  });

  test('examples/subtitles: video 0–15 and 15–27; subtitles where written; 27 s', () => {
    const l = layoutOf(readText(path.join(EXAMPLES_DIR, 'subtitles.timeline.json')));
    assert.deepEqual(spans(l), [[[0, 15], [15, 27]], [[4.5, 8], [8, 12.5], [16, 20]]]);
    assert.equal(l.duration, 27);
  });

  test('hover on a clip key and the outline show the same figures as the layout', () => {
    const text = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'aaaaaaaaaaaaaaaaaaaa', In: 4, Out: 10, Speed: 2 }, { MediaId: 'b', In: 1, Out: 3.5 }] }] });
    const doc = service.parse(text);
    const h = service.hover(doc, offsetOf(text, '"In"', 1) + 1)!;
    assert.match(h.contents, /- Source: 1–3\.5 s \(2\.5 s\)\n- Output: 3–5\.5 s \(2\.5 s\)/);
    const clips = service.symbols(doc)[0].children![0].children!;
    assert.deepEqual(clips.map((c) => [c.name, c.detail]), [['Clip 0 · aaaaaa…aaaa', '0–3 s'], ['Clip 1 · b', '3–5.5 s']]);
  });
});
