// Where validation time goes: runs the in-process validation of one document under `node --cpu-prof`
// and summarizes the profile by self time per function, mapped through the bundle's source map back
// to server/src/... (file:line of the function).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './util.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * Profiles `warmup` + `runs` validations of `doc` with the bundled service at `service` (the profile
 * covers the whole process; the warm-ups are few). Writes the .cpuprofile into `dir`.
 */
export function profileValidation({ root, service, doc, runs = 20, warmup = 2, dir, intervalUs = 250 }) {
  fs.mkdirSync(dir, { recursive: true });
  const before = new Set(fs.readdirSync(dir));
  const out = execFileSync(process.execPath, [
    '--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${intervalUs}`,
    path.join(HERE, 'inproc.mjs'), '--service', service, '--max', doc, '--profile-runs', String(runs), '--warmup', String(warmup),
  ], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const made = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (made.length !== 1) throw new Error(`expected one new .cpuprofile in ${dir}, found ${made.length}`);
  const file = path.join(dir, made[0]);
  const run = JSON.parse(out.trim().split('\n').pop());
  return { file, doc, run, summary: summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')), root) };
}

/** Self time per function (aggregated over call paths) and per source file, in ms. */
export function summarizeProfile(profile, root) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample lasts until the next one (the last one until the end of the profile).
    const dt = i + 1 < samples.length ? timeDeltas[i + 1] : Math.max(0, profile.endTime - (profile.startTime + timeDeltas.reduce((a, b) => a + b, 0)));
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + dt);
  }
  const maps = new Map();
  const sourceMapFor = (url) => {
    if (!url.startsWith('file:')) return null;
    if (!maps.has(url)) {
      let map = null;
      try {
        const p = fileURLToPath(url);
        if (fs.existsSync(p + '.map')) map = { sm: new SourceMap(JSON.parse(fs.readFileSync(p + '.map', 'utf8'))), dir: path.dirname(p) };
      } catch {
        map = null;
      }
      maps.set(url, map);
    }
    return maps.get(url);
  };
  const where = (cf) => {
    if (!cf.url) return '';
    const m = sourceMapFor(cf.url);
    if (m) {
      const e = m.sm.findEntry(cf.lineNumber, cf.columnNumber);
      if (e && e.originalSource) {
        const src = e.originalSource.startsWith('file:') ? fileURLToPath(e.originalSource) : path.resolve(m.dir, e.originalSource);
        return `${path.relative(root, src)}:${e.originalLine + 1}`;
      }
    }
    const p = cf.url.startsWith('file:') ? path.relative(root, fileURLToPath(cf.url)) : cf.url;
    return `${p}:${cf.lineNumber + 1}`;
  };
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const keyOf = (cf) => `${cf.functionName || '(anonymous)'}\u0000${where(cf)}`;
  const fns = new Map();
  const callers = new Map(); // function key → caller key → µs of the function's self time
  const files = new Map();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const cf = byId.get(id).callFrame;
    if (cf.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    totalUs += us;
    const loc = where(cf);
    const key = keyOf(cf);
    fns.set(key, (fns.get(key) ?? 0) + us);
    const parent = parentOf.has(id) ? byId.get(parentOf.get(id)).callFrame : null;
    if (parent && parent.functionName !== '(root)') {
      if (!callers.has(key)) callers.set(key, new Map());
      const m = callers.get(key);
      const ck = keyOf(parent);
      m.set(ck, (m.get(ck) ?? 0) + us);
    }
    const file = loc ? loc.replace(/:\d+$/, '') : cf.functionName.startsWith('(') ? cf.functionName : '(native / V8 builtins)';
    files.set(file, (files.get(file) ?? 0) + us);
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    functions: sorted(fns).map(([k, us]) => {
      const [name, loc] = k.split('\u0000');
      const top = callers.has(k) ? sorted(callers.get(k))[0] : null;
      const caller = top ? { name: top[0].split('\u0000')[0], where: top[0].split('\u0000')[1], share: top[1] / us } : null;
      return { name, where: loc, selfMs: us / 1000, share: us / totalUs, caller };
    }),
    files: sorted(files).map(([file, us]) => ({ file, selfMs: us / 1000, share: us / totalUs })),
  };
}

export function formatProfile(p, { top = 15, topFiles = 8 } = {}) {
  const s = p.summary;
  const lines = [];
  lines.push(`CPU profile of ${p.run.profileRuns} validations (parse + validate) of ${path.basename(p.doc)} after warm-ups: ${p.run.totalMs.toFixed(0)} ms, ${(p.run.totalMs / p.run.profileRuns).toFixed(1)} ms each`);
  lines.push(`  ${p.file}  (open in Chrome DevTools › Performance, or VS Code)`);
  lines.push(`  sampled ${s.totalMs.toFixed(0)} ms of CPU (whole process, including start-up and warm-ups); top ${top} functions by self time:`);
  const short = (loc) => loc.replace(/^server\/src\/service\//, '');
  lines.push(table(['self ms', 'share', 'function', 'where (server/src/service/…)', 'mostly called from'],
    s.functions.slice(0, top).map((f) => [f.selfMs.toFixed(0), `${(f.share * 100).toFixed(1)} %`, f.name, short(f.where),
      f.caller ? `${f.caller.name} ${short(f.caller.where)}${f.caller.share < 0.995 ? ` (${(f.caller.share * 100).toFixed(0)} %)` : ''}` : '']), ['r', 'r', 'l', 'l', 'l']).replace(/^/gm, '  '));
  lines.push(`  self time by source file (top ${topFiles}):`);
  lines.push(table(['self ms', 'share', 'file'], s.files.slice(0, topFiles).map((f) => [f.selfMs.toFixed(0), `${(f.share * 100).toFixed(1)} %`, f.file]), ['r', 'r', 'l']).replace(/^/gm, '  '));
  return lines.join('\n');
}
