// schema/* diagnostics from the schema interpreter: every code at its exact position with a near
// miss; the severity policy (ICE / UNCONFIRMED sources give warnings, numbers as strings are
// warnings with a fix, a missing MediaId is an error with a rename fix); severity overrides;
// zh-CN messages; both document forms; a Timeline written as a JSON string.

import * as assert from 'node:assert/strict';
import { TimelineService } from '../../server/src/service';
import { TypeBit } from '../../server/src/service/schema/compile';
import { ruleCases } from '../helpers/rules';
import { apply, diagnose, json, offsetOf, service, videoTimeline, withCode } from '../helpers/service';

/** The bundled schema plus a definition whose array needs one to three items (no bundled field has a minimum). */
const itemsService = new TimelineService({
  schema: (() => {
    const raw = JSON.parse(JSON.stringify(service.schema.raw));
    raw.definitions.Timeline.properties.Tags = { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3, 'x-source': ['tooling'] };
    return raw;
  })(),
});

suite('service rules: schema', () => {
  ruleCases('schema', [
    {
      code: 'schema/type', name: 'a word where seconds belong',
      text: videoTimeline({ MediaId: 'a', In: 'five' }),
      expect: [{ severity: 'error', range: '6:16-6:22', text: '"five"', message: /"In" must be a number \(seconds\); "five" is not a number/ }],
      nearMiss: videoTimeline({ MediaId: 'a', In: 5 }),
    },
    {
      code: 'schema/type', name: 'an object where a string belongs',
      text: videoTimeline({ MediaId: { id: 'a' } }),
      expect: [{ severity: 'error', range: '5:21-7:11', text: '{\n            "id": "a"\n          }', message: /"MediaId" must be a string, not an object/ }],
      nearMiss: videoTimeline({ MediaId: 'a' }),
    },
    {
      code: 'schema/number-as-string', name: 'In written as "5" (a warning with a safe fix)',
      text: videoTimeline({ MediaId: 'a', In: '5', Out: 9 }),
      expect: [{ severity: 'warning', range: '6:16-6:19', text: '"5"', message: /"In" is a number written as a string \("5"\).*write 5/ }],
      fixed: videoTimeline({ MediaId: 'a', In: 5, Out: 9 }),
      nearMiss: videoTimeline({ MediaId: 'a', In: 5, Out: 9 }),
    },
    {
      code: 'schema/enum', name: 'a clip Type in the wrong case (safe fix)',
      text: videoTimeline({ MediaId: 'a', Type: 'video' }),
      expect: [{ severity: 'error', range: '6:18-6:25', text: '"video"', message: /"Type" must be one of "Video", "Image".*Did you mean "Video"\?/ }],
      fixed: videoTimeline({ MediaId: 'a', Type: 'Video' }),
      nearMiss: videoTimeline({ MediaId: 'a', Type: 'Video' }),
    },
    {
      code: 'schema/enum', name: 'an effect Type nothing like a known one',
      text: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Sparkles' }] }),
      expect: [{ severity: 'error', range: '8:22-8:32', text: '"Sparkles"', message: /"Type" must be one of .*"Sparkles" is not\.$/ }],
      nearMiss: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Volume', Gain: 0.5 }] }),
    },
    {
      code: 'schema/range', name: 'a Background blur Radius above 1 (VOD docs: an error)',
      text: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Background', SubType: 'Blur', Radius: 2 }] }),
      expect: [{ severity: 'error', range: '10:24-10:25', text: '2', message: /"Radius" must be between 0\.01 and 1; it is 2/ }],
      nearMiss: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Background', SubType: 'Blur', Radius: 1 }] }),
    },
    {
      code: 'schema/range', name: 'a negative Volume Gain',
      text: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Volume', Gain: -1 }] }),
      expect: [{ severity: 'error', range: '9:22-9:24', text: '-1', message: /"Gain" must be at least 0; it is -1/ }],
      nearMiss: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Volume', Gain: 0 }] }),
    },
    {
      code: 'schema/length', name: 'an empty MediaId',
      text: videoTimeline({ MediaId: '' }),
      expect: [{ severity: 'error', range: '5:21-5:23', text: '""', message: /"MediaId" must be at least 1 characters long/ }],
      nearMiss: videoTimeline({ MediaId: 'a' }),
    },
    {
      code: 'schema/pattern', name: 'a Text effect colour by name (VOD docs: an error)',
      text: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Text', Content: 'Hi', FontColor: 'red' }] }),
      expect: [{ severity: 'error', range: '10:27-10:32', text: '"red"', message: /"red" is not a valid value for "FontColor" \(expected something like #FFFFFF\)/ }],
      nearMiss: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Text', Content: 'Hi', FontColor: '#ff0000' }] }),
    },
    {
      code: 'schema/required', name: 'a video clip without MediaId (an error; the "Add" fix is not safe)',
      text: videoTimeline({ In: 0, Out: 5 }),
      expect: [{ severity: 'error', range: '4:8-4:9', text: '{', message: /A video clip has no "MediaId": the request fails/ }],
      fixed: videoTimeline({ MediaId: '', In: 0, Out: 5 }),
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 5 }),
    },
    {
      code: 'schema/required', name: 'MediaID instead of MediaId: an error on the key with a safe rename',
      text: videoTimeline({ MediaID: 'a', In: 0, Out: 5 }),
      expect: [{ severity: 'error', range: '5:10-5:19', text: '"MediaID"', message: /uses "MediaID" but the service reads "MediaId": rename it/ }],
      fixed: videoTimeline({ MediaId: 'a', In: 0, Out: 5 }),
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 5 }),
    },
    {
      code: 'schema/unknown-key', name: 'a key in the wrong case, with a safe rename',
      text: videoTimeline({ MediaId: 'a', speed: 2 }),
      expect: [{ severity: 'warning', range: '6:10-6:17', text: '"speed"', message: /"speed" is not a property of a video clip\. Did you mean "Speed"\?/ }],
      fixed: videoTimeline({ MediaId: 'a', Speed: 2 }),
      nearMiss: videoTimeline({ MediaId: 'a', Speed: 2 }),
    },
    {
      code: 'schema/unknown-key', name: 'a key that resembles nothing',
      text: videoTimeline({ MediaId: 'a', Colour: 'blue' }),
      expect: [{ severity: 'warning', range: '6:10-6:18', text: '"Colour"', message: /"Colour" is not a property of a video clip; the service ignores it/ }],
      nearMiss: videoTimeline({ MediaId: 'a' }),
    },
    {
      code: 'schema/legacy-field', name: 'a legacy flag (no replacement)',
      text: videoTimeline({ MediaId: 'a', CutFlag: true }),
      expect: [{ severity: 'warning', range: '6:10-6:19', text: '"CutFlag"', message: /"CutFlag" belongs to the legacy editor format; the service ignores it here/ }],
      nearMiss: videoTimeline({ MediaId: 'a' }),
    },
    {
      code: 'schema/legacy-field', name: 'SubtitleURL, renamed to FileURL',
      text: json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Subtitle', FileURL: 'https://x.example/a.srt', SubtitleURL: 'https://x.example/b.srt' }] }] }),
      expect: [{ severity: 'warning', range: '16:10-16:23', text: '"SubtitleURL"', message: /"SubtitleURL" belongs to the legacy editor format; the service reads "FileURL"/ }],
      nearMiss: json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Subtitle', FileURL: 'https://x.example/a.srt' }] }] }),
    },
    {
      code: 'schema/legacy-field', name: 'ImageId on an image-track clip, renamed to MediaId',
      text: json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], ImageTracks: [{ ImageTrackClips: [{ ImageId: 'img' }] }] }),
      expect: [{ severity: 'warning', range: '14:10-14:19', text: '"ImageId"', message: /"ImageId" belongs to the legacy editor format; the service reads "MediaId"/ }],
      fixed: json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], ImageTracks: [{ ImageTrackClips: [{ MediaId: 'img' }] }] }),
      nearMiss: json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], ImageTracks: [{ ImageTrackClips: [{ MediaId: 'img' }] }] }),
      nearMissAllows: ['schema/deprecated'],
    },
    {
      code: 'schema/ice-only', name: 'MaxOut (documented for ICE only)',
      text: videoTimeline({ MediaId: 'a', MaxOut: 30 }),
      expect: [{ severity: 'warning', range: '6:10-6:18', text: '"MaxOut"', message: /"MaxOut" is documented for Intelligent Media Services \(ICE\) only/ }],
      nearMiss: videoTimeline({ MediaId: 'a', Out: 30 }),
    },
    {
      code: 'schema/ice-only', name: 'an ICE-only value of a VOD field',
      text: videoTimeline({ MediaId: 'a', Type: 'GlobalImage', Duration: 5 }),
      expect: [{ severity: 'warning', range: '6:18-6:31', text: '"GlobalImage"', message: /"GlobalImage" for "Type" is documented for Intelligent Media Services \(ICE\) only/ }],
      nearMiss: videoTimeline({ MediaId: 'a', Type: 'Image', Duration: 5 }),
    },
    {
      code: 'schema/deprecated', name: 'ImageTracks',
      text: json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], ImageTracks: [{ ImageTrackClips: [{ MediaId: 'logo' }] }] }),
      expect: [{ severity: 'warning', range: '10:2-10:15', text: '"ImageTracks"', message: /"ImageTracks" is deprecated: Put images on a VideoTrack/ }],
      nearMiss: json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }, { VideoTrackClips: [{ MediaId: 'logo', Type: 'Image', Duration: 3 }] }] }),
    },
    {
      code: 'schema/items', name: 'too few and too many items (a schema with minItems/maxItems)',
      service: itemsService,
      text: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}], "Tags": []}',
      expect: [{ severity: 'error', range: '0:59-0:65', text: '"Tags"', message: /"Tags" must have at least 1 item/ }],
      nearMiss: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}], "Tags": ["x", "y", "z"]}',
    },
    {
      code: 'schema/stringified-json', name: 'ProduceConfig as a JSON string (the form the API takes: a hint; converts to an object)',
      text: json({ ProjectId: 'p', ProduceConfig: '{"Width":1280,"Height":720}' }),
      expect: [{ severity: 'hint', range: '2:2-2:17', text: '"ProduceConfig"', message: /"ProduceConfig" is written as a JSON string, the form the API itself takes: nothing is wrong/ }],
      fixed: json({ ProjectId: 'p', ProduceConfig: { Width: 1280, Height: 720 } }),
      nearMiss: json({ ProjectId: 'p', ProduceConfig: { Width: 1280, Height: 720 } }),
    },
    {
      code: 'schema/unconfirmed', name: 'an enum known only from ICE / 3P (AdaptMode): a warning of its own, with the case fix',
      text: videoTimeline({ MediaId: 'a', AdaptMode: 'fill' }),
      expect: [{ severity: 'warning', range: '6:23-6:29', text: '"fill"', message: /"AdaptMode" must be one of "Fill", "Contain", "Cover"; "fill" is not\. Did you mean "Fill"\? \(This rule is known only from ICE/ }],
      fixed: videoTimeline({ MediaId: 'a', AdaptMode: 'Fill' }),
      nearMiss: videoTimeline({ MediaId: 'a', AdaptMode: 'Fill' }),
    },
    {
      code: 'schema/null-value', name: 'null in an optional field (Jackson, .NET, the official samples): a hint with a removal fix',
      text: videoTimeline({ MediaId: 'a', In: 0, Out: 5, TimelineIn: null }),
      expect: [{ severity: 'hint', range: '8:24-8:28', text: 'null', message: /"TimelineIn" is null: the service very likely reads it as not set/ }],
      fixed: videoTimeline({ MediaId: 'a', In: 0, Out: 5 }),
      nearMiss: videoTimeline({ MediaId: 'a', In: 0, Out: 5 }),
    },
    {
      code: 'schema/empty-value', name: '"" in an optional string (Go\'s zero value): a hint with a removal fix',
      text: json({ ProjectId: '', Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] } }),
      expect: [{ severity: 'hint', range: '1:15-1:17', text: '""', message: /"ProjectId" is empty \(""\): the service very likely reads it as not set/ }],
      fixed: json({ Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] } }),
      nearMiss: json({ ProjectId: 'p', Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] } }),
    },
    {
      code: 'schema/empty-choice', name: '"" where a list of values applies (a clip Type): a warning that names the default',
      text: videoTimeline({ MediaId: 'a', Type: '' }),
      expect: [{ severity: 'warning', range: '6:18-6:20', text: '""', message: /"Type" is empty \(""\), which is none of the documented values \("Video", "Image", .*the default, "Video"\) or reject it/ }],
      fixed: videoTimeline({ MediaId: 'a' }),
      nearMiss: videoTimeline({ MediaId: 'a', Type: 'Video' }),
    },
    {
      code: 'schema/unknown-value', name: 'a transition name not in the documented list, with did-you-mean',
      text: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Transition', SubType: 'fadee' }] }, { MediaId: 'b' }),
      expect: [{ severity: 'warning', range: '9:25-9:32', text: '"fadee"', message: /"fadee" is not a documented Transition SubType\. Did you mean "fade"\?/ }],
      fixed: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Transition', SubType: 'fade' }] }, { MediaId: 'b' }),
      // random, and a comma-separated list of documented names, are documented forms.
      nearMiss: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Transition', SubType: 'wiperight, perlin' }] }, { MediaId: 'b', Effects: [{ Type: 'Transition', SubType: 'random' }] }, { MediaId: 'c' }),
    },
    {
      code: 'schema/unknown-value', name: 'a filter preset in the wrong case (a safe fix)',
      text: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Filter', SubType: 'M1' }] }),
      expect: [{ severity: 'warning', range: '9:25-9:29', text: '"M1"', message: /"M1" is not a documented Filter SubType\. Did you mean "m1"\?/ }],
      fixed: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Filter', SubType: 'm1' }] }),
      nearMiss: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Filter', SubType: 'color', ExtParams: 'brightness=10' }] }),
      nearMissAllows: ['schema/ice-only'],
    },
    {
      code: 'schema/undocumented-value', name: 'a VFX name not among those read from a list known in part: a hint',
      text: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'VFX', SubType: 'sparkle' }] }),
      expect: [{ severity: 'hint', range: '9:25-9:34', text: '"sparkle"', message: /"sparkle" is not among the documented VFX SubType values read so far; the documentation was read only in part/ }],
      nearMiss: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'VFX', SubType: 'h_blur' }] }),
    },
    {
      code: 'schema/value-of-other-type', name: 'a transition name as a Filter\'s SubType says whose it is',
      text: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Filter', SubType: 'fade' }] }),
      expect: [{ severity: 'warning', range: '9:25-9:31', text: '"fade"', message: /"fade" is a Transition SubType, not a Filter SubType: "SubType" here takes a value such as m1, m2/ }],
      nearMiss: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Filter', SubType: 'warm' }] }),
    },
    {
      code: 'schema/value-list', name: 'a comma-separated list where one value belongs (Background)',
      text: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Background', SubType: 'Blur,Color', Radius: 0.1 }] }),
      expect: [{ severity: 'warning', range: '9:25-9:37', text: '"Blur,Color"', message: /"Blur,Color" is a comma-separated list, but a Background SubType is a single value/ }],
      nearMiss: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Background', SubType: 'Blur', Radius: 0.1 }] }),
    },
    {
      code: 'schema/zero-size', name: 'Width 0 on a clip (unset in Go, or an invisible clip): a warning with a removal fix',
      text: videoTimeline({ MediaId: 'a', Width: 0 }),
      expect: [{ severity: 'warning', range: '6:19-6:20', text: '0', message: /"Width" is 0 on a clip\. If the service reads it literally the clip is invisible/ }],
      fixed: videoTimeline({ MediaId: 'a' }),
      nearMiss: videoTimeline({ MediaId: 'a', X: 0, Y: 0, Width: 0.5 }),
    },
    {
      code: 'schema/empty-array', name: 'PHP\'s [] for an empty object: a warning with a safe fix to {}',
      text: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Text', Content: 'Hi', FontFace: [] }] }),
      expect: [{ severity: 'warning', range: '10:26-10:28', text: '[]', message: /"FontFace" is an empty array \(\[\]\) where an object belongs \(PHP's json_encode/ }],
      fixed: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Text', Content: 'Hi', FontFace: {} }] }),
      nearMiss: videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Text', Content: 'Hi', FontFace: {} }] }),
    },
  ]);

  test('null in a required field is still an error (a null MediaId); null in a field the Type requires too', () => {
    assert.deepEqual(diagnose(videoTimeline({ MediaId: null })).list.map((d) => [d.code, d.severity, d.text]), [['schema/type', 'error', 'null']]);
    const volume = diagnose(videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Volume', Gain: null }] })).list;
    assert.deepEqual(volume.map((d) => [d.code, d.severity, d.text]), [['schema/type', 'error', 'null']]);
    // The same Gain null on a Transition, which does not use it: a hint.
    const transition = diagnose(videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Transition', SubType: 'fade', Gain: null }] }, { MediaId: 'b' })).list;
    assert.deepEqual(transition.map((d) => [d.code, d.severity, d.text]), [['schema/null-value', 'hint', 'null']]);
  });

  test('"" for a Transition SubType: the list\'s warning, not also the field\'s hint; "" for a Volume SubType: a hint', () => {
    const t = diagnose(videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Transition', SubType: '' }] }, { MediaId: 'b' })).list;
    assert.deepEqual(t.map((d) => [d.code, d.severity]), [['schema/empty-choice', 'warning']]);
    const v = diagnose(videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Volume', SubType: '', Gain: 1 }] })).list;
    assert.deepEqual(v.map((d) => [d.code, d.severity]), [['schema/empty-value', 'hint']]);
  });

  test('several placeholders: each diagnostic also offers one fix that removes them all', () => {
    const text = json({ ProjectId: null, Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', Type: '', TimelineIn: null, Effects: null }], MainTrack: null }] }, ProduceConfig: { TemplateGroupId: null, Width: 0 } });
    const { doc, diagnostics } = diagnose(text);
    const all = diagnostics.map((d) => d.fixes?.find((f) => /^Remove every null, empty or zero placeholder value in this document \(7\)$/.test(f.title)));
    assert.ok(all.every((f) => f && f === all[0]), diagnostics.map((d) => d.code).join(', '));
    const cleaned = apply(doc.text, all[0]!.edits);
    assert.equal(cleaned, json({ Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] }, ProduceConfig: {} }));
    assert.deepEqual(diagnose(cleaned).list, []);
    // Off by the user's rules: not removed by the fix either.
    const kept = service.validate(service.parse(text), { rules: { 'schema/empty-choice': 'off' } }).find((d) => d.code === 'schema/null-value')!;
    assert.match(kept.fixes!.at(-1)!.title, /\(6\)$/);
  });

  test('schema/items with too many items', () => {
    const { list } = diagnose('{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}], "Tags": ["a", "b", "c", "d"]}', {}, undefined, itemsService);
    assert.deepEqual(withCode(list, 'schema/items').map((d) => [d.range, d.message]), [['0:59-0:65', '"Tags" has 4 items; at most 3 are allowed.']]);
  });

  test('101 video tracks: reported once, as limits/tracks rather than schema/items', () => {
    const text = json({ VideoTracks: Array.from({ length: 101 }, () => ({ VideoTrackClips: [{ MediaId: 'a' }] })) });
    assert.deepEqual(diagnose(text).list.map((d) => d.code), ['limits/tracks']);
  });
});

suite('service rules: severity policy', () => {
  test('a bad FontColor in a subtitle clip (UNCONFIRMED for VOD) is a warning; the same in a Text effect (VOD docs) is an error', () => {
    const subtitle = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'Hi', FontColor: 'red' }] }] });
    assert.deepEqual(diagnose(subtitle).list.map((d) => [d.code, d.severity, d.range, d.text]), [['schema/unconfirmed', 'warning', '16:23-16:28', '"red"']]);
    const effect = videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Text', Content: 'Hi', FontColor: 'red' }] });
    assert.deepEqual(diagnose(effect).list.map((d) => [d.code, d.severity]), [['schema/pattern', 'error']]);
  });

  test('Speed: 200 (ICE / 3P range) is a warning; Speed 0.1 and 100 are fine', () => {
    const { list } = diagnose(videoTimeline({ MediaId: 'a', Speed: 200 }));
    assert.deepEqual(list.map((d) => [d.code, d.severity, d.range, d.text]), [['schema/unconfirmed', 'warning', '6:19-6:22', '200']]);
    assert.match(list[0].message, /"Speed" must be between 0\.1 and 100; it is 200/);
    assert.deepEqual(diagnose(videoTimeline({ MediaId: 'a', Speed: 0.1 }, { MediaId: 'b', Speed: 100 })).list, []);
  });

  test('Opacity 2 and an unknown AdaptMode (ICE / 3P) are warnings', () => {
    const { list } = diagnose(videoTimeline({ MediaId: 'a', Opacity: 2, AdaptMode: 'Stretch' }));
    assert.deepEqual(list.map((d) => [d.code, d.severity, d.text]), [['schema/unconfirmed', 'warning', '2'], ['schema/unconfirmed', 'warning', '"Stretch"']]);
  });

  test('a number written as a string is a warning with a safe fix, also for integers and with spaces', () => {
    const text = json({ Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: ' 2.50 ', Out: '1e1' }] }] }, ProduceConfig: { Width: '1280', Height: 720 } });
    const { doc, diagnostics, list } = diagnose(text);
    assert.deepEqual(list.map((d) => [d.code, d.severity, d.text]), [['schema/number-as-string', 'warning', '" 2.50 "'], ['schema/number-as-string', 'warning', '"1e1"'], ['schema/number-as-string', 'warning', '"1280"']]);
    assert.deepEqual(diagnostics.map((d) => d.fixes!.map((f) => [f.title, f.safe, f.edits.map((e) => e.newText).join()])), [[['Write 2.50 as a number', true, '2.50']], [['Write 1e1 as a number', true, '1e1']], [['Write 1280 as a number', true, '1280']]]);
    const fixed = service.fixAll(doc);
    assert.equal(fixed.fixed, 3);
    assert.deepEqual(JSON.parse(fixed.text).Timeline.VideoTracks[0].VideoTrackClips[0], { MediaId: 'a', In: 2.5, Out: 10 });
    assert.deepEqual(diagnose(fixed.text).list, []);
  });

  test('a number string that is not an integer where an integer belongs is a type error', () => {
    const { list } = diagnose(json({ ProjectId: 'p', ProduceConfig: { Width: '1280.5', Height: 720 } }));
    assert.deepEqual(list.map((d) => [d.code, d.severity, d.text]), [['schema/number-as-string', 'warning', '"1280.5"'], ['schema/type', 'error', '"1280.5"']]);
  });

  test('a missing MediaId is an error: plain, with VideoId (legacy) and with MediaID (wrong case)', () => {
    const text = videoTimeline({ In: 0, Out: 5 }, { VideoId: 'v', Out: 5 }, { MediaID: 'm', Out: 5 });
    const { diagnostics, list } = diagnose(text);
    assert.deepEqual(withCode(list, 'schema/required').map((d) => [d.severity, d.range, d.text]), [['error', '4:8-4:9', '{'], ['error', '9:10-9:19', '"VideoId"'], ['error', '13:10-13:19', '"MediaID"']]);
    const renames = diagnostics.filter((d) => d.code === 'schema/required').map((d) => d.fixes!.map((f) => [f.title, !!f.safe, !!f.preferred]));
    assert.deepEqual(renames, [[['Add "MediaId"', false, false]], [['Rename "VideoId" to "MediaId"', true, true]], [['Rename "MediaID" to "MediaId"', true, true]]]);
    // No separate "unknown key" for MediaID: the rename says it.
    assert.deepEqual(withCode(list, 'schema/unknown-key'), []);
  });

  test('a missing MediaId on an audio clip is an error too; on an image-track clip it is not required', () => {
    assert.deepEqual(diagnose(json({ AudioTracks: [{ AudioTrackClips: [{ In: 0 }] }] })).list.map((d) => [d.code, d.severity]), [['schema/required', 'error']]);
    const image = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], ImageTracks: [{ ImageTrackClips: [{ X: 0 }] }] });
    assert.deepEqual(diagnose(image).list.map((d) => d.code), ['schema/deprecated']);
  });

  test('every violation on a field known only from ICE, WebSDK, 3P or UNCONFIRMED sources is a warning at most', () => {
    const VOD = ['SDK', 'VOD-2021', 'VOD-now', 'tooling'];
    const raw = service.schema.raw;
    const clip = { MediaId: 'a' };
    const containers: Record<string, (key: string, bad: unknown) => unknown> = {
      Timeline: (k, bad) => ({ VideoTracks: [{ VideoTrackClips: [clip] }], [k]: bad }),
      VideoTrack: (k, bad) => ({ VideoTracks: [{ VideoTrackClips: [clip], [k]: bad }] }),
      VideoTrackClip: (k, bad) => ({ VideoTracks: [{ VideoTrackClips: [{ ...clip, [k]: bad }] }] }),
      AudioTrack: (k, bad) => ({ AudioTracks: [{ AudioTrackClips: [clip], [k]: bad }] }),
      AudioTrackClip: (k, bad) => ({ AudioTracks: [{ AudioTrackClips: [{ ...clip, [k]: bad }] }] }),
      ImageTrackClip: (k, bad) => ({ VideoTracks: [{ VideoTrackClips: [clip] }], ImageTracks: [{ ImageTrackClips: [{ [k]: bad }] }] }),
      SubtitleTrack: (k, bad) => ({ VideoTracks: [{ VideoTrackClips: [clip] }], SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'x' }], [k]: bad }] }),
      SubtitleTrackClip: (k, bad) => ({ VideoTracks: [{ VideoTrackClips: [clip] }], SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'x', [k]: bad }] }] }),
      SubtitleEffect: (k, bad) => ({ VideoTracks: [{ VideoTrackClips: [clip] }], SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'x', SubtitleEffects: [{ Type: 'Shadow', [k]: bad }] }] }] }),
      EffectTrack: (k, bad) => ({ VideoTracks: [{ VideoTrackClips: [clip] }], EffectTracks: [{ EffectTrackItems: [{ Type: 'Filter', SubType: 'm1' }], [k]: bad }] }),
      EffectTrackItem: (k, bad) => ({ VideoTracks: [{ VideoTrackClips: [clip] }], EffectTracks: [{ EffectTrackItems: [{ Type: 'Filter', SubType: 'm1', [k]: bad }] }] }),
      Effect: (k, bad) => ({ VideoTracks: [{ VideoTrackClips: [{ ...clip, Effects: [{ Type: 'Text', Content: 'x', [k]: bad }] }] }] }),
      FECanvas: (k, bad) => ({ VideoTracks: [{ VideoTrackClips: [clip] }], FECanvas: { Width: 1080, Height: 1920, [k]: bad } }),
      ProduceConfig: (k, bad) => ({ ProjectId: 'p', ProduceConfig: { [k]: bad } }),
      UserData: (k, bad) => ({ ProjectId: 'p', UserData: { [k]: bad } }),
      MessageCallback: (k, bad) => ({ ProjectId: 'p', UserData: { MessageCallback: { CallbackURL: 'https://x.example/cb', [k]: bad } } }),
    };
    const MARK = '__not_valid_here__';
    let checked = 0;
    const errors: string[] = [];
    for (const [def, make] of Object.entries(containers)) {
      const schema = raw.definitions[def];
      const compiled = service.schema.definitions.get(def)!;
      const defOnlyNonVod = !(schema['x-source'] ?? []).some((s: string) => VOD.includes(s));
      for (const [key, prop] of Object.entries<any>(schema.properties)) {
        const sources: string[] = prop['x-source'] ?? [];
        if (sources.some((s) => VOD.includes(s)) && !defOnlyNonVod) continue;
        const types = compiled.properties!.get(key)!.types;
        // A value of the wrong type: a string for objects and arrays, an object for the rest.
        const bad = types & (TypeBit.Object | TypeBit.Array) ? MARK : { [MARK]: 1 };
        const text = json(make(key, bad));
        const { doc, diagnostics } = diagnose(text);
        const tree = doc.tree;
        let value = -1;
        for (let n = 0; n < tree.count && value < 0; n++) {
          if (tree.strs[n] === MARK) value = n;
          else if (tree.keys[n] === MARK) value = tree.parent[n];
        }
        assert.ok(value >= 0, `${def}.${key}: value not found`);
        const from = tree.outerStart(value);
        const to = tree.end[value];
        const near = diagnostics.filter((d) => d.start <= to && d.end >= from);
        if (types !== 0) assert.ok(near.length > 0, `${def}.${key}: a wrong value is not reported`);
        for (const d of near) if (d.severity === 'error') errors.push(`${def}.${key}: ${d.code} ${d.message}`);
        checked++;
      }
    }
    assert.ok(checked > 150, `only ${checked} fields checked`);
    assert.deepEqual(errors, []);
  });

  test('a wrong value on a field documented for VOD is an error', () => {
    const { list } = diagnose(videoTimeline({ MediaId: 'a', TimelineIn: { at: 1 } }));
    assert.deepEqual(list.map((d) => [d.code, d.severity]), [['schema/type', 'error']]);
  });

  test('severity overrides: a code, a group with "*", and "off"; the code wins over its group', () => {
    const text = json({ VideoTracks: [{ VideoTrackClips: [
      { MediaId: 'a', In: 0, Out: 10, TimelineIn: 0, TimelineOut: 10, Type: 'video' },
      { MediaId: 'b', In: 0, Out: 10, TimelineIn: 5, TimelineOut: 15, Foo: 1 },
    ] }] });
    const base = diagnose(text).list.map((d) => [d.code, d.severity]);
    assert.deepEqual(base, [['schema/enum', 'error'], ['timing/overlap', 'warning'], ['schema/unknown-key', 'warning']]);
    const overridden = diagnose(text, { rules: { 'timing/overlap': 'off', 'schema/*': 'warning' } }).list.map((d) => [d.code, d.severity]);
    assert.deepEqual(overridden, [['schema/enum', 'warning'], ['schema/unknown-key', 'warning']]);
    const codeWins = diagnose(text, { rules: { 'schema/*': 'off', 'schema/enum': 'information' } }).list.map((d) => [d.code, d.severity]);
    assert.deepEqual(codeWins, [['schema/enum', 'information'], ['timing/overlap', 'warning']]);
    // Raising a warning to an error works the same way.
    assert.deepEqual(diagnose(text, { rules: { 'timing/*': 'error' } }).list.map((d) => d.severity), ['error', 'error', 'warning']);
  });

  test('validate is memoized per settings: a different override is not served from the cache', () => {
    const doc = service.parse(videoTimeline({ MediaId: 'a', Foo: 1 }));
    assert.equal(service.validate(doc)[0].severity, 'warning');
    assert.equal(service.validate(doc, { rules: { 'schema/unknown-key': 'error' } })[0].severity, 'error');
    assert.equal(service.validate(doc, { rules: { 'schema/unknown-key': 'off' } }).length, 0);
    assert.equal(service.validate(doc)[0].severity, 'warning');
  });
});

suite('service rules: zh-CN messages', () => {
  test('schema, timing and syntax messages come in Chinese; codes, ranges and severities do not change', () => {
    const text = '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "In": 8, "Out": 5, "Type": "video", "Foo": 1,}]}]}';
    const en = diagnose(text).list;
    const zh = diagnose(text, {}, 'zh-CN').list;
    assert.deepEqual(zh.map((d) => [d.code, d.severity, d.range]), en.map((d) => [d.code, d.severity, d.range]));
    assert.deepEqual(zh.map((d) => d.code), ['timing/in-not-before-out', 'schema/enum', 'schema/unknown-key', 'syntax/trailing-comma']);
    assert.match(zh[0].message, /^入点 In（8 秒）不小于出点 Out（5 秒）/);
    assert.equal(zh[1].message, '"Type" 只能是 "Video", "Image", "GlobalImage", "AI_Avatar" 之一；"video" 不在其中。是否应为 "Video"？');
    assert.equal(zh[2].message, '"Foo" 不是视频片段的属性；服务会忽略它。');
    assert.equal(zh[3].message, 'JSON 中不允许末尾多余的逗号。');
    for (const d of en) assert.doesNotMatch(d.message, /[\u4e00-\u9fff]/, d.message);
  });

  test('locale spellings: zh_CN.UTF-8 and zh-Hans are Chinese, zh-TW and fr are English', () => {
    const text = videoTimeline({ MediaId: 'a', Foo: 1 });
    for (const l of ['zh-CN', 'zh_CN.UTF-8', 'zh-hans', 'zh']) assert.match(diagnose(text, {}, l).list[0].message, /不是视频片段的属性/, l);
    for (const l of ['zh-TW', 'fr', 'en-US', undefined]) assert.match(diagnose(text, {}, l).list[0].message, /is not a property of a video clip/, String(l));
  });

  test('fix titles are localized in code actions', () => {
    const text = videoTimeline({ MediaId: 'a', In: '5' });
    const doc = service.parse(text);
    const at = offsetOf(text, '"5"');
    const zh = service.codeActions(doc, at, at, {}, 'zh-CN');
    assert.equal(zh.length, 1);
    assert.match(zh[0].title, /[\u4e00-\u9fff]/);
    assert.equal(service.codeActions(doc, at, at, {}, 'en')[0].title, 'Write 5 as a number');
  });
});

suite('service rules: both document forms and a Timeline JSON string', () => {
  const clipProblems = { MediaId: 'a', In: '5', Type: 'video', Speed: 500 };

  test('a produce document with a Timeline object reports the same problems at the nested positions', () => {
    const bare = diagnose(videoTimeline(clipProblems)).list;
    const produce = diagnose(json({ Timeline: { VideoTracks: [{ VideoTrackClips: [clipProblems] }] } })).list;
    assert.deepEqual(produce.map((d) => [d.code, d.severity, d.text]), bare.map((d) => [d.code, d.severity, d.text]));
    assert.deepEqual(bare.map((d) => d.range), ['6:16-6:19', '7:18-7:25', '8:19-8:22']);
    assert.deepEqual(produce.map((d) => d.range), ['7:18-7:21', '8:20-8:27', '9:21-9:24']);
  });

  test('produce-document keys are checked in a produce document, Timeline keys in a bare timeline', () => {
    const produce = diagnose(json({ ProjectId: 'p', VideoTracks: [] })).list;
    assert.deepEqual(produce.map((d) => [d.code, d.text]), [['schema/unknown-key', '"VideoTracks"']]);
    assert.match(produce[0].message, /not a property of the produce document/);
    const bare = diagnose(json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], Title: 'x' })).list;
    assert.deepEqual(bare.map((d) => [d.code, d.severity, d.text]), [['schema/legacy-field', 'warning', '"Title"']]);
  });

  test('$schema is allowed at the top of both forms and nowhere else', () => {
    assert.deepEqual(diagnose(json({ $schema: 'x', VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] })).list, []);
    assert.deepEqual(diagnose(json({ $schema: 'x', ProjectId: 'p' })).list, []);
    assert.deepEqual(diagnose(videoTimeline({ MediaId: 'a', $schema: 'x' })).list.map((d) => d.code), ['schema/unknown-key']);
  });

  test('a Timeline JSON string: diagnostics land inside the string at the escaped text', () => {
    const inner = JSON.stringify({ VideoTracks: [{ VideoTrackClips: [clipProblems] }] });
    const text = '{\n  "Title": "片头",\n  "Timeline": ' + JSON.stringify(inner) + '\n}';
    const { list } = diagnose(text);
    assert.deepEqual(list.map((d) => [d.code, d.severity, d.range, d.text]), [
      ['schema/stringified-json', 'hint', '2:2-2:12', '"Timeline"'],
      ['schema/number-as-string', 'warning', '2:81-2:86', '\\"5\\"'],
      ['schema/enum', 'error', '2:96-2:105', '\\"video\\"'],
      ['schema/unconfirmed', 'warning', '2:116-2:119', '500'],
    ]);
  });

  test('a Timeline string with \\u escapes and CJK before the problem still maps offsets exactly', () => {
    const text = String.raw`{"Timeline": "{\"VideoTracks\":[{\"VideoTrackClips\":[{\"MediaId\":\"\u6807\u9898\",\"Content\":\"a\\nb\",\"In\":\"x\"}]}]}"}`;
    const { list } = diagnose(text);
    const at = list.filter((d) => d.code !== 'schema/stringified-json');
    assert.deepEqual(at.map((d) => [d.code, d.text]), [['schema/unknown-key', String.raw`\"Content\"`], ['schema/type', String.raw`\"x\"`]]);
  });

  test('fixes inside a Timeline string produce escaped text, and the result parses to the fixed timeline', () => {
    const inner = JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ VideoId: 'v1', In: '5', Type: 'video' }] }] });
    const text = JSON.stringify({ Timeline: inner });
    const doc = service.parse(text);
    const diagnostics = service.validate(doc);
    const editsByCode = Object.fromEntries(diagnostics.filter((d) => d.fixes).map((d) => [d.code, d.fixes![0].edits.map((e) => e.newText)]));
    assert.deepEqual(editsByCode['schema/required'], ['\\"MediaId\\"']);
    assert.deepEqual(editsByCode['schema/enum'], ['\\"Video\\"']);
    assert.deepEqual(editsByCode['schema/number-as-string'], ['5']);
    const { text: fixed } = service.fixAll(doc);
    const timeline = JSON.parse(JSON.parse(fixed).Timeline);
    assert.deepEqual(timeline, { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'v1', In: 5, Type: 'Video' }] }] });
    assert.deepEqual(diagnose(fixed).list.map((d) => d.code), ['schema/stringified-json']);
  });

  test('"Write Timeline as an object" replaces the string with the pretty object', () => {
    const text = JSON.stringify({ Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] }) });
    const { doc, diagnostics } = diagnose(text);
    const fix = diagnostics[0].fixes![0];
    assert.equal(fix.title, 'Write "Timeline" as an object');
    const after = apply(doc.text, fix.edits);
    assert.deepEqual(JSON.parse(after), { Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] } });
    assert.deepEqual(diagnose(after).list, []);
  });
});

suite('service rules: schema subtleties', () => {
  test('an effect is checked against its Type: Volume needs Gain, a Text effect needs Content', () => {
    const { list } = diagnose(videoTimeline({ MediaId: 'a', Effects: [{ Type: 'Volume' }, { Type: 'Text' }] }));
    assert.deepEqual(list.map((d) => [d.code, d.severity, d.range]), [['schema/required', 'error', '7:12-7:13'], ['schema/required', 'error', '10:12-10:13']]);
    assert.match(list[0].message, /missing "Gain"/);
    assert.match(list[1].message, /missing "Content"/);
  });

  test('a duplicate key: only the value the service keeps is checked against the rules that read it', () => {
    const text = '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "In": 9, "Out": 5, "In": 1}]}]}';
    assert.deepEqual(diagnose(text).list.map((d) => d.code), ['syntax/duplicate-key']);
  });

  test('a value the parser could not read gets no schema error on top of the syntax error', () => {
    const { list } = diagnose('{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "In": NaN}]}]}');
    assert.deepEqual(list.map((d) => d.code), ['syntax/invalid-json']);
  });

  test('the message names an array item by its index', () => {
    const { list } = diagnose(json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }, 'oops'] }));
    assert.deepEqual(list.map((d) => [d.code, d.text]), [['schema/type', '"oops"']]);
    assert.match(list[0].message, /"VideoTracks\[1\]" must be an object/);
  });

  test('a subtitle clip that writes Text instead of Content: one warning for the key, no unknown-key', () => {
    const text = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'a', Text: 'b' }] }] });
    assert.deepEqual(diagnose(text).list.map((d) => d.code), ['structure/subtitle-text']);
  });

  test('CallbackURL that is not a URL is an error once (request/callback-url), not also a pattern error', () => {
    const { list } = diagnose(json({ ProjectId: 'p', UserData: { MessageCallback: { CallbackURL: 'callback.example.com' } } }));
    assert.deepEqual(list.map((d) => [d.code, d.severity]), [['request/callback-url', 'error']]);
  });
});

suite('schema: array item names', () => {
  test('an item is named by its position, in arrays of any size (binary search over the items)', () => {
    const clips: unknown[] = Array.from({ length: 1001 }, () => ({ MediaId: 'a', Out: 1 }));
    for (const i of [0, 1, 500, 999, 1000]) clips[i] = 7;
    const { list } = diagnose(JSON.stringify({ VideoTracks: [{ VideoTrackClips: clips }] }));
    const named = list.filter((d) => d.code === 'schema/type').map((d) => /"(VideoTrackClips\[\d+\])"/.exec(d.message)?.[1]);
    assert.deepEqual(named, ['VideoTrackClips[0]', 'VideoTrackClips[1]', 'VideoTrackClips[500]', 'VideoTrackClips[999]', 'VideoTrackClips[1000]']);
  });
});
