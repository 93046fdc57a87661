// The per-clip rules read only the clips the model's pass put on their lists (ClipLists in
// server/src/service/model.ts). Each list must hold every clip its rule can report: validating with
// every list replaced by all the clips (what the rules walked before) must give the same diagnostics.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fixtureDocuments } from '../reference/differential';
import { TimelineService } from '../../server/src/service';
import { buildModel, type ClipLists, type ClipModel } from '../../server/src/service/model';

const ROOT = path.join(__dirname, '..', '..');

/** A small deterministic generator of timelines full of what the per-clip rules look at. */
function* timelines(count: number): Generator<{ name: string; text: string }> {
  let seed = 7;
  // mulberry32
  const r = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  const num = () => pick<string | number>([0, 0, -1, -0.5, 1, 2, 3.5, 10, '"1e999"', '"-1e999"', '"5"', '"-2"', '"0"', '"x"', 'null', 0.04, 2.03, 7.5]);
  const kinds = [['VideoTracks', 'VideoTrackClips'], ['AudioTracks', 'AudioTrackClips'], ['ImageTracks', 'ImageTrackClips'], ['SubtitleTracks', 'SubtitleTrackClips'], ['EffectTracks', 'EffectTrackItems']];
  for (let k = 0; k < count; k++) {
    const many = k % 10 === 0; // more than 200 distinct MediaIds (limits/materials)
    const pool = many ? 190 + (k % 60) : Math.floor(r() * 20) + 1;
    const parts: string[] = [];
    for (const [tracksKey, clipsKey] of kinds) {
      if (r() < 0.3) continue;
      const tracks: string[] = [];
      for (let t = Math.floor(r() * 3) + 1; t > 0; t--) {
        const clips: string[] = [];
        for (let c = many ? 120 : Math.floor(r() * 6); c > 0; c--) {
          const p: string[] = [];
          const add = (key: string, v: string | number) => { if (r() < 0.5) p.push(`"${key}": ${v}`); };
          if (many) p.push(`"MediaId": "m${Math.floor(r() * pool)}"`);
          else add('MediaId', `"m${Math.floor(r() * pool)}"`);
          add('In', num()); add('Out', num()); add('TimelineIn', num()); add('TimelineOut', num());
          // Repeated keys (the last counts) only in the small ones: past the parser's cap on recorded
          // problems the document is checked for syntax only.
          if (!many && r() < 0.2) p.push('"In": 0', '"Out": 0');
          if (!many && r() < 0.2) p.push('"TimelineIn": 0', '"TimelineOut": 0');
          add('Duration', num()); add('MaxOut', num()); add('Speed', pick([0, 1, 2, 0.5, -1, '"2"']));
          add('Width', pick([0, '"0"', 0.5, 100])); add('Height', pick([0, 0.3, '"0"']));
          add('Type', pick(['"Image"', '"Video"', '"Text"', '"Transition"', '"GlobalImage"']));
          add('ClipId', `"c${Math.floor(r() * 8)}"`); add('ReferenceClipId', `"c${Math.floor(r() * 10)}"`);
          add('Text', '"hi"'); add('Content', '"x"');
          if (r() < 0.5) {
            const effects: string[] = [];
            for (let e = Math.floor(r() * 4); e > 0; e--) {
              const q = [`"Type": ${pick(['"Transition"', '"Text"', '"Volume"'])}`];
              if (r() < 0.5) q.push(`"Duration": ${num()}`);
              if (r() < 0.2) q.push(`"In": ${num()}`);
              if (!many && r() < 0.2) q.push(`"Duration": ${num()}`); // repeated: the last one counts
              if (r() < 0.3) q.push('"Text": "t"');
              if (r() < 0.2) q.push('"Content": "c"');
              effects.push(r() < 0.05 ? '3' : `{${q.join(', ')}}`);
            }
            p.push(`"Effects": [${effects.join(', ')}]`);
          }
          clips.push(r() < 0.03 ? '"not a clip"' : `{${p.join(', ')}}`);
        }
        const tp = [`"${clipsKey}": [${clips.join(', ')}]`];
        if (r() < 0.3) tp.push(`"MainTrack": ${pick(['true', 'false'])}`);
        if (tracksKey === 'VideoTracks' && r() < 0.1) tp.push('"Type": "Effect"');
        tracks.push(`{${tp.join(', ')}}`);
      }
      parts.push(`"${tracksKey}": [${tracks.join(', ')}]`);
    }
    yield { name: `generated ${k}`, text: `{${parts.join(', ')}}` };
  }
}

/** Every list replaced by what walking all the clips finds: every clip, or the first of each MediaId. */
function walkEverything(lists: ClipLists, all: ClipModel[]): void {
  const seen = new Set<string>();
  const firsts: ClipModel[] = [];
  for (const c of all) if (c.mediaId && !seen.has(c.mediaId)) { seen.add(c.mediaId); firsts.push(c); }
  for (const key of Object.keys(lists) as (keyof ClipLists)[]) lists[key] = key === 'firstOfMediaId' ? firsts : all;
}


suite('model: the lists the per-clip rules read', function () {
  this.timeout(120_000);
  const svc = new TimelineService();

  function compare(docs: Iterable<{ name: string; text: string }>): { documents: number; reported: Set<string> } {
    let documents = 0;
    const reported = new Set<string>();
    for (const { name, text } of docs) {
      for (const locale of ['en', 'zh-cn']) {
        const usual = svc.parse(text);
        const expected = svc.validate(usual, {}, locale);
        const walked = svc.parse(text);
        const model = buildModel(walked);
        if (model) walkEverything(model.lists, model.tracks.flatMap((t) => t.clips));
        const actual = svc.validate(walked, {}, locale);
        assert.deepEqual(expected, actual, `${name} (${locale})`);
        for (const d of expected) reported.add(d.code);
        usual.dispose();
        walked.dispose();
      }
      documents++;
    }
    return { documents, reported };
  }

  test('the examples and every fixture: the same diagnostics as walking every clip', () => {
    const { documents } = compare(fixtureDocuments(ROOT));
    assert.ok(documents > 40, `${documents} documents`);
  });

  test('generated timelines: the same diagnostics as walking every clip, every per-clip code reported', () => {
    const { reported } = compare(timelines(300));
    for (const code of ['timing/in-not-before-out', 'timing/in-out-zero', 'timing/timeline-in-not-before-out', 'timing/timeline-in-out-zero', 'timing/negative',
      'timing/transition-on-last-clip', 'timing/transition-too-long', 'timing/duration-mismatch', 'timing/reference-clip', 'timing/duplicate-clip-id',
      'structure/subtitle-text', 'schema/zero-size', 'limits/materials']) {
      assert.ok(reported.has(code), `the generated timelines exercise ${code}`);
    }
  });

  test('each list is in document order and holds only clips of the model', () => {
    for (const { text } of timelines(50)) {
      const doc = svc.parse(text);
      const model = buildModel(doc);
      if (!model) continue;
      const order = new Map(model.tracks.flatMap((t) => t.clips).map((c, i) => [c, i]));
      for (const [key, list] of Object.entries(model.lists) as [string, ClipModel[]][]) {
        let last = -1;
        for (const c of list) {
          const i = order.get(c);
          assert.ok(i !== undefined && i > last, `${key}: a clip of the model, after the one before it`);
          last = i;
        }
      }
      doc.dispose();
    }
  });
});
