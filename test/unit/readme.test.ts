// The README says what the tools do: its diagnostics table is the list of codes (the same text as
// `vod-timeline rules`), and the examples in that table are what the validator really reports.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODES } from '../../server/src/service';
import { ROOT, diagnose, json } from '../helpers/service';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

suite('README', () => {
  test('the diagnostics table is every code with its severity, fix and summary, in order', () => {
    const rows = [...readme.matchAll(/^\| \[?`([a-z]+\/[a-z-]+)`(?:\]\(docs\/rules\/en\/[a-z-]+\.md\))? \| (\w+) \| (✓?) *\| (.*) \|$/gm)]
      .map((m) => ({ code: m[1], severity: m[2], fixable: m[3] === '✓', summary: m[4] }));
    assert.deepEqual(rows, CODES.map((c) => ({ code: c.code, severity: c.severity, fixable: c.fixable, summary: c.summary })));
  });

  test('a miscased MediaID is schema/required (an error), a misspelt key schema/unknown-key (a warning)', () => {
    const { list } = diagnose(json({ VideoTracks: [{ VideoTrackClips: [{ MediaID: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: 0, Out: 5 }, { MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: 0, Out: 5, Speeed: 1 }] }] }));
    assert.deepEqual(list.map((d) => [d.code, d.severity, d.text]), [
      ['schema/required', 'error', '"MediaID"'],
      ['schema/unknown-key', 'warning', '"Speeed"'],
    ]);
    assert.match(list[1].message, /Did you mean "Speed"\?/);
    const row = (code: string) => CODES.find((c) => c.code === code)!.summary;
    assert.match(row('schema/required'), /MediaID/);
    assert.doesNotMatch(row('schema/unknown-key'), /MediaID/);
  });
});
