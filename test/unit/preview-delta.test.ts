// The preview's updates after the first model (client/src/preview/delta.ts): the delta the extension
// sends, applied by the webview to the model it holds, gives exactly the new model (as the full wire
// form would), over random edits that add and remove tracks and clips, move times, rename media and
// change the diagnostics; a step the webview misses makes it ask for the whole model, once.

import * as assert from 'node:assert/strict';
import { TimelineService } from '../../server/src/service';
import { layoutResult } from '../../server/src/layoutResult';
import { buildPreviewModel, decodeModel, encodeModel, type SimpleDiagnostic } from '../../client/src/preview/model';
import { DeltaReceiver, DeltaSender, applyDelta, diffModels, type Outgoing } from '../../client/src/preview/delta';
import type { LayoutResult, PreviewModel, Severity } from '../../client/src/preview/protocol';

const service = new TimelineService();

function layoutOf(text: string): LayoutResult {
  return JSON.parse(JSON.stringify(layoutResult(service.parse(text), service)));
}

/** What the webview holds after the full model: the wire form, through JSON. */
const viaWire = (m: PreviewModel): PreviewModel => decodeModel(JSON.parse(JSON.stringify(encodeModel(m))));
/** A message as it crosses (the panel posts it as JSON bytes). */
const cross = <T>(x: T): T => JSON.parse(JSON.stringify(x));

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 2 ** 32;
  };
}

type Clip = Record<string, unknown>;
interface Doc { VideoTracks: { VideoTrackClips: Clip[] }[]; AudioTracks: { AudioTrackClips: Clip[] }[]; SubtitleTracks: { SubtitleTrackClips: Clip[] }[] }
const KEYS = [['VideoTracks', 'VideoTrackClips'], ['AudioTracks', 'AudioTrackClips'], ['SubtitleTracks', 'SubtitleTrackClips']] as const;

function randomClip(r: () => number, subtitle: boolean): Clip {
  const t = Math.round(r() * 600) / 10;
  const d = Math.round((0.5 + r() * 9) * 10) / 10;
  if (subtitle) return { Type: 'Text', Content: `Line ${Math.floor(r() * 5)}`, TimelineIn: t, TimelineOut: t + d };
  const clip: Clip = { MediaId: `m${Math.floor(r() * 6)}`.padEnd(32, 'a'), In: 0, Out: d };
  // Some clips leave their times to the layout (implicit starts, unknown ends).
  if (r() < 0.6) clip.TimelineIn = t;
  if (r() < 0.15) delete clip.Out;
  if (r() < 0.1) clip.Speed = 2;
  return clip;
}

function randomDoc(r: () => number, tracks: number, clips: number): Doc {
  const doc: Doc = { VideoTracks: [], AudioTracks: [], SubtitleTracks: [] };
  for (let t = 0; t < tracks; t++) {
    const [arr, key] = KEYS[Math.floor(r() * 3)];
    const list = Array.from({ length: Math.floor(r() * clips) }, () => randomClip(r, arr === 'SubtitleTracks'));
    (doc[arr] as Record<string, Clip[]>[]).push({ [key]: list });
  }
  return doc;
}

/** One random edit, in place; returns what it did (for the failure message). */
function edit(doc: Doc, r: () => number): string {
  const [arr, key] = KEYS[Math.floor(r() * 3)];
  const tracks = doc[arr] as Record<string, Clip[]>[];
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const op = Math.floor(r() * 8);
  if (op === 0 || !tracks.length) {
    const at = Math.floor(r() * (tracks.length + 1));
    tracks.splice(at, 0, { [key]: Array.from({ length: 1 + Math.floor(r() * 4) }, () => randomClip(r, arr === 'SubtitleTracks')) });
    return `add ${arr}[${at}]`;
  }
  const ti = Math.floor(r() * tracks.length);
  const clips = tracks[ti][key];
  if (op === 1) {
    tracks.splice(ti, 1);
    return `remove ${arr}[${ti}]`;
  }
  if (op === 2 || !clips.length) {
    const at = Math.floor(r() * (clips.length + 1));
    clips.splice(at, 0, randomClip(r, arr === 'SubtitleTracks'));
    return `add ${arr}[${ti}] clip ${at}`;
  }
  const ci = Math.floor(r() * clips.length);
  const c = clips[ci];
  switch (op) {
    case 3: clips.splice(ci, 1); return `remove ${arr}[${ti}] clip ${ci}`;
    case 4: c.TimelineOut = Math.round(r() * 700) / 10; return `TimelineOut of ${arr}[${ti}] clip ${ci}`;
    case 5: c.TimelineIn = Math.round(r() * 700) / 10; return `TimelineIn of ${arr}[${ti}] clip ${ci}`;
    case 6: if (c.MediaId) c.MediaId = pick(['x', 'y', 'z']).padEnd(32, 'b'); else c.Content = `Changed ${Math.floor(r() * 9)}`; return `label of ${arr}[${ti}] clip ${ci}`;
    default: return 'diagnostics only';
  }
}

/** A few diagnostics on random clips and tracks of `layout` (what the editor would report). */
function randomDiagnostics(layout: LayoutResult, r: () => number): SimpleDiagnostic[] {
  const out: SimpleDiagnostic[] = [];
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n && layout.tracks.length; i++) {
    const t = layout.tracks[Math.floor(r() * layout.tracks.length)];
    const range = t.clips.length && r() < 0.8 ? t.clips[Math.floor(r() * t.clips.length)].range : t.range;
    out.push({ range, severity: (1 + Math.floor(r() * 3)) as Severity, message: `problem ${Math.floor(r() * 3)}` });
  }
  return out;
}

function modelOf(doc: Doc, r: () => number, version: number): PreviewModel {
  const layout = layoutOf(JSON.stringify(doc, null, 2));
  return buildPreviewModel(layout, randomDiagnostics(layout, r), 'x.timeline.json', version);
}

/** The receiver takes what the sender posts, as the webview does. */
function deliver(receiver: DeltaReceiver, out: Outgoing): ReturnType<DeltaReceiver['apply']> {
  const o = cross(out);
  if (o.kind === 'full') return { model: receiver.full(o.seq, o.wire) };
  return receiver.apply(o.delta);
}

suite('preview: deltas', () => {
  test('random edits: the delta applied to the old model is the new model (400 steps on 8 seeds)', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const r = rng(seed * 7919);
      const doc = randomDoc(r, 6, 8);
      const sender = new DeltaSender();
      const receiver = new DeltaReceiver();
      let version = 1;
      deliver(receiver, sender.update(modelOf(doc, r, version))!);
      for (let step = 0; step < 50; step++) {
        const what = edit(doc, r);
        const next = modelOf(doc, r, what === 'diagnostics only' ? version : ++version);
        const out = sender.update(next);
        const expected = viaWire(next);
        if (!out) {
          assert.deepEqual(receiver.model, expected, `seed ${seed} step ${step} (${what}): "nothing changed", yet the models differ`);
          continue;
        }
        assert.equal(out.kind, 'delta', `seed ${seed} step ${step}: a delta after the first model`);
        const got = deliver(receiver, out);
        assert.ok('model' in got, `seed ${seed} step ${step} (${what}): the delta applies (${JSON.stringify(got)})`);
        assert.deepEqual(got.model, expected, `seed ${seed} step ${step} (${what})`);
      }
    }
  });

  test('an edit inside one clip of a large timeline sends that clip, not the model', () => {
    const doc: Doc = { VideoTracks: [], AudioTracks: [], SubtitleTracks: [] };
    for (let t = 0; t < 60; t++) doc.VideoTracks.push({ VideoTrackClips: Array.from({ length: 30 }, (_, i) => ({ MediaId: `m${(t + i) % 9}`.padEnd(32, 'c'), In: 0, Out: 2, TimelineIn: i * 2, TimelineOut: i * 2 + 2 })) });
    const old = buildPreviewModel(layoutOf(JSON.stringify(doc)), [], 'x', 1);
    doc.VideoTracks[31].VideoTrackClips[17].TimelineOut = 35.5;
    const next = buildPreviewModel(layoutOf(JSON.stringify(doc)), [], 'x', 2);
    const delta = diffModels(old, next, 1, 2);
    const patches = delta.lanes.filter((e) => typeof e !== 'number');
    assert.equal(patches.length, 1, 'one lane patched');
    assert.deepEqual(patches[0], { ...patches[0], from: 31, at: 17, del: 1 });
    const wire = JSON.stringify(delta).length;
    const full = JSON.stringify(encodeModel(next)).length;
    assert.ok(wire * 50 < full, `delta ${wire} B vs full ${full} B`);
    assert.deepEqual(applyDelta(viaWire(old), cross(delta)), viaWire(next));
  });

  test('tracks added and removed in the middle: the lanes after them are kept, not resent', () => {
    const r = rng(7);
    const doc = randomDoc(r, 0, 0);
    for (let t = 0; t < 10; t++) doc.VideoTracks.push({ VideoTrackClips: [randomClip(r, false), randomClip(r, false)] });
    const old = modelOf(doc, () => 0.99, 1);
    doc.VideoTracks.splice(4, 0, { VideoTrackClips: [randomClip(r, false)] });
    const added = modelOf(doc, () => 0.99, 2);
    const d1 = diffModels(old, added, 1, 2);
    assert.deepEqual(applyDelta(viaWire(old), cross(d1)), viaWire(added));
    // Lanes 0-3 as they were; 5-10 are the old 4-9 with a new index (their head), clips not resent.
    assert.deepEqual(d1.lanes.slice(0, 4), [0, 1, 2, 3]);
    for (let j = 5; j <= 10; j++) {
      const e = d1.lanes[j];
      assert.ok(typeof e !== 'number' && e.from === j - 1 && e.ins.length === 0 && e.del === 0 && e.head?.index === j, `lane ${j}: ${JSON.stringify(e)}`);
    }
    doc.VideoTracks.splice(2, 2);
    const removed = modelOf(doc, () => 0.99, 3);
    assert.deepEqual(applyDelta(viaWire(added), cross(diffModels(added, removed, 2, 3))), viaWire(removed));
  });

  test('a missed step: the webview asks for the whole model once, and is whole again after it', () => {
    const r = rng(99);
    const doc = randomDoc(r, 5, 6);
    const sender = new DeltaSender();
    const receiver = new DeltaReceiver();
    let version = 1;
    deliver(receiver, sender.update(modelOf(doc, r, version))!);
    edit(doc, r);
    let next = modelOf(doc, r, ++version);
    const lost = sender.update(next);
    assert.equal(lost?.kind, 'delta');
    const heldSeq = receiver.seq;
    // The delta after the lost one does not apply: ask once, then wait for the whole.
    for (let i = 0; i < 3; i++) {
      edit(doc, r);
      next = modelOf(doc, r, ++version);
      const out = sender.update(next);
      assert.ok(out?.kind === 'delta');
      const got = deliver(receiver, out);
      assert.ok(!('model' in got), 'not applied to the wrong model');
      assert.equal('resync' in got ? got.resync : undefined, i === 0 ? heldSeq : undefined, i === 0 ? 'asks with the seq it holds' : 'asks once per gap');
      assert.equal(receiver.seq, heldSeq, 'keeps what it had');
    }
    assert.equal(sender.needsFull(heldSeq), true);
    const full = sender.full(next);
    assert.equal(full.kind, 'full');
    deliver(receiver, full);
    assert.deepEqual(receiver.model, viaWire(next));
    assert.equal(sender.needsFull(receiver.seq), false, 'caught up');
    // And deltas apply again.
    edit(doc, r);
    next = modelOf(doc, r, ++version);
    const got = deliver(receiver, sender.update(next)!);
    assert.ok('model' in got);
    assert.deepEqual(got.model, viaWire(next));
  });

  test('a delta that does not fit its base model is refused, not drawn', () => {
    const r = rng(5);
    const doc = randomDoc(r, 4, 5);
    const sender = new DeltaSender();
    const receiver = new DeltaReceiver();
    deliver(receiver, sender.update(modelOf(doc, r, 1))!);
    doc.VideoTracks.push({ VideoTrackClips: [randomClip(r, false)] });
    const out = sender.update(modelOf(doc, r, 2));
    assert.ok(out?.kind === 'delta');
    const bad = cross(out.delta);
    const patch = bad.lanes.find((e) => typeof e !== 'number');
    assert.ok(patch && typeof patch !== 'number');
    patch.at = 1000;
    const before = receiver.model;
    const got = receiver.apply(bad);
    assert.ok(!('model' in got) && got.error && got.resync === 1, JSON.stringify(got));
    assert.equal(receiver.model, before);
  });
});
