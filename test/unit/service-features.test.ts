// Editor features of the language service at exact positions: completion, hover, symbols, folding,
// selection ranges, formatting, code actions and fix-all, ClipId / MediaId navigation and rename.

import * as assert from 'node:assert/strict';
import { TimelineService, applyEdits, type CompletionItem, type ServiceSettings, type TextEdit } from '../../server/src/service';
import { cursor, diagnose, exampleFiles, json, offsetOf, readText, service, videoTimeline } from '../helpers/service';

async function completeAt(marked: string, svc = service, locale?: string) {
  const { text, offset } = cursor(marked);
  const result = await svc.complete(svc.parse(text), offset, locale);
  return { text, offset, result, labels: result.items.map((i) => i.label) };
}

const inserted = (text: string, item: CompletionItem) => text.slice(0, item.start) + item.insertText + text.slice(item.end);

suite('service features: completion', () => {
  test('keys valid in a video clip, without those already present, required first', async () => {
    const { labels, result, offset } = await completeAt('{"VideoTracks": [{"VideoTrackClips": [{"In": 0, ‸}]}]}');
    assert.ok(labels.includes('MediaId') && labels.includes('Out') && labels.includes('Effects') && labels.includes('TimelineIn'));
    assert.ok(!labels.includes('In'), 'In is already there');
    assert.ok(!labels.includes('VideoId') && !labels.includes('CutFlag'), 'no legacy keys');
    assert.ok(!labels.includes('VideoTrackClips') && !labels.includes('Content'), 'only keys of a video clip');
    const sorted = [...result.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.equal(sorted[0].label, 'MediaId');
    const mediaId = result.items.find((i) => i.label === 'MediaId')!;
    assert.deepEqual([mediaId.kind, mediaId.insertText, mediaId.isSnippet, mediaId.start, mediaId.end], ['property', '"MediaId": "$1"', true, offset, offset]);
    assert.equal(result.items.find((i) => i.label === 'Type')!.insertText, '"Type": "${1|Video,Image,GlobalImage,AI_Avatar|}"');
  });

  test('keys of an effect depend on its Type; a comma is added when a property follows', async () => {
    const { result } = await completeAt('{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "Effects": [{"Type": "Volume", ‸ "In": 1}]}]}]}');
    const gain = result.items.find((i) => i.label === 'Gain')!;
    assert.ok(gain, 'Gain for a Volume effect');
    assert.ok(gain.insertText.endsWith(','), gain.insertText);
  });

  test('a missing comma before the cursor is inserted with the key', async () => {
    const { result } = await completeAt('{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a" ‸}]}]}');
    assert.equal(result.items.find((i) => i.label === 'Out')!.insertText, ',"Out": ${1:0}');
  });

  test('Type values of a video clip: the enum, replacing the value being typed', async () => {
    const { text, result } = await completeAt('{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "Type": "Im‸"}]}]}');
    assert.deepEqual(result.items.map((i) => [i.label, i.kind]), [['"Video"', 'enum'], ['"Image"', 'enum'], ['"GlobalImage"', 'enum'], ['"AI_Avatar"', 'enum']]);
    const image = result.items[1];
    assert.equal(text.slice(image.start, image.end), '"Im"');
    assert.match(image.documentation!, /Still image/);
    assert.equal(inserted(text, image), '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "Type": "Image"}]}]}');
  });

  test('Type values right after the colon, with the closing brace on the next line', async () => {
    const { text, offset, result } = await completeAt('{"VideoTracks": [{"VideoTrackClips": [{\n  "MediaId": "a",\n  "Type": ‸\n}]}]}');
    assert.equal(result.items.length, 4);
    for (const item of result.items) assert.deepEqual([item.start, item.end], [offset, offset]);
    assert.equal(inserted(text, result.items[0]), '{"VideoTracks": [{"VideoTrackClips": [{\n  "MediaId": "a",\n  "Type": "Video"\n}]}]}');
  });

  test('snippets for a track in VideoTracks: [ ‸ ] and for a clip in VideoTrackClips', async () => {
    const tracks = await completeAt('{"VideoTracks": [ ‸ ]}');
    assert.ok(tracks.result.items.length >= 1);
    for (const item of tracks.result.items) assert.equal(item.kind, 'snippet');
    assert.ok(tracks.labels.includes('Video track'));
    const track = tracks.result.items.find((i) => i.label === 'Video track')!;
    assert.match(track.insertText, /^\{\n\t"VideoTrackClips": \[/);
    assert.equal(track.isSnippet, true);
    const clips = await completeAt('{"VideoTracks": [{"VideoTrackClips": [‸]}]}');
    assert.ok(clips.labels.includes('Image clip'), clips.labels.join());
    // Filled in with plain values, a clip snippet is a valid clip.
    const plain = clips.result.items.find((i) => i.label === 'Video clip (cut)')!.insertText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
    assert.deepEqual(diagnose(inserted(clips.text, { ...clips.result.items[0], insertText: plain })).list, []);
  });

  test('MediaId values: ids used in the document (most used first), then the host library; deduplicated', async () => {
    const svc = new TimelineService({ host: { mediaIds: async (prefix) => [{ mediaId: 'bbb', title: 'dup' }, { mediaId: `lib-${prefix}`, title: 'Launch keynote', detail: '120 s' }] } });
    const { text, result } = await completeAt(json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'aaa' }, { MediaId: 'bbb' }, { MediaId: 'bbb' }, { MediaId: 'x‸' }] }] }), svc);
    assert.deepEqual(result.items.map((i) => [i.label, i.kind, i.detail]), [['bbb', 'reference', '×2'], ['aaa', 'reference', '×1'], ['lib-x', 'reference', 'Launch keynote · 120 s']]);
    assert.equal(result.isIncomplete, true, 'the library is searched as the user types');
    assert.equal(text.slice(result.items[0].start, result.items[0].end), '"x"');
    assert.equal(result.items[2].insertText, '"lib-x"');
  });

  test('MediaId completion survives a failing host, and without a host is complete', async () => {
    const failing = new TimelineService({ host: { mediaIds: () => { throw new Error('offline'); } } });
    const withFailing = await completeAt(videoTimeline({ MediaId: 'aaa' }, { MediaId: '‸' }), failing);
    assert.deepEqual(withFailing.labels, ['aaa']);
    const plain = await completeAt(videoTimeline({ MediaId: 'aaa' }, { MediaId: '‸' }));
    assert.equal(plain.result.isIncomplete, false);
  });

  test('typing "Med in a broken document: keys of the clip replace what is typed', async () => {
    for (const marked of [
      '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "abc"}, {"Med‸"}\n]}]}',
      '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "abc"}, {"Med‸\n]}]}',
      '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "abc"}, {"Med‸',
    ]) {
      const { text, result } = await completeAt(marked);
      const item = result.items.find((i) => i.label === 'MediaId');
      assert.ok(item, JSON.stringify(marked));
      assert.match(text.slice(item.start, item.end), /^"Med"?$/, JSON.stringify(marked));
      assert.equal(item.insertText, '"MediaId": "$1"', 'no colon yet: the value comes with the key');
    }
  });

  test('produce-document keys offer object values for ProduceConfig and Timeline (not JSON strings)', async () => {
    const { result } = await completeAt('{"ProjectId": "p", ‸}');
    assert.equal(result.items.find((i) => i.label === 'ProduceConfig')!.insertText, '"ProduceConfig": {$1}');
    assert.equal(result.items.find((i) => i.label === 'Timeline')!.insertText, '"Timeline": {$1}');
    assert.equal(result.items.find((i) => i.label === 'AppId')!.insertText, '"AppId": "${1:app-1000000}"');
  });

  test('inside a Timeline JSON string: keys are escaped and plain (no snippet syntax)', async () => {
    const { text, result } = await completeAt(JSON.stringify({ Timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a", ‸}]}]}' }));
    const type = result.items.find((i) => i.label === 'Type')!;
    assert.deepEqual([type.insertText, type.isSnippet], ['\\"Type\\": \\"Video\\"', false]);
    const after = inserted(text, type);
    assert.deepEqual(JSON.parse(JSON.parse(after).Timeline).VideoTracks[0].VideoTrackClips[0], { MediaId: 'a', Type: 'Video' });
  });

  test('inside a ProduceConfig JSON string: its own keys, escaped (SDKs write every JSON parameter as a string)', async () => {
    const { text, labels, result } = await completeAt(JSON.stringify({ Timeline: { VideoTracks: [] }, ProduceConfig: '{"Width":1280, ‸}' }));
    assert.ok(labels.includes('Height') && labels.includes('StorageLocation'), JSON.stringify(labels));
    assert.ok(!labels.includes('Width') && !labels.includes('VideoTracks'), 'not the Timeline keys, not a key already there');
    const height = result.items.find((i) => i.label === 'Height')!;
    assert.equal(height.isSnippet, false);
    assert.ok(height.insertText.startsWith('\\"Height\\"'), height.insertText);
    // The document stays one JSON string parameter (the key's quotes are escaped).
    assert.equal(typeof JSON.parse(inserted(text, height)).ProduceConfig, 'string');
  });

  test('an empty document offers the two document snippets', async () => {
    const { labels } = await completeAt('‸');
    assert.deepEqual(labels, ['Timeline', 'Produce document']);
  });

  test('zh-CN completion documentation', async () => {
    const { result } = await completeAt('{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", ‸}]}]}', service, 'zh-CN');
    assert.match(result.items.find((i) => i.label === 'In')!.documentation!, /入点/);
  });
});

suite('service features: hover', () => {
  const text = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'aaa', In: 10, Out: 20, Speed: 2 }, { MediaId: 'bbb', In: 5, Out: 9 }] }] });
  const doc = service.parse(text);

  test('a field: its documentation, range, unit and default, in English and in Chinese', () => {
    const at = offsetOf(text, '"In"') + 2;
    const en = service.hover(doc, at)!;
    assert.equal(text.slice(en.start, en.end), '"In"');
    assert.match(en.contents, /^\*\*In\*\*\n\nIn point: where the clip starts inside the source, in seconds\./);
    assert.match(en.contents, /\*\*Range:\*\* ≥ 0/);
    const zh = service.hover(doc, at, 'zh-CN')!;
    assert.match(zh.contents, /入点：片段在源素材中的开始时间（秒）/);
    assert.doesNotMatch(zh.contents, /In point/);
  });

  test("on a clip's In: where it plays in the source and on the output (from the layout)", () => {
    const first = service.hover(doc, offsetOf(text, '"In"') + 1)!;
    assert.match(first.contents, /- Source: 10–20 s \(10 s\)\n- Output: 0–5 s \(5 s\)\n- Speed ×2/);
    const second = service.hover(doc, offsetOf(text, '"In"', 1) + 1, 'zh-CN')!;
    assert.match(second.contents, /- 素材区间：5–9 秒（4 秒）\n- 成片区间：5–9 秒（4 秒）/);
  });

  test('an enum value: the meaning of that value', () => {
    const t = videoTimeline({ MediaId: 'a', AdaptMode: 'Contain' });
    const h = service.hover(service.parse(t), offsetOf(t, 'Contain'))!;
    assert.equal(t.slice(h.start, h.end), '"Contain"');
    assert.match(h.contents, /^\*\*"Contain"\*\*/);
  });

  test('the track list key: the output duration; nothing over white space outside any value', () => {
    const h = service.hover(doc, offsetOf(text, 'VideoTracks'))!;
    assert.match(h.contents, /Output duration: 9 s/);
    assert.equal(service.hover(service.parse('  {}'), 0), undefined);
  });

  test('inside ProduceConfig, MediaMetadata and UserData JSON strings: their own fields', () => {
    const t = JSON.stringify({
      Timeline: { VideoTracks: [] },
      ProduceConfig: JSON.stringify({ Width: 1280 }),
      MediaMetadata: JSON.stringify({ Title: 'x', CateId: 1 }),
      UserData: JSON.stringify({ MessageCallback: { CallbackURL: 'https://example.com/cb' } }),
    });
    const doc = service.parse(t);
    const at = (key: string) => service.hover(doc, offsetOf(t, key) + 1)!;
    assert.equal(t.slice(at('Width').start, at('Width').end), '\\"Width\\"');
    assert.match(at('Width').contents, /^\*\*Width\*\*/);
    assert.match(at('CateId').contents, /^\*\*CateId\*\*/);
    assert.match(at('CallbackURL').contents, /^\*\*CallbackURL\*\*/);
  });

  test('inside a Timeline JSON string', () => {
    const t = JSON.stringify({ Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Speed: 2 }] }] }) });
    const h = service.hover(service.parse(t), offsetOf(t, 'Speed'))!;
    assert.equal(t.slice(h.start, h.end), '\\"Speed\\"');
    assert.match(h.contents, /Playback speed/);
  });
});

suite('service features: structure', () => {
  test('symbols: tracks, then clips named by MediaId with their output range', () => {
    const text = json({ VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: 0, Out: 4 }, { MediaId: 'b', Type: 'Image', Duration: 2 }] }], AudioTracks: [{ AudioTrackClips: [{ MediaId: 'm', In: 0, Out: 9 }] }], SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: '你好，世界' }] }] });
    const doc = service.parse(text);
    const symbols = service.symbols(doc);
    assert.deepEqual(symbols.map((s) => [s.name, s.kind, s.detail]), [['VideoTracks', 'array', '1'], ['AudioTracks', 'array', '1'], ['SubtitleTracks', 'array', '1']]);
    const video = symbols[0].children![0];
    assert.deepEqual([video.name, video.detail], ['Video track 0 (main)', '2 · 0–6 s']);
    assert.deepEqual(video.children!.map((c) => [c.name, c.detail, c.kind]), [['Clip 0 · 4b1584…5ae2', '0–4 s', 'event'], ['Clip 1 · b', '4–6 s · Image', 'event']]);
    assert.equal(text.slice(video.children![0].start, video.children![0].end), json({ MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: 0, Out: 4 }).replace(/\n/g, '\n        '));
    assert.deepEqual(symbols[2].children![0].children!.map((c) => [c.name, c.detail]), [['Clip 0 · "你好，世界"', '0–6 s · Text']]);
    assert.equal(service.symbols(doc, 'zh-CN')[0].children![0].name.includes('Video'), false);
  });

  test('symbols of a produce document: its parameters, with the Timeline outline inside', () => {
    const doc = service.parse(readText(exampleFiles().find((f) => f.endsWith('produce-document.timeline.json'))!));
    const symbols = service.symbols(doc);
    assert.deepEqual(symbols.map((s) => s.name), ['$schema', 'Title', 'Description', 'CoverURL', 'Timeline', 'ProduceConfig', 'MediaMetadata', 'UserData', 'AppId']);
    const timeline = symbols[4];
    assert.deepEqual(timeline.children!.map((c) => c.name), ['VideoTracks', 'AudioTracks']);
    assert.deepEqual(timeline.children![0].children![0].children!.map((c) => c.detail), ['0–6 s', '5.5–25.5 s', '25.5–43.5 s', '43.5–53.5 s', '53.5–61.5 s']);
  });

  test('folding: one range per multi-line object or array, ending on the line before its closer', () => {
    const text = '{\n  "VideoTracks": [\n    {\n      "VideoTrackClips": [{"MediaId": "a"}]\n    }\n  ]\n}';
    assert.deepEqual(service.folding(service.parse(text)), [{ startLine: 0, endLine: 5 }, { startLine: 1, endLine: 4 }, { startLine: 2, endLine: 3 }]);
  });

  test('selection ranges: string content, string, property, object, … up to the document', () => {
    const text = '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "abc"}]}]}';
    const [sel] = service.selectionRanges(service.parse(text), [offsetOf(text, 'abc') + 1]);
    const chain: string[] = [];
    for (let s: typeof sel | undefined = sel; s; s = s.parent) chain.push(text.slice(s.start, s.end));
    assert.deepEqual(chain, ['abc', '"abc"', '"MediaId": "abc"', '{"MediaId": "abc"}', '[{"MediaId": "abc"}]', '"VideoTrackClips": [{"MediaId": "abc"}]', '{"VideoTrackClips": [{"MediaId": "abc"}]}', '[{"VideoTrackClips": [{"MediaId": "abc"}]}]', '"VideoTracks": [{"VideoTrackClips": [{"MediaId": "abc"}]}]', text]);
  });

  test('selection ranges inside a ProduceConfig JSON string climb out through its own string', () => {
    const text = JSON.stringify({ Timeline: JSON.stringify({ VideoTracks: [] }), ProduceConfig: JSON.stringify({ Width: 1280 }) });
    const [sel] = service.selectionRanges(service.parse(text), [offsetOf(text, '1280') + 1]);
    const chain: string[] = [];
    for (let s: typeof sel | undefined = sel; s; s = s.parent) chain.push(text.slice(s.start, s.end));
    assert.deepEqual(chain.slice(0, 4), ['1280', '\\"Width\\":1280', '{\\"Width\\":1280}', '"{\\"Width\\":1280}"']);
    assert.ok(!chain.some((c) => c.includes('VideoTracks') && c !== text), `never through the Timeline's string: ${JSON.stringify(chain)}`);
  });

  test('selection ranges from a key go key → property → object', () => {
    const text = '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "abc"}]}]}';
    const [sel] = service.selectionRanges(service.parse(text), [offsetOf(text, 'MediaId') + 2]);
    assert.deepEqual([text.slice(sel.start, sel.end), text.slice(sel.parent!.start, sel.parent!.end), text.slice(sel.parent!.parent!.start, sel.parent!.parent!.end)], ['"MediaId"', '"MediaId": "abc"', '{"MediaId": "abc"}']);
  });

  test('formatting: the result parses to the same value and validates the same', () => {
    for (const file of exampleFiles()) {
      const squeezed = JSON.stringify(JSON.parse(readText(file)));
      const doc = service.parse(squeezed);
      const formatted = applyEdits(squeezed, service.format(doc, { tabSize: 4, insertSpaces: true }));
      assert.deepEqual(JSON.parse(formatted), JSON.parse(squeezed));
      assert.ok(formatted.includes('\n    "VideoTracks": [') || formatted.includes('\n    "Timeline": {'), file);
      assert.ok(formatted.endsWith('}\n'));
    }
    const broken = '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a","In":"5","Type":"video","Foo":1,"Speed":500}]}]}';
    const formatted = applyEdits(broken, service.format(service.parse(broken), { tabSize: 2, insertSpaces: false }));
    assert.match(formatted, /\n\t\t\t\t\t"In": "5",\n/);
    assert.deepEqual(diagnose(formatted).list.map((d) => [d.code, d.severity, d.text]), diagnose(broken).list.map((d) => [d.code, d.severity, d.text]));
  });

  test('range formatting touches only the range', () => {
    const text = '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a"}]}],\n"AudioTracks":[{"AudioTrackClips":[{"MediaId":"b"}]}]}';
    const start = offsetOf(text, '"AudioTracks"');
    const edits = service.format(service.parse(text), { tabSize: 2, insertSpaces: true }, { start, end: text.length });
    for (const e of edits) assert.ok(e.start >= start - 2, `edit at ${e.start}`);
    assert.ok(applyEdits(text, edits).startsWith('{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a"}]}],'));
  });
});

/** Broken documents that, together, carry every fix the rules offer. */
const FIXABLE: { name: string; text: string; settings?: ServiceSettings }[] = [
  { name: 'syntax', text: "{\n  // note\n  VideoTracks: [{'VideoTrackClips': [{\"MediaId\": \"a\", \"In\": 1, \"In\": 2, \"Out\": 9} /* x */,]}],\n}" },
  { name: 'schema', text: videoTimeline({ MediaId: 'a', In: '5', Out: 9, Type: 'video', speed: 2, Tpye: 'x', AdaptMode: 'contain' }, { VideoId: 'b' }, { MediaID: 'c' }, { In: 1 }) },
  { name: 'legacy and subtitles', text: json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Text: 'hi' }, { Type: 'Subtitle', SubtitleURL: 'https://x.example/a.srt' }] }] }) },
  { name: 'timing', text: videoTimeline({ MediaId: 'a', In: 8, Out: 5 }, { MediaId: 'b', In: 0, Out: 4, Effects: [{ Type: 'Transition', SubType: 'fade' }] }) },
  { name: 'request', settings: { region: 'ap-southeast-1' }, text: json({ Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] }, ProduceConfig: '{"Width":1280,"Height":720}', UserData: { MessageCallback: { CallbackURL: 'http://cb.example.com/x' } } }) },
  { name: 'request without ProduceConfig', settings: { region: 'ap-southeast-1' }, text: json({ ProjectId: 'p', MediaMetadata: { Title: 't' } }) },
  { name: 'Timeline string', text: JSON.stringify({ Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ VideoId: 'a', Type: 'video', In: '5', Out: 3 }, { MediaId: 'b', Effects: [{ Type: 'Transition' }] }] }] }) }, null, 2) },
];

/** Fixes that insert an empty value for the user to fill in: the problem moves to that empty value. */
const PLACEHOLDER_FIXES = /^Add "|^Add ProduceConfig\.StorageLocation$/;

/** Where a diagnostic's start lands after edits are applied. */
function shifted(offset: number, edits: TextEdit[]): number {
  let delta = 0;
  for (const e of edits) if (e.end <= offset && !(e.start === e.end && e.start === offset)) delta += e.newText.length - (e.end - e.start);
  return offset + delta;
}

suite('service features: code actions', () => {
  test('every quick fix removes its diagnostic and introduces no new error', () => {
    const seen = new Set<string>();
    for (const { name, text, settings } of FIXABLE) {
      const doc = service.parse(text);
      const before = service.validate(doc, settings);
      const errorsBefore = before.filter((d) => d.severity === 'error');
      for (const d of before) {
        for (const fix of d.fixes ?? []) {
          seen.add(d.code);
          const after = service.validate(service.parse(applyEdits(text, fix.edits)), settings);
          const where = `${name}: ${d.code} "${fix.title}"`;
          const errorsAfter = after.filter((x) => x.severity === 'error');
          if (PLACEHOLDER_FIXES.test(fix.title)) {
            // The problem moves to the empty value the fix inserted (which is also too short); nothing else is new.
            const added = errorsAfter.filter((x) => !errorsBefore.some((y) => y.code === x.code && y.message === x.message));
            assert.ok(added.every((x) => x.code === 'schema/length' || x.code === d.code), `${where}: ${added.map((x) => x.code)}`);
            // (schema/unconfirmed where the field is known only from ICE: the same "too short", as a warning;
            // schema/empty-value where the field is optional: "" reads as not set.)
            // An empty value inside a JSON string parameter is written \"\".
            const fixedText = applyEdits(text, fix.edits);
            assert.ok(after.some((x) => ['schema/length', 'schema/unconfirmed', 'schema/empty-value'].includes(x.code) && ['""', '\\"\\"'].includes(fixedText.slice(x.start, x.end))), `${where}: no empty value inserted`);
            continue;
          }
          const at = shifted(d.start, fix.edits);
          assert.ok(!after.some((x) => x.code === d.code && x.start === at), `${where}: still reported`);
          assert.ok(after.filter((x) => x.code === d.code).length < before.filter((x) => x.code === d.code).length, `${where}: not fewer`);
          const newErrors = errorsAfter.filter((x) => !errorsBefore.some((y) => y.code === x.code));
          assert.deepEqual(newErrors.map((x) => x.code), [], `${where}: new errors`);
          assert.ok(errorsAfter.length <= errorsBefore.length, `${where}: ${errorsBefore.length} → ${errorsAfter.length} errors`);
        }
      }
    }
    // Every fixable code is exercised.
    const fixable = ['syntax/comment', 'syntax/trailing-comma', 'syntax/quotes', 'syntax/duplicate-key', 'schema/number-as-string', 'schema/enum', 'schema/required', 'schema/unknown-key', 'schema/legacy-field', 'schema/stringified-json', 'timing/in-not-before-out', 'timing/transition-on-last-clip', 'structure/subtitle-text', 'request/storage-location', 'request/callback-insecure'];
    assert.deepEqual(fixable.filter((c) => !seen.has(c)), []);
  });

  test('codeActions: quick fixes for the diagnostics in the range, "fix all" when several are safe, filtered by kind', () => {
    const text = videoTimeline({ MediaId: 'a', In: '5', Out: '9', Type: 'video' });
    const doc = service.parse(text);
    const at = offsetOf(text, '"5"') + 1;
    const here = service.codeActions(doc, at, at);
    assert.deepEqual(here.map((a) => [a.title, a.kind]), [['Write 5 as a number', 'quickfix'], ['Fix all safe problems (3)', 'source.fixAll']]);
    assert.deepEqual(here[0].edits, [{ start: at - 1, end: at + 2, newText: '5' }]);
    assert.equal(here[0].preferred, true);
    assert.deepEqual(service.codeActions(doc, at, at, {}, undefined, ['source.fixAll']).map((a) => a.kind), ['source.fixAll']);
    assert.deepEqual(service.codeActions(doc, at, at, {}, undefined, ['quickfix']).map((a) => a.kind), ['quickfix']);
    // Away from any diagnostic only "fix all" is offered.
    assert.deepEqual(service.codeActions(doc, 0, 1).map((a) => a.kind), ['source.fixAll']);
  });

  test('fixAll: every safe problem fixed in one pass; unsafe ones are left', () => {
    const text = "{\n  // draft\n  \"VideoTracks\": [{\n    \"VideoTrackClips\": [\n      {\"MediaID\": \"a\", \"In\": \"2\", \"Out\": \"8\", \"Type\": \"image\", \"Duration\": 4, \"speed\": 1,},\n      {'MediaId': \"b\", \"In\": 9, \"Out\": 3, \"Tpye\": \"Video\"}\n    ]\n  }]\n}";
    const doc = service.parse(text);
    const { text: fixed, fixed: count } = service.fixAll(doc);
    assert.equal(fixed, '{\n  "VideoTracks": [{\n    "VideoTrackClips": [\n      {"MediaId": "a", "In": 2, "Out": 8, "Type": "Image", "Duration": 4, "Speed": 1},\n      {"MediaId": "b", "In": 9, "Out": 3, "Tpye": "Video"}\n    ]\n  }]\n}');
    assert.equal(count, 8);
    // In ≥ Out (swap) and a misspelled key are left for the user.
    assert.deepEqual(diagnose(fixed).list.map((d) => d.code), ['timing/in-not-before-out', 'schema/unknown-key']);
    assert.equal(service.fixAll(service.parse(fixed)).fixed, 0);
  });

  test('applyEdits applies edits from the end, keeping offsets of the original text', () => {
    assert.equal(applyEdits('abcdef', [{ start: 0, end: 1, newText: 'X' }, { start: 4, end: 6, newText: '' }, { start: 2, end: 2, newText: '-' }]), 'Xb-cd');
  });
});

suite('service features: references', () => {
  const text = json({
    VideoTracks: [{ VideoTrackClips: [{ MediaId: 'm1', ClipId: 'intro' }, { MediaId: 'm2' }] }],
    AudioTracks: [{ AudioTrackClips: [{ MediaId: 'm1', ReferenceClipId: 'intro' }] }],
    SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'intro', ReferenceClipId: 'intro' }] }],
  });
  const doc = service.parse(text);
  const spans = (list: { start: number; end: number }[]) => list.map((s) => `${doc.lines.positionAt(s.start).line}:${doc.lines.positionAt(s.start).character}-${text.slice(s.start, s.end)}`);

  test('definition of a ReferenceClipId: the ClipId value (without quotes)', () => {
    assert.deepEqual(spans(service.definition(doc, offsetOf(text, '"intro"', 1) + 2)), ['6:21-intro']);
    assert.deepEqual(service.definition(doc, offsetOf(text, '"Content": "intro"') + 13), [], 'Content is not a reference');
  });

  test('references of a ClipId: the declaration and both references; without the declaration', () => {
    assert.deepEqual(spans(service.references(doc, offsetOf(text, '"intro"') + 1)), ['6:21-intro', '19:30-intro', '30:30-intro']);
    assert.deepEqual(spans(service.references(doc, offsetOf(text, '"intro"') + 1, false)), ['19:30-intro', '30:30-intro']);
  });

  test('rename a ClipId from a reference: every ClipId and ReferenceClipId with that value', () => {
    // The occurrences of "intro": ClipId, the audio reference, the subtitle Content, the subtitle reference.
    const at = offsetOf(text, '"intro"', 3) + 3;
    assert.deepEqual(service.prepareRename(doc, at), { start: offsetOf(text, '"intro"', 3) + 1, end: offsetOf(text, '"intro"', 3) + 6, placeholder: 'intro' });
    assert.equal(service.prepareRename(doc, offsetOf(text, '"intro"', 2) + 3), undefined, 'Content is not a ClipId');
    const renamed = applyEdits(text, service.rename(doc, at, 'opening "shot"'));
    const value = JSON.parse(renamed);
    assert.equal(value.VideoTracks[0].VideoTrackClips[0].ClipId, 'opening "shot"');
    assert.equal(value.AudioTracks[0].AudioTrackClips[0].ReferenceClipId, 'opening "shot"');
    assert.equal(value.SubtitleTracks[0].SubtitleTrackClips[0].Content, 'intro');
    assert.equal(service.prepareRename(doc, offsetOf(text, '"m1"') + 1), undefined, 'MediaIds are not renamed');
  });

  test('references of a MediaId: every clip using it', () => {
    assert.deepEqual(spans(service.references(doc, offsetOf(text, '"m1"') + 1)), ['5:22-m1', '18:22-m1']);
  });

  test('rename inside a Timeline JSON string escapes the new name', () => {
    const t = JSON.stringify({ Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', ClipId: 'x' }] }], AudioTracks: [{ AudioTrackClips: [{ MediaId: 'b', ReferenceClipId: 'x' }] }] }) });
    const d = service.parse(t);
    const edits = service.rename(d, offsetOf(t, 'ClipId\\":\\"x') + 11, 'a"b');
    assert.equal(edits.length, 2);
    for (const e of edits) {
      assert.equal(e.newText, 'a\\\\\\"b');
      assert.equal(t.slice(e.start, e.end), 'x', 'the value between the escaped quotes');
    }
    assert.deepEqual(service.references(d, offsetOf(t, 'ClipId\\":\\"x') + 11).map((s) => t.slice(s.start, s.end)), ['x', 'x']);
    const inner = JSON.parse(JSON.parse(applyEdits(t, edits)).Timeline);
    assert.equal(inner.AudioTracks[0].AudioTrackClips[0].ReferenceClipId, 'a"b');
  });
});
