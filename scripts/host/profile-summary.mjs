// Summarises what `node scripts/host/run.mjs --profile` recorded around a step (test/host/profile.ts):
// per browser thread the busy time, the long tasks and the JS functions that used the CPU, and the same for
// the extension host, all placed against the step's marks (ms after `open`).
//   node scripts/host/profile-summary.mjs [artifacts/host/profile] [NAME] [--top=N] [--until=MARK]
// --until: the window ends at that mark (default: webviewPage, else the end of the step).
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const flags = Object.fromEntries(args.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')));
const [dir = 'artifacts/host/profile', only] = args.filter((a) => !a.startsWith('--'));
const TOP = Number(flags.top ?? 15);

const names = only ? [only] : fs.readdirSync(dir).filter((f) => f.endsWith('-marks.json')).map((f) => f.replace(/-marks\.json$/, ''));

function summarise(name) {
  const marks = JSON.parse(fs.readFileSync(path.join(dir, `${name}-marks.json`), 'utf8'));
  const origin = marks.open ?? marks.start;
  const until = marks[flags.until ?? 'webviewPage'] ?? marks.end;
  const ms = (us) => ((us - origin) / 1000).toFixed(0);
  console.log(`\n=== ${name}: marks (ms after open): ${Object.entries(marks).filter(([k, v]) => !k.startsWith('epoch') && v !== null && v !== undefined).map(([k, v]) => `${k} ${ms(v)}`).join(', ')}`);
  console.log(`window: open → ${flags.until ?? (marks.webviewPage ? 'webviewPage' : 'end')} (${((until - origin) / 1000).toFixed(0)} ms)`);

  const tracePath = path.join(dir, `${name}-renderer.trace.json`);
  if (fs.existsSync(tracePath)) browserSummary(JSON.parse(fs.readFileSync(tracePath, 'utf8')), origin, until, ms);
  const cpu = path.join(dir, `${name}-exthost.cpuprofile`);
  if (fs.existsSync(cpu)) {
    const p = JSON.parse(fs.readFileSync(cpu, 'utf8'));
    console.log('\n-- extension host (node:inspector CPU profile)');
    profileSummary(p.nodes, p.samples, p.timeDeltas, p.startTime, origin, until);
  }
  const cpuFile = path.join(dir, `${name}-cpu.json`);
  if (fs.existsSync(cpuFile)) {
    console.log('\n-- CPU of every process (/proc)');
    cpuSummary(JSON.parse(fs.readFileSync(cpuFile, 'utf8')), origin, until);
  }
  const lat = path.join(dir, `${name}-exthost-latency.json`);
  if (fs.existsSync(lat)) {
    console.log('\n-- extension host latencies');
    latencySummary(JSON.parse(fs.readFileSync(lat, 'utf8')), origin);
  }
}

function browserSummary(trace, origin, until, ms) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const threadName = new Map();
  const processName = new Map();
  const labels = new Map();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
    if (e.name === 'process_name') processName.set(e.pid, e.args.name);
    if (e.name === 'process_labels') labels.set(e.pid, e.args.labels);
  }
  const label = (pid, tid) => `${processName.get(pid) ?? 'pid'} ${pid}${labels.get(pid) ? ` (${labels.get(pid)})` : ''} / ${threadName.get(`${pid}:${tid}`) ?? tid}`;
  // Frames (URL → process) help tell the workbench's renderer from the webviews'.
  const frames = new Map();
  for (const e of events) {
    const d = e.args?.data;
    if (d?.frames) for (const f of d.frames) if (f.url) frames.set(`${f.processId ?? e.pid}`, [...new Set([...(frames.get(`${f.processId ?? e.pid}`) ?? []), f.url.slice(0, 90)])]);
    if ((e.name === 'FrameCommittedInBrowser' || e.name === 'CommitLoad') && d?.url) {
      const pid = String(d.processId ?? e.pid);
      frames.set(pid, [...new Set([...(frames.get(pid) ?? []), d.url.slice(0, 90)])]);
    }
  }
  console.log('\n-- browser processes and their frames');
  for (const [pid, urls] of frames) console.log(`  pid ${pid}: ${urls.slice(0, 6).join(' | ')}`);

  const inWindow = (e) => e.ts + (e.dur ?? 0) >= origin && e.ts <= until;
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && inWindow(e));
  const busy = new Map();
  for (const t of tasks) {
    const k = `${t.pid}:${t.tid}`;
    const clipped = Math.min(t.ts + t.dur, until) - Math.max(t.ts, origin);
    busy.set(k, (busy.get(k) ?? 0) + clipped);
  }
  console.log('\n-- busy threads in the window (top-level tasks)');
  for (const [k, us] of [...busy].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
    const [pid, tid] = k.split(':').map(Number);
    console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms  ${label(pid, tid)}`);
  }
  const INTERESTING = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'ParseHTML', 'Layout', 'UpdateLayoutTree', 'Paint', 'MajorGC', 'MinorGC',
    'V8.GC_MARK_COMPACTOR', 'V8.GC_SCAVENGER', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'XHRReadyStateChange', 'ResourceReceivedData', 'ParseAuthorStyleSheet',
    'v8.run', 'V8.ParseLazy', 'PrePaint', 'Commit', 'HitTest', 'ScheduleStyleRecalculation', 'RunMicrotasks', 'v8.callFunction', 'UpdateLayerTree']);
  const long = tasks.filter((t) => t.dur >= 30000).sort((a, b) => a.ts - b.ts);
  console.log(`\n-- tasks ≥ 30 ms in the window (${long.length}); inside each, its largest events`);
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !INTERESTING.has(e.name) || !inWindow(e)) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  for (const t of long) {
    const inner = (byThread.get(`${t.pid}:${t.tid}`) ?? []).filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur + 1).sort((a, b) => b.dur - a.dur).slice(0, 4);
    const what = inner.map((e) => {
      const d = e.args?.data ?? {};
      const where = d.functionName || d.url ? ` ${d.functionName ?? ''}${d.url ? ` ${d.url.replace(/^.*\//, '').slice(0, 50)}:${d.lineNumber ?? ''}` : ''}` : d.type ? ` ${d.type}` : '';
      return `${e.name}${where} ${(e.dur / 1000).toFixed(0)}`;
    }).join('; ');
    console.log(`  at ${ms(t.ts).padStart(5)} ms ${(t.dur / 1000).toFixed(0).padStart(5)} ms  ${threadName.get(`${t.pid}:${t.tid}`) ?? t.tid}@${t.pid}  ${what}`);
  }

  // JS samples (disabled-by-default-v8.cpu_profiler): one Profile + ProfileChunks per thread.
  const profiles = new Map();
  for (const e of events) {
    if (e.name === 'Profile') profiles.set(`${e.pid}:${e.id}`, { pid: e.pid, tid: e.tid, start: e.args.data.startTime, nodes: [], samples: [], deltas: [] });
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    const c = e.args.data.cpuProfile ?? {};
    if (c.nodes) p.nodes.push(...c.nodes);
    if (c.samples) p.samples.push(...c.samples);
    if (e.args.data.timeDeltas) p.deltas.push(...e.args.data.timeDeltas);
  }
  for (const p of profiles.values()) {
    if (p.samples.length < 20) continue;
    console.log(`\n-- JS samples: ${label(p.pid, p.tid)}`);
    profileSummary(p.nodes, p.samples, p.deltas, p.start, origin, until);
    if (threadName.get(`${p.pid}:${p.tid}`) === 'CrRendererMain') byFeature(p.nodes, p.samples, p.deltas, p.start, origin, until);
  }
}

/** What the workbench's thread was busy with, by the first matching function on each sample's stack. */
const FEATURES = [
  [/\$createWebviewPanel|openWebview/, 'creating the webview panel'],
  [/setTokensAndStates/, 'TextMate tokens from the worker'],
  [/parseDocumentFromTextBuffer|getBracketsInRange|BracketPair/, 'bracket pairs'],
  [/_onRenderScheduled|setFontInfo|renderLines|renderText/, 'editor layout and rendering'],
  [/CodeLens|codeLens/, 'CodeLens'],
  [/[Ff]olding/, 'folding'],
  [/Outline|Breadcrumb|DocumentSymbol/, 'symbols (outline, breadcrumbs)'],
  [/[Mm]arker|Diagnostics/, 'diagnostics'],
  [/[Ww]ebview|HostMessaging/, 'webview frames'],
  [/^\(garbage collector\)$/, 'garbage collection'],
  [/^n\.onmessage$/, 'worker messages (deserialising)'],
  [/_fileReader|_socketMessageListener|_receiveOneMessage/, 'messages from the server side'],
];

function byFeature(nodes, samples, deltas, start, origin, until) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) {
    for (const c of n.children ?? []) parent.set(c, n.id);
    if (n.parent !== undefined) parent.set(n.id, n.parent);
  }
  const total = new Map();
  let t = start;
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    if (t < origin || t > until) continue;
    const dt = (deltas[i + 1] ?? 0) / 1000;
    const names = [];
    for (let id = samples[i]; id !== undefined; id = parent.get(id)) names.push(byId.get(id)?.callFrame?.functionName ?? '');
    if (/^\((idle|program)\)$/.test(names[0])) continue;
    // Outermost match first: the feature that asked for the work, not a helper it called.
    const stack = names.reverse();
    let feature = 'other';
    for (const [re, name] of FEATURES) if (stack.some((f) => re.test(f))) { feature = name; break; }
    total.set(feature, (total.get(feature) ?? 0) + dt);
  }
  console.log('  by feature (first match in FEATURES order):');
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1])) console.log(`    ${v.toFixed(0).padStart(6)} ms  ${k}`);
}

/** Self time per function in [origin, until], and the busy (non-idle) time per 100 ms. */
function profileSummary(nodes, samples, deltas, start, origin, until) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) {
    for (const c of n.children ?? []) parent.set(c, n.id);
    if (n.parent !== undefined) parent.set(n.id, n.parent);
  }
  const fn = (n) => {
    const f = n.callFrame ?? {};
    const file = (f.url ?? '').replace(/^.*\//, '');
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${(f.lineNumber ?? -1) + 1}` : ''}`;
  };
  const self = new Map();
  const incl = new Map();
  const buckets = new Map();
  let t = start;
  let total = 0;
  let idle = 0;
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    const dt = (deltas[i + 1] ?? 0) / 1000;
    if (t < origin || t > until) continue;
    const n = byId.get(samples[i]);
    if (!n) continue;
    const name = fn(n);
    total += dt;
    if (/^\((idle|program)\)/.test(name)) { idle += dt; continue; }
    self.set(name, (self.get(name) ?? 0) + dt);
    const b = Math.floor((t - origin) / 100000);
    buckets.set(b, (buckets.get(b) ?? 0) + dt);
    const seen = new Set();
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const nn = byId.get(id);
      if (!nn) break;
      const k = fn(nn);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + dt);
    }
  }
  console.log(`  sampled ${total.toFixed(0)} ms in the window, of which idle/program ${idle.toFixed(0)} ms`);
  console.log(`  busy per 100 ms after open: ${[...buckets].sort((a, b) => a[0] - b[0]).map(([b, v]) => `${b * 100}:${v.toFixed(0)}`).join(' ')}`);
  console.log('  self time:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`    ${v.toFixed(1).padStart(7)} ms  ${k}`);
  console.log('  inclusive time:');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).filter(([k]) => !/^\((root|program|idle)\)/.test(k)).slice(0, TOP)) console.log(`    ${v.toFixed(1).padStart(7)} ms  ${k}`);
}

/** test/host/profile.ts's latency samples of the extension host, per 250 ms: the worst of each. */
function latencySummary(rows, origin) {
  const buckets = new Map();
  for (const r of rows) {
    const b = Math.floor((r.at - origin) / 250000);
    const cur = buckets.get(b) ?? { timerLate: 0, deflate: 0, stat: 0, lost: 0 };
    cur.timerLate = Math.max(cur.timerLate, r.timerLate);
    if (r.deflate < 0 || r.stat < 0) cur.lost++;
    cur.deflate = Math.max(cur.deflate, r.deflate);
    cur.stat = Math.max(cur.stat, r.stat);
    buckets.set(b, cur);
  }
  console.log('  worst per 250 ms after open (ms): timer late / zlib deflate / fs.stat (unanswered)');
  for (const [b, v] of [...buckets].sort((a, c) => a[0] - c[0])) console.log(`    ${String(b * 250).padStart(5)}: ${v.timerLate.toFixed(0).padStart(5)} ${v.deflate.toFixed(0).padStart(6)} ${v.stat.toFixed(0).padStart(6)}${v.lost ? ` (${v.lost})` : ''}`);
}

/** CPU per process (test/host/profile.ts's /proc samples) over [origin, until], and per 500 ms for the top ones. */
function cpuSummary({ rows, names }, origin, until) {
  const inside = rows.filter((r) => r.at >= origin - 100000 && r.at <= until + 100000);
  if (inside.length < 2) return;
  const first = inside[0];
  const last = inside[inside.length - 1];
  const tick = 10; // ms per clock tick (USER_HZ 100)
  const used = Object.keys(last.ticks).map((pid) => [pid, (last.ticks[pid] - (first.ticks[pid] ?? last.ticks[pid])) * tick]).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const wall = (last.at - first.at) / 1000;
  console.log(`  ${wall.toFixed(0)} ms wall; CPU ms per process (2 cores = ${(2 * wall).toFixed(0)} ms available):`);
  const label = (pid) => (names[pid] ?? '').replace(/--[a-z-]+=\S+/g, (m) => (m.startsWith('--type=') || m.startsWith('--utility-sub-type=') ? m : '')).replace(/\s+/g, ' ').slice(0, 110);
  for (const [pid, v] of used.slice(0, 14)) console.log(`    ${String(v).padStart(6)}  ${pid.padStart(7)} ${label(pid)}`);
  const top = used.slice(0, 6).map(([pid]) => pid);
  console.log(`  per 500 ms (ms CPU of: ${top.join(', ')})`);
  for (let t = first.at; t < last.at; t += 500000) {
    const a = inside.filter((r) => r.at >= t)[0];
    const b = inside.filter((r) => r.at <= t + 500000).pop();
    if (!a || !b || b === a) continue;
    console.log(`    ${String(Math.round((t - origin) / 1000)).padStart(5)}: ${top.map((pid) => String(((b.ticks[pid] ?? 0) - (a.ticks[pid] ?? 0)) * tick).padStart(5)).join(' ')}`);
  }
}

for (const name of names) summarise(name);
