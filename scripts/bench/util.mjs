// Shared helpers of the benchmarks: statistics, machine facts, process memory, JSON pointer lookup in
// text, and the check that the diagnostics cover every injected error.

import fs from 'node:fs';
import os from 'node:os';

// ---- statistics -----------------------------------------------------------------------------------
export function stats(samples) {
  const v = samples.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (!v.length) return null;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return { median: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, min: s[0], max: s[s.length - 1], n: s.length, samples: v };
}

/** Milliseconds for a table: 3 significant digits, at least one decimal below 100. */
export function ms(x) {
  if (x == null || !Number.isFinite(x)) return 'n/a';
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

export const mib = (kib) => (kib == null ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`);
export const ratioText = (x) => (x == null || !Number.isFinite(x) ? 'n/a' : `${x < 0.095 ? x.toPrecision(2) : x.toFixed(2)}×`);

/** `ok`/`MISSED` against an upper bound. */
export const verdict = (value, limit) => (value == null || !Number.isFinite(value) ? 'n/a' : value <= limit ? 'ok' : 'MISSED');

export function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i] ?? '').length)));
  const cell = (v, i) => (align?.[i] === 'l' ? String(v ?? '').padEnd(widths[i]) : String(v ?? '').padStart(widths[i]));
  const line = (r) => r.map(cell).join('  ').replace(/\s+$/, '');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---- machine --------------------------------------------------------------------------------------
export function machineFacts() {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cores: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function machineLine(m, when = '') {
  return `node ${m.node} (V8 ${m.v8}), ${m.platform}, ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB; load average${when} ${m.loadavg.join(' ')}`;
}

// ---- process memory (Linux /proc) ------------------------------------------------------------------
function statusKiB(pid, field) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The process and all its descendants. */
export function processTree(root) {
  const children = new Map();
  let entries = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [root];
  }
  for (const d of entries) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* the process is gone */
    }
  }
  const out = [];
  const todo = [root];
  while (todo.length) {
    const p = todo.pop();
    out.push(p);
    for (const c of children.get(p) ?? []) todo.push(c);
  }
  return out;
}

/** Peak RSS (VmHWM) and current RSS summed over the process tree, in KiB; null without /proc. */
export function treeMemory(pid) {
  let peak = 0;
  let rss = 0;
  let processes = 0;
  for (const p of processTree(pid)) {
    const hwm = statusKiB(p, 'VmHWM');
    if (hwm == null) continue;
    processes++;
    peak += hwm;
    rss += statusKiB(p, 'VmRSS') ?? 0;
  }
  return processes ? { peakKiB: peak, rssKiB: rss, processes } : null;
}

/** This process's peak RSS in KiB (VmHWM, or resourceUsage where there is no /proc). */
export function selfPeakKiB() {
  return statusKiB('self', 'VmHWM') ?? process.resourceUsage().maxRSS;
}

// ---- positions -------------------------------------------------------------------------------------
export function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** LSP position (UTF-16 code units, which are JS string indices) of an offset. */
export function positionAt(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function offsetAt(starts, position) {
  const line = Math.max(0, Math.min(position.line, starts.length - 1));
  return starts[line] + position.character;
}

// ---- JSON pointers in text --------------------------------------------------------------------------
const decodeSegment = (s) => s.replace(/~1/g, '/').replace(/~0/g, '~');
const encodeSegment = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * One pass over JSON text; for every wanted pointer the offsets of its member: keyStart/keyEnd (the
 * quoted key; -1 for array items and the root), start/end (the value). Pointers not found are absent.
 */
export function locatePointers(text, pointers) {
  const wanted = new Set(pointers);
  const prefixes = new Set(['']);
  for (const p of pointers) {
    const segs = p === '' ? [] : p.slice(1).split('/').map(decodeSegment);
    let acc = '';
    for (const s of segs) {
      acc += '/' + encodeSegment(s);
      prefixes.add(acc);
    }
  }
  const found = new Map();
  const n = text.length;
  let i = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const skipString = () => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 34) {
        i++;
        return;
      } else i++;
    }
  };
  // Skips a value without descending: used for subtrees no wanted pointer goes into.
  const skipValue = () => {
    const c = text.charCodeAt(i);
    if (c === 34) return skipString();
    if (c === 123 || c === 91) {
      let depth = 0;
      while (i < n) {
        const k = text.charCodeAt(i);
        if (k === 34) {
          skipString();
          continue;
        }
        if (k === 123 || k === 91) depth++;
        else if (k === 125 || k === 93) {
          depth--;
          if (depth === 0) {
            i++;
            return;
          }
        }
        i++;
      }
      return;
    }
    while (i < n && !',]} \n\r\t'.includes(text[i])) i++;
  };
  const value = (ptr, keyStart, keyEnd) => {
    ws();
    const start = i;
    const c = text.charCodeAt(i);
    if (!prefixes.has(ptr)) skipValue();
    else if (c === 123) {
      i++;
      for (;;) {
        ws();
        if (text.charCodeAt(i) === 125 || i >= n) {
          i++;
          break;
        }
        const ks = i;
        skipString();
        const ke = i;
        const key = JSON.parse(text.slice(ks, ke));
        ws();
        i++; // ':'
        value(`${ptr}/${encodeSegment(key)}`, ks, ke);
        ws();
        if (text.charCodeAt(i) === 44) i++;
      }
    } else if (c === 91) {
      i++;
      for (let k = 0; ; k++) {
        ws();
        if (text.charCodeAt(i) === 93 || i >= n) {
          i++;
          break;
        }
        value(`${ptr}/${k}`, -1, -1);
        ws();
        if (text.charCodeAt(i) === 44) i++;
      }
    } else skipValue();
    if (wanted.has(ptr)) found.set(ptr, { keyStart, keyEnd, start, end: i });
  };
  value('', -1, -1);
  return found;
}

// ---- injected errors vs diagnostics ----------------------------------------------------------------
/**
 * For each injected error (pointer, kind): the diagnostics (offset ranges) that cover its member, i.e.
 * overlap [key start, value end]. A zero-length diagnostic counts when it sits inside that span.
 * Returns { covered, missing: [error], matches: [{ error, diagnostics }] }.
 */
export function coverage(text, errors, diagnostics) {
  const where = locatePointers(text, errors.map((e) => e.pointer));
  const matches = [];
  const missing = [];
  for (const e of errors) {
    const loc = where.get(e.pointer);
    if (!loc) {
      missing.push({ ...e, why: 'pointer not found in the text' });
      continue;
    }
    const from = loc.keyStart >= 0 ? loc.keyStart : loc.start;
    const to = loc.end;
    const hits = diagnostics.filter((d) => (d.end > d.start ? d.start < to && d.end > from : d.start >= from && d.start <= to));
    if (hits.length) matches.push({ error: e, diagnostics: hits });
    else missing.push(e);
  }
  return { covered: matches.length, total: errors.length, missing, matches };
}
