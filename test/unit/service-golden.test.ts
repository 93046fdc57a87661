// Golden fixtures: test/fixtures/NAME.timeline.json (realistic broken documents) against
// NAME.expected.json (every diagnostic: LSP range, severity, code), with optional
// NAME.settings.json (region, rules). Every example in examples/ validates with no problem at all.
//
// After a deliberate change, regenerate with `UPDATE_GOLDEN=1 npx mocha` and READ the diff: every
// entry must still point at the right text with the right code.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServiceSettings } from '../../server/src/service';
import { CODE_INFO, CODES } from '../../server/src/service';
import { FIXTURES_DIR, ROOT, diagnose, exampleFiles, readText } from '../helpers/service';

interface Expected {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
}

const fixtures = fs.readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.timeline.json')).sort();

function actual(file: string): Expected[] {
  const base = file.replace(/\.timeline\.json$/, '');
  const settingsFile = path.join(FIXTURES_DIR, `${base}.settings.json`);
  const settings: ServiceSettings = fs.existsSync(settingsFile) ? JSON.parse(readText(settingsFile)) : {};
  const { doc, diagnostics } = diagnose(readText(path.join(FIXTURES_DIR, file)), settings);
  return diagnostics.map((d) => ({ range: { start: doc.lines.positionAt(d.start), end: doc.lines.positionAt(d.end) }, severity: d.severity, code: d.code }));
}

suite('service golden fixtures', () => {
  test('there are at least 12 fixtures, in both document forms, covering every group', () => {
    assert.ok(fixtures.length >= 12, `${fixtures.length} fixtures`);
    const groups = new Set<string>();
    let produce = 0;
    for (const f of fixtures) {
      for (const d of actual(f)) groups.add(d.code.slice(0, d.code.indexOf('/')));
      const text = readText(path.join(FIXTURES_DIR, f));
      if (/^\s*"(Timeline|ProjectId|ProduceConfig)"/m.test(text)) produce++;
    }
    // The groups the document alone decides (cloud/* needs the media library, see its own tests).
    const local = ['limits', 'request', 'schema', 'structure', 'syntax', 'timing'];
    assert.deepEqual([...groups].sort(), local);
    for (const g of local) assert.ok(CODES.some((c) => c.group === g), g);
    assert.ok(produce >= 3 && produce < fixtures.length, `${produce} produce documents`);
  });

  for (const file of fixtures) {
    test(file, () => {
      const expectedFile = path.join(FIXTURES_DIR, file.replace(/\.timeline\.json$/, '.expected.json'));
      const got = actual(file);
      if (process.env.UPDATE_GOLDEN) fs.writeFileSync(expectedFile, '[\n' + got.map((d) => '  ' + JSON.stringify(d)).join(',\n') + '\n]\n');
      assert.ok(fs.existsSync(expectedFile), `${expectedFile} is missing (UPDATE_GOLDEN=1 writes it)`);
      assert.deepEqual(got, JSON.parse(readText(expectedFile)));
    });
  }

  test('one code, one severity: every diagnostic of the fixtures, examples and templates has its code\'s default', () => {
    const templates = fs.readdirSync(path.join(ROOT, 'templates')).filter((f) => f.endsWith('.json')).map((f) => path.join(ROOT, 'templates', f));
    for (const file of [...fixtures.map((f) => path.join(FIXTURES_DIR, f)), ...exampleFiles(), ...templates]) {
      for (const d of diagnose(readText(file)).list) assert.equal(d.severity, CODE_INFO.get(d.code)?.severity, `${path.basename(file)}: ${d.code} at ${d.range}`);
    }
  });

  test('every expected file belongs to a fixture', () => {
    const orphans = fs.readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.expected.json') && !fixtures.includes(f.replace(/\.expected\.json$/, '.timeline.json')));
    assert.deepEqual(orphans, []);
  });

  test('every example in examples/ has no error and no warning', () => {
    const files = exampleFiles();
    assert.ok(files.length >= 7);
    for (const file of files) {
      const { list } = diagnose(readText(file));
      assert.deepEqual(list.filter((d) => d.severity === 'error' || d.severity === 'warning'), [], path.basename(file));
    }
  });

  test('the examples have no error when the region is set to cn-shanghai', () => {
    for (const file of exampleFiles()) {
      const { list } = diagnose(readText(file), { region: 'cn-shanghai' });
      assert.deepEqual(list.filter((d) => d.severity === 'error'), [], path.basename(file));
    }
  });
});
