// Bundles every entry point with esbuild. `--watch` rebuilds on change; `--minify` for packaging.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { previewBuildOptions } from '../client/src/preview/webview/build.mjs';
import { nodeBundleOptions } from './esbuild-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const entries = [
  { in: 'client/src/extension.ts', out: 'extension' },
  { in: 'server/src/main.ts', out: 'server' },
  { in: 'cli/src/main.ts', out: 'cli' },
  // The Alibaba Cloud SDK, loaded on first use by the other bundles (client/src/vod/sdk.ts).
  { in: 'client/src/vod/sdk-bundle.ts', out: 'alicloud' },
  // The OSS client (ali-oss), loaded on the first upload (client/src/vod/upload/oss.ts).
  { in: 'client/src/vod/upload/oss-bundle.ts', out: 'oss' },
  // vscode-languageclient, loaded when the extension starts the server (client/src/languageClient.ts).
  { in: 'client/src/languageclient-bundle.ts', out: 'languageclient' },
];
// A missing entry point is a broken build, not a smaller one: the package would ship without it.
const missing = entries.filter((e) => !fs.existsSync(path.join(root, e.in)));
if (missing.length) {
  console.error(`build: missing entry point(s): ${missing.map((e) => e.in).join(', ')}`);
  process.exit(1);
}

const options = {
  absWorkingDir: root,
  entryPoints: entries,
  outdir: 'dist',
  ...nodeBundleOptions,
  define: { ...nodeBundleOptions.define, __VERSION__: JSON.stringify(pkg.version), __SDK_BUNDLE__: 'true' },
  sourcemap: args.has('--minify') ? false : 'linked',
  minify: args.has('--minify'),
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
};

// The preview's webview code runs in the browser: its own IIFE bundle (dist/preview/).
const previewOptions = previewBuildOptions(root, { minify: args.has('--minify') });

/**
 * hls.js for the preview's player, as its published browser build (the light one: no EME, no
 * subtitles), next to preview.js: the webview loads it only when an HLS stream plays.
 */
function copyHls() {
  fs.mkdirSync(path.join(root, 'dist', 'preview'), { recursive: true });
  fs.copyFileSync(path.join(root, 'node_modules', 'hls.js', 'dist', 'hls.light.min.js'), path.join(root, 'dist', 'preview', 'hls.js'));
}

if (args.has('--watch')) {
  copyHls();
  // One line per rebuild, so an editor task (.vscode/tasks.json) knows when dist/ is ready again.
  const announce = (name) => ({
    name: 'announce',
    setup(b) {
      b.onStart(() => console.log(`[watch] build started (${name})`));
      b.onEnd((r) => console.log(`[watch] build finished (${name}): ${r.errors.length} error(s)`));
    },
  });
  const ctx = await esbuild.context({ ...options, plugins: [...(options.plugins ?? []), announce('node bundles')] });
  await ctx.watch();
  const previewCtx = await esbuild.context({ ...previewOptions, plugins: [...(previewOptions.plugins ?? []), announce('preview')] });
  await previewCtx.watch();
  console.log('build: watching');
} else {
  const t0 = performance.now();
  const [result, preview] = await Promise.all([esbuild.build(options), esbuild.build(previewOptions)]);
  copyHls();
  const outputs = [...Object.entries(result.metafile.outputs), ...Object.entries(preview.metafile.outputs)].filter(([f]) => f.endsWith('.js') || f.endsWith('.css'));
  for (const [file, meta] of outputs) console.log(`build: ${file} ${(meta.bytes / 1024).toFixed(0)} KB`);
  console.log(`build: ${entries.length + 1} bundles in ${(performance.now() - t0).toFixed(0)} ms`);
}
