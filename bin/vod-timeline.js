#!/usr/bin/env node
'use strict';
// The CLI ships as one esbuild bundle; `npm install` builds it (the `prepare` script).
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('vod-timeline: dist/cli.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
require(bundle).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`vod-timeline: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
