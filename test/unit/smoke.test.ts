import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

suite('package manifest', () => {
  test('contributes the vod-timeline language for *.timeline.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'vod-timeline');
    assert.ok(lang, 'language contributed');
    assert.deepEqual(lang.extensions, ['.timeline.json']);
  });
});
