// The shared layout over every example: where each clip lands, track ranges and the output duration,
// written out by hand from the examples' numbers (In/Out/Speed/Transition/TimelineIn) so a change in
// the engine shows up as a readable diff.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TimelineService, type Layout } from '../../server/src/service';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const service = new TimelineService();

function layoutOf(file: string): Layout {
  const doc = service.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
  const layout = service.layout(doc);
  assert.ok(layout, `${file} has a timeline`);
  return layout;
}

/** `kind[index] start–end: clip clip …` with `~D` for a transition, `*` for a main track. */
function table(layout: Layout): string[] {
  const fmt = (n: number | null) => (n === null ? '?' : String(n));
  return [
    `duration ${fmt(layout.duration)} (≥ ${layout.minDuration})`,
    ...layout.tracks.map((t) => `${t.track.kind}[${t.track.index}]${t.track.main ? '*' : ''} ${fmt(t.start)}–${fmt(t.end)}: ${t.clips.map((c) => `${fmt(c.start)}–${fmt(c.end)}${c.transition ? `~${c.transition}` : ''}`).join(' ')}`),
  ];
}

const expected: Record<string, string[]> = {
  'audio-mix-dubbing.timeline.json': [
    'duration 60 (≥ 60)',
    'video[0] 0–60: 0–30 30–60',
    'audio[0] 5–50: 5–50',
    'audio[1] 0–60: 0–60',
  ],
  'merge-in-out.timeline.json': [
    'duration 64.25 (≥ 64.25)',
    'video[0] 0–64.25: 0–15.5 15.5–30.5 30.5–42 42–50 50–56.25 56.25–64.25',
  ],
  'picture-in-picture.timeline.json': [
    'duration 60 (≥ 60)',
    'video[0] 0–60: 0–60',
    'video[1] 10–40: 10–40',
    'video[2] 0–60: 0–60',
  ],
  'portrait-blur-background.timeline.json': [
    'duration 30 (≥ 30)',
    'video[0] 0–30: 0–12 12–22 22–30',
  ],
  'produce-document.timeline.json': [
    'duration 61.5 (≥ 61.5)',
    'video[0] 0–61.5: 0–6~0.5 5.5–25.5 25.5–43.5 43.5–53.5 53.5–61.5',
    'video[1] 7–13: 7–13',
    'audio[0] 0–61.5: 0–61.5',
  ],
  'subtitles.timeline.json': [
    'duration 27 (≥ 27)',
    'video[0] 0–27: 0–15 15–27',
    'subtitle[0] 4.5–20: 4.5–8 8–12.5 16–20',
  ],
  'transitions.timeline.json': [
    // 8 + 10 + 8 + 8 = 34 s of material, minus the 1 + 0.5 + 0.5 s the transitions overlap.
    'duration 32 (≥ 32)',
    'video[0] 0–32: 0–8~1 7–17~0.5 16.5–24.5~0.5 24–32',
  ],
};

suite('layout: examples', () => {
  test('every example has an expected layout', () => {
    const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.timeline.json')).sort();
    assert.deepEqual(files, Object.keys(expected).sort());
  });

  for (const [file, lines] of Object.entries(expected)) {
    test(file, () => {
      assert.deepEqual(table(layoutOf(file)), lines);
    });
  }

  test('every clip of the examples is placed: no unknown start or end', () => {
    for (const file of Object.keys(expected)) {
      for (const t of layoutOf(file).tracks) for (const c of t.clips) {
        assert.ok(c.start !== null && c.end !== null, `${file} ${t.track.kind}[${t.track.index}] clip ${c.clip.index}`);
        assert.ok(c.end >= c.start, `${file}: end after start`);
      }
    }
  });

  test('the layout is computed once per document version', () => {
    const doc = service.parse(fs.readFileSync(path.join(EXAMPLES, 'transitions.timeline.json'), 'utf8'));
    assert.equal(service.layout(doc), service.layout(doc));
  });
});
