// Every string a user sees exists in English and Simplified Chinese: the manifest (package.nls*.json),
// the extension's runtime strings (l10n bundles), the CLI's own text and the codes' summaries.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODES } from '../../server/src/service/codes';
import { cliText } from '../../cli/src/messages';
import { format, type MessageId } from '../../server/src/service/l10n';

const root = path.resolve(__dirname, '..', '..');
const readJson = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));

suite('localization', () => {
  test('every %key% of the manifest is in package.nls.json and package.nls.zh-cn.json, and nothing else', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    for (const k of keys) {
      assert.ok(k in en, `package.nls.json lacks ${k}`);
      assert.ok(k in zh, `package.nls.zh-cn.json lacks ${k}`);
      if (en[k] !== 'VOD Timeline') assert.notEqual(zh[k], en[k], `${k} is not translated`); // the product name stays
    }
    for (const k of Object.keys(zh)) assert.ok(k in en, `stale zh-cn key ${k}`);
  });

  test('every vscode.l10n.t message has a zh-CN translation with the same placeholders', async () => {
    const { extractMessages, checkBundle } = await import(path.join(root, 'scripts', 'l10n.mjs'));
    const messages: string[] = extractMessages();
    assert.ok(messages.length > 100, `${messages.length} messages found`);
    const problems: string[] = checkBundle(messages, readJson('l10n/bundle.l10n.zh-cn.json'));
    assert.deepEqual(problems, []);
    const english = readJson('l10n/bundle.l10n.json');
    assert.deepEqual(Object.keys(english).sort(), [...messages].sort(), 'l10n/bundle.l10n.json is regenerated (node scripts/l10n.mjs)');
  });

  test('every object definition of the schema has a name in both languages (for "X is missing Y")', () => {
    // A definition without one made the schema rule throw (fuzz seed 1, doc 9183: SubtitleEffect).
    const defs = Object.entries(readJson('schemas/timeline.schema.json').definitions as Record<string, { type?: unknown }>).filter(([, d]) => d.type === 'object').map(([name]) => name);
    assert.ok(defs.length > 15, `${defs.length} object definitions`);
    for (const name of defs) {
      const id = `object.${name}` as MessageId;
      assert.notEqual(format('en', id), id, `messages.en.ts lacks ${id}`);
      assert.match(format('zh-cn', id), /[\u4e00-\u9fffA-Za-z]/, `messages.zh-cn.ts lacks ${id}`);
    }
  });

  test('a message id no bundle has comes back as itself, never undefined', () => {
    assert.equal(format('en', 'object.NoSuchDefinition' as MessageId), 'object.NoSuchDefinition');
    assert.equal(format('zh-cn', 'object.NoSuchDefinition' as MessageId, { a: 1 }), 'object.NoSuchDefinition');
  });

  test('CLI text and rule summaries exist in both languages', () => {
    assert.match(cliText('zh-cn', 'usage'), /用法/);
    assert.match(cliText('en', 'usage'), /usage/);
    for (const c of CODES) {
      assert.ok(c.summary.length > 10, c.code);
      assert.match(c.summaryZh, /[\u4e00-\u9fff]/, `${c.code} has a Chinese summary`);
    }
  });
});
