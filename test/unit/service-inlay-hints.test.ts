// Inlay hints through the service's public API: which clips get one (computed placements, Speed), which
// do not (written times, errors, unknown starts, a Timeline string), where it sits, what it and its
// tooltip say in both languages, and that a range keeps only the clips whose `{` is inside it.

import * as assert from 'node:assert/strict';
import type { InlayHint, TimelineDocument } from '../../server/src/service';
import { json, offsetOf, service } from '../helpers/service';

/** One clip per line, so that each clip's `{` is easy to find and ranges can be given by line. */
function oneLine(tracks: Record<string, Record<string, unknown>[][]>): string {
  const lines = ['{'];
  const kinds = Object.entries(tracks);
  kinds.forEach(([key, list], k) => {
    const clipsKey = key.replace(/s$/, 'Clips').replace('EffectTrackClips', 'EffectTrackItems');
    lines.push(`  "${key}": [`);
    list.forEach((clips, t) => {
      lines.push(`    { "${clipsKey}": [`);
      clips.forEach((c, i) => lines.push(`      ${JSON.stringify(c)}${i < clips.length - 1 ? ',' : ''}`));
      lines.push(`    ] }${t < list.length - 1 ? ',' : ''}`);
    });
    lines.push(`  ]${k < kinds.length - 1 ? ',' : ''}`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

type Tipped = InlayHint & { tooltip: string };

/** Every hint of the text, with its tooltip (asked for by default), checked to be what resolving one gives. */
function hintsOf(text: string, locale?: string): { doc: TimelineDocument; hints: Tipped[] } {
  const doc = service.parse(text);
  const hints = service.inlayHints(doc, { start: 0, end: text.length }, {}, locale);
  const bare = service.inlayHints(doc, { start: 0, end: text.length }, {}, locale, { tooltips: false });
  assert.deepEqual(bare, hints.map(({ tooltip: _, ...rest }) => rest), 'the same hints without their tooltips');
  for (const h of hints) {
    assert.equal(typeof h.tooltip, 'string');
    assert.equal(service.inlayHintTooltip(doc, h.offset, {}, locale), h.tooltip, 'a resolved tooltip is the one given at once');
  }
  return { doc, hints: hints as Tipped[] };
}

/** label per 0-based line of the hint. */
const byLine = (doc: TimelineDocument, hints: InlayHint[]) => hints.map((h) => [doc.lines.positionAt(h.offset).line, h.label]);

suite('service inlay hints', () => {
  test('clips without TimelineIn follow one another: one hint right after each `{`, with how it was derived', () => {
    const text = oneLine({ VideoTracks: [[{ MediaId: 'a', In: 10, Out: 18 }, { MediaId: 'b', In: 0, Out: 4 }, { MediaId: 'c', In: 60, Out: 130 }]] });
    const { doc, hints } = hintsOf(text);
    // From a minute on, both ends as clocks (the shared format of hover and CodeLens).
    assert.deepEqual(byLine(doc, hints), [[3, '0–8 s (8 s)'], [4, '8–12 s (4 s)'], [5, '0:12–1:22 (1:10)']]);
    for (const [i, h] of hints.entries()) {
      assert.equal(h.offset, offsetOf(text, '{"MediaId"', i) + 1, 'right after the clip\'s {');
      assert.equal(h.paddingLeft, true);
      assert.equal(h.paddingRight, true, 'no space follows the { in {"MediaId": …}');
    }
    assert.equal(hints[0].tooltip, [
      '**Output: 0–8 s (8 s)**',
      '',
      '- Starts at 0: the first clip of its track, without TimelineIn.',
      '- Plays its source from In to Out (10–18 s, 8 s), as TimelineOut is not written.',
    ].join('\n'));
    assert.match(hints[1].tooltip, /^- Follows Clip 0: starts where it ends \(8 s\), as TimelineIn is not written\.$/m);
    assert.match(hints[2].tooltip, /Follows Clip 1: starts where it ends \(12 s\)/);
    assert.match(hints[2].tooltip, /from In to Out \(1:00–2:10, 1:10\)/);
  });

  test('the figures are the shared layout\'s: the same as hover and the layout request', () => {
    const text = oneLine({ VideoTracks: [[{ MediaId: 'a', In: 0, Out: 10, Effects: [{ Type: 'Transition', SubType: 'fade', Duration: 1.5 }] }, { MediaId: 'b', In: 0, Out: 4 }]] });
    const { doc, hints } = hintsOf(text);
    const layout = service.layout(doc)!;
    assert.deepEqual(layout.tracks[0].clips.map((c) => [c.start, c.end]), [[0, 10], [8.5, 12.5]]);
    assert.deepEqual(hints.map((h) => h.label), ['0–10 s (10 s)', '8.5–12.5 s (4 s)']);
    assert.match(hints[1].tooltip, /Follows Clip 0: starts where it ends \(10 s\) less its Transition \(1\.5 s\)/);
    const hover = service.hover(doc, offsetOf(text, '"In"', 1) + 1)!;
    assert.match(hover.contents, /Output: 8\.5–12\.5 s \(4 s\)/);
  });

  test('written TimelineIn and TimelineOut at Speed 1 get no hint; a written end with a computed start does', () => {
    const text = oneLine({ VideoTracks: [[
      { MediaId: 'a', In: 0, Out: 5, TimelineIn: 0, TimelineOut: 5 },
      { MediaId: 'b', In: 0, Out: 5, TimelineIn: 5, TimelineOut: 10, Speed: 1 },
      { MediaId: 'c', In: 0, Out: 3, TimelineOut: 13 },
    ]] });
    const { doc, hints } = hintsOf(text);
    assert.deepEqual(byLine(doc, hints), [[5, '10–13 s (3 s)']]);
    assert.match(hints[0].tooltip, /Follows Clip 1: starts where it ends \(10 s\)/);
    assert.match(hints[0].tooltip, /Ends at its TimelineOut\./);
  });

  test('Speed: 10 s of source at ×2 lasts 5 s, said in the tooltip, written times or not', () => {
    const text = oneLine({ VideoTracks: [[
      { MediaId: 'a', In: 0, Out: 10, Speed: 2 },
      { MediaId: 'b', In: 0, Out: 10, Speed: 0.5 },
      { MediaId: 'c', In: 0, Out: 10, Speed: 2, TimelineIn: 30, TimelineOut: 35 },
    ]] });
    const { hints } = hintsOf(text);
    assert.deepEqual(hints.map((h) => h.label), ['0–5 s (5 s)', '5–25 s (20 s)', '30–35 s (5 s)']);
    assert.match(hints[0].tooltip, /^- Speed 2: 10 s of source play in 5 s \(\(Out − In\) \/ Speed\)\.$/m);
    assert.match(hints[1].tooltip, /Speed 0\.5: 10 s of source play in 20 s/);
    assert.match(hints[2].tooltip, /Starts at its TimelineIn\.\n- Ends at its TimelineOut\.\n- Speed 2: 10 s of source play in 5 s/);
  });

  test('a clip whose time is unknowable gets none, nor do the clips that follow it; an explicit TimelineIn starts afresh', () => {
    const text = oneLine({ VideoTracks: [[
      { MediaId: 'a', In: 0, Out: 4 },
      { MediaId: 'b', In: 0, Out: 4, Speed: 'fast' },
      { MediaId: 'c', In: 0, Out: 4 },
      { MediaId: 'd', In: 0, Out: 4, TimelineIn: 20 },
      { MediaId: 'e', In: 5, Out: 2 },
      { MediaId: 'f', In: 0, Out: 1 },
    ]] });
    const { doc, hints } = hintsOf(text);
    const diagnostics = service.validate(doc);
    // Speed is documented only for ICE: a word there is a warning, but the layout cannot read it.
    assert.ok(diagnostics.some((d) => d.code === 'schema/unconfirmed' && doc.lines.positionAt(d.start).line === 4), 'a Speed that is a word is reported');
    assert.ok(diagnostics.some((d) => d.code === 'timing/in-not-before-out' && doc.lines.positionAt(d.start).line === 7), 'In ≥ Out is reported');
    // b (its Speed unreadable) and c after it: none; d from its TimelineIn: yes; e (In ≥ Out) and f after it: none.
    assert.deepEqual(byLine(doc, hints), [[3, '0–4 s (4 s)'], [6, '20–24 s (4 s)']]);
  });

  test('a time that cannot be read (a word, a Speed of 0) gives no hint for its clip nor the next', () => {
    const text = oneLine({ VideoTracks: [[{ MediaId: 'a', In: 0, Out: 'four' }, { MediaId: 'b', In: 0, Out: 4 }]], AudioTracks: [[{ MediaId: 'c', In: 0, Out: 4, Speed: 0 }, { MediaId: 'd', In: 0, Out: 4 }]] });
    const { hints } = hintsOf(text);
    assert.deepEqual(hints, []);
    // null and "" read as not set, as the layout reads them: the hint stays.
    assert.deepEqual(hintsOf(oneLine({ VideoTracks: [[{ MediaId: 'a', In: 0, Out: 4, Speed: null, TimelineIn: '' }]] })).hints.map((h) => h.label), ['0–4 s (4 s)']);
  });

  test('an error on a time field, as the project configures severities, removes the hint', () => {
    const text = oneLine({ VideoTracks: [[{ MediaId: 'a', In: 0, Out: 10, Speed: 2, TimelineIn: 0, TimelineOut: 8 }]] });
    const doc = service.parse(text);
    const all = { start: 0, end: text.length };
    // A warning (the default): the hint shows what the layout computed, and why it differs.
    assert.deepEqual(service.inlayHints(doc, all).map((h) => h.label), ['0–8 s (8 s)']);
    const settings = { rules: { 'timing/duration-mismatch': 'error' as const } };
    assert.equal(service.validate(doc, settings)[0].severity, 'error');
    assert.deepEqual(service.inlayHints(doc, all, settings), []);
  });

  test('Out left out: the start is shown with an unknown end; the next clip, whose start is unknown, gets none', () => {
    const text = oneLine({ AudioTracks: [[{ MediaId: 'a', In: 0, Out: 6 }, { MediaId: 'b', In: 3 }, { MediaId: 'c', In: 0, Out: 2 }]] });
    const { hints } = hintsOf(text);
    assert.deepEqual(hints.map((h) => h.label), ['0–6 s (6 s)', '6–? s']);
    assert.match(hints[1].tooltip, /^\*\*Output: 6–\? s \(unknown\)\*\*/);
    assert.match(hints[1].tooltip, /Plays to the end of its media: Out is not written, and only VOD knows the media's length\./);
  });

  test('AutoSpeed: a track fitted to the main track gets hints even where its times are written', () => {
    const text = json({ VideoTracks: [
      { MainTrack: true, VideoTrackClips: [{ MediaId: 'main', In: 0, Out: 10, TimelineIn: 0, TimelineOut: 10 }] },
      { TrackShortenMode: 'AutoSpeed', VideoTrackClips: [{ MediaId: 'long', In: 0, Out: 20, TimelineIn: 0, TimelineOut: 20 }] },
    ] });
    const { hints } = hintsOf(text);
    assert.deepEqual(hints.map((h) => h.label), ['0–10 s (10 s)']);
    assert.match(hints[0].tooltip, /Speed 2: 20 s of source play in 10 s/);
    assert.match(hints[0].tooltip, /Its track is played at ×2 to end with the main track \(AutoSpeed\)/);
  });

  test('a 0, 0 pair is read as not set, and the tooltip says so', () => {
    const text = oneLine({ VideoTracks: [[{ MediaId: 'a', In: 0, Out: 4 }, { MediaId: 'b', In: 1, Out: 3, TimelineIn: 0, TimelineOut: 0 }, { MediaId: 'c', In: 0, Out: 0 }]] });
    const { hints } = hintsOf(text);
    assert.deepEqual(hints.map((h) => h.label), ['0–4 s (4 s)', '4–6 s (2 s)', '6–? s']);
    assert.match(hints[1].tooltip, /^- TimelineIn and TimelineOut are both 0, read as not set \(timing\/timeline-in-out-zero\)\.\n- Follows Clip 0/m);
    assert.match(hints[2].tooltip, /In and Out are both 0, read as not set: the whole media/);
  });

  test('subtitles without times span the output; with a Duration they last it', () => {
    const text = oneLine({
      VideoTracks: [[{ MediaId: 'a', In: 0, Out: 30 }]],
      SubtitleTracks: [[{ Type: 'Text', Content: 'all along' }, { Type: 'Text', Content: 'later', TimelineIn: 3, Duration: 2 }]],
    });
    const { doc, hints } = hintsOf(text);
    assert.deepEqual(byLine(doc, hints), [[3, '0–30 s (30 s)'], [8, '0–30 s (30 s)'], [9, '3–5 s (2 s)']]);
    assert.match(hints[1].tooltip, /items of this kind of track start with the output/);
    assert.match(hints[1].tooltip, /Lasts until the output ends/);
    assert.match(hints[2].tooltip, /Starts at its TimelineIn\.\n- Lasts its Duration \(2 s\)\./);
  });

  test('a range keeps the clips whose `{` is inside it, on every track', () => {
    const clips = Array.from({ length: 40 }, (_, i) => ({ MediaId: `m${i}`, In: 0, Out: 2 }));
    const text = oneLine({ VideoTracks: [clips], AudioTracks: [clips.slice(0, 5)] });
    const doc = service.parse(text);
    // Lines 10–12: video clips 7, 8, 9 (the first clip is on line 3).
    const start = doc.lines.offsetAt({ line: 10, character: 0 });
    const end = doc.lines.offsetAt({ line: 12, character: 200 });
    const hints = service.inlayHints(doc, { start, end }, {}, 'en');
    assert.deepEqual(byLine(doc, hints), [[10, '14–16 s (2 s)'], [11, '16–18 s (2 s)'], [12, '18–20 s (2 s)']]);
    // A range that ends right after a `{` still includes that clip; one that ends on it does not.
    const open = offsetOf(text, '{"MediaId":"m20"');
    assert.equal(service.inlayHints(doc, { start: open, end: open + 1 }).length, 1);
    assert.equal(service.inlayHints(doc, { start: open - 5, end: open }).length, 0);
    // The audio track's clips, further down.
    const audio = offsetOf(text, '"AudioTracks"');
    assert.deepEqual(service.inlayHints(doc, { start: audio, end: text.length }).map((h) => h.label), ['0–2 s', '2–4 s', '4–6 s', '6–8 s', '8–10 s'].map((r) => `${r} (2 s)`));
    assert.deepEqual(service.inlayHints(doc, { start: text.length, end: text.length }), []);
  });

  test('a clip written over several lines: the hint ends its first line, without padding on the right', () => {
    const text = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 3 }] }] });
    const { doc, hints } = hintsOf(text);
    assert.equal(hints.length, 1);
    const p = doc.lines.positionAt(hints[0].offset);
    assert.equal(text.split('\n')[p.line].slice(0, p.character).trimStart(), '{');
    assert.equal(hints[0].paddingRight, false);
  });

  test('zh-CN: the label and the tooltip in Chinese', () => {
    const text = oneLine({ VideoTracks: [[{ MediaId: 'a', In: 0, Out: 8 }, { MediaId: 'b', In: 0, Out: 10, Speed: 2 }]] });
    const { hints } = hintsOf(text, 'zh-CN');
    assert.deepEqual(hints.map((h) => h.label), ['0–8 秒（8 秒）', '8–13 秒（5 秒）']);
    assert.equal(hints[1].tooltip, [
      '**成片区间：8–13 秒（5 秒）**',
      '',
      '- 接在片段 0之后：未写 TimelineIn，从它结束处（8 秒）开始。',
      '- 未写 TimelineOut，播放素材从 In 到 Out 的部分（0–10 秒，10 秒）。',
      '- Speed 2：10 秒 的素材播放 5 秒（(Out − In) / Speed）。',
    ].join('\n'));
  });

  test('a produce document: hints in a Timeline object, none inside a Timeline string', () => {
    const timeline = { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 3 }] }] };
    assert.equal(hintsOf(json({ Timeline: timeline, ProduceConfig: {} })).hints.length, 1);
    assert.deepEqual(hintsOf(json({ Timeline: JSON.stringify(timeline) })).hints, []);
  });

  test('no timeline, or not JSON: no hints and no throw; a clip that is no object has no `{` to follow', () => {
    for (const text of ['', '[]', '{', '{"VideoTracks": 3}', '{"VideoTracks": [{"VideoTrackClips": "x"}]}']) {
      assert.deepEqual(hintsOf(text).hints, [], text);
    }
    // The layout starts the 1 at 0 (end unknown, no Out) but it gets no hint inside the number; the
    // {} after it follows a clip of unknown length: none either.
    const text = '{"VideoTracks": [{"VideoTrackClips": [1, {}]}]}';
    assert.equal(service.layout(service.parse(text))!.tracks[0].clips[0].start, 0);
    assert.deepEqual(hintsOf(text).hints, []);
    // Alone, the {} starts at 0.
    const alone = '{"VideoTracks": [{"VideoTrackClips": [{}]}]}';
    assert.deepEqual(hintsOf(alone).hints.map((h) => [h.offset, h.label]), [[alone.indexOf('{}') + 1, '0–? s']]);
  });
});
