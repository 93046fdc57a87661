// What real serializers write (test/fixtures/serializers, docs/serializations.md): the same produce
// request through Node, Python, Go, PHP, Java and .NET JSON libraries, as an object and in the SDK's
// request form. Every valid shape gets no error; each fixture gets exactly the diagnostics stated here
// (severity and code, with counts), so a false error, or one too severe, fails; the two forms of one
// request get the same verdicts; the "remove every placeholder" fix leaves a clean request.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, CODE_INFO } from '../../server/src/service';
import { UNSET_CODES } from '../../server/src/service/unset';
import { FIXTURES_DIR, diagnose, readText, service } from '../helpers/service';

const DIR = path.join(FIXTURES_DIR, 'serializers');

type Counts = Record<string, number>;

/** Nulls the official samples write themselves: "CateId": null, "TemplateGroupId": null. */
const SAMPLES_NULLS: Counts = { 'hint schema/null-value': 2 };
/** Every field such a class leaves unset is null (Jackson, Newtonsoft, System.Text.Json defaults). */
const ALL_NULLS: Counts = { 'hint schema/null-value': 39 };
/** Go's zero values: "" and 0 for every unset string and number, null for nil slices. */
const GO_ZEROS: Counts = {
  'hint schema/empty-value': 9, 'hint schema/null-value': 2, 'hint limits/resolution-zero': 2, 'hint timing/in-out-zero': 1,
  // Doubtful, so warnings: "" for a clip Type and CallbackType, 0/0 TimelineIn/Out, clip Width/Height 0.
  'warning schema/empty-choice': 3, 'warning timing/timeline-in-out-zero': 3, 'warning schema/zero-size': 4,
};
/** Correct: omitempty dropped the muted clip's "Gain": 0, and a Volume effect without Gain is meaningless. */
const GAIN_DROPPED: Counts = { 'error schema/required': 1 };

/** The object form; the request form adds one schema/stringified-json hint per JSON string parameter. */
const EXPECTED: Record<string, Counts> = {
  'node-json-stringify': SAMPLES_NULLS,
  'python-json-dumps': SAMPLES_NULLS,
  'python-json-dumps-unicode': SAMPLES_NULLS,
  'php-json-encode': SAMPLES_NULLS,
  'php-json-encode-unescaped': SAMPLES_NULLS,
  'go-map': SAMPLES_NULLS,
  'dotnet-newtonsoft-jobject': SAMPLES_NULLS,
  'java-gson': {},
  'java-fastjson': {},
  'java-jackson': ALL_NULLS,
  'dotnet-newtonsoft-poco': ALL_NULLS,
  'dotnet-system-text-json': ALL_NULLS,
  'go-struct': GO_ZEROS,
  'go-struct-omitempty': GAIN_DROPPED,
};

/**
 * The request form lacks what the SDK model leaves out at the top level: Jackson and .NET write
 * "ProjectId", "Description", "CoverURL" as null in the object form only, Go "ProjectId" and "CoverURL"
 * as "" (the request model's fields are pointers with omitempty).
 */
const TOP_LEVEL_ONLY: Record<string, Counts> = {
  'java-jackson': { 'hint schema/null-value': 3 },
  'dotnet-newtonsoft-poco': { 'hint schema/null-value': 3 },
  'dotnet-system-text-json': { 'hint schema/null-value': 3 },
  'go-struct': { 'hint schema/empty-value': 2 },
};

function counts(list: { severity: string; code: string }[]): Counts {
  const out: Counts = {};
  for (const d of list) out[`${d.severity} ${d.code}`] = (out[`${d.severity} ${d.code}`] ?? 0) + 1;
  return out;
}

function requestForm(name: string): Counts {
  const out: Counts = { ...EXPECTED[name], 'hint schema/stringified-json': 4 };
  for (const [k, n] of Object.entries(TOP_LEVEL_ONLY[name] ?? {})) {
    out[k] -= n;
    if (out[k] === 0) delete out[k];
  }
  return out;
}

const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.timeline.json')).sort();

suite('serializer fixtures: what real JSON libraries write', () => {
  test('every fixture is stated here, in both forms', () => {
    const names = files.map((f) => f.replace(/\.timeline\.json$/, '')).sort();
    const stated = Object.keys(EXPECTED).flatMap((n) => [n, `${n}-request`]).sort();
    assert.deepEqual(names, stated);
  });

  for (const file of files) {
    const name = file.replace(/\.timeline\.json$/, '');
    const base = name.replace(/-request$/, '');
    test(`${name}: exactly the stated diagnostics, each at its code's default severity`, () => {
      const { list } = diagnose(readText(path.join(DIR, file)));
      const expected = name.endsWith('-request') ? requestForm(base) : EXPECTED[base];
      assert.deepEqual(counts(list), expected, JSON.stringify(list.map((d) => [d.severity, d.code, d.text]), null, 1));
      for (const d of list) assert.equal(d.severity, CODE_INFO.get(d.code)?.severity, `${d.code} at ${d.range}`);
      // 0 errors on every valid real shape; the one error is the Gain omitempty dropped.
      const errors = list.filter((d) => d.severity === 'error').map((d) => d.code);
      assert.deepEqual(errors, base === 'go-struct-omitempty' ? ['schema/required'] : []);
    });
  }

  test('Produce sends the order number as written from every object form', () => {
    for (const name of Object.keys(EXPECTED)) {
      const plan = service.produceRequest(service.parse(readText(path.join(DIR, `${name}.timeline.json`))));
      assert.match(plan.params.UserData ?? '', /1790000000000000001/, name);
    }
  });

  test('"remove every placeholder" leaves no placeholder and no new diagnostic, in both forms', () => {
    for (const file of files) {
      const text = readText(path.join(DIR, file));
      const { diagnostics } = diagnose(text);
      const placeholders = diagnostics.filter((d) => UNSET_CODES.has(d.code));
      if (placeholders.length < 2) continue;
      const all = placeholders[0].fixes!.at(-1)!;
      assert.match(all.title, /^Remove every null, empty or zero placeholder value in this document/, file);
      const cleaned = diagnose(applyEdits(text, all.edits)).list;
      assert.deepEqual(cleaned.filter((d) => UNSET_CODES.has(d.code)).map((d) => d.code), [], file);
      const others = (list: { code: string }[]) => list.map((d) => d.code).filter((c) => !UNSET_CODES.has(c)).sort();
      assert.deepEqual(others(cleaned), others(diagnostics.map((d) => ({ code: d.code }))), file);
    }
  });
});
