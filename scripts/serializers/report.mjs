#!/usr/bin/env node
// What the validator says about the serializer fixtures, one line per diagnostic with the JSON path
// it points at (inside an embedded Timeline string too), as the markdown table of
// docs/serializations.md is made. Runs the built CLI (`npm run build` first):
//
//   node scripts/serializers/report.mjs [FILES...]     (default: test/fixtures/serializers/*.json)
//
// Prints markdown: a count per fixture, then every diagnostic (fixture, severity, code, path, text).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLocation, parseTree, findNodeAtLocation } from 'jsonc-parser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIR = path.join(ROOT, 'test', 'fixtures', 'serializers');
let files = process.argv.slice(2);
if (!files.length) files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(DIR, f));

const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'vod-timeline.js'), 'validate', ...files, '--format', 'json'], { encoding: 'utf8', timeout: 120_000 });
if (cli.status !== 0 && cli.status !== 1) {
  console.error(cli.stderr || cli.error?.message || `validate exited ${cli.status}`);
  process.exit(2);
}
const results = JSON.parse(cli.stdout);

/** Offset of an LSP position (0-based line, UTF-16 character). */
function offsetAt(text, { line, character }) {
  let off = 0;
  for (let l = 0; l < line; l++) off = text.indexOf('\n', off) + 1;
  return off + character;
}

function pathText(segments) {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Index into the decoded value of a JSON string literal starting at `start` (its quote) for a raw offset. */
function decodedIndex(text, start, rawOffset) {
  let i = start + 1;
  let n = 0;
  while (i < rawOffset) {
    if (text[i] === '\\') i += text[i + 1] === 'u' ? 6 : 2;
    else i += 1;
    n += 1;
  }
  return n;
}

function locate(text, offset) {
  const root = parseTree(text);
  const loc = getLocation(text, offset);
  // Inside a top-level string parameter holding JSON (the request form): its own path.
  if (loc.path.length === 1 && root) {
    const node = findNodeAtLocation(root, loc.path);
    if (node && node.type === 'string' && /^\s*[{[]/.test(node.value) && offset > node.offset && offset < node.offset + node.length) {
      const inner = getLocation(node.value, decodedIndex(text, node.offset, offset));
      return `${loc.path[0]} ⟨string⟩ ${pathText(inner.path)}`.trim();
    }
  }
  return pathText(loc.path);
}

const rows = [];
console.log('| fixture | errors | warnings | information |');
console.log('|---|---|---|---|');
for (const r of results) {
  const name = path.basename(r.file).replace(/\.timeline\.json$/, '');
  const text = fs.readFileSync(r.file, 'utf8');
  const count = (s) => r.diagnostics.filter((d) => d.severity === s).length;
  console.log(`| \`${name}\` | ${count('error')} | ${count('warning')} | ${count('information')} |`);
  for (const d of r.diagnostics) {
    const start = offsetAt(text, d.range.start);
    const end = offsetAt(text, d.range.end);
    let covered = text.slice(start, end).replace(/\s+/g, ' ');
    if (covered.length > 40) covered = covered.slice(0, 37) + '…';
    rows.push(`| \`${name}\` | ${d.severity} | \`${d.code}\` | \`${locate(text, start + (text[start] === '"' ? 1 : 0))}\` | \`${covered.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`);
  }
}
console.log('');
console.log('| fixture | severity | code | path | text |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
