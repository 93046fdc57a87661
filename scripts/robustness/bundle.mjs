// Bundles a TypeScript entry point of this repository into one CommonJS file (esbuild, as
// scripts/build.mjs bundles the product), so the robustness suites run the code users run without a
// TypeScript loader, in worker threads and child processes alike. Each run bundles into its own
// temporary folder: two suites (or a suite and `npm test`) never share an output file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { nodeBundleOptions } from '../esbuild-node.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A fresh temporary folder, removed by `cleanup()` (and at exit when the caller forgets). */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vod-timeline-${prefix}-`));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  process.once('exit', cleanup);
  return { dir, cleanup };
}

/**
 * Bundles `entries` ({ name: 'repo/relative/entry.ts' }) into `outDir`; returns { name: absolute .cjs path }.
 */
export async function bundle(entries, outDir) {
  const entryPoints = Object.entries(entries).map(([out, file]) => ({ in: path.join(ROOT, file), out }));
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    ...nodeBundleOptions,
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, path.join(outDir, `${name}.cjs`)]));
}

/** `--name value` / `--name=value` options with defaults; unknown options are an error. */
export function parseOptions(argv, spec, usage) {
  const out = {};
  for (const [k, v] of Object.entries(spec)) out[k] = v.default;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(usage + '\n');
      process.exit(0);
    }
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    const def = m && spec[m[1]];
    if (!def) {
      process.stderr.write(`unknown option ${arg}\n${usage}\n`);
      process.exit(2);
    }
    if (def.type === 'boolean') {
      out[m[1]] = m[2] === undefined ? true : m[2] !== 'false';
      continue;
    }
    const raw = m[2] ?? argv[++i];
    if (raw === undefined) {
      process.stderr.write(`${arg} needs a value\n`);
      process.exit(2);
    }
    if (def.type === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) {
        process.stderr.write(`${arg} needs a non-negative number, got ${JSON.stringify(raw)}\n`);
        process.exit(2);
      }
      out[m[1]] = n;
    } else {
      out[m[1]] = raw;
    }
  }
  return out;
}

/** The process's peak resident set size so far, in MiB (getrusage maxrss). */
export function peakRssMiB() {
  return process.resourceUsage().maxRSS / 1024;
}
