// Loaded by mocha before any test (.mocharc.json): several suites run the built bundles (dist/server.js
// over stdio, bin/vod-timeline.js → dist/cli.js). When a source is newer than the oldest bundle, build
// first, so a unit run never tests yesterday's code.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const SOURCES = ['client/src', 'server/src', 'cli/src', 'emulator/src', 'schemas', 'l10n', 'package.json', 'scripts/build.mjs', 'scripts/esbuild-node.mjs'];
const BUNDLES = ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/alicloud.js', 'dist/languageclient.js'];

function newest(p) {
  let st;
  try { st = fs.statSync(p); } catch { return 0; }
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const e of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, e)));
  return t;
}

function oldestBundle() {
  let t = Infinity;
  for (const b of BUNDLES) {
    try { t = Math.min(t, fs.statSync(path.join(root, b)).mtimeMs); } catch { return 0; }
  }
  return t;
}

const source = Math.max(...SOURCES.map((s) => newest(path.join(root, s))));
if (oldestBundle() < source) {
  console.log('mocha: dist/ is older than the sources; building first');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
