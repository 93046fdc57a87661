// Bundles the host suites into out/host-tests/: index.js (the extensionTestsPath entry) and one
// suite/NAME.test.js per test/host/suite/NAME.test.ts, which index.js hands to mocha one by one so a
// suite that fails to load is reported on its own. mocha is bundled in, so the output runs from any
// extension host without resolving node_modules; only `vscode` comes from the host.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const outDir = path.join(root, 'out', 'host-tests');

export async function buildHostTests({ quiet = false } = {}) {
  const t0 = performance.now();
  const suites = fs.readdirSync(path.join(root, 'test/host/suite')).filter((f) => f.endsWith('.test.ts')).sort();
  // Stale bundles of deleted suites would still be picked up by index.js.
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [
      { in: 'test/host/index.ts', out: 'index' },
      ...suites.map((f) => ({ in: `test/host/suite/${f}`, out: `suite/${f.replace(/\.ts$/, '')}` })),
    ],
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'proxy-agent'], // proxy-agent: see scripts/esbuild-node.mjs
    // For a debugger attached to the extension host; the host's own stack traces stay on the bundle.
    sourcemap: 'inline',
    logLevel: 'warning',
    // Only mocha's parallel mode (worker processes) resolves these files; the host runs serially.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  if (!quiet) console.log(`host: bundled index + ${suites.length} suite(s) into ${path.relative(root, outDir)} in ${(performance.now() - t0).toFixed(0)} ms`);
  return { outDir, index: path.join(outDir, 'index.js'), suites };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildHostTests();
}
