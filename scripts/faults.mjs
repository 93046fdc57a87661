#!/usr/bin/env node
// `npm run faults`: the fault matrix. Every VOD operation the product uses (ProduceEditingProjectVideo,
// GetVideoInfo, GetMezzanineInfo, GetEditingProject, SearchEditingProject, UpdateEditingProject,
// SearchMedia, the media side's GetPlayInfo, GetMezzanineInfo and GetImageInfo, and the upload's
// CreateUploadVideo, CreateUploadImage, UploadPart on the OSS endpoint, RefreshUploadVideo when resuming
// and DeleteVideo when removing what an upload left) × every fault (latency past the timeout, connection
// reset before and after the request is read, HTTP 500 and 503, throttling, malformed and empty bodies,
// wrong signature, expired STS token, unknown region, a multipart part cut halfway) against the real emulator, through the editor's code paths and the built CLI
// (scripts/robustness/faults.ts). Prints, per fault and operation: what the user sees in VS Code and in
// the CLI, what the submission history records (Produce), how many requests the emulator received and
// carried out; then the duplicate-Produce count and the checks.
//
//   npm run faults [-- --quick] [--only OPERATION] [--fault TEXT] [--concurrency N] [--markdown FILE]
//     --quick     skip the CLI rows that wait the CLI's whole 60 s timeout
//     --markdown  also write the table as Markdown (for the README)
// Exit code 1 when a message is unclear, a history entry untruthful or a Produce sent twice.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bundle, parseOptions, ROOT, tempDir } from './robustness/bundle.mjs';

const USAGE = 'usage: npm run faults [-- --quick] [--only OPERATION] [--fault TEXT] [--concurrency N] [--markdown FILE]';
const o = parseOptions(process.argv.slice(2), {
  quick: { type: 'boolean', default: false },
  only: { type: 'string' },
  fault: { type: 'string' },
  concurrency: { type: 'number', default: 6 },
  markdown: { type: 'string' },
}, USAGE);

// The CLI side runs the built binary: build it when its sources are newer.
const cliJs = path.join(ROOT, 'dist', 'cli.js');
const cliBin = path.join(ROOT, 'bin', 'vod-timeline.js');
const newest = (dir) => fs.readdirSync(dir, { withFileTypes: true }).reduce((t, e) => Math.max(t, e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs), 0);
const sources = Math.max(...['cli/src', 'client/src/vod', 'server/src'].map((d) => newest(path.join(ROOT, d))));
if (!fs.existsSync(cliJs) || fs.statSync(cliJs).mtimeMs < sources) execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });

const { dir: tmp, cleanup } = tempDir('faults');
const { faults } = await bundle({ faults: 'scripts/robustness/faults.ts' }, tmp);
const { runMatrix, OPERATIONS, FAULTS } = createRequire(import.meta.url)(faults);

const operations = o.only ? OPERATIONS.filter((op) => op.toLowerCase().includes(o.only.toLowerCase())) : OPERATIONS;
const faultCases = o.fault ? FAULTS.filter((f) => f.name.toLowerCase().includes(o.fault.toLowerCase())) : FAULTS;
if (!operations.length || !faultCases.length) {
  console.error(`nothing selected: operations ${OPERATIONS.join(', ')}; faults ${FAULTS.map((f) => f.name).join(', ')}`);
  process.exit(2);
}
const started = Date.now();
console.log(`faults: ${faultCases.length} faults × ${operations.length} operations against the emulator (editor timeout 5 s, CLI timeout 60 s${o.quick ? ', CLI latency rows skipped' : ''})`);
let done = 0;
const rows = await runMatrix({
  cliJs: cliBin, quick: o.quick, operations, faults: faultCases, concurrency: o.concurrency,
  samplesJson: path.join(ROOT, 'emulator', 'media', 'samples.json'),
  onRow: () => { if (++done % 10 === 0) console.log(`  ${done}/${operations.length * faultCases.length} rows (${((Date.now() - started) / 1000).toFixed(0)} s)`); },
});

const count = (side) => (side ? `${side.sent}${side.processed ? ` (${side.processed} done)` : ''}` : '—');
const short = (text, n = 170) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
const lines = [];
for (const fc of faultCases) {
  lines.push('', `## ${fc.name}`);
  for (const r of rows.filter((x) => x.fault === fc.name)) {
    lines.push(`${r.op}`);
    lines.push(`  VS Code : ${short(r.editor.message)}`);
    if (r.cli) lines.push(`  CLI     : ${short(r.cli.message)}`);
    if (r.editor.history !== undefined) lines.push(`  history : ${r.editor.history} — ${r.editor.truthful.ok ? 'truthful' : 'NOT TRUTHFUL'}: ${r.editor.truthful.why}`);
    const after = { GetMezzanineInfo: ' (after GetVideoInfo answered NotExist)', 'GetMezzanineInfo (source file)': ' (after GetPlayInfo answered NoneStream)' }[r.op] ?? '';
    lines.push(`  requests: editor ${count(r.editor)}, CLI ${count(r.cli)}${after}`);
    for (const p of r.problems) lines.push(`  PROBLEM : ${p}`);
  }
}
console.log(lines.join('\n'));

if (o.markdown) {
  const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const md = ['| fault | operation | VS Code shows | CLI prints | history (Produce) | requests editor / CLI |', '|---|---|---|---|---|---|'];
  for (const r of rows) md.push(`| ${cell(r.fault)} | ${r.op} | ${cell(short(r.editor.message, 140))} | ${cell(r.cli ? short(r.cli.message, 140) : '—')} | ${cell(r.editor.history ?? '—')} | ${count(r.editor)} / ${count(r.cli)} |`);
  fs.writeFileSync(o.markdown, md.join('\n') + '\n');
}

const produceRows = rows.filter((r) => r.op === 'ProduceEditingProjectVideo');
const produceSent = produceRows.reduce((a, r) => a + r.editor.sent + (r.cli?.sent ?? 0), 0);
const duplicates = rows.reduce((a, r) => a + r.editor.duplicates + (r.cli?.duplicates ?? 0), 0);
const untruthful = produceRows.filter((r) => r.editor.truthful && !r.editor.truthful.ok).length;
const unclear = rows.filter((r) => !r.clear).length;
const problems = rows.flatMap((r) => r.problems.map((p) => `${r.fault} / ${r.op}: ${p}`));
console.log('');
for (const p of problems) console.log(`PROBLEM ${p}`);
cleanup();
console.log(`faults: ${rows.length} cases (${faultCases.length} faults × ${operations.length} operations) in ${((Date.now() - started) / 1000).toFixed(0)} s; ${rows.length - unclear}/${rows.length} with a clear message; history truthful in ${produceRows.length - untruthful}/${produceRows.length} Produce cases; ${duplicates} duplicate Produce requests (${produceSent} Produce requests sent)`);
process.exitCode = problems.length ? 1 : 0;
