// `npm run package`: a .vsix with only what runs (see .vscodeignore), built minified. Prints every
// bundle's size against the 1 MB target, the package contents, and the extension's activation time
// (loading dist/extension.js and running activate() against a stand-in `vscode` module, in a fresh
// process each time; the median of 7). vsce is a pinned devDependency (package.json), run from
// node_modules: the same version on every machine, and no download while packaging.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { vsceOptions, writePackagedReadme } from './package/readme.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
// The installed @vscode/vsce's own entry point (its package.json "bin"), run with this Node.
const VSCE = path.join(path.dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
const BUNDLE_LIMIT = 1024 * 1024;
const ACTIVATION_TARGET_MS = 50;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    console.error(`package: ${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(1);
  }
  return r.stdout ?? '';
}

// A clean dist/: nothing left over from development builds (source maps, old bundles) reaches the .vsix.
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
run('node', ['scripts/build.mjs', '--minify'], { stdio: 'inherit' });

console.log('\nbundles (minified):');
let oversize = 0;
for (const f of fs.readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.js')).sort()) {
  const size = fs.statSync(path.join(root, 'dist', f)).size;
  const over = size > BUNDLE_LIMIT;
  if (over && f !== 'cli.js') oversize++;
  console.log(`  ${f.padEnd(16)} ${(size / 1024).toFixed(0).padStart(6)} KB  ${f === 'cli.js' ? '(CLI, not in the .vsix)' : over ? `OVER the ${BUNDLE_LIMIT / 1024} KB target` : `≤ ${BUNDLE_LIMIT / 1024} KB`}`);
}

// Activation: module load + activate() with a stand-in vscode API, in a fresh Node process per sample.
const probe = path.join(root, 'scripts', 'package', 'activation-probe.cjs');
const samples = [];
for (let i = 0; i < 7; i++) {
  const out = run(process.execPath, [probe, path.join(root, 'dist', 'extension.js')]);
  samples.push(Number(out.trim().split('\n').pop()));
}
samples.sort((a, b) => a - b);
const median = samples[3];
console.log(`\nactivation (require + activate, stand-in vscode, 7 fresh processes): median ${median.toFixed(1)} ms, min ${samples[0].toFixed(1)}, max ${samples[6].toFixed(1)} — target ≤ ${ACTIVATION_TARGET_MS} ms ${median <= ACTIVATION_TARGET_MS ? 'met' : 'MISSED'}`);

const out = `${pkg.name}-${pkg.version}.vsix`;
// The users' page (README.user.md, see scripts/package/readme.mjs), not the contributors' README.md.
const readme = writePackagedReadme(root);
run(process.execPath, [VSCE, 'package', ...vsceOptions(readme), '--skip-license', '-o', out], { stdio: 'inherit' });
const listing = run(process.execPath, [VSCE, 'ls', ...vsceOptions(readme, 'ls')]);
const files = listing.split('\n').map((l) => l.trim()).filter(Boolean);
console.log(`\n${out}: ${(fs.statSync(path.join(root, out)).size / 1024).toFixed(0)} KB, ${files.length} files:`);
for (const f of files) console.log(`  ${f}`);
// Rebuild the development bundles (with source maps) so that debugging keeps working.
run('node', ['scripts/build.mjs'], { stdio: 'ignore' });
if (oversize) {
  console.log(`\npackage: ${oversize} bundle(s) over the size target`);
}
