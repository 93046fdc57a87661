// The generated schema checker (server/src/service/schema/specialize.ts) must report exactly what the
// generic walker it replaced reports (test/reference/schema-validate.ts): codes, ranges, severities,
// messages, fixes, in English and Chinese, alone and inside the whole validation. A sample here; the
// full size (the whole schema sweep and 20,000 fuzz documents) is `node scripts/differential.mjs`.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Differential, fixtureDocuments, type Mismatch } from '../reference/differential';
import { probeDocuments, syntheticSeeds } from '../reference/probes';
import { schemaRule } from '../../server/src/service/rules/schema';
import { compileSchema } from '../../server/src/service/schema/compile';
import { TimelineService } from '../../server/src/service';
import bundledSchema from '../../schemas/timeline.schema.json';

const ROOT = path.join(__dirname, '..', '..');

function describe(m: Mismatch[]): string {
  return m.slice(0, 5).map((x) => `${x.name} (${x.what}, #${x.index}):\n  ours:      ${x.ours}\n  reference: ${x.reference}`).join('\n');
}

suite('schema checker: differential against the generic walker', function () {
  this.timeout(300_000);
  const d = new Differential();
  const fixtures = fixtureDocuments(ROOT);

  test('the examples and every fixture (golden, serializers, fuzz findings): identical diagnostics', () => {
    for (const f of fixtures) d.check(f.name, f.text);
    assert.ok(fixtures.some((f) => f.name.includes(`fixtures${path.sep}serializers`)) && fixtures.some((f) => f.name.includes(`fixtures${path.sep}fuzz`)), 'serializer and fuzz fixtures are part of it');
    assert.deepEqual(d.mismatches, [], describe(d.mismatches));
  });

  test('the schema sweep (one document in 12): every property with every kind of value, identical diagnostics', () => {
    let n = 0;
    for (const p of probeDocuments(d.service, [...syntheticSeeds(d.service), ...fixtures], { every: 12 })) {
      d.check(p.name, p.text);
      n++;
    }
    assert.ok(n > 2000, `${n} sweep documents`);
    assert.deepEqual(d.mismatches, [], describe(d.mismatches));
  });

  test('300 fuzz documents: identical diagnostics', async () => {
    const { loadCorpus, makeDocument, schemaDictionary } = await import(path.join(ROOT, 'scripts', 'fuzz', 'mutate.mjs'));
    const corpus = loadCorpus();
    const dict = schemaDictionary();
    for (let i = 0; i < 300; i++) {
      const doc = makeDocument('differential-unit', i, corpus, dict);
      d.check(`fuzz differential-unit:${i}`, doc.text);
    }
    assert.deepEqual(d.mismatches, [], describe(d.mismatches));
  });

  test('what was compared covers every code of the schema rule and every property of the schema', () => {
    const missingCodes = schemaRule.codes.filter((c) => !d.codes.has(c));
    assert.deepEqual(missingCodes, [], 'a code the documents never produced is not compared');
    const c = d.coverage();
    const properties = c.byKind.get('property')!;
    assert.equal(properties.reached, properties.sites, `property cases never reached:\n${c.unreached.filter((s) => s.startsWith('property:')).join('\n')}`);
    for (const kind of ['enum', 'range', 'missing', 'unknown key', 'values']) assert.ok(c.byKind.get(kind)!.reached > 0, kind);
  });

  test('the comparison catches a checker that reports differently', () => {
    // A checker made from a schema without In's minimum: the reference still reports In -1.
    const raw = structuredClone(bundledSchema) as any;
    delete raw.definitions.VideoTrackClip.properties.In.minimum;
    const broken = new Differential({ schema: compileSchema(raw) });
    const m = broken.check('bad In', '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "m", "In": -1, "Out": 2}]}]}');
    assert.ok(m, 'a mismatch is found');
    assert.equal(m!.what, 'schema rule (en)');
    assert.match(m!.reference ?? '', /schema\/range/);
    assert.equal(broken.check('good In', '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "m", "In": 1, "Out": 2}]}]}'), undefined);
  });

  test('a schema key with a line break and code in it stays a key: the generated source is made from the schema safely', () => {
    const key = 'x\n}throw new Error("injected");//\u2028y';
    const raw = { type: 'object', properties: { [key]: { type: 'number', minimum: 0 } }, required: [key], additionalProperties: false };
    const svc = new TimelineService({ schema: raw });
    const doc = svc.parse(JSON.stringify({ [key]: -1, other: 1 }));
    const codes = svc.validate(doc).map((d) => d.code).filter((c) => c.startsWith('schema/')).sort();
    assert.deepEqual(codes, ['schema/range', 'schema/unknown-key']);
  });
});

