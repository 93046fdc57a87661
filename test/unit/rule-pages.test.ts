// Every diagnostic explains itself: each code has a rule page in English and Chinese (docs/rules/),
// generated from the rule registry and kept current; its example triggers the code at its default
// severity; its quick fix clears it; `vod-timeline rules CODE` prints the page; README's table lists
// every code with its severity.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../cli/src/main';
import type { Io } from '../../cli/src/io';
import { RULE_PAGE_LOCALES, renderAllRulePages, rulePageFile, runExample } from '../../cli/src/rulePages';
import { CODES, SOURCES } from '../../server/src/service';
import { ROOT } from '../helpers/service';

const DIR = path.join(ROOT, 'docs', 'rules');

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: async () => '', cwd: ROOT, env: { LANG: 'en_US.UTF-8' } };
  const code = await main(argv, io);
  return { code, out, err };
}

suite('rule pages', () => {
  test('every code has its page in each language, and the committed pages are current (node scripts/rule-pages.mjs)', () => {
    const pages = renderAllRulePages();
    for (const locale of RULE_PAGE_LOCALES) for (const info of CODES) assert.ok(pages.has(`${locale}/${rulePageFile(info.code)}`), `${locale} ${info.code}`);
    const stale: string[] = [];
    for (const [rel, text] of pages) {
      const file = path.join(DIR, rel);
      if (!fs.existsSync(file)) stale.push(`missing ${rel}`);
      else if (fs.readFileSync(file, 'utf8') !== text) stale.push(`stale ${rel}`);
    }
    for (const locale of fs.readdirSync(DIR)) for (const f of fs.readdirSync(path.join(DIR, locale))) if (!pages.has(`${locale}/${f}`)) stale.push(`left over ${locale}/${f}`);
    assert.deepEqual(stale, [], 'run: node scripts/rule-pages.mjs');
  });

  test('every page says what it checks, why, its source, the fix, in both languages', () => {
    for (const info of CODES) {
      const d = info.doc;
      assert.ok(d, `${info.code} has no doc in codes.ts`);
      for (const part of [d.checks, d.why, d.fix]) {
        assert.ok(part.en.length > 10, `${info.code}: English text`);
        assert.match(part.zh, /[\u4e00-\u9fff]/, `${info.code}: Chinese text`);
      }
      assert.ok(d.sources.length > 0 && d.sources.every((k) => k in SOURCES), `${info.code}: sources`);
    }
  });

  for (const info of CODES) {
    test(`${info.code}: its example triggers it at ${info.severity}${info.fixable ? ', and its quick fix clears it' : ''}`, () => {
      for (const locale of RULE_PAGE_LOCALES) {
        const r = runExample(info, locale);
        assert.ok(r.target, `${locale}: not triggered; got ${r.diagnostics.map((d) => d.code).join(', ')}`);
        assert.equal(r.target.severity, info.severity);
        if (!info.fixable) continue;
        assert.ok(r.fixed !== undefined, `${locale}: fixable, but the example's diagnostic has no fix`);
        assert.deepEqual(r.fixedDiagnostics!.filter((d) => d.code === info.code).map((d) => d.message), [], `${locale}: the fix "${r.fixTitle}" does not clear it`);
      }
    });
  }

  test('vod-timeline rules CODE prints the page; an unknown code is a usage error', async () => {
    for (const code of ['schema/null-value', 'timing/in-not-before-out', 'internal/rule-failed']) {
      const en = await cli(['rules', code]);
      assert.equal(en.code, 0);
      assert.equal(en.out, fs.readFileSync(path.join(DIR, 'en', rulePageFile(code)), 'utf8'));
      const zh = await cli(['rules', code, '--locale', 'zh-CN']);
      assert.equal(zh.out, fs.readFileSync(path.join(DIR, 'zh-cn', rulePageFile(code)), 'utf8'));
    }
    const bad = await cli(['rules', 'schema/nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /no diagnostic code "schema\/nope"/);
  });

  test('README: the diagnostics table lists every code, with its default severity, fix and page', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| \[`([a-z]+\/[a-z-]+)`\]\(docs\/rules\/en\/([a-z-]+\.md)\) \| (\w+) \| (✓?) \|/gm)].map((m) => [m[1], m[3], m[4] === '✓', m[2]]);
    assert.deepEqual(rows, CODES.map((c) => [c.code, c.severity, c.fixable, rulePageFile(c.code)]));
  });

  test('the pages ship in the .vsix (.vscodeignore is an allowlist)', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!docs/rules/**'), '.vscodeignore: !docs/rules/**');
  });
});
