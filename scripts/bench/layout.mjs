#!/usr/bin/env node
// Layout speed on the max document (6,600 clips), next to validation, and what the preview adds on top:
//
//   node --expose-gc scripts/bench/layout.mjs [--runs 9] [--warmup 2] [--doc FILE] [--json]
//
// Each round (a full GC before each timed operation when --expose-gc is on; every parse disposed):
//   validation      parse + validate a fresh document (what the editor does after each edit)
//   layout          buildModel + computeLayout on a fresh parse (svc.layout, nothing memoized)
//   layoutResult    the `vodTimeline/layout` answer (layout with LSP ranges) on a validated document,
//                   as the server computes it for the preview and CodeLens; and its JSON size
//   preview model   what the extension does with that answer: buildPreviewModel + wire encoding +
//                   JSON + UTF-8 (client/src/preview/model.ts), and the webview's decode
//   preview delta   after an edit inside one clip (a TimelineOut in the middle of the document): the
//                   new model, the delta from the last one + JSON + UTF-8 (client/src/preview/delta.ts),
//                   and the webview's decode + apply; and its size
// Target: layout ≤ 0.2 × validation. The preview's first paint and update after an edit are measured
// in the host (test/host/suite/preview.test.ts, `npm run test:host -- --only=integration --grep 6,600`);
// the figures of the last host run are printed here when artifacts/host/ holds them.
// Bundles go to .bench/layout/ (gitignored), built by esbuild as scripts/build.mjs does.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { generateTimeline } from '../gen-timeline.mjs';
import { machineFacts, machineLine, ms, ratioText, stats, table, verdict } from './util.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, '.bench', 'layout');
const TARGET = 0.2;

const { values: o } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '2' },
    doc: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(o.runs);
const warmup = Number(o.warmup);
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

async function bundle() {
  fs.mkdirSync(OUT, { recursive: true });
  const entry = path.join(OUT, 'entry.ts');
  const rel = (p) => path.relative(OUT, path.join(ROOT, p)).split(path.sep).join('/');
  fs.writeFileSync(entry, [
    `export { TimelineService } from '${rel('server/src/service/index.ts')}';`,
    `export { layoutResult } from '${rel('server/src/layoutResult.ts')}';`,
    `export { buildPreviewModel, ClipIndex, decodeModel, encodeModel } from '${rel('client/src/preview/model.ts')}';`,
    `export { applyDelta, diffModels } from '${rel('client/src/preview/delta.ts')}';`,
  ].join('\n') + '\n');
  const outfile = path.join(OUT, 'layout.cjs');
  await esbuild.build({
    absWorkingDir: ROOT, entryPoints: [entry], outfile, bundle: true, platform: 'node', mainFields: ['module', 'main'],
    format: 'cjs', target: 'node20', logLevel: 'warning', external: ['vscode'],
  });
  return createRequire(import.meta.url)(outfile);
}

function time(fn) {
  gc();
  const t0 = performance.now();
  const out = fn();
  return { t: performance.now() - t0, out };
}

/** The figures the last host run printed (test/host/suite/preview.test.ts), if any. */
function hostFigures() {
  const dir = path.join(ROOT, 'artifacts', 'host');
  if (!fs.existsSync(dir)) return [];
  const lines = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.log'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const at = line.indexOf('preview perf');
      if (at >= 0) lines.push(line.slice(at));
    }
  }
  return [...new Set(lines)];
}

const lib = await bundle();
const text = o.doc ? fs.readFileSync(o.doc, 'utf8') : generateTimeline({ scale: 'max' }).text;
const svc = new lib.TimelineService();
// The edit: one more digit in a TimelineOut in the middle of the document (as the host test types).
const editAt = text.indexOf('"TimelineOut": ', text.length >> 1) + '"TimelineOut": '.length;
const edited = text.slice(0, editAt) + '1' + text.slice(editAt);
const samples = { validation: [], layout: [], layoutResult: [], layoutJson: [], previewModel: [], webviewDecode: [], previewDelta: [], webviewApply: [] };
let bytes = { layoutJson: 0, wire: 0, delta: 0 };
let clips = 0;

for (let i = 0; i < warmup + runs; i++) {
  const keep = i >= warmup;
  // Validation: parse + validate.
  const v = time(() => {
    const doc = svc.parse(text);
    svc.validate(doc);
    return doc;
  });
  // layoutResult on the validated document (model and layout memoized by validation, as in the server).
  const r = time(() => lib.layoutResult(v.out, svc));
  const j = time(() => JSON.stringify(r.out));
  v.out.dispose();
  // Layout alone on a fresh parse.
  const fresh = svc.parse(text);
  const l = time(() => svc.layout(fresh));
  clips = l.out.tracks.reduce((n, t) => n + t.clips.length, 0);
  fresh.dispose();
  // The extension: the LSP answer (parsed) → preview model → wire bytes; the webview: bytes → model.
  const answer = JSON.parse(j.out);
  const p = time(() => {
    const index = new lib.ClipIndex(answer);
    const model = lib.buildPreviewModel(answer, [], 'max.timeline.json', 1, index);
    return new TextEncoder().encode(JSON.stringify(lib.encodeModel(model)));
  });
  const d = time(() => lib.decodeModel(JSON.parse(new TextDecoder().decode(p.out))));
  if (d.out.clipCount !== clips) throw new Error(`the preview model lost clips: ${d.out.clipCount} of ${clips}`);
  // After the edit: the extension diffs the new model against the one sent; the webview applies it.
  const oldModel = lib.buildPreviewModel(answer, [], 'max.timeline.json', 1);
  const editedDoc = svc.parse(edited);
  const answer2 = JSON.parse(JSON.stringify(lib.layoutResult(editedDoc, svc)));
  editedDoc.dispose();
  const index2 = new lib.ClipIndex(answer2);
  const e = time(() => {
    const model = lib.buildPreviewModel(answer2, [], 'max.timeline.json', 2, index2);
    return new TextEncoder().encode(JSON.stringify(lib.diffModels(oldModel, model, 1, 2)));
  });
  const a = time(() => lib.applyDelta(d.out, JSON.parse(new TextDecoder().decode(e.out))));
  if (a.out.clipCount !== clips) throw new Error(`the delta lost clips: ${a.out.clipCount} of ${clips}`);
  bytes = { layoutJson: j.out.length, wire: p.out.length, delta: e.out.length };
  if (keep) {
    samples.validation.push(v.t);
    samples.layout.push(l.t);
    samples.layoutResult.push(r.t);
    samples.layoutJson.push(j.t);
    samples.previewModel.push(p.t);
    samples.webviewDecode.push(d.t);
    samples.previewDelta.push(e.t);
    samples.webviewApply.push(a.t);
  }
}

const s = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)]));
const ratio = s.layout.median / s.validation.median;
const result = {
  machine: machineFacts(), document: { bytes: Buffer.byteLength(text), clips }, runs, warmup, gcBeforeEach: typeof globalThis.gc === 'function',
  medianMs: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.median])), bytes, layoutVsValidation: ratio, target: TARGET, host: hostFigures(),
};
if (o.json) {
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
} else {
  const cell = (x) => `${ms(x.median)} (${ms(x.min)}–${ms(x.max)})`;
  const out = [];
  out.push(`Layout — max document (${(result.document.bytes / 1e6).toFixed(2)} MB, ${clips} clips), ms, median (min–max) of ${runs} rounds after ${warmup} warm-up${result.gcBeforeEach ? ', GC before each' : ' (no --expose-gc)'}:`);
  out.push(table(['operation', 'ms'], [
    ['validation (parse + validate)', cell(s.validation)],
    ['layout (model + layout, fresh parse)', cell(s.layout)],
    ['vodTimeline/layout answer (layout + LSP ranges, validated doc)', cell(s.layoutResult)],
    [`  its JSON (${(bytes.layoutJson / 1e6).toFixed(2)} MB)`, cell(s.layoutJson)],
    [`preview model + wire bytes (${(bytes.wire / 1e6).toFixed(2)} MB)`, cell(s.previewModel)],
    ['webview: bytes → model', cell(s.webviewDecode)],
    [`after a one-clip edit: model + delta bytes (${bytes.delta} B)`, cell(s.previewDelta)],
    ['webview: delta bytes → model', cell(s.webviewApply)],
  ], ['l', 'r']).replace(/^/gm, '  '));
  out.push(table(['', 'value', 'target', ''], [['layout / validation', ratioText(ratio), `≤ ${TARGET}×`, verdict(ratio, TARGET)]], ['l', 'r', 'r', 'l']).replace(/^/gm, '  '));
  if (result.host.length) {
    out.push('Preview in the host (last `npm run test:host` that ran the 6,600-clip test, artifacts/host/):');
    for (const line of result.host) out.push(`  ${line}`);
  } else {
    out.push('Preview in the host: no figures in artifacts/host/; run `npm run test:host -- --only=integration --grep 6,600`.');
  }
  out.push(`  ${machineLine(result.machine)}; load now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  process.stdout.write(out.join('\n') + '\n');
}
