#!/usr/bin/env -S node --max-semi-space-size=3
'use strict';
// The flag: V8's young generation may grow to 3 × 16 MB by default, which is most of what a language
// server holds beyond its documents; 3 MB semi-spaces cut the server's peak RSS on the largest timeline by
// about a fifth (npm run bench) for a few more minor GCs. V8 reads it only at start-up, hence the shebang
// (`env -S`; npm's Windows shims read it too). The extension starts dist/server.js with the same flag.
// The CLI ships as one esbuild bundle; `npm install` builds it (the `prepare` script).
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
// `vod-timeline rules | head`: a reader that stops early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => { if (err && err.code === 'EPIPE') process.exit(process.exitCode || 0); else throw err; });
}
if (!fs.existsSync(bundle)) {
  process.stderr.write('vod-timeline: dist/cli.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
require(bundle).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`vod-timeline: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
