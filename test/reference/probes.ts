// Documents that put every kind of value into every property the schema describes, for the
// differential test: from real documents (the examples, the golden and serializer fixtures), each
// object the schema knows (found with the service's own schemasAt, so Type-specific blocks count)
// gets, property by property, a value of each JSON type, values at and past its limits, its enum's
// values in the wrong case, other Types' documented values, placeholders (null, "", []), and the
// property removed; plus unknown, misspelt and legacy keys. Fuzzing mutates at random; this sweep
// makes sure each generated branch of the checker is reached at least once.

import { NodeKind, NONE, type JsonTree } from '../../server/src/service/json/parser';
import type { TimelineService } from '../../server/src/service';
import type { CompiledSchema } from '../../server/src/service/schema/compile';
import { schemasAt } from '../../server/src/service/navigate';

export interface ProbeDocument {
  name: string;
  text: string;
}

const COMMON: string[] = [
  'null', 'true', 'false', '0', '-1', '1', '1.5', '0.05', '5000', '1e9', '""', '"x"', '"12"', '"-3"', '" 7 "', '"1.5e1"', '"abc,def"', '"#12345"', '"#ABCDEF"',
  '[]', '[1]', '[{}]', '{}', '{"x": 1}',
];

function valuesFor(list: CompiledSchema[], others: string[]): string[] {
  const out = new Set(COMMON);
  for (const cs of list) {
    for (const v of cs.enumValues ?? []) {
      out.add(JSON.stringify(v));
      if (typeof v === 'string') out.add(JSON.stringify(v.toLowerCase()));
    }
    if (cs.hasConst) out.add(JSON.stringify(cs.constValue));
    if (cs.valueList) {
      for (const v of cs.valueList.values.slice(0, 3)) {
        out.add(JSON.stringify(v));
        out.add(JSON.stringify(v.toUpperCase()));
      }
      out.add(JSON.stringify(cs.valueList.values.slice(0, 2).join(',')));
      for (const v of cs.valueList.special) out.add(JSON.stringify(v));
      for (const v of others) out.add(JSON.stringify(v));
    }
    for (const bound of [cs.minimum, cs.maximum, cs.exclusiveMinimum, cs.exclusiveMaximum]) {
      if (bound === undefined) continue;
      for (const d of [-1, -0.5, 0, 0.5, 1]) out.add(String(bound + d));
      out.add(JSON.stringify(String(bound + 1)));
    }
    for (const len of [cs.minLength, cs.maxLength]) if (len !== undefined) for (const d of [-1, 0, 1]) if (len + d >= 0) out.add(JSON.stringify('a'.repeat(len + d)));
    for (const e of cs.examples ?? []) out.add(JSON.stringify(e));
    if (cs.items) out.add('[null, 1, "x", {}]');
    if (cs.minItems !== undefined || cs.maxItems !== undefined) out.add(`[${Array.from({ length: (cs.maxItems ?? cs.minItems ?? 1) + 1 }, () => '{}').join(', ')}]`);
  }
  return [...out];
}

/** `"Key": value` inserted as the object's first property. */
function insertAt(text: string, tree: JsonTree, obj: number, key: string, value: string): string {
  const at = tree.start[obj] + 1;
  return text.slice(0, at) + `${JSON.stringify(key)}: ${value}${tree.childCount[obj] ? ', ' : ''}` + text.slice(at);
}

/** The property removed with its comma (the text stays JSON). */
function remove(text: string, tree: JsonTree, obj: number, child: number): string {
  const first = tree.childStart[obj];
  const count = tree.childCount[obj];
  let i = 0;
  while (i < count && tree.children[first + i] !== child) i++;
  const start = tree.keyStart[child];
  if (i + 1 < count) return text.slice(0, start) + text.slice(tree.keyStart[tree.children[first + i + 1]]);
  if (i > 0) return text.slice(0, tree.end[tree.children[first + i - 1]]) + text.slice(tree.end[child]);
  return text.slice(0, start) + text.slice(tree.end[child]);
}

/**
 * A document with the objects the examples do not have: an effect of every Type, every kind of
 * subtitle and effect-track item, FECanvas, FontFace, a SubtitleEffect of every Type, and a produce
 * document around it with every parameter (UserData with its MessageCallback).
 */
export function syntheticSeeds(service: TimelineService): { name: string; text: string }[] {
  const cases = (def: string) => [...(service.schema.definitions.get(def)?.discriminator?.cases.keys() ?? [])];
  const firstValue = (def: string, type: unknown) => {
    for (const then of service.schema.definitions.get(def)?.discriminator?.cases.get(type) ?? []) {
      const list = then.properties?.get('SubType')?.valueList;
      if (list) return list.values[0];
    }
    return undefined;
  };
  const effects = cases('Effect').map((Type) => ({ Type, ...(firstValue('Effect', Type) !== undefined ? { SubType: firstValue('Effect', Type) } : {}), Duration: 1 }));
  const subtitleEffects = [...(service.schema.definitions.get('SubtitleEffect')?.properties?.get('Type')?.enumValues ?? ['Outline'])].map((Type) => ({ Type }));
  const timeline = {
    FECanvas: { Width: 1280, Height: 720 },
    VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 5, Effects: effects }, { MediaId: 'b', Type: 'Image', Duration: 2 }] }],
    AudioTracks: [{ AudioTrackClips: [{ MediaId: 'c', In: 1, Out: 3 }] }],
    ImageTracks: [{ ImageTrackClips: [{ MediaId: 'd', TimelineIn: 0, TimelineOut: 1 }] }],
    SubtitleTracks: [{
      SubtitleTrackClips: [
        ...cases('SubtitleTrackClip').map((Type) => ({ Type, Content: 'hi', FileURL: 'https://example.com/a.srt', FontFace: { Bold: true, Italic: false, Underline: false }, SubtitleEffects: subtitleEffects })),
      ],
    }],
    EffectTracks: [{ EffectTrackItems: cases('EffectTrackItem').map((Type) => ({ Type, SubType: firstValue('EffectTrackItem', Type) ?? 'x', TimelineIn: 0, TimelineOut: 1 })) }],
  };
  const produce = {
    Title: 't', Description: 'd', CoverURL: 'https://example.com/c.jpg', AppId: 'app', Timeline: timeline,
    MediaMetadata: { Title: 't', Description: 'd', CoverURL: 'https://example.com/c.jpg', CateId: 1, Tags: 'a,b' },
    ProduceConfig: { TemplateGroupId: 'g', TemplateId: 't', Width: 1280, Height: 720, StorageLocation: 'out.oss-cn-shanghai.aliyuncs.com', Bitrate: 2000 },
    UserData: { MessageCallback: { CallbackURL: 'https://example.com/cb', CallbackType: 'http' }, Extend: { k: 'v' } },
  };
  return [
    { name: 'synthetic timeline', text: JSON.stringify(timeline, null, 2) },
    { name: 'synthetic produce document', text: JSON.stringify(produce, null, 2) },
  ];
}

/**
 * The sweep over `seeds` (name → text). `perShape` objects with the same schemas are probed (the first
 * ones met); `every` keeps one document in that many (the unit test samples, the script runs all).
 */
export function* probeDocuments(service: TimelineService, seeds: { name: string; text: string }[], { perShape = 1, every = 1 } = {}): Generator<ProbeDocument> {
  const schema = service.schema;
  const others = schema.valueLists.flatMap((l) => l.values.slice(0, 2));
  const shapes = new Map<string, number>();
  let counter = 0;
  for (const seed of seeds) {
    const doc = service.parse(seed.text);
    const tree = doc.tree;
    try {
      for (let obj = 0; obj < tree.count; obj++) {
        if (tree.kind[obj] !== NodeKind.Object) continue;
        const list = schemasAt(doc, schema, tree, obj);
        const props = new Map<string, CompiledSchema[]>();
        for (const cs of list) for (const [k, ps] of cs.properties ?? []) props.set(k, [...(props.get(k) ?? []), ps]);
        if (props.size === 0) continue;
        const shape = list.map((cs) => cs.ptr).sort().join('|');
        const seen = shapes.get(shape) ?? 0;
        if (seen >= perShape) continue;
        shapes.set(shape, seen + 1);
        const here = `${seed.name} @${tree.start[obj]}`;
        const out: ProbeDocument[] = [];
        for (const [key, schemas] of props) {
          const child = tree.get(obj, key);
          for (const v of valuesFor(schemas, others)) {
            const text = child === NONE ? insertAt(seed.text, tree, obj, key, v) : seed.text.slice(0, tree.start[child]) + v + seed.text.slice(tree.end[child]);
            out.push({ name: `${here} ${key}=${v.slice(0, 40)}`, text });
          }
          if (child !== NONE) out.push({ name: `${here} -${key}`, text: remove(seed.text, tree, obj, child) });
          const lower = key.toLowerCase();
          if (lower !== key && !props.has(lower)) out.push({ name: `${here} ${lower}`, text: insertAt(seed.text, tree, obj, lower, child === NONE ? '1' : seed.text.slice(tree.start[child], tree.end[child])) });
        }
        for (const key of ['Unknown', 'VideoId', 'MediaID', '$schema', 'Text']) out.push({ name: `${here} +${key}`, text: insertAt(seed.text, tree, obj, key, '"x"') });
        for (const d of out) if (counter++ % every === 0) yield d;
      }
    } finally {
      doc.dispose();
    }
  }
}
