// The preview's model (client/src/preview/model.ts): bars from the server's layout, estimates where
// times are unknown, diagnostics mapped onto clips and tracks, editor position → bar, and the wire form
// that crosses to the webview.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TimelineService } from '../../server/src/service';
import { layoutResult } from '../../server/src/layoutResult';
import {
  buildPreviewModel, clipLabel, ClipIndex, decodeModel, encodeModel, unknownLength, type SimpleDiagnostic,
} from '../../client/src/preview/model';
import type { LayoutResult } from '../../client/src/preview/protocol';

const service = new TimelineService();

/** The server's answer for `text`, through JSON as over LSP (and typed as the client reads it). */
function layoutOf(text: string): LayoutResult {
  const result: LayoutResult = layoutResult(service.parse(text), service);
  return JSON.parse(JSON.stringify(result));
}

const pretty = (v: unknown) => JSON.stringify(v, null, 2);
const TWO_TRACKS = pretty({
  VideoTracks: [{ VideoTrackClips: [{ MediaId: 'aaa', Out: 4 }, { MediaId: 'bbb', In: 2 }, { MediaId: 'ccc', Out: 3 }] }],
  SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'Hello\\Nworld', TimelineIn: 1, TimelineOut: 2 }] }],
});

function positionOf(text: string, needle: string, delta = 0) {
  const at = text.indexOf(needle) + delta;
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

suite('preview: model', () => {
  test('one lane per track and one bar per clip, in layout order', () => {
    const m = buildPreviewModel(layoutOf(TWO_TRACKS), [], 'x.timeline.json', 3);
    assert.equal(m.version, 3);
    assert.equal(m.fileName, 'x.timeline.json');
    assert.deepEqual(m.lanes.map((l) => [l.kind, l.index, l.clips.length]), [['video', 0, 3], ['subtitle', 0, 1]]);
    assert.equal(m.clipCount, 4);
    assert.equal(m.empty, false);
  });

  test('labels: MediaId, else the first line of the text, else the Type', () => {
    assert.equal(clipLabel({ mediaId: 'm1', text: 'x' }), 'm1');
    assert.equal(clipLabel({ text: 'Hello\\Nworld' }), 'Hello');
    assert.equal(clipLabel({ text: 'one\ntwo' }), 'one');
    assert.equal(clipLabel({ type: 'VFX' }), 'VFX');
    assert.equal(clipLabel({}), '');
  });

  test('unknown times are drawn at an estimate: after the previous bar, a nominal length', () => {
    const m = buildPreviewModel(layoutOf(TWO_TRACKS), [], 'x', 1);
    const [a, b, c] = m.lanes[0].clips;
    assert.deepEqual([a.start, a.end, a.x0, a.x1], [0, 4, 0, 4]);
    const nominal = unknownLength(Math.max(m.minDuration, 4));
    assert.deepEqual([b.start, b.end, b.x0, b.x1], [4, null, 4, 4 + nominal]);
    assert.deepEqual([c.start, c.end, c.x0], [null, null, 4 + nominal]);
    assert.ok(m.extent >= c.x1, 'the ruler covers every bar');
    assert.equal(m.duration, null);
  });

  test('the nominal length for unknown ends stays between 2 s and 60 s', () => {
    assert.equal(unknownLength(0), 2);
    assert.equal(unknownLength(100), 10);
    assert.equal(unknownLength(3600), 60);
  });

  test('a TimelineOut before TimelineIn draws an empty bar, not a negative one', () => {
    const m = buildPreviewModel(layoutOf(pretty({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Out: 2, TimelineIn: 5, TimelineOut: 3 }] }] })), [], 'x', 1);
    const c = m.lanes[0].clips[0];
    assert.deepEqual([c.x0, c.x1], [5, 5]);
  });

  test('←/→ order follows time, not the array', () => {
    const m = buildPreviewModel(layoutOf(pretty({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Out: 1, TimelineIn: 9 }, { MediaId: 'b', Out: 1, TimelineIn: 2 }, { MediaId: 'c', Out: 1, TimelineIn: 5 }] }] })), [], 'x', 1);
    assert.deepEqual(m.lanes[0].order, [1, 2, 0]);
  });

  test('diagnostics land on the clip that contains them; errors first; the rest on the track', () => {
    const layout = layoutOf(TWO_TRACKS);
    const inClip = (needle: string): SimpleDiagnostic['range'] => ({ start: positionOf(TWO_TRACKS, needle), end: positionOf(TWO_TRACKS, needle, needle.length) });
    const diagnostics: SimpleDiagnostic[] = [
      { range: inClip('"bbb"'), severity: 2, message: 'a warning' },
      { range: inClip('"In": 2'), severity: 3, message: 'an error' },
      { range: inClip('"SubtitleTrackClips"'), severity: 2, message: 'on the track' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 3, message: 'on the document' },
    ];
    const m = buildPreviewModel(layout, diagnostics, 'x', 1);
    const b = m.lanes[0].clips[1];
    assert.equal(b.severity, 3);
    assert.deepEqual(b.problems, ['an error', 'a warning']);
    assert.equal(m.lanes[0].clips[0].severity, 0);
    assert.equal(m.lanes[1].severity, 2, 'the subtitle track itself');
    assert.deepEqual(m.lanes[1].problems, ['on the track']);
    assert.equal(m.errors, 2, 'every error counts, placed or not');
    assert.equal(m.warnings, 2);
  });

  test('editor position → bar: inside a clip object, not between clips', () => {
    const layout = layoutOf(TWO_TRACKS);
    const index = new ClipIndex(layout);
    assert.equal(index.size, 4);
    assert.deepEqual(index.barAt(positionOf(TWO_TRACKS, '"ccc"')), { lane: 0, clip: 2 });
    assert.deepEqual(index.barAt(positionOf(TWO_TRACKS, 'Hello')), { lane: 1, clip: 0 });
    assert.equal(index.barAt(positionOf(TWO_TRACKS, '"VideoTrackClips"')), undefined);
    assert.equal(index.barAt({ line: 0, character: 0 }), undefined);
    assert.equal(index.laneAt(positionOf(TWO_TRACKS, '"VideoTrackClips"')), 0);
  });

  test('no timeline: an empty model that still counts the problems', () => {
    const m = buildPreviewModel(layoutOf('{ "VideoTracks": [ '), [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 3, message: 'syntax' }], 'x', 7);
    assert.equal(m.empty, true);
    assert.equal(m.errors, 1);
    assert.equal(buildPreviewModel(null, [], 'x', 1).empty, true);
  });

  test('the wire form decodes to the same model, and is a fraction of its size on the max document', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'subtitles.timeline.json'), 'utf8');
    const m = buildPreviewModel(layoutOf(text), [{ range: { start: positionOf(text, '"MediaId"'), end: positionOf(text, '"MediaId"', 9) }, severity: 2, message: 'w' }], 's', 2);
    assert.deepEqual(decodeModel(JSON.parse(JSON.stringify(encodeModel(m)))), m);

    const big = pretty({ VideoTracks: Array.from({ length: 20 }, (_, t) => ({ VideoTrackClips: Array.from({ length: 30 }, (_, i) => ({ MediaId: String((t * 7 + i) % 50).padStart(32, 'f'), In: 0, Out: 2.5, TimelineIn: i * 2.5, TimelineOut: i * 2.5 + 2.5 })) })) });
    const bm = buildPreviewModel(layoutOf(big), [], 'b', 1);
    const wire = JSON.stringify(encodeModel(bm));
    assert.ok(wire.length * 2.5 < JSON.stringify(bm).length, `${wire.length} vs ${JSON.stringify(bm).length}`);
    assert.equal(encodeModel(bm).labels.length, 50, 'labels interned');
    assert.deepEqual(decodeModel(JSON.parse(wire)), bm);
  });
});
