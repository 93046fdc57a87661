// The esbuild options every Node bundle of the project shares: scripts/build.mjs (what ships) and
// scripts/robustness/bundle.mjs (what the fuzz, fault and crash-safety scripts run) build the same way.
export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  // jsonc-parser's UMD entry hides its requires from esbuild; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  format: 'cjs',
  target: 'node20',
  // urllib (under ali-oss, the upload's OSS client) requires the optional proxy-agent only when its own
  // proxy switch is on, which the upload never turns on (docs/upload.md §4).
  external: ['vscode', 'proxy-agent'],
  // ESM dependencies (fdir via tinyglobby) read import.meta.url, which a CJS bundle must provide.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
