// Runtime strings of the extension: extracts every vscode.l10n.t('…') message from client/src into
// l10n/bundle.l10n.json (the English source VS Code's translators start from) and checks that
// l10n/bundle.l10n.zh-cn.json translates each one with the same {0} placeholders.
// `node scripts/l10n.mjs` writes the English bundle; `--check` only checks (used by the tests).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function extractMessages() {
  const messages = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const src = fs.readFileSync(p, 'utf8');
        for (const m of src.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
        for (const m of src.matchAll(/l10n\.t\(\s*"((?:[^"\\]|\\.)*)"/g)) messages.add(JSON.parse(`"${m[1]}"`));
      }
    }
  };
  walk(path.join(root, 'client', 'src'));
  return [...messages].sort();
}

export function checkBundle(messages, bundle) {
  const problems = [];
  const placeholders = (s) => (s.match(/\{\d+\}/g) ?? []).sort().join(',');
  for (const m of messages) {
    if (!(m in bundle)) problems.push(`missing zh-cn translation: ${JSON.stringify(m)}`);
    else if (placeholders(m) !== placeholders(bundle[m])) problems.push(`placeholders differ for ${JSON.stringify(m)}`);
  }
  for (const k of Object.keys(bundle)) if (!messages.includes(k)) problems.push(`stale zh-cn entry: ${JSON.stringify(k)}`);
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const messages = extractMessages();
  const enFile = path.join(root, 'l10n', 'bundle.l10n.json');
  const zhFile = path.join(root, 'l10n', 'bundle.l10n.zh-cn.json');
  if (!process.argv.includes('--check')) {
    fs.mkdirSync(path.dirname(enFile), { recursive: true });
    fs.writeFileSync(enFile, JSON.stringify(Object.fromEntries(messages.map((m) => [m, m])), null, 2) + '\n');
  }
  const zh = fs.existsSync(zhFile) ? JSON.parse(fs.readFileSync(zhFile, 'utf8')) : {};
  const problems = checkBundle(messages, zh);
  for (const p of problems) console.log(p);
  console.log(`l10n: ${messages.length} messages, ${problems.length} problem(s)`);
  process.exitCode = problems.length ? 1 : 0;
}
