#!/usr/bin/env node
// `npm run bench`: benchmarks that print figures (they never fail on a figure; they are not tests).
//
//   npm run bench [-- --quick] [--no-peer] [--only inproc|lsp] [--profile|--no-profile] [--no-build]
//                 [--runs N] [--warmup N] [--lsp-runs N] [--lsp-warmup N] [--errors K] [--seed S]
//
// 1. In-process (the bundled service, what users run): for the 1×, 2× and 4× max documents, JSON.parse
//    of the same text vs full validation (parse + validate, fresh document each time), and the split of
//    validation (parse, schema checks, model, layout, other rules); on the max document completion,
//    hover and layout latency (layout after a validation: the vodTimeline/layout answer), the
//    process's peak RSS, and whether every injected error is reported. Ratios are taken per round and
//    shown as median (min–max) over the rounds.
// 2. LSP (scripts/bench/lsp.mjs): our server vs VS Code's JSON language server on the same document
//    with injected errors, against our schema; where our open→diagnostics and change→diagnostics go,
//    stage by stage (the server traces them with VOD_TIMELINE_TRACE=1).
// 3. When a target is missed (or with --profile): a CPU profile of the in-process validation of the
//    max document, top 15 functions by self time; for an LSP target, a CPU profile of our server by
//    stage of the LSP path.
// Documents, bundles, profiles and a JSON copy of the results go to .bench/ (gitignored).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { generateTimeline } from './gen-timeline.mjs';
import { formatLsp, formatServerProfile, LSP_TARGETS, runLspComparison } from './bench/lsp.mjs';
import { formatProfile, profileValidation } from './bench/profile.mjs';
import { machineFacts, machineLine, mib, ms, ratioText, stats, table, verdict } from './bench/util.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, '.bench');

export const INPROC_TARGETS = { validationVsJsonParse: 3, scaling4x: 4.4, layoutVsJsonParse: 1 };

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-peer': { type: 'boolean', default: false },
    only: { type: 'string' },
    profile: { type: 'boolean' },
    'no-profile': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    runs: { type: 'string' },
    warmup: { type: 'string' },
    'lsp-runs': { type: 'string' },
    'lsp-warmup': { type: 'string' },
    errors: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  const lines = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1);
  process.stdout.write(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.slice(3)).join('\n') + '\n');
  process.exit(0);
}
if (args.only && !['inproc', 'lsp'].includes(args.only)) throw new Error('--only is inproc or lsp');

const quick = args.quick;
const cfg = {
  runs: Number(args.runs ?? (quick ? 5 : 9)),
  warmup: Number(args.warmup ?? (quick ? 1 : 2)),
  lspRuns: Number(args['lsp-runs'] ?? (quick ? 3 : 9)),
  lspWarmup: Number(args['lsp-warmup'] ?? (quick ? 1 : 2)),
  multipliers: quick ? [1, 4] : [1, 2, 4],
  injected: Number(args.errors),
  seed: args.seed,
};
const doInproc = args.only !== 'lsp';
const doLsp = args.only !== 'inproc';

const w = (s = '') => process.stdout.write(s + '\n');
const progress = (s) => process.stderr.write(s + '\n');

function git(argv) {
  try {
    return execFileSync('git', argv, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

// ---- preparation ---------------------------------------------------------------------------------------
async function bundleService() {
  const outfile = path.join(OUT, 'build', 'service.cjs');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['scripts/bench/service-entry.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    mainFields: ['module', 'main'],
    format: 'cjs',
    target: 'node20',
    sourcemap: 'external',
    sourcesContent: false,
    logLevel: 'warning',
  });
  return outfile;
}

function writeDocuments() {
  const dir = path.join(OUT, 'docs');
  fs.mkdirSync(dir, { recursive: true });
  const docs = {};
  const multipliers = doInproc ? cfg.multipliers : [];
  for (const m of multipliers) {
    const { text, info } = generateTimeline({ scale: 'max', multiplier: m, seed: cfg.seed });
    const file = path.join(dir, `max-${m}x.timeline.json`);
    fs.writeFileSync(file, text);
    docs[`${m}x`] = { file, ...info };
  }
  const { text, errors, info } = generateTimeline({ scale: 'max', seed: cfg.seed, injectErrors: cfg.injected });
  const file = path.join(dir, `max-errors-${cfg.injected}.timeline.json`);
  fs.writeFileSync(file, text);
  fs.writeFileSync(file.replace(/\.timeline\.json$/, '.errors.json'), JSON.stringify(errors, null, 2) + '\n');
  docs.errors = { file, errorsFile: file.replace(/\.timeline\.json$/, '.errors.json'), errors, ...info };
  return docs;
}

// ---- in-process ------------------------------------------------------------------------------------------
function runInproc(service, extra) {
  const out = execFileSync(process.execPath, ['--expose-gc', path.join(ROOT, 'scripts', 'bench', 'inproc.mjs'),
    '--service', service, '--runs', String(cfg.runs), '--warmup', String(cfg.warmup), ...extra], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split('\n').pop());
}

const cellOf = (s) => (s ? `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})` : 'n/a');
/** Per-round ratios a[i] / b[i] (the same round: the same machine conditions), as median (min–max). */
const ratios = (a, b) => stats(a.map((x, i) => x / b[i]));
const ratioCell = (r) => (r ? `${ratioText(r.median)} (${ratioText(r.min)}–${ratioText(r.max)})` : 'n/a');

function inprocSection(docs, sizesRun, maxRun) {
  const results = sizesRun.sizes;
  const sizes = Object.keys(results);
  const lines = [];
  const first = results['1x'];
  const last = results['4x'];
  lines.push(`In-process — the bundled service (.bench/build/service.cjs, bundled by esbuild as scripts/build.mjs does), ms:`);
  lines.push(`  median (min–max) of ${cfg.runs} rounds after ${cfg.warmup} warm-up round(s); each round times every document once, order rotated`);
  lines.push('  each round, all in one process, an untimed validation of the same document first (parse buffers of its size in');
  lines.push('  the pool, as when one document is edited); 10 ms idle before each timed operation (no forced GC); parses disposed;');
  lines.push('  a ratio (×) is taken per round (both figures from the same round) and shown as median (min–max) over the rounds;');
  lines.push('  the split times svc.validate\'s stages one by one on a fresh parse (× = multiple of JSON.parse of the same text)');
  const row = (label, f) => [label, ...sizes.map((k) => f(results[k], k))];
  const split = (key) => (r) => `${cellOf(stats(r[key]))} = ${ratioText(ratios(r[key], r.jsonParse).median)}`;
  const rows = [
    row('document', (r, k) => `${(r.bytes / 1e6).toFixed(2)} MB, ${docs[k].clips} clips`),
    row('JSON.parse', (r) => cellOf(stats(r.jsonParse))),
    row('validation (parse + validate)', (r) => cellOf(stats(r.validation))),
    row('validation / JSON.parse', (r) => ratioCell(ratios(r.validation, r.jsonParse))),
    row('  split: svc.parse', split('parseOnly')),
    row('         schema checks', split('checks')),
    row('         model (tracks, clips)', split('model')),
    row('         layout', split('layout')),
    row('         other rules', split('rules')),
    row('         (svc.validate on a parse)', split('validateOnly')),
    row('diagnostics', (r) => String(r.diagnosticCount)),
  ];
  lines.push(table(['', ...sizes], rows, ['l', 'r', 'r', 'r']).replace(/^/gm, '  '));
  const facts = {};
  const v1 = ratios(first.validation, first.jsonParse);
  facts.validationVsJsonParse = v1.median;
  facts.validationVsJsonParseSpread = [v1.min, v1.max];
  if (last) {
    const sc = ratios(last.validation, first.validation);
    facts.scaling4x = sc.median;
    facts.scaling4xSpread = [sc.min, sc.max];
    facts.jsonScaling4x = ratios(last.jsonParse, first.jsonParse).median;
  }
  lines.push('');
  first.features = maxRun.features;
  first.positions = maxRun.positions;
  first.injected = maxRun.injected;
  const f = first.features;
  const st = (x) => (x ? stats(x) : null);
  const la = ratios(f.layout.validated, f.layout.jsonParse);
  facts.layoutVsJsonParse = la.median;
  facts.layoutVsJsonParseSpread = [la.min, la.max];
  facts.layoutFreshVsJsonParse = ratios(f.layout.fresh, f.layout.jsonParse).median;
  lines.push(`  max document (1×), ${first.positions.clip}; each operation on a fresh parse (nothing memoized: the first request`);
  lines.push('  after an edit) and on a validated parse (model and layout memoized, as in the editor); parse and validation not timed,');
  lines.push('  a scavenge (minor GC) drops their young garbage before the timed operation:');
  const op = (label, x) => [label, cellOf(st(x.fresh)), x.validated ? cellOf(st(x.validated)) : '(memoized by validation)', x.result];
  lines.push(table(['operation', 'fresh parse: ms', 'validated parse: ms', 'result'], [
    op("completion after the clip's '{'", f.completionAfterBrace),
    op('completion in its MediaId value', f.completionInMediaId),
    op('hover on its MediaId key', f.hoverMediaIdKey),
    op('hover on its In key', f.hoverInKey),
    op('layout: svc.layout; after validation, the vodTimeline/layout answer (its layout + LSP ranges)', f.layout),
    ['  / JSON.parse (median, min–max per round)', ratioCell(ratios(f.layout.fresh, f.layout.jsonParse)), ratioCell(la), `JSON.parse ${cellOf(st(f.layout.jsonParse))} ms`],
  ], ['l', 'r', 'r', 'l']).replace(/^/gm, '  '));
  const inj = first.injected;
  if (inj) {
    facts.injected = inj;
    lines.push(`  injected errors (${path.basename(docs.errors.file)}): ${inj.covered}/${inj.total} reported by svc.validate (${inj.diagnostics} diagnostics)` +
      `${inj.missing.length ? `; NOT REPORTED: ${inj.missing.map((e) => `${e.kind} ${e.pointer}`).join(', ')}` : ''}` +
      `${inj.codeMismatch.length ? `; unexpected codes: ${inj.codeMismatch.map((e) => `${e.kind} ${e.pointer} → ${e.got.join(',')}`).join('; ')}` : '; every one with the expected code'}`);
  }
  const live = maxRun.liveDocument;
  lines.push(`  memory: peak RSS of the max-document process ${mib(maxRun.peakRssKiB)}; one validated max document holds heap ${mib(live.heapBytes / 1024)} + ` +
    `array buffers ${mib(live.arrayBufferBytes / 1024)} (parse pool included); peak RSS of the process that validated all sizes ${mib(sizesRun.peakRssKiB)}`);
  lines.push('');
  lines.push('  targets (median of the per-round ratios; min–max over the rounds):');
  const spread = (x) => (x ? `${ratioText(x[0])}–${ratioText(x[1])}` : '');
  const t = [
    ['validation of the max document / JSON.parse', ratioText(facts.validationVsJsonParse), spread(facts.validationVsJsonParseSpread), `≤ ${INPROC_TARGETS.validationVsJsonParse}×`, verdict(facts.validationVsJsonParse, INPROC_TARGETS.validationVsJsonParse)],
    ['validation time 4× / 1×', ratioText(facts.scaling4x), spread(facts.scaling4xSpread), `≤ ${INPROC_TARGETS.scaling4x}×`, verdict(facts.scaling4x, INPROC_TARGETS.scaling4x)],
    ['  (JSON.parse 4× / 1×, for reference)', ratioText(facts.jsonScaling4x), '', '', ''],
    ['layout after validation / JSON.parse (max document)', ratioText(facts.layoutVsJsonParse), spread(facts.layoutVsJsonParseSpread), `≤ ${INPROC_TARGETS.layoutVsJsonParse}×`, verdict(facts.layoutVsJsonParse, INPROC_TARGETS.layoutVsJsonParse)],
    ['  (layout on a fresh parse / JSON.parse, for reference)', ratioText(facts.layoutFreshVsJsonParse), '', '', ''],
  ];
  lines.push(table(['', 'value', 'spread', 'target', ''], t, ['l', 'r', 'l', 'l', 'l']).replace(/^/gm, '  '));
  return { text: lines.join('\n'), facts };
}

// ---- main ------------------------------------------------------------------------------------------------
async function main() {
  const started = new Date();
  const machine = machineFacts();
  fs.mkdirSync(OUT, { recursive: true });
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--', 'server', 'cli', 'schemas', 'bin']).split('\n').filter(Boolean).length;

  if (!args['no-build'] && doLsp) {
    progress('bench: node scripts/build.mjs (dist/cli.js runs the LSP server)');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  progress('bench: generating documents into .bench/docs');
  const docs = writeDocuments();

  const report = { started: started.toISOString(), commit, dirtyFiles: dirty, machine, config: cfg, documents: {} };
  for (const [k, d] of Object.entries(docs)) report.documents[k] = { file: path.relative(ROOT, d.file), bytes: d.bytes, lines: d.lines, clips: d.clips, materials: d.distinctMaterials };

  const out = [];
  out.push(`vod-timeline benchmarks — ${started.toISOString()}, commit ${commit || '?'}${dirty ? ` + ${dirty} uncommitted file(s) under server/ cli/ schemas/ bin/` : ''}${quick ? ' (--quick)' : ''}`);
  out.push(`machine: ${machineLine(machine, ' at start')}`);
  out.push('note: on a shared 2-core machine the figures vary by ±20 % between runs (GC, other load): read medians and ratios,');
  out.push('      and rerun when the load average is high.');
  if (machine.loadavg[0] > machine.cores) out.push(`WARNING: load average ${machine.loadavg[0]} > ${machine.cores} cores: other work competes for the CPU; these figures are distorted.`);
  out.push(`documents (scripts/gen-timeline.mjs --scale max, seed ${JSON.stringify(cfg.seed)}), in .bench/docs:`);
  out.push(table(['', 'file', 'MB', 'lines', 'tracks (video/audio/subtitle)', 'clips', 'materials'], Object.entries(docs).map(([k, d]) => [
    k, path.basename(d.file), (d.bytes / 1e6).toFixed(2), String(d.lines), `${d.videoTracks}/${d.audioTracks}/${d.subtitleTracks}`, String(d.clips), String(d.distinctMaterials),
  ]), ['l', 'l', 'r', 'r', 'r', 'r', 'r']).replace(/^/gm, '  '));
  out.push(`  ${path.basename(docs.errors.file)}: ${docs.errors.errors.length} injected errors (${[...new Set(docs.errors.errors.map((e) => e.kind))].join(', ')}), listed in ${path.basename(docs.errors.errorsFile)}`);
  w(out.join('\n'));
  w();

  const missed = [];
  let service;
  if (doInproc) {
    progress('bench: bundling the service for in-process runs (.bench/build/service.cjs)');
    service = await bundleService();
    progress(`bench: in-process, ${cfg.multipliers.map((m) => `${m}x`).join(' + ')} documents interleaved (load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    const sizesRun = runInproc(service, cfg.multipliers.flatMap((m) => ['--doc', `${m}x=${docs[`${m}x`].file}`]));
    progress(`bench: in-process, max document: completion, hover, layout, memory, injected errors (load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    const maxRun = runInproc(service, ['--max', docs['1x'].file, '--errors-doc', docs.errors.file, '--errors', docs.errors.errorsFile]);
    const section = inprocSection(docs, sizesRun, maxRun);
    report.inproc = { sizes: sizesRun, max: maxRun, facts: section.facts };
    w(section.text);
    w(`  load average after the in-process runs: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    w();
    const f = section.facts;
    if (!(f.validationVsJsonParse <= INPROC_TARGETS.validationVsJsonParse)) missed.push('validation/JSON.parse');
    if (f.scaling4x != null && !(f.scaling4x <= INPROC_TARGETS.scaling4x)) missed.push('4×/1× scaling');
    if (!(f.layoutVsJsonParse <= INPROC_TARGETS.layoutVsJsonParse)) missed.push('layout/JSON.parse');
    if (f.injected && f.injected.covered < f.injected.total) missed.push('injected errors (in-process)');
  }

  if (doLsp) {
    progress(`bench: LSP comparison (${cfg.lspRuns} runs after ${cfg.lspWarmup} warm-up(s)${args['no-peer'] ? ', no peer' : ''})`);
    const r = await runLspComparison({
      docPath: docs.errors.file, errors: docs.errors.errors, runs: cfg.lspRuns, warmup: cfg.lspWarmup, peer: !args['no-peer'],
      log: (s) => progress(s),
    });
    report.lsp = r;
    w(formatLsp(r));
    w();
    if (r.ratios) for (const [k, limit] of Object.entries(LSP_TARGETS)) if (!(r.ratios[k] <= limit)) missed.push(`LSP ${k}`);
    const ours = r.servers[0];
    if (ours.injected.open < ours.injected.total) missed.push('injected errors (LSP)');
  }

  const wantLspProfile = args.profile ?? (!args['no-profile'] && !quick && missed.some((m) => /LSP (open|change)/.test(m)));
  if (wantLspProfile && doLsp) {
    progress('bench: CPU profile of our LSP server (its own runs, no peer)');
    const r = await runLspComparison({
      docPath: docs.errors.file, errors: docs.errors.errors, runs: quick ? 3 : 5, warmup: 1, peer: false, profileDir: path.join(OUT, 'prof-lsp'),
      log: (s) => progress(s),
    });
    report.lspProfile = r.servers[0].profile;
    w(formatServerProfile(r));
    w();
  }

  const wantProfile = args.profile ?? (!args['no-profile'] && !quick && missed.some((m) => /validation|scaling/.test(m)));
  if (wantProfile && doInproc) {
    progress('bench: CPU profile of the in-process validation of the max document');
    const p = profileValidation({ root: ROOT, service, doc: docs['1x'].file, runs: quick ? 8 : 20, warmup: 2, dir: path.join(OUT, 'prof') });
    report.profile = { file: path.relative(ROOT, p.file), run: p.run, top: p.summary.functions.slice(0, 30), files: p.summary.files.slice(0, 15) };
    w(formatProfile({ ...p, file: path.relative(ROOT, p.file) }));
    w();
  }

  w(`summary: ${missed.length ? `targets MISSED: ${missed.join(', ')}` : 'every target met'}; load average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  report.missed = missed;
  report.finished = new Date().toISOString();
  fs.mkdirSync(path.join(OUT, 'results'), { recursive: true });
  const json = JSON.stringify(report, null, 2) + '\n';
  const file = path.join(OUT, 'results', `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, json);
  fs.writeFileSync(path.join(OUT, 'last.json'), json);
  w(`results: ${path.relative(ROOT, file)} (also .bench/last.json)`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e && e.stack ? e.stack : String(e)}\n`);
  process.exit(2);
});
