// Insert as Clip (Media Library view, drag and drop): where the clip goes, its shape per media type,
// the document's indentation kept, and a result that parses and validates without new errors.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyReplacement, planClipInsertion, type ClipMedia, type InsertPlan } from '../../client/src/vod/insertClip';
import { cursor, diagnose, EXAMPLES_DIR } from '../helpers/service';

const VIDEO: ClipMedia = { mediaId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', type: 'video', duration: 12.345678 };
const AUDIO: ClipMedia = { mediaId: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', type: 'audio', duration: 30 };
const IMAGE: ClipMedia = { mediaId: 'cccccccccccccccccccccccccccccccc', type: 'image' };

function ok(plan: InsertPlan): Extract<InsertPlan, { ok: true }> {
  assert.ok(plan.ok, `refused: ${plan.ok ? '' : plan.reason}`);
  return plan;
}

/** Applies the plan; asserts the result is JSON and has no error the original did not have. */
function insert(text: string, media: ClipMedia, at?: number) {
  const plan = ok(planClipInsertion(text, media, at));
  const out = applyReplacement(text, plan.edit);
  const value = JSON.parse(out) as Record<string, unknown>;
  const errors = (t: string) => diagnose(t).list.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.text}`);
  const before = errors(text);
  const added = errors(out).filter((e) => { const i = before.indexOf(e); if (i < 0) return true; before.splice(i, 1); return false; });
  assert.deepEqual(added, [], `new errors in:\n${out}`);
  return { plan, out, value };
}

const TWO_SPACES = `{
  "VideoTracks": [
    {
      "VideoTrackClips": [
        {
          "MediaId": "11111111111111111111111111111111",
          "In": 0,
          "Out": 5
        },
        {
          "MediaId": "22222222222222222222222222222222",
          "In": 0,
          "Out": 5
        }
      ]
    }
  ]
}
`;

suite('insert clip', () => {
  test('video at the cursor between two clips: after the first, In 0 to its duration, two-space indentation kept', () => {
    const { text, offset } = cursor(TWO_SPACES.replace('"Out": 5\n        },', '"Out": 5\n        },‸'));
    const { plan, out, value } = insert(text, VIDEO, offset);
    assert.equal(plan.where, 'cursor');
    const clips = (value.VideoTracks as any)[0].VideoTrackClips;
    assert.deepEqual(clips.map((c: any) => c.MediaId), ['11111111111111111111111111111111', VIDEO.mediaId, '22222222222222222222222222222222']);
    assert.deepEqual(clips[1], { MediaId: VIDEO.mediaId, In: 0, Out: 12.3457 });
    assert.ok(out.includes(`        },\n        {\n          "MediaId": "${VIDEO.mediaId}",\n          "In": 0,\n          "Out": 12.3457\n        },\n        {`), out);
  });

  test('cursor inside a clip (even in its Effects): the new clip follows that clip', () => {
    const text = TWO_SPACES.replace('"In": 0,\n          "Out": 5\n        },', '"In": 0,\n          "Effects": [],\n          "Out": 5\n        },');
    const at = text.indexOf('"Effects": [') + '"Effects": ['.length;
    const { value } = insert(text, VIDEO, at);
    assert.deepEqual((value.VideoTracks as any)[0].VideoTrackClips.map((c: any) => c.MediaId)[1], VIDEO.mediaId);
  });

  test('cursor before the first clip: the new clip comes first', () => {
    const at = TWO_SPACES.indexOf('"VideoTrackClips": [') + '"VideoTrackClips": ['.length;
    const { value, out } = insert(TWO_SPACES, VIDEO, at);
    assert.equal((value.VideoTracks as any)[0].VideoTrackClips[0].MediaId, VIDEO.mediaId);
    assert.ok(out.includes(`[\n        {\n          "MediaId": "${VIDEO.mediaId}"`), out);
  });

  test('cursor outside any clip array: appended to the first track of the kind', () => {
    const { plan, value } = insert(TWO_SPACES, VIDEO, 1);
    assert.equal(plan.where, 'track');
    assert.equal((value.VideoTracks as any)[0].VideoTrackClips[2].MediaId, VIDEO.mediaId);
  });

  test('audio with the cursor in a video clip array goes to an audio track, created with its tracks array', () => {
    const at = TWO_SPACES.indexOf('"VideoTrackClips": [') + '"VideoTrackClips": ['.length;
    const { plan, value, out } = insert(TWO_SPACES, AUDIO, at);
    assert.equal(plan.where, 'new-tracks');
    assert.deepEqual(value.AudioTracks, [{ AudioTrackClips: [{ MediaId: AUDIO.mediaId, In: 0, Out: 30 }] }]);
    assert.equal((value.VideoTracks as any)[0].VideoTrackClips.length, 2, 'the video track is untouched');
    assert.ok(out.endsWith(`  ],\n  "AudioTracks": [\n    {\n      "AudioTrackClips": [\n        {\n          "MediaId": "${AUDIO.mediaId}",\n          "In": 0,\n          "Out": 30\n        }\n      ]\n    }\n  ]\n}\n`), out);
  });

  test('audio into an existing audio track at the cursor; a video may go there too (its sound)', () => {
    const text = '{\n    "AudioTracks": [\n        {\n            "AudioTrackClips": []\n        }\n    ]\n}';
    const at = text.indexOf('[]') + 1;
    const a = insert(text, AUDIO, at);
    assert.equal(a.plan.where, 'cursor');
    assert.ok(a.out.includes(`"AudioTrackClips": [\n                {\n                    "MediaId": "${AUDIO.mediaId}",`), a.out);
    assert.ok(a.out.includes('\n                }\n            ]\n        }'), a.out);
    const v = insert(text, VIDEO, at);
    assert.equal(v.plan.clipsKey, 'AudioTrackClips');
  });

  test('image: an image-track clip TimelineIn 0 to TimelineOut 5; a video-track clip of Type Image where the cursor says', () => {
    const { plan, value } = insert(TWO_SPACES, IMAGE);
    assert.equal(plan.where, 'new-tracks');
    assert.deepEqual(value.ImageTracks, [{ ImageTrackClips: [{ MediaId: IMAGE.mediaId, TimelineIn: 0, TimelineOut: 5 }] }]);
    const at = TWO_SPACES.indexOf('"VideoTrackClips": [') + '"VideoTrackClips": ['.length;
    const inVideo = insert(TWO_SPACES, IMAGE, at);
    assert.deepEqual((inVideo.value.VideoTracks as any)[0].VideoTrackClips[0], { MediaId: IMAGE.mediaId, Type: 'Image', Duration: 5 });
  });

  test('a tracks array without a track of clips gets a new track', () => {
    const text = '{\n  "VideoTracks": [\n    {\n      "VideoTrackClips": [{"MediaId": "11111111111111111111111111111111"}]\n    }\n  ],\n  "ImageTracks": []\n}';
    const { plan, value } = insert(text, IMAGE);
    assert.equal(plan.where, 'new-track');
    assert.deepEqual(value.ImageTracks, [{ ImageTrackClips: [{ MediaId: IMAGE.mediaId, TimelineIn: 0, TimelineOut: 5 }] }]);
  });

  test('tabs and CRLF are kept', () => {
    const text = TWO_SPACES.replace(/ {2}/g, '\t').replace(/\n/g, '\r\n');
    const { out } = insert(text, VIDEO, 1);
    assert.ok(!/[^\r]\n/.test(out), 'only CRLF line ends');
    assert.ok(out.includes(`\t\t\t\t},\r\n\t\t\t\t{\r\n\t\t\t\t\t"MediaId": "${VIDEO.mediaId}",\r\n\t\t\t\t\t"In": 0,`), out);
  });

  test('a clip array written on one line stays on one line', () => {
    const text = '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "11111111111111111111111111111111"}]}]}';
    const { out } = insert(text, VIDEO);
    assert.ok(out.startsWith('{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "11111111111111111111111111111111"}, {'), out);
  });

  test('clips written one per line: the new clip is written on one line too, on its own line', () => {
    const text = '{\n  "VideoTracks": [\n    {\n      "VideoTrackClips": [\n        { "MediaId": "11111111111111111111111111111111", "In": 0, "Out": 5 }\n      ]\n    }\n  ]\n}\n';
    const { out } = insert(text, VIDEO, 1);
    assert.ok(out.includes(`"Out": 5 },\n        { "MediaId": "${VIDEO.mediaId}", "In": 0, "Out": 12.3457 }\n      ]`), out);
  });

  test('an unknown duration leaves Out to the source end', () => {
    const { value } = insert(TWO_SPACES, { mediaId: VIDEO.mediaId, type: 'video' }, 1);
    assert.deepEqual((value.VideoTracks as any)[0].VideoTrackClips[2], { MediaId: VIDEO.mediaId, In: 0 });
  });

  test('a produce document: the clip goes into its Timeline object, not the root', () => {
    const text = fs.readFileSync(path.join(EXAMPLES_DIR, 'produce-document.timeline.json'), 'utf8');
    const { value } = insert(text, AUDIO);
    assert.equal(value.AudioTracks, undefined);
    const tracks = (value.Timeline as any).AudioTracks;
    assert.ok(tracks.some((t: any) => t.AudioTrackClips?.some((c: any) => c.MediaId === AUDIO.mediaId)));
  });

  test('every example takes a clip of each type without new errors', () => {
    for (const f of fs.readdirSync(EXAMPLES_DIR).filter((n) => n.endsWith('.timeline.json'))) {
      const text = fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8');
      for (const m of [VIDEO, AUDIO, IMAGE]) insert(text, m, Math.floor(text.length / 2));
    }
  });

  test('refused: a Timeline written as a JSON string, broken JSON, no Timeline, not an object', () => {
    const str = JSON.stringify({ Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'x' }] }] }) }, null, 2);
    assert.deepEqual(planClipInsertion(str, VIDEO, 10), { ok: false, reason: 'timeline-string' });
    assert.deepEqual(planClipInsertion('{"VideoTracks": [', VIDEO), { ok: false, reason: 'syntax' });
    assert.deepEqual(planClipInsertion('{"ProjectId": "p"}', VIDEO), { ok: false, reason: 'no-timeline' });
    assert.deepEqual(planClipInsertion('[]', VIDEO), { ok: false, reason: 'not-object' });
  });

  test('an empty document object gets its tracks', () => {
    const { value, out } = insert('{}', VIDEO);
    assert.deepEqual(value, { VideoTracks: [{ VideoTrackClips: [{ MediaId: VIDEO.mediaId, In: 0, Out: 12.3457 }] }] });
    assert.ok(out.startsWith('{\n  "VideoTracks": [\n    {'), out);
  });
});
