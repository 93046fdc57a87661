#!/usr/bin/env node
// The differential test at full size: the generated schema checker against the generic walker it
// replaced (test/reference/schema-validate.ts), which must report identically: codes, ranges,
// severities, messages, fixes, in English and Chinese, for the schema rule alone and for the whole
// validation.
//
//   node scripts/differential.mjs [--count 20000] [--seeds d1,d2,d3,d4] [--every 1] [--no-sweep]
//
// Documents: the examples and every fixture (golden, serializers, fuzz findings); the schema sweep
// (test/reference/probes.ts: every property of every object the schema knows, with a value of each
// type, at and past its limits, its enum in the wrong case, placeholders, removed; `--every K` keeps
// one in K); and --count fuzz documents (scripts/fuzz/mutate.mjs, as `npm run fuzz` makes them) split
// over the seeds. Prints what was compared, which codes, which generated branches ran (coverage), and
// every mismatch; exits 1 on a mismatch. `npm test` runs a sample (test/unit/schema-differential.test.ts).

import { createRequire } from 'node:module';
import { bundle, parseOptions, ROOT, tempDir } from './robustness/bundle.mjs';
import { loadCorpus, makeDocument, schemaDictionary } from './fuzz/mutate.mjs';

const USAGE = 'node scripts/differential.mjs [--count 20000] [--seeds d1,d2,d3,d4] [--every 1] [--no-sweep]';
const o = parseOptions(process.argv.slice(2), {
  count: { type: 'number', default: 20000 },
  seeds: { type: 'string', default: 'd1,d2,d3,d4' },
  every: { type: 'number', default: 1 },
  'no-sweep': { type: 'boolean', default: false },
}, USAGE);

const { dir, cleanup } = tempDir('differential');
const { differential } = await bundle({ differential: 'test/reference/differential.ts' }, dir);
const { Differential, fixtureDocuments, probeDocuments, syntheticSeeds } = createRequire(import.meta.url)(differential);
const d = new Differential();
const fmt = (n) => n.toLocaleString('en-US');
const started = Date.now();
const part = (label, docs) => {
  const t0 = Date.now();
  const before = { documents: d.documents, schema: d.schemaDiagnostics, validation: d.validationDiagnostics, mismatches: d.mismatches.length };
  for (const doc of docs) {
    const m = d.check(doc.name, doc.text);
    if (m && d.mismatches.length <= 20) console.log(`MISMATCH in ${m.name}, ${m.what}, diagnostic ${m.index}:\n  ours:      ${m.ours}\n  reference: ${m.reference}`);
  }
  console.log(`${label}: ${fmt(d.documents - before.documents)} documents, ${fmt(d.schemaDiagnostics - before.schema)} schema-rule diagnostics (both locales) and ${fmt(d.validationDiagnostics - before.validation)} validation diagnostics compared, ${d.mismatches.length - before.mismatches} mismatches (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
};

const fixtures = fixtureDocuments(ROOT);
part('examples and fixtures', fixtures);
if (!o['no-sweep']) part(`schema sweep${o.every > 1 ? ` (one in ${o.every})` : ''}`, probeDocuments(d.service, [...syntheticSeeds(d.service), ...fixtures], { every: o.every }));
if (o.count > 0) {
  const corpus = loadCorpus();
  const dict = schemaDictionary();
  const seeds = o.seeds.split(',').filter(Boolean);
  for (const [i, seed] of seeds.entries()) {
    const n = Math.floor(o.count / seeds.length) + (i < o.count % seeds.length ? 1 : 0);
    part(`fuzz seed ${seed}`, (function* () { for (let k = 0; k < n; k++) { const doc = makeDocument(seed, k, corpus, dict); yield { name: `fuzz ${seed}:${k} (${doc.origin}; ${doc.mutations.join(', ') || 'no mutation'})`, text: doc.text }; } })());
  }
}

const c = d.coverage();
console.log(`\ntotal: ${fmt(d.documents)} documents, ${fmt(d.schemaDiagnostics)} schema-rule and ${fmt(d.validationDiagnostics)} validation diagnostics compared, ${d.mismatches.length} mismatches, ${((Date.now() - started) / 1000).toFixed(0)} s`);
const codes = [...d.codes].sort((a, b) => a[0].localeCompare(b[0]));
console.log(`codes reported by the schema rule (English, per document): ${codes.map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}`);
console.log(`coverage of the generated checker: ${fmt(c.reached)} of ${fmt(c.sites)} branches ran (${(100 * c.reached / c.sites).toFixed(1)} %)`);
for (const [k, v] of [...c.byKind].sort((a, b) => b[1].sites - a[1].sites)) console.log(`  ${k.padEnd(12)} ${String(v.reached).padStart(5)} / ${String(v.sites).padEnd(5)} ${(100 * v.reached / v.sites).toFixed(0).padStart(3)} %`);
console.log('  value: a value of one JSON type reached a schema object; type: its type error; property: a key\'s case; the others:');
console.log('  the checks (range, string length/pattern, enum, documented values, items), missing and unknown keys.');
console.log('  Never reached, by construction: null, "" or [] in an optional field (the placeholder codes take them before');
console.log('  the value\'s own checks: schema/null-value, schema/empty-value, …), and kinds no position can hold.');
cleanup();
process.exitCode = d.mismatches.length ? 1 : 0;
