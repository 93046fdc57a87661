// Writes the rule pages, docs/rules/<locale>/<group>-<name>.md and an index per locale, from the rule
// registry (server/src/service/codes.ts) through cli/src/rulePages.ts. `--check` writes nothing and
// exits 1 when a page is missing, stale or left over (test/unit/rule-pages.test.ts checks the same).
// Run it after changing a code, its documentation, a message or a fix: each page shows what the
// service reports on its example.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { require as tsRequire } from 'tsx/cjs/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'docs', 'rules');
const { renderAllRulePages } = tsRequire('../cli/src/rulePages.ts', import.meta.url);
const check = process.argv.includes('--check');

const pages = renderAllRulePages();
const problems = [];
for (const [rel, text] of pages) {
  const file = path.join(dir, rel);
  const now = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (now === text) continue;
  if (check) problems.push(`${now === undefined ? 'missing' : 'stale'}: docs/rules/${rel}`);
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
for (const locale of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  for (const f of fs.readdirSync(path.join(dir, locale))) {
    if (pages.has(`${locale}/${f}`)) continue;
    if (check) problems.push(`left over: docs/rules/${locale}/${f}`);
    else fs.rmSync(path.join(dir, locale, f));
  }
}
if (check && problems.length) {
  process.stderr.write(problems.join('\n') + '\nrun: node scripts/rule-pages.mjs\n');
  process.exit(1);
}
process.stdout.write(`${check ? 'checked' : 'wrote'} ${pages.size} pages in docs/rules\n`);
