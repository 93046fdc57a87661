// Colour swatches and picker of the language service (documentColor / colorPresentation): which fields
// are colours (from the schema), the exact ranges, what is not a colour, and presentations that keep
// the document's own way of writing colours.

import * as assert from 'node:assert/strict';
import { TimelineService, applyEdits, type ColorInfo, type Rgba } from '../../server/src/service';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES_DIR, FIXTURES_DIR, json, offsetOf, readText, service } from '../helpers/service';
import bundledSchema from '../../schemas/timeline.schema.json';

/** `"text" r,g,b,a` per swatch, in document order: what the editor shows, with what it covers. */
function swatches(text: string, svc = service): string[] {
  const doc = svc.parse(text);
  return svc.colors(doc).map((c: ColorInfo) => `${JSON.stringify(text.slice(c.start, c.end))} ${[c.color.red, c.color.green, c.color.blue, c.color.alpha].map((x) => Math.round(x * 255)).join(',')}`);
}

const RED: Rgba = { red: 1, green: 0, blue: 0, alpha: 1 };
const TEAL: Rgba = { red: 0, green: 0x80 / 255, blue: 0xab / 255, alpha: 1 };

/** The presentations' labels for the colour value `needle` (its content, inside the quotes). */
function labels(text: string, needle: string, color: Rgba, nth = 0): string[] {
  const doc = service.parse(text);
  const start = offsetOf(text, `"${needle}"`, nth) + 1;
  return service.colorPresentations(doc, start, start + needle.length, color).map((p) => p.label);
}

/** A video clip with effects and a subtitle clip with the given fields. */
function timeline(subtitle: Record<string, unknown>, effects: Record<string, unknown>[] = []): string {
  return json({
    VideoTracks: [{ VideoTrackClips: [{ MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', Effects: effects }] }],
    SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'Hello', ...subtitle }] }],
  });
}

suite('service features: colours', () => {
  test('every colour field of the schema gets a swatch over the string content, # or not', () => {
    const text = timeline(
      {
        FontColor: '#FF0000', OutlineColour: '000000', BackColour: '#1e90ff',
        SubtitleEffects: [{ Type: 'Box', Color: '1E90FF' }, { Type: 'Shadow', Color: '#00FF00' }],
      },
      [
        { Type: 'Background', SubType: 'Color', Color: '#0000FF' },
        { Type: 'Text', Content: 'Title', FontColor: '#808080', FontColorOpacity: 0.5 },
      ],
    );
    assert.deepEqual(swatches(text), [
      '"#0000FF" 0,0,255,255',
      '"#808080" 128,128,128,255',
      '"#FF0000" 255,0,0,255',
      '"000000" 0,0,0,255',
      '"#1e90ff" 30,144,255,255',
      '"1E90FF" 30,144,255,255',
      '"#00FF00" 0,255,0,255',
    ]);
  });

  test('a hex string in a field that is no colour gets none (Content, ClipId, an unknown key, EffectColorStyle)', () => {
    const text = timeline({ Content: '#FF0000', ClipId: '#00FF00', MyColor: '#0000FF', EffectColorStyle: 'CS0001-000011', FontColor: '#FFFFFF' });
    assert.deepEqual(swatches(text), ['"#FFFFFF" 255,255,255,255']);
  });

  test('values that are no colour the field takes give no swatch and never throw', () => {
    for (const value of ['#12', 'red', '', ' #FF0000', '#FF0000 ', '#FFF', '#GG0000', '#FF000080', 'FF000080', '##FF0000', null, 16777215, 0, true, ['#FF0000'], { r: 1 }]) {
      const text = timeline({ FontColor: value, OutlineColour: value }, [{ Type: 'Background', SubType: 'Color', Color: value }]);
      assert.deepEqual(swatches(text), [], JSON.stringify(value));
    }
    // Escaped characters, a broken document, nothing at all.
    assert.deepEqual(swatches(timeline({ FontColor: 'X' }).replace('"X"', '"\\u0023FF0000"')), []);
    assert.deepEqual(swatches('{"SubtitleTracks": [{"SubtitleTrackClips": [{"Type": "Text", "FontColor": "#FF0000'), []);
    assert.deepEqual(swatches(''), []);
    assert.deepEqual(swatches('[1, "#FF0000"]'), []);
    // A broken document still shows the colours it has.
    assert.deepEqual(swatches('{"SubtitleTracks": [{"SubtitleTrackClips": [{"Type": "Text", "FontColor": "#FF0000" "X": }]}'), ['"#FF0000" 255,0,0,255']);
  });

  test('the colour fields come from the schema: a field with the Color pattern is one, whatever its name', () => {
    const schema = structuredClone(bundledSchema) as any;
    schema.definitions.SubtitleTrackClip.properties.GlowTint = { type: 'string', pattern: schema.definitions.LooseColor.pattern };
    delete schema.definitions.SubtitleTrackClip.properties.BackColour.pattern;
    const svc = new TimelineService({ schema });
    const text = timeline({ GlowTint: 'ABCDEF', BackColour: '#FF0000', FontColor: '#FFFFFF' });
    assert.deepEqual(swatches(text, svc), ['"ABCDEF" 171,205,239,255', '"#FFFFFF" 255,255,255,255']);
  });

  test('inside a Timeline JSON string (a produce request): the range is the content between the escaped quotes', () => {
    const inner = timeline({ FontColor: '#FF0000', OutlineColour: '00ff00' });
    const text = json({ Timeline: JSON.stringify(JSON.parse(inner)), ProduceConfig: { TemplateId: 'S00000001-200030' } });
    assert.deepEqual(swatches(text), ['"#FF0000" 255,0,0,255', '"00ff00" 0,255,0,255']);
    const doc = service.parse(text);
    const [font, outline] = service.colors(doc);
    const edited = applyEdits(text, [service.colorPresentations(doc, font.start, font.end, TEAL)[0].edit, service.colorPresentations(doc, outline.start, outline.end, RED)[0].edit]);
    const timelineValue = JSON.parse(JSON.parse(edited).Timeline);
    assert.equal(timelineValue.SubtitleTracks[0].SubtitleTrackClips[0].FontColor, '#0080AB');
    assert.equal(timelineValue.SubtitleTracks[0].SubtitleTrackClips[0].OutlineColour, 'ff0000');
  });

  test("presentations keep the value's own style: # as written, case as written; the other styles follow", () => {
    const text = timeline(
      { FontColor: '#ffffff', OutlineColour: '1e90ff', BackColour: '#1E90FF' },
      [{ Type: 'Background', SubType: 'Color', Color: '#ABCDEF' }],
    );
    assert.deepEqual(labels(text, '#ffffff', TEAL), ['#0080ab', '#0080AB']);
    // OutlineColour takes # or not (ICE): both shown, as written first.
    assert.deepEqual(labels(text, '1e90ff', TEAL), ['0080ab', '0080AB', '#0080ab', '#0080AB']);
    assert.deepEqual(labels(text, '#1E90FF', TEAL), ['#0080AB', '#0080ab', '0080AB', '0080ab']);
    assert.deepEqual(labels(text, '#ABCDEF', TEAL), ['#0080AB', '#0080ab']);
    // Digits alone have no case: each form once.
    assert.deepEqual(labels(text, '1e90ff', { red: 0, green: 0, blue: 0, alpha: 1 }), ['000000', '#000000']);
  });

  test('a value without letters takes the case of the other colours, else the schema default (#FFFFFF)', () => {
    assert.deepEqual(labels(timeline({ FontColor: '#000000', OutlineColour: '#abcdef' }), '#000000', TEAL)[0], '#0080ab');
    assert.deepEqual(labels(timeline({ FontColor: '#000000', OutlineColour: '#ABCDEF' }), '#000000', TEAL)[0], '#0080AB');
    assert.deepEqual(labels(timeline({ FontColor: '#000000', OutlineColour: '#123456' }), '#000000', TEAL)[0], '#0080AB');
    // Invalid values do not vote.
    assert.deepEqual(labels(timeline({ FontColor: '#000000', OutlineColour: '#abcdeg' }), '#000000', TEAL)[0], '#0080AB');
  });

  test('FontColor requires #: a value written without it gets it back from the picker', () => {
    const text = timeline({ FontColor: 'ffffff' });
    assert.deepEqual(swatches(text), ['"ffffff" 255,255,255,255']);
    assert.deepEqual(labels(text, 'ffffff', RED), ['#ff0000', '#FF0000']);
  });

  test('no alpha where the field takes none: a translucent pick on FontColor writes #RRGGBB', () => {
    const text = timeline({ FontColor: '#FFFFFF', FontColorOpacity: 1 });
    const doc = service.parse(text);
    const [c] = service.colors(doc);
    const out = service.colorPresentations(doc, c.start, c.end, { red: 1, green: 0.5, blue: 0, alpha: 0.25 });
    assert.equal(out[0].label, '#FF8000');
    assert.deepEqual(out[0].edit, { start: c.start, end: c.end, newText: '#FF8000' });
    // Only the string content changes; FontColorOpacity stays as it was.
    const after = JSON.parse(applyEdits(text, [out[0].edit]));
    assert.deepEqual(after.SubtitleTracks[0].SubtitleTrackClips[0], { Type: 'Text', Content: 'Hello', FontColor: '#FF8000', FontColorOpacity: 1 });
  });

  test('a picked colour written back is the colour read again; components out of range are clamped', () => {
    const text = timeline({ OutlineColour: '#000000' });
    const doc = service.parse(text);
    const [c] = service.colors(doc);
    const picked = { red: 0.2, green: 0.4, blue: 0.6, alpha: 1 };
    const edited = applyEdits(text, [service.colorPresentations(doc, c.start, c.end, picked)[0].edit]);
    assert.deepEqual(swatches(edited), ['"#336699" 51,102,153,255']);
    assert.equal(service.colorPresentations(doc, c.start, c.end, { red: 2, green: -1, blue: 0.5, alpha: 1 })[0].label, '#FF0080');
  });

  test('no presentation outside a colour field, or for a colour that is not one', () => {
    const text = timeline({ Content: '#FF0000', FontColor: '#FFFFFF' });
    const doc = service.parse(text);
    const content = offsetOf(text, '"#FF0000"') + 1;
    assert.deepEqual(service.colorPresentations(doc, content, content + 7, RED), []);
    const [c] = service.colors(doc);
    assert.deepEqual(service.colorPresentations(doc, c.start, c.end, { red: NaN, green: 0, blue: 0, alpha: 1 }), []);
    assert.deepEqual(service.colorPresentations(doc, c.start, c.end, null as unknown as Rgba), []);
    assert.deepEqual(service.colorPresentations(doc, -5, 1e9, RED), []);
  });

  test('what real serializers write, object and request (Timeline as a JSON string) forms: each colour once', () => {
    const dir = path.join(FIXTURES_DIR, 'serializers');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.timeline.json'));
    assert.ok(files.length >= 20, `${files.length} serializer fixtures`);
    let requests = 0;
    for (const file of files) {
      const text = readText(path.join(dir, file));
      // The oracle: colour keys with a hex value, quotes escaped or not.
      const expected = [...text.matchAll(/\\?"(?:FontColor|OutlineColour|BackColour|Color)\\?"\s*:\s*\\?"(#?[0-9A-Fa-f]{6})\\?"/g)].map((m) => m[1]);
      const doc = service.parse(text);
      if (doc.embedded) requests++;
      assert.deepEqual(service.colors(doc).map((c) => text.slice(c.start, c.end)), expected, file);
    }
    assert.ok(requests >= 5, `${requests} request forms`);
  });

  test('every prefix of the subtitles example (typing it out): no throw, each swatch over a hex value', () => {
    const text = readText(path.join(EXAMPLES_DIR, 'subtitles.timeline.json'));
    let prev;
    for (let n = 0; n <= text.length; n += 3) {
      const doc = service.parse(text.slice(0, n), n, 'file:///typing.timeline.json', prev);
      for (const c of service.colors(doc)) {
        assert.match(doc.text.slice(c.start, c.end), /^#[0-9A-F]{6}$/, `prefix ${n}`);
        assert.equal(doc.text[c.start - 1], '"');
        assert.equal(doc.text[c.end], '"');
      }
      prev = doc;
    }
    assert.equal(service.colors(service.parse(text, -1, 'file:///typing.timeline.json', prev)).length, 7);
  });

  test('the subtitles example: each FontColor and OutlineColour', () => {
    const text = readText(path.join(EXAMPLES_DIR, 'subtitles.timeline.json'));
    const list = swatches(text);
    assert.equal(list.length, 7);
    assert.equal(list.filter((s) => s.startsWith('"#FFFFFF"')).length, 4);
    assert.equal(list.filter((s) => s.startsWith('"#000000"')).length, 3);
  });
});
