import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };

const ROOT = path.join(__dirname, '..', '..');
const SCHEMA_FILE = path.join(ROOT, 'schemas', 'timeline.schema.json');
const ZH_FILE = path.join(ROOT, 'schemas', 'timeline.schema.zh-cn.json');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const SEED_FILE = path.join(ROOT, 'emulator', 'media.seed.json');
const ID = 'https://vod-timeline.invalid/timeline.schema.json';

const readJson = (file: string): any => JSON.parse(fs.readFileSync(file, 'utf8'));
const schema: Node = readJson(SCHEMA_FILE);
const zh: Record<string, Record<string, Json>> = readJson(ZH_FILE);

const NUM = '^\\s*-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*$';
const INT = '^\\s*-?\\d+\\s*$';
const TRANSLATABLE = ['title', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'deprecationMessage', 'defaultSnippets'];
const SOURCE_TAGS = ['SDK', 'VOD-2021', 'VOD-now', 'ICE-now', 'ALI-skill', 'WebSDK-dts', '3P', 'UNCONFIRMED', 'legacy', 'tooling'];
const VOD_TAGS = ['SDK', 'VOD-2021', 'VOD-now', 'tooling'];
const UNITS = ['s', 'px-or-ratio', 'px', 'ratio', 'bytes', 'chars'];
const ALLOWED_KEYWORDS = new Set([
  // the subset the language service interprets (DEVELOPERS.md, "Schema conventions")
  '$ref', 'definitions', 'type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength',
  'maxLength', 'pattern', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems', 'allOf', 'anyOf',
  'if', 'then',
  // annotations
  'title', 'description', 'markdownDescription', 'default', 'examples', 'enumDescriptions', 'markdownEnumDescriptions',
  'deprecationMessage', 'defaultSnippets',
  // project keywords
  'x-source', 'x-unit', 'x-legacy', 'x-severity', 'x-iceOnly', 'x-iceOnlyValues', 'x-values',
]);
const REQUIRED_DEFINITIONS = ['NumericString', 'Seconds', 'Position', 'Color', 'Timeline', 'VideoTrack', 'VideoTrackClip', 'AudioTrack',
  'AudioTrackClip', 'ImageTrack', 'ImageTrackClip', 'SubtitleTrack', 'SubtitleTrackClip', 'EffectTrack', 'EffectTrackItem', 'Effect',
  'FontFace', 'FECanvas', 'ProduceDocument', 'ProduceConfig', 'MediaMetadata', 'UserData', 'MessageCallback'];
const EFFECT_TYPES = ['Text', 'DeWatermark', 'Volume', 'Transition', 'DLTransition', 'VFX', 'Filter', 'Background', 'Scale', 'Crop', 'Pad',
  'Flip', 'KenBurns', 'Zoom', 'AFade', 'ADenoise', 'ALoudNorm', 'AEqualize'];

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Visits every schema node (not annotation values) with its JSON pointer. */
function walk(node: Json, ptr: string, visit: (node: Node, ptr: string) => void): void {
  if (!isObject(node)) return;
  visit(node, ptr);
  for (const key of ['properties', 'definitions']) {
    const map = node[key];
    if (isObject(map)) for (const [name, child] of Object.entries(map)) walk(child, `${ptr}/${key}/${escapePointer(name)}`, visit);
  }
  for (const key of ['items', 'additionalProperties', 'if', 'then', 'else']) walk(node[key], `${ptr}/${key}`, visit);
  for (const key of ['allOf', 'anyOf']) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((child, i) => walk(child, `${ptr}/${key}/${i}`, visit));
  }
}

const nodes: Array<{ node: Node; ptr: string }> = [];
walk(schema, '', (node, ptr) => nodes.push({ node, ptr }));

/** A property schema of an object definition (not inside if/then or anyOf). */
const propertyNodes = nodes.filter(({ ptr }) => /^\/definitions\/[^/]+\/properties\/[^/]+$/.test(ptr));

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(schema, ID);
  return ajv;
}
const ajv = newAjv();
const validateRoot = ajv.getSchema(ID) as ValidateFunction;
function validatorAt(ptr: string): ValidateFunction {
  const v = ajv.getSchema(`${ID}#${ptr}`);
  assert.ok(v, `no schema at ${ptr}`);
  return v;
}
const errorsOf = (v: ValidateFunction) => (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');

/** Turns a VS Code snippet body into the value you get by accepting every placeholder's default. */
function fillSnippet(body: Json): Json {
  let text = JSON.stringify(body);
  text = text.replace(/"\^((?:[^"\\]|\\.)*)"/g, (_m, inner: string) => JSON.parse(`"${inner}"`));
  text = text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}/g, '').replace(/\$\d+/g, '');
  return JSON.parse(text);
}

suite('timeline schema: well-formed', () => {
  test('is valid draft-07 and compiles with ajv', () => {
    const fresh = new Ajv({ strict: false });
    assert.equal(fresh.validateSchema(schema), true, JSON.stringify(fresh.errors));
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(typeof fresh.compile(schema), 'function');
  });

  test('keeps the root detection rule', () => {
    assert.deepEqual(schema.if, { anyOf: ['Timeline', 'ProjectId', 'ProduceConfig', 'MediaMetadata', 'UserData', 'AppId'].map((k) => ({ required: [k] })) });
    assert.deepEqual(schema.then, { $ref: '#/definitions/ProduceDocument' });
    assert.deepEqual(schema.else, { $ref: '#/definitions/Timeline' });
  });

  test('has the contract definitions', () => {
    const defs = schema.definitions as Node;
    for (const name of REQUIRED_DEFINITIONS) assert.ok(isObject(defs[name]), `definitions/${name}`);
  });

  test('keeps to the keyword subset the language service interprets', () => {
    for (const { node, ptr } of nodes) {
      for (const key of Object.keys(node)) {
        if (ptr === '' && ['$schema', 'else'].includes(key)) continue;
        assert.ok(ALLOWED_KEYWORDS.has(key), `${ptr}: keyword ${key}`);
      }
      if (typeof node.$ref === 'string') assert.match(node.$ref, /^#\/definitions\/[A-Za-z]+$/, `${ptr}: $ref`);
      if ('additionalProperties' in node) assert.equal(node.additionalProperties, false, `${ptr}: additionalProperties`);
      if (Array.isArray(node.anyOf) && ptr !== '/if') assert.ok(node.anyOf.length <= 3, `${ptr}: anyOf is small`);
      if ('if' in node && ptr !== '' && !/\/allOf\/\d+$/.test(ptr)) assert.fail(`${ptr}: if/then only inside allOf`);
      if (Array.isArray(node.allOf)) {
        node.allOf.forEach((block, i) => {
          assert.ok(isObject(block), `${ptr}/allOf/${i}`);
          assert.deepEqual(Object.keys(block).sort(), ['if', 'then'], `${ptr}/allOf/${i} is an if/then block`);
          const cond = block.if as Node;
          assert.deepEqual(Object.keys(cond).sort(), ['properties', 'required'], `${ptr}/allOf/${i}/if`);
          for (const test of Object.values(cond.properties as Node)) {
            assert.ok(isObject(test) && Object.keys(test).every((k) => k === 'const' || k === 'enum'), `${ptr}/allOf/${i}/if tests const/enum`);
          }
        });
      }
    }
  });

  test('every object with properties forbids unknown keys, and if/then blocks only constrain declared properties', () => {
    for (const { node, ptr } of nodes) {
      if (node.type === 'object' && isObject(node.properties)) assert.equal(node.additionalProperties, false, ptr);
      if (Array.isArray(node.allOf)) {
        const declared = Object.keys(node.properties as Node);
        for (const block of node.allOf as Node[]) {
          for (const part of [block.if, block.then] as Node[]) {
            for (const name of Object.keys((part.properties as Node | undefined) ?? {})) assert.ok(declared.includes(name), `${ptr}: ${name} is declared`);
            for (const name of (part.required as string[] | undefined) ?? []) assert.ok(declared.includes(name), `${ptr}: required ${name} is declared`);
          }
        }
      }
    }
  });

  test('numbers accepted as strings carry the numeric pattern', () => {
    for (const { node, ptr } of nodes) {
      if (!Array.isArray(node.type)) continue;
      if (node.type.includes('number') && node.type.includes('string')) assert.equal(node.pattern, NUM, ptr);
      if (node.type.includes('integer') && node.type.includes('string')) assert.equal(node.pattern, INT, ptr);
    }
    assert.equal((schema.definitions as any).NumericString.pattern, NUM);
  });

  test('every field has a description, provenance and a consistent severity', () => {
    for (const { node, ptr } of propertyNodes) {
      assert.equal(typeof node.description, 'string', `${ptr}: description`);
      assert.equal(typeof node.markdownDescription, 'string', `${ptr}: markdownDescription`);
      const src = node['x-source'] as string[];
      assert.ok(Array.isArray(src) && src.length > 0, `${ptr}: x-source`);
      for (const tag of src) assert.ok(SOURCE_TAGS.includes(tag), `${ptr}: x-source tag ${tag}`);
      if (node['x-unit'] !== undefined) assert.ok(UNITS.includes(node['x-unit'] as string), `${ptr}: x-unit`);
      const vod = src.some((t) => VOD_TAGS.includes(t));
      const legacy = node['x-legacy'] !== undefined;
      if (!vod || legacy || node['x-iceOnly'] === true) assert.equal(node['x-severity'], 'warning', `${ptr}: known only from ICE/WebSDK/3P/UNCONFIRMED or legacy`);
      if (legacy) assert.equal(typeof node.deprecationMessage, 'string', `${ptr}: legacy fields are deprecated`);
      if (node.enum) {
        assert.equal((node.enumDescriptions as Json[]).length, (node.enum as Json[]).length, `${ptr}: enumDescriptions`);
        assert.equal((node.markdownEnumDescriptions as Json[]).length, (node.enum as Json[]).length, `${ptr}: markdownEnumDescriptions`);
      }
    }
  });

  test('widely used fields are not marked ICE-only; ICE-only fields are', () => {
    const prop = (def: string, name: string) => (schema.definitions as any)[def].properties[name];
    for (const [def, name] of [['VideoTrackClip', 'Speed'], ['VideoTrackClip', 'Opacity'], ['VideoTrack', 'MainTrack'], ['VideoTrackClip', 'ClipId'],
      ['VideoTrackClip', 'AdaptMode'], ['Timeline', 'SubtitleTracks'], ['VideoTrackClip', 'MediaId']]) {
      assert.notEqual(prop(def, name)['x-iceOnly'], true, `${def}.${name}`);
    }
    for (const [def, name] of [['VideoTrackClip', 'MediaURL'], ['VideoTrackClip', 'MediaUrl'], ['VideoTrackClip', 'MaxOut'], ['AudioTrackClip', 'LoopMode'],
      ['VideoTrackClip', 'DyncFrames'], ['VideoTrackClip', 'MaskVideoUrl'], ['Timeline', 'FECanvas'], ['Timeline', 'MaxDuration']]) {
      assert.equal(prop(def, name)['x-iceOnly'], true, `${def}.${name}`);
    }
    assert.deepEqual(prop('VideoTrackClip', 'VideoId')['x-legacy'], { replacement: 'MediaId' });
    assert.deepEqual(prop('ImageTrackClip', 'ImageId')['x-legacy'], { replacement: 'MediaId' });
    assert.deepEqual(prop('VideoTrackClip', 'CutFlag')['x-legacy'], {});
  });

  test('Effect: one definition, an if/then block for every Type', () => {
    const effect = (schema.definitions as any).Effect;
    assert.equal(effect.oneOf, undefined);
    for (const type of EFFECT_TYPES) {
      assert.ok(effect.properties.Type.enum.includes(type), `enum has ${type}`);
      const has = effect.allOf.some((b: any) => b.if.properties.Type.const === type || b.if.properties.Type.enum?.includes(type));
      assert.ok(has, `if/then for ${type}`);
      const snippet = effect.defaultSnippets.some((s: any) => s.body.Type === type);
      assert.ok(snippet, `snippet for ${type}`);
    }
  });
});

suite('timeline schema: examples and snippets', () => {
  test('every "examples" value validates against the schema that carries it', () => {
    let count = 0;
    for (const { node, ptr } of nodes) {
      if (!Array.isArray(node.examples)) continue;
      const v = validatorAt(ptr);
      for (const example of node.examples) {
        count++;
        assert.ok(v(example), `${ptr} example ${JSON.stringify(example)}: ${errorsOf(v)}`);
      }
    }
    assert.ok(count > 50, `${count} examples`);
  });

  test('every defaultSnippets body, filled with its defaults, validates', () => {
    let count = 0;
    for (const { node, ptr } of nodes) {
      if (!Array.isArray(node.defaultSnippets)) continue;
      const v = validatorAt(ptr);
      for (const snippet of node.defaultSnippets as Node[]) {
        count++;
        assert.equal(typeof snippet.label, 'string', `${ptr}: label`);
        assert.equal(typeof snippet.description, 'string', `${ptr}: description`);
        const value = fillSnippet(snippet.body);
        assert.ok(v(value), `${ptr} snippet "${snippet.label}" ${JSON.stringify(value)}: ${errorsOf(v)}`);
      }
    }
    assert.ok(count > 40, `${count} snippets`);
  });

  test('every track, clip and effect kind offers a snippet', () => {
    const defs = schema.definitions as any;
    for (const name of ['Timeline', 'VideoTrack', 'VideoTrackClip', 'AudioTrack', 'AudioTrackClip', 'ImageTrack', 'ImageTrackClip', 'SubtitleTrack',
      'SubtitleTrackClip', 'EffectTrack', 'EffectTrackItem', 'Effect', 'ProduceDocument', 'ProduceConfig', 'UserData', 'MessageCallback']) {
      assert.ok(Array.isArray(defs[name].defaultSnippets) && defs[name].defaultSnippets.length > 0, name);
    }
  });
});

suite('timeline schema: zh-CN text', () => {
  const pointers = new Set(nodes.map((n) => n.ptr));
  const cjk = /[\u4e00-\u9fff]/;

  test('covers every translatable string of the schema', () => {
    for (const { node, ptr } of nodes) {
      const keys = TRANSLATABLE.filter((k) => k in node);
      if (keys.length === 0) continue;
      const entry = zh[ptr];
      assert.ok(entry, `zh-CN entry for "${ptr}"`);
      assert.deepEqual(Object.keys(entry).sort(), [...keys].sort(), `zh-CN keys at "${ptr}"`);
      for (const key of keys) {
        const en = node[key];
        const tr = entry[key];
        if (key === 'defaultSnippets') {
          const list = en as Node[];
          assert.ok(Array.isArray(tr) && tr.length === list.length, `${ptr}: defaultSnippets length`);
          list.forEach((s, i) => {
            const t = (tr as Node[])[i];
            for (const k of ['label', 'description']) {
              if (k in s) assert.ok(typeof t[k] === 'string' && cjk.test(t[k] as string), `${ptr}: defaultSnippets[${i}].${k}`);
            }
          });
        } else if (Array.isArray(en)) {
          assert.ok(Array.isArray(tr) && tr.length === en.length, `${ptr}: ${key} length`);
          if (Array.isArray(node.enum)) assert.equal((tr as Json[]).length, node.enum.length, `${ptr}: ${key} has the enum's length`);
          for (const s of tr as Json[]) assert.ok(typeof s === 'string' && cjk.test(s), `${ptr}: ${key} item "${s}"`);
        } else {
          assert.ok(typeof tr === 'string' && cjk.test(tr), `${ptr}: ${key}`);
        }
      }
    }
  });

  test('has no pointer that no longer exists', () => {
    for (const ptr of Object.keys(zh)) assert.ok(pointers.has(ptr), `stale zh-CN pointer "${ptr}"`);
  });

  test('keeps field names and units in ASCII', () => {
    const md = zh['/definitions/VideoTrackClip/properties/In'].markdownDescription as string;
    assert.match(md, /入点/);
    assert.match(md, /`s`/);
    assert.match(zh['/definitions/VideoTrackClip/properties/TimelineOut'].description as string, /TimelineIn/);
  });
});


const definitions = schema.definitions as Record<string, Node>;
const deref = (node: Node): Node => (typeof node.$ref === 'string' ? definitions[node.$ref.split('/').pop()!] : node);

/** Walks an instance along the schema and lists the ICE-only, legacy and deprecated fields and values it uses. */
function flaggedFields(doc: Node): string[] {
  const found: string[] = [];
  const isProduce = ['Timeline', 'ProjectId', 'ProduceConfig', 'MediaMetadata', 'UserData', 'AppId'].some((k) => k in doc);
  const visit = (value: unknown, node: Node, where: string): void => {
    node = deref(node);
    if (Array.isArray(node.anyOf)) {
      const branch = (node.anyOf as Node[]).map(deref).find((b) => (isObject(value) ? b.type === 'object' : b.type === 'string'));
      if (branch) visit(value, branch, where);
      return;
    }
    if (Array.isArray(value) && isObject(node.items)) value.forEach((v, i) => visit(v, node.items as Node, `${where}/${i}`));
    if (!isObject(value) || !isObject(node.properties)) return;
    for (const [key, child] of Object.entries(value)) {
      const prop = (node.properties as Record<string, Node>)[key];
      if (!prop) { found.push(`${where}/${key} (unknown)`); continue; }
      const resolved = deref(prop);
      if (prop['x-iceOnly'] === true || resolved['x-iceOnly'] === true) found.push(`${where}/${key} (ICE only)`);
      if (prop['x-legacy'] !== undefined) found.push(`${where}/${key} (legacy)`);
      if (prop.deprecationMessage !== undefined || resolved.deprecationMessage !== undefined) found.push(`${where}/${key} (deprecated)`);
      if (Array.isArray(prop['x-iceOnlyValues']) && (prop['x-iceOnlyValues'] as Json[]).includes(child as Json)) found.push(`${where}/${key}=${child} (ICE only)`);
      visit(child, prop, `${where}/${key}`);
    }
  };
  visit(doc, definitions[isProduce ? 'ProduceDocument' : 'Timeline'], '');
  return found;
}

suite('timeline schema: the examples folder', () => {
  const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.timeline.json')).sort();
  const seed: Array<{ MediaId: string; Type: string; Duration: number; Status: string; FailProduction: boolean }> = readJson(SEED_FILE);
  const media = new Map(seed.map((m) => [m.MediaId, m]));
  const num = (v: unknown) => (typeof v === 'string' ? Number(v) : (v as number | undefined));

  test('has the expected examples', () => {
    for (const name of ['merge-in-out', 'picture-in-picture', 'subtitles', 'audio-mix-dubbing', 'transitions', 'portrait-blur-background', 'produce-document']) {
      assert.ok(files.includes(`${name}.timeline.json`), name);
    }
  });

  for (const file of files) {
    suite(file, () => {
      const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
      const doc = JSON.parse(text);
      const timeline = 'Timeline' in doc ? doc.Timeline : doc;

      test('validates against the schema with ajv', () => {
        assert.ok(validateRoot(doc), errorsOf(validateRoot));
      });

      test('is pretty-printed with 2 spaces and points at the schema', () => {
        assert.equal(text, JSON.stringify(doc, null, 2) + '\n');
        assert.equal(doc.$schema, '../schemas/timeline.schema.json');
        assert.equal(Object.keys(doc)[0], '$schema');
      });

      test('uses seed media of the right kind and stays inside each media', () => {
        const kinds: Array<[string, string, string]> = [['VideoTracks', 'VideoTrackClips', 'video'], ['AudioTracks', 'AudioTrackClips', 'audio']];
        for (const [tracksKey, clipsKey, kind] of kinds) {
          for (const track of timeline[tracksKey] ?? []) {
            let lastOut = -Infinity;
            for (const clip of track[clipsKey]) {
              const m = media.get(clip.MediaId);
              assert.ok(m, `${clip.MediaId} is in the seed`);
              assert.equal(m.Status, 'Normal');
              assert.equal(m.FailProduction, false);
              const expected = clip.Type === 'Image' ? 'image' : kind;
              assert.equal(m.Type, expected, `${clip.MediaId} is ${expected}`);
              if (clip.In !== undefined || clip.Out !== undefined) {
                assert.notEqual(m.Type, 'image', 'no In/Out on images');
                const inP = num(clip.In) ?? 0;
                const outP = num(clip.Out) ?? m.Duration;
                assert.ok(inP < outP, `In < Out for ${clip.MediaId}`);
                assert.ok(outP <= m.Duration, `Out ${outP} within ${m.Duration} s of ${clip.MediaId}`);
              }
              if (clip.TimelineIn !== undefined && clip.TimelineOut !== undefined) {
                assert.ok(num(clip.TimelineIn)! < num(clip.TimelineOut)!, 'TimelineIn < TimelineOut');
                assert.ok(num(clip.TimelineIn)! >= lastOut, 'clips on one track do not overlap');
                lastOut = num(clip.TimelineOut)!;
              }
              for (const [key, value] of Object.entries(clip)) {
                if (['In', 'Out', 'TimelineIn', 'TimelineOut', 'X', 'Y', 'Width', 'Height', 'Duration'].includes(key)) assert.equal(typeof value, 'number', `${key} is a number`);
              }
            }
            const last = track[clipsKey][track[clipsKey].length - 1];
            assert.ok(!(last.Effects ?? []).some((e: { Type: string }) => e.Type === 'Transition'), 'no Transition on the last clip');
          }
        }
      });

      test('uses no ICE-only, legacy or deprecated field', () => {
        assert.deepEqual(flaggedFields(doc), []);
      });

      if ('UserData' in doc) {
        test('UserData is at most 256 characters as a compact JSON string', () => {
          const s = typeof doc.UserData === 'string' ? doc.UserData : JSON.stringify(doc.UserData);
          assert.ok(s.length <= 256, `${s.length} characters`);
        });
      }
    });
  }
});

suite('timeline schema: it bites', () => {
  const clip = (extra: Record<string, Json>) => ({ VideoTracks: [{ VideoTrackClips: [{ MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', ...extra }] }] });
  const ok = (doc: Json) => assert.ok(validateRoot(doc), errorsOf(validateRoot));
  const bad = (doc: Json, what: RegExp) => {
    assert.equal(validateRoot(doc), false, `should fail: ${JSON.stringify(doc)}`);
    assert.match(errorsOf(validateRoot), what);
  };

  test('VideoTracks must be an array', () => bad({ VideoTracks: 5 }, /\/VideoTracks must be array/));
  test('a video clip needs MediaId', () => bad({ VideoTracks: [{ VideoTrackClips: [{ In: 0, Out: 5 }] }] }, /required property 'MediaId'/));
  test('"In": "abc" fails', () => bad(clip({ In: 'abc' }), /\/In must match pattern/));
  test('"In": "1.5" passes', () => ok(clip({ In: '1.5', Out: ' 3 ' })));
  test('negative times fail', () => bad(clip({ TimelineIn: -1 }), /\/TimelineIn must be >= 0/));
  test('an unknown key fails', () => bad(clip({ MediaID: 'x' }), /must NOT have additional properties/));
  test('an unknown effect key fails', () => bad(clip({ Effects: [{ Type: 'Volume', Volume: 0 }] }), /additional properties|required property 'Gain'/));
  test('ProduceConfig Width 100 fails', () => bad({ Timeline: clip({}), ProduceConfig: { Width: 100, Height: 720 } }, /\/ProduceConfig\/Width must be >= 128/));
  test('ProduceConfig Height 5000 fails', () => bad({ Timeline: clip({}), ProduceConfig: { Width: 1280, Height: 5000 } }, /\/ProduceConfig\/Height must be <= 4096/));
  test('a produce document may carry Timeline and ProduceConfig as JSON strings', () => ok({ Timeline: JSON.stringify(clip({})), ProduceConfig: '{"Width":1280,"Height":720}' }));
  test('ProjectId alone is a produce document', () => ok({ ProjectId: 'fb2101bf24b4cb318787dc0000' }));
  test('a produce document rejects unknown keys', () => bad({ ProjectId: 'p', Timline: {} }, /additional properties/));
  test('a UserData string longer than 256 characters fails', () => bad({ ProjectId: 'p', UserData: 'x'.repeat(257) }, /\/UserData must NOT have more than 256 characters/));
  test('Volume Gain must be between 0 and 10', () => {
    bad(clip({ Effects: [{ Type: 'Volume', Gain: -1 }] }), /Gain must be >= 0/);
    bad(clip({ Effects: [{ Type: 'Volume', Gain: 11 }] }), /Gain must be <= 10/);
    ok(clip({ Effects: [{ Type: 'Volume', Gain: '0.5' }] }));
  });
  test('Background Radius must be in [0.01, 1]', () => {
    bad(clip({ Effects: [{ Type: 'Background', SubType: 'Blur', Radius: 2 }] }), /Radius must be <= 1/);
    bad(clip({ Effects: [{ Type: 'Background', SubType: 'Stretch' }] }), /SubType must be equal to one of the allowed values/);
  });
  test('a Text effect needs Content; an unknown effect Type fails', () => {
    bad(clip({ Effects: [{ Type: 'Text', FontSize: 40 }] }), /required property 'Content'/);
    bad(clip({ Effects: [{ Type: 'Blur' }] }), /Type must be equal to one of the allowed values/);
  });
  test('Speed and Opacity ranges, colours and enums', () => {
    bad(clip({ Speed: 0 }), /Speed must be >= 0.1/);
    bad(clip({ Opacity: 1.5 }), /Opacity must be <= 1/);
    bad(clip({ AdaptMode: 'Stretch' }), /AdaptMode must be equal to one of the allowed values/);
    bad({ SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'x', FontColor: 'white' }] }] }, /FontColor must match pattern/);
  });
  test('more than 100 video tracks fail', () => {
    const tracks = Array.from({ length: 101 }, () => ({ VideoTrackClips: [{ MediaId: 'm' }] }));
    bad({ VideoTracks: tracks }, /must NOT have more than 100 items/);
  });
  test('the example checker notices ICE-only, legacy and deprecated fields', () => {
    const found = flaggedFields({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'm', VideoId: 'm', MediaURL: 'https://x', Type: 'GlobalImage' }] }], ImageTracks: [] });
    assert.deepEqual(found, ['/VideoTracks/0/VideoTrackClips/0/VideoId (legacy)', '/VideoTracks/0/VideoTrackClips/0/VideoId (deprecated)',
      '/VideoTracks/0/VideoTrackClips/0/MediaURL (ICE only)', '/VideoTracks/0/VideoTrackClips/0/Type=GlobalImage (ICE only)', '/ImageTracks (deprecated)']);
  });
  test('legacy fields are declared (the service only warns about them)', () => {
    ok({ Id: 'p1', Title: 'old', CreationTime: '2021-01-01T00:00:00Z', Duration: 10, VideoTracks: [{ Count: 1, VideoTrackClips: [{ MediaId: 'm', VideoId: 'm', CutFlag: false, Index: 0 }] }] });
  });
});
