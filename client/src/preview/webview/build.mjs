// Bundles the preview webview (browser code and its CSS) into dist/preview/preview.js and preview.css.
// `node client/src/preview/webview/build.mjs [--minify] [--watch]`, or from scripts/build.mjs:
//   import { previewBuildOptions } from '../client/src/preview/webview/build.mjs';
//   await esbuild.build(previewBuildOptions(root, { minify }));
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultRoot = path.resolve(here, '..', '..', '..', '..');

/** esbuild options for the webview bundle: an IIFE for the browser, no Node built-ins, no imports at runtime. */
export function previewBuildOptions(root = defaultRoot, { minify = false } = {}) {
  return {
    absWorkingDir: root,
    entryPoints: [
      { in: 'client/src/preview/webview/main.ts', out: 'preview' },
      { in: 'client/src/preview/webview/preview.css', out: 'preview' },
    ],
    outdir: 'dist/preview',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome114'],
    sourcemap: minify ? false : 'linked',
    minify,
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = new Set(process.argv.slice(2));
  const options = previewBuildOptions(defaultRoot, { minify: args.has('--minify') });
  if (args.has('--watch')) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    console.log('preview: watching');
  } else {
    const result = await esbuild.build(options);
    for (const [file, meta] of Object.entries(result.metafile.outputs)) if (!file.endsWith('.map')) console.log(`build: ${file} ${(meta.bytes / 1024).toFixed(0)} KB`);
  }
}
