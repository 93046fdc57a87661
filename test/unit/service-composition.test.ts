// The player's frame model (server/src/service/composition.ts): which items are active at an output
// time and at which source time, where they sit in the frame, how they fade and sound — at clip
// boundaries, with Speed, computed times, overlaps, gaps, transitions, AutoSpeed and LoopMode.
import * as assert from 'node:assert/strict';
import { TimelineService, boundaries, frameAt, type CompItem, type Composition, type MediaFacts } from '../../server/src/service';

const service = new TimelineService();

function compose(doc: unknown, media?: Record<string, MediaFacts>, locale?: string): Composition {
  const parsed = service.parse(JSON.stringify(doc, null, 2));
  const c = service.composition(parsed, locale, media ? { media: (id) => media[id] } : undefined);
  assert.ok(c, 'a composition');
  return c;
}
const video = (...clips: unknown[]) => ({ VideoTrackClips: clips });
const audio = (...clips: unknown[]) => ({ AudioTrackClips: clips });
/** [mediaId, sourceTime] of every active item at t, bottom first. */
const at = (c: Composition, t: number) => frameAt(c, t).map((a) => [a.item.mediaId ?? a.item.text?.content ?? '?', a.sourceTime]);
const codes = (c: Composition) => [...c.notes.map((n) => n.code), ...c.items.flatMap((i) => i.notes.map((n) => n.code))];

suite('composition: the frame model', () => {
  test('back-to-back clips: the boundary belongs to the next clip; source time = In + (t − start) × Speed', () => {
    const c = compose({ VideoTracks: [video({ MediaId: 'a', In: 10, Out: 14 }, { MediaId: 'b', In: 2, Out: 12, Speed: 2 })] });
    assert.deepEqual(at(c, 0), [['a', 10]]);
    assert.deepEqual(at(c, 3.99), [['a', 13.99]]);
    assert.deepEqual(at(c, 4), [['b', 2]]);
    assert.deepEqual(at(c, 6.5), [['b', 7]]);
    assert.deepEqual(at(c, 8.999), [['b', 11.998]]);
    assert.equal(c.duration, 9);
    assert.deepEqual(at(c, 9), [], 'nothing at or after the end');
    assert.deepEqual(at(c, -0.1), []);
    assert.deepEqual(boundaries(c), [0, 4, 9]);
  });

  test('a gap between clips is empty (black), and explicit TimelineIn/Out place clips', () => {
    const c = compose({ VideoTracks: [video({ MediaId: 'a', In: 0, Out: 2, TimelineIn: 0, TimelineOut: 2 }, { MediaId: 'b', In: 5, Out: 7, TimelineIn: 4, TimelineOut: 6 })] });
    assert.deepEqual(at(c, 1), [['a', 1]]);
    assert.deepEqual(at(c, 3), []);
    assert.deepEqual(at(c, 4.5), [['b', 5.5]]);
  });

  test('stacking follows the track order: the first video track at the bottom, images above video, subtitles on top', () => {
    const c = compose({
      SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'hello', TimelineIn: 0, TimelineOut: 5 }] }],
      ImageTracks: [{ ImageTrackClips: [{ MediaId: 'logo', TimelineIn: 0, TimelineOut: 5, X: 0.1, Y: 0.1, Width: 0.2, Height: 0.2 }] }],
      VideoTracks: [video({ MediaId: 'main', Out: 10 }), video({ MediaId: 'pip', Out: 10, X: 0.5, Y: 0.5, Width: 0.25, Height: 0.25 })],
    });
    assert.deepEqual(at(c, 1).map((x) => x[0]), ['main', 'pip', 'logo', 'hello']);
  });

  test('placement: fractions of the output, pixels above 1, the full frame letterboxed by default, AdaptMode with Width and Height', () => {
    const c = compose({
      ProduceConfig: { Width: 1280, Height: 720 },
      Timeline: {
        VideoTracks: [
          video({ MediaId: 'full', Out: 5 }),
          video({ MediaId: 'pip', Out: 5, X: 0.66, Y: 0.04, Width: 0.3, Height: 0.3, AdaptMode: 'Contain' }),
          video({ MediaId: 'px', Out: 5, X: 100, Y: 50, Width: 320, Height: 180 }),
          video({ MediaId: 'half', Out: 5, X: 0.5 }),
        ],
      },
    });
    assert.equal(c.sizeSource, 'config');
    assert.deepEqual([c.width, c.height], [1280, 720]);
    const byId: Record<string, CompItem> = Object.fromEntries(c.items.map((i) => [i.mediaId ?? "", i]));
    assert.deepEqual(byId.full.rect, { x: 0, y: 0, w: 1280, h: 720 });
    assert.equal(byId.full.fit, 'contain');
    assert.deepEqual(byId.pip.rect, { x: 0.66 * 1280, y: 0.04 * 720, w: 0.3 * 1280, h: 0.3 * 720 });
    assert.equal(byId.pip.fit, 'contain');
    assert.deepEqual(byId.px.rect, { x: 100, y: 50, w: 320, h: 180 });
    assert.equal(byId.px.fit, 'fill', 'AdaptMode defaults to Fill when Width and Height are set');
    assert.equal(byId.half.rect.x, 640);
    assert.ok(byId.half.notes.some((n) => n.code === 'place.partial'));
  });

  test('output size: ProduceConfig (object or JSON string), else the largest source, else assumed and said so', () => {
    assert.deepEqual(((c) => [c.width, c.height, c.sizeSource])(compose({ ProduceConfig: '{"Width":720,"Height":1280}', Timeline: { VideoTracks: [video({ MediaId: 'a', Out: 1 })] } })), [720, 1280, 'config']);
    const fromMedia = compose({ VideoTracks: [video({ MediaId: 'a', Out: 1 }, { MediaId: 'b', Out: 1 })] }, { a: { width: 1280, height: 720 }, b: { width: 720, height: 1280 } });
    assert.deepEqual([fromMedia.width, fromMedia.height, fromMedia.sizeSource], [1280, 1280, 'media']);
    const assumed = compose({ VideoTracks: [video({ MediaId: 'a', Out: 1 })] });
    assert.deepEqual([assumed.width, assumed.height, assumed.sizeSource], [1920, 1080, 'assumed']);
    assert.ok(codes(assumed).includes('size.assumed'));
    assert.ok(codes(assumed).includes('fps.assumed'));
    assert.equal(assumed.fps, 25);
    assert.equal(compose({ VideoTracks: [video({ MediaId: 'a', Out: 1 })] }, { a: { fps: 30 } }).fps, 30);
  });

  test('media durations give clips without Out their end; without them the end is estimated and said so', () => {
    const known = compose({ VideoTracks: [video({ MediaId: 'a', In: 2 }, { MediaId: 'b', Out: 3 })] }, { a: { duration: 12 } });
    assert.deepEqual(known.items.map((i) => [i.start, i.end, i.endEstimated]), [[0, 10, false], [10, 13, false]]);
    assert.equal(known.duration, 13);
    const unknown = compose({ VideoTracks: [video({ MediaId: 'a', In: 2 })] });
    assert.equal(unknown.items[0].endEstimated, true);
    assert.equal(unknown.items[0].end, 10);
    assert.equal(unknown.durationEstimated, true);
    assert.ok(codes(unknown).includes('time.unknownEnd'));
    assert.ok(codes(unknown).includes('time.unknownDuration'));
  });

  test('a span longer than the source holds the last frame; a shorter one cuts', () => {
    const c = compose({ VideoTracks: [video({ MediaId: 'a', In: 0, Out: 2, TimelineIn: 0, TimelineOut: 5 }, { MediaId: 'b', In: 0, Out: 10, TimelineIn: 5, TimelineOut: 7 })] });
    const hold = frameAt(c, 3)[0];
    assert.deepEqual([hold.item.mediaId, hold.sourceTime, hold.holding], ['a', 2, true]);
    assert.ok(c.items[0].notes.some((n) => n.code === 'time.hold'));
    assert.deepEqual(at(c, 6.9), [['b', 1.9]]);
    assert.deepEqual(at(c, 7), []);
  });

  test('a Transition is a crossfade: the next clip starts Duration earlier and fades in over the first; sound crossfades', () => {
    const c = compose({ VideoTracks: [video({ MediaId: 'a', Out: 4, Effects: [{ Type: 'Transition', SubType: 'fade', Duration: 1 }] }, { MediaId: 'b', Out: 4 })] });
    assert.equal(c.items[1].start, 3);
    assert.equal(c.duration, 7);
    const mid = frameAt(c, 3.5);
    assert.deepEqual(mid.map((a) => a.item.mediaId), ['a', 'b']);
    assert.equal(mid[0].alpha, 1, 'the outgoing clip stays opaque underneath');
    assert.equal(mid[1].alpha, 0.5);
    assert.equal(mid[0].gain, 0.5);
    assert.equal(mid[1].gain, 0.5);
    assert.deepEqual(at(c, 4), [['b', 1]]);
    const other = compose({ VideoTracks: [video({ MediaId: 'a', Out: 4, Effects: [{ Type: 'Transition', SubType: 'wiperight' }] }, { MediaId: 'b', Out: 4 })] });
    assert.ok(codes(other).includes('effect.transition'), 'a non-fade transition is named as approximated');
  });

  test('audio: Volume Gain, the sound of video clips, LoopMode repeats [In, Out] over the span', () => {
    const c = compose({
      VideoTracks: [video({ MediaId: 'v', Out: 10, Effects: [{ Type: 'Volume', Gain: 0 }] })],
      AudioTracks: [audio({ MediaId: 'bed', In: 1, Out: 3, TimelineIn: 0, TimelineOut: 10, LoopMode: true, Effects: [{ Type: 'Volume', Gain: '0.5' }] })],
    });
    const f = frameAt(c, 5.5);
    const v = f.find((a) => a.item.mediaId === 'v')!;
    const bed = f.find((a) => a.item.mediaId === 'bed')!;
    assert.equal(v.gain, 0);
    assert.equal(bed.gain, 0.5);
    assert.equal(bed.item.visual, 'none');
    assert.equal(bed.sourceTime, 2.5, '1 + (5.5 mod 2)');
    assert.equal(frameAt(c, 2).find((a) => a.item.mediaId === 'bed')!.sourceTime, 1);
  });

  test('AutoSpeed: a track longer than the main track is sped up to end with it; a shorter one slowed down', () => {
    const c = compose({
      VideoTracks: [
        { MainTrack: true, VideoTrackClips: [{ MediaId: 'main', Out: 10 }] },
        { TrackShortenMode: 'AutoSpeed', VideoTrackClips: [{ MediaId: 'long', Out: 20 }] },
        { TrackExpandMode: 'AutoSpeed', VideoTrackClips: [{ MediaId: 'short', Out: 5 }] },
        { VideoTrackClips: [{ MediaId: 'plain', Out: 20 }] },
      ],
    });
    const byId: Record<string, CompItem> = Object.fromEntries(c.items.map((i) => [i.mediaId ?? "", i]));
    assert.deepEqual([byId.long.end, byId.long.speed], [10, 2]);
    assert.deepEqual([byId.short.end, byId.short.speed], [10, 0.5]);
    assert.deepEqual([byId.plain.end, byId.plain.speed], [20, 1]);
    assert.equal(c.duration, 10, 'the main track sets the length');
    assert.deepEqual(at(c, 5).filter((x) => x[0] === 'long' || x[0] === 'short'), [['long', 10], ['short', 2.5]]);
  });

  test('subtitles and Text effects: style read; a Text effect lasts for its clip unless it says otherwise', () => {
    const c = compose({
      ProduceConfig: { Width: 1000, Height: 500 },
      Timeline: {
        VideoTracks: [video({ MediaId: 'v', Out: 8, Effects: [
          { Type: 'Text', Content: 'on clip', FontSize: 40, FontColor: '#ff0000', FontColorOpacity: 0.5, FontFace: { Bold: true }, X: 0.1, Y: 0.2 },
          { Type: 'Text', Content: 'late', TimelineIn: 6, TimelineOut: 7, Alignment: 'BottomCenter', Y: 0.05 },
        ] })],
        SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'line one\\Nline two', TimelineIn: 1, TimelineOut: 3, Alignment: 'TopCenter', Outline: 2, OutlineColour: '000000' }] }],
      },
    });
    const text = (content: string) => c.items.find((i) => i.text?.content === content)!;
    const onClip = text('on clip');
    assert.deepEqual([onClip.start, onClip.end], [0, 8]);
    assert.deepEqual(onClip.text && [onClip.text.fontSize, onClip.text.color, onClip.text.opacity, onClip.text.bold, onClip.text.x, onClip.text.y, onClip.text.align], [40, '#FF0000', 0.5, true, 100, 100, null]);
    const late = text('late');
    assert.deepEqual([late.start, late.end, late.text!.align, late.text!.y], [6, 7, { h: 'center', v: 'bottom' }, 25]);
    const sub = text('line one\nline two');
    assert.deepEqual([sub.start, sub.end, sub.text!.outline, sub.text!.color, sub.text!.fontSize], [1, 3, { width: 2, color: '#000000' }, '#FFFFFF', 20]);
    assert.deepEqual(at(c, 2).map((x) => x[0]), ['v', 'on clip', 'line one\nline two']);
    assert.deepEqual(at(c, 3).map((x) => x[0]), ['v', 'on clip']);
  });

  test('what is not rendered is said, per item: filters, VFX, effect tracks, subtitle files, odd speeds', () => {
    const c = compose({
      VideoTracks: [video({ MediaId: 'v', Out: 8, Speed: 20, Effects: [{ Type: 'Filter', SubType: 'm1' }, { Type: 'VFX', SubType: 'h_blur' }, { Type: 'Background', SubType: 'Blur', Radius: 0.1 }] })],
      EffectTracks: [{ EffectTrackItems: [{ Type: 'VFX', SubType: 'colorfulradial', TimelineIn: 0, TimelineOut: 1 }] }],
      SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Subtitle', FileURL: 'https://example.invalid/a.srt' }] }],
    });
    const all = codes(c);
    for (const code of ['effect.notRendered', 'effect.approximated', 'effect.track', 'text.file', 'time.speed']) assert.ok(all.includes(code), `${code} in ${all.join(', ')}`);
    assert.ok(c.items[0].notes.some((n) => /Filter m1/.test(n.text)));
  });

  test('notes follow the locale', () => {
    const c = compose({ VideoTracks: [video({ MediaId: 'a', Out: 1, Effects: [{ Type: 'Filter', SubType: 'm1' }] })] }, undefined, 'zh-cn');
    assert.match(c.items[0].notes[0].text, /未呈现/);
  });

  test('no timeline: no composition', () => {
    assert.equal(service.composition(service.parse('{ "ProduceConfig": {} }')), undefined);
  });
});
