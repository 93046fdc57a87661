// Opt-in profiling of one step of a host test (`node scripts/host/run.mjs --profile`): a CPU profile of
// the extension host (this process, through node:inspector) and a Chromium trace of the browser (asked
// of the runner through the console, see traceOnRequest in scripts/host/run.mjs). Without --profile it
// only runs the step. scripts/host/profile-summary.mjs reads what it writes.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const dir = process.env.VOD_TIMELINE_HOST_PROFILE || '';

/** Monotonic microseconds: the clock of V8's profiles and of Chromium's trace on Linux (CLOCK_MONOTONIC). */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

async function answer(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`profile: no answer from the runner (${path.basename(file)}) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const text = fs.readFileSync(file, 'utf8');
  if (text.startsWith('error')) throw new Error(`profile: ${text}`);
}

function post<T>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
}

/**
 * The extension host's event loop and its libuv thread pool, every 20 ms: how late a timer fires, and how
 * long a tiny zlib deflate (the web socket to the workbench is compressed on that pool) and an fs.stat take.
 */
function sampleLatencies(): { stop(): { at: number; timerLate: number; deflate: number; stat: number }[] } {
  const out: { at: number; timerLate: number; deflate: number; stat: number }[] = [];
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const at = monotonicUs();
    const due = at + 20000;
    const row = { at, timerLate: 0, deflate: -1, stat: -1 };
    out.push(row);
    zlib.deflateRaw(Buffer.from('x'), () => { row.deflate = (monotonicUs() - at) / 1000; });
    fs.stat(__filename, () => { row.stat = (monotonicUs() - at) / 1000; });
    setTimeout(() => { row.timerLate = (monotonicUs() - due) / 1000; tick(); }, 20);
  };
  tick();
  return { stop: () => { stopped = true; return out; } };
}

/**
 * Every write on a socket of this process (the web socket to the workbench, the language server's pipe):
 * when, how many bytes, and how many were still queued in the process (the peer not reading).
 */
function recordSocketWrites(): { stop(): { at: number; bytes: number; queued: number; fd: number }[] } {
  const out: { at: number; bytes: number; queued: number; fd: number }[] = [];
  const proto = net.Socket.prototype as unknown as { write: (...a: unknown[]) => boolean };
  const original = proto.write;
  proto.write = function (this: net.Socket, ...a: unknown[]) {
    const chunk = a[0] as { length?: number } | undefined;
    const ok = original.apply(this, a);
    out.push({ at: monotonicUs(), bytes: chunk?.length ?? 0, queued: this.writableLength, fd: (this as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1 });
    return ok;
  };
  return { stop: () => { proto.write = original; return out; } };
}

/**
 * CPU time of every process on the machine (Linux /proc), every 100 ms: which of the browser's, VS Code's,
 * the language server's (or someone else's on a shared machine) processes had the cores.
 */
function sampleProcessCpu(): { stop(): { at: number; ticks: Record<string, number> }[] & { names?: Record<string, string> } } {
  const rows: { at: number; ticks: Record<string, number> }[] = [];
  const names: Record<string, string> = {};
  let stopped = false;
  const read = () => {
    const ticks: Record<string, number> = {};
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks[pid] = Number(f[11]) + Number(f[12]);
        if (!(pid in names)) names[pid] = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 160);
      } catch {
        // gone meanwhile
      }
    }
    rows.push({ at: monotonicUs(), ticks });
  };
  const timer = setInterval(() => { if (!stopped) read(); }, 100);
  read();
  return { stop: () => { stopped = true; clearInterval(timer); read(); return Object.assign(rows, { names }); } };
}

/**
 * Runs `step` inside both profiles when profiling is on; `marks` (monotonic µs, see monotonicUs) go into
 * NAME-marks.json so the summary can place the step's phases on the trace.
 */
export async function profiled<T>(name: string, step: (marks: Record<string, number>) => Promise<T>): Promise<T> {
  const marks: Record<string, number> = {};
  if (!dir) return step(marks);
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 500 });
  console.log(`vod-timeline-profile start ${name}`);
  await answer(path.join(dir, `${name}.started`), 15000);
  await post(session, 'Profiler.start');
  const lag = sampleLatencies();
  const writes = recordSocketWrites();
  const cpu = sampleProcessCpu();
  marks.start = monotonicUs();
  // Epoch ms = (monotonic µs + epochOffsetUs) / 1000: for logs stamped with Date.now() (the RPC log).
  marks.epochOffsetUs = Date.now() * 1000 - monotonicUs();
  try {
    return await step(marks);
  } finally {
    marks.end = monotonicUs();
    fs.writeFileSync(path.join(dir, `${name}-exthost-latency.json`), JSON.stringify(lag.stop()));
    fs.writeFileSync(path.join(dir, `${name}-exthost-writes.json`), JSON.stringify(writes.stop()));
    const cpuRows = cpu.stop();
    fs.writeFileSync(path.join(dir, `${name}-cpu.json`), JSON.stringify({ rows: cpuRows, names: cpuRows.names }));
    const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
    session.disconnect();
    fs.writeFileSync(path.join(dir, `${name}-exthost.cpuprofile`), JSON.stringify(profile));
    fs.writeFileSync(path.join(dir, `${name}-marks.json`), JSON.stringify(marks, null, 1));
    console.log(`vod-timeline-profile stop ${name}`);
    await answer(path.join(dir, `${name}.stopped`), 60000);
  }
}
