// FileHistoryStore: the submission history on disk, shared by every VS Code window of the user.
//
// Layout (a folder of its own under the extension's global storage):
//   history.json            {"version": 1, "entries": [...]}: the index, newest first, no request texts
//   history.json.bak        the previous version of the index (a hard link, so no copy is made)
//   history.json.lock       O_EXCL lock held while a window re-reads, merges and writes the index
//   requests/<id>.json      what was sent for one entry (the Timeline cut at `maxRequestBytes`)
//   history.corrupt-<time>.json   a corrupt index, moved aside and reported
//
// Why the request texts live beside the index: every write re-reads and rewrites the index under the
// lock, and every other window re-reads it when it changes. With up to 200 timelines of up to 1 MB in
// one file that would be hundreds of MB per status update; the index stays a few hundred KB at most.
//
// Writes are atomic (temp file, fsync, rename, fsync of the folder). Each change is an operation
// (add, update, remove, clear, prune) applied to the index as it is on disk at that moment, under the
// lock, so two windows writing at once lose nothing: neither writes back a stale copy of the other's
// entries. No `vscode` import: the store is plain Node and is crash-tested as such.

import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withLock, type LockOptions } from './lock';
import type { HistoryStore, NewSubmission, SubmissionEntry, SubmissionStatus, UpdateOptions } from './model';
import type { ProduceParams } from '../../../../server/src/service';

const HISTORY_FORMAT_VERSION = 1;
const DEFAULT_MAX_ENTRIES = 200;
/** Per-field cap on stored request text (the Timeline is the one that gets this big). */
const DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

const STATUSES: ReadonlySet<string> = new Set(['submitting', 'producing', 'normal', 'failed', 'unknown']);
const ID_RE = /^[A-Za-z0-9_-]{1,80}$/;
/** A temp file older than this was left by a writer that died; younger ones may still be in use. */
const TEMP_FILE_MAX_AGE_MS = 60_000;

export type HistoryProblem =
  /** The index could not be parsed. It was moved to `backup`; `recovered` entries came from `recoveredFrom`. */
  | { kind: 'corrupt'; file: string; backup?: string; detail: string; recovered: number; recoveredFrom: 'previous-version' | 'memory' | 'none' }
  /** Some entries were malformed and left out; the whole file was copied to `backup` first. */
  | { kind: 'invalid-entries'; file: string; backup?: string; dropped: number }
  /** The index could not be read (permissions, a folder in its place, …). Nothing is written over it. */
  | { kind: 'unreadable'; file: string; detail: string; backup?: string }
  /** Written by a newer version of the extension: read, never written, until that version is gone. */
  | { kind: 'newer-version'; file: string; version: number }
  /** A change could not be saved (lock timeout, disk full, …). It is kept in memory and retried. */
  | { kind: 'write-failed'; file: string; detail: string }
  /** Changes from other windows will be picked up by polling the file instead. */
  | { kind: 'watch-failed'; detail: string };

export interface FileHistoryStoreOptions {
  /** The index file, e.g. `<globalStorage>/history/history.json`. Its folder is created when missing. */
  file: string;
  /** Keep the newest N entries (a number, or read at each write). Default 200. */
  maxEntries?: number | (() => number);
  /** Request fields longer than this many UTF-8 bytes are cut and `requestTruncated` is set. Default 1 MiB. */
  maxRequestBytes?: number;
  /** Corrupt or unreadable files, failed writes: never thrown, always reported here. */
  onProblem?: (problem: HistoryProblem) => void;
  /** Watch the folder for other windows' writes. Default true. */
  watch?: boolean;
  /** Default 100 ms. */
  watchDebounceMs?: number;
  lock?: LockOptions;
  /** Retry a failed write after this long. Default 5 s. */
  retryMs?: number;
  now?: () => number;
}

type Op =
  | { kind: 'add'; entry: SubmissionEntry }
  | { kind: 'update'; id: string; patch: Partial<SubmissionEntry>; at: string; ifStatus?: readonly SubmissionStatus[] }
  | { kind: 'remove'; id: string }
  | { kind: 'clear'; before: string }
  | { kind: 'prune' };

interface QueuedOp {
  op: Op;
  /** Result against the in-memory list (used if the write fails). */
  optimistic?: SubmissionEntry;
  /** Result against the file (set by a successful write). */
  result?: SubmissionEntry;
  written: boolean;
  resolve: () => void;
}

interface ParsedIndex {
  version: number;
  entries: SubmissionEntry[];
  dropped: number;
}

class NewerVersionError extends Error {
  constructor(readonly version: number) {
    super(`history format version ${version} is newer than ${HISTORY_FORMAT_VERSION}`);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isoTimestampForFile(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

/** Newest first; ties broken by id so every window sorts the same way. */
function sortEntries(entries: SubmissionEntry[]): SubmissionEntry[] {
  return entries.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The newer of two versions of one entry. */
function newer(a: SubmissionEntry, b: SubmissionEntry): SubmissionEntry {
  return b.updatedAt > a.updatedAt ? b : a;
}

/** Keeps only a host (and port): no scheme, credentials, path or query. */
export function sanitizeEndpoint(endpoint: string | undefined): string {
  if (!endpoint) return '';
  const raw = endpoint.trim();
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return new URL(raw).host;
  } catch {
    // fall through to the plain-text cut
  }
  return raw.replace(/^[^@/]*@/, '').split(/[/?#]/)[0];
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes on a character boundary. */
export function truncateUtf8(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { text, truncated: false };
  let end = Math.max(0, maxBytes);
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--; // never split a multi-byte character
  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}

export function capRequest(request: ProduceParams, maxBytes: number): { request: ProduceParams; truncated: boolean } {
  const out: ProduceParams = {};
  let truncated = false;
  for (const [key, value] of Object.entries(request) as [keyof ProduceParams, unknown][]) {
    if (value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const cut = truncateUtf8(text, maxBytes);
    out[key] = cut.text;
    truncated ||= cut.truncated;
  }
  return { request: out, truncated };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A well-formed entry, or undefined. Unknown fields are dropped; `request` never lives in the index. */
function validEntry(raw: unknown): SubmissionEntry | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const id = str(r.id);
  const createdAt = str(r.createdAt);
  const status = str(r.status);
  if (!id || !ID_RE.test(id) || !createdAt || Number.isNaN(Date.parse(createdAt)) || !status || !STATUSES.has(status)) return undefined;
  const e: SubmissionEntry = {
    id,
    createdAt,
    updatedAt: str(r.updatedAt) ?? createdAt,
    title: str(r.title) ?? '',
    fileName: str(r.fileName) ?? '',
    region: str(r.region) ?? '',
    endpoint: str(r.endpoint) ?? '',
    mode: str(r.mode) ?? '',
    status: status as SubmissionStatus,
  };
  const optional: Array<[keyof SubmissionEntry, unknown]> = [
    ['documentUri', str(r.documentUri)], ['appId', str(r.appId)], ['tracks', num(r.tracks)], ['clips', num(r.clips)],
    ['mediaId', str(r.mediaId)], ['projectId', str(r.projectId)], ['requestId', str(r.requestId)], ['vodStatus', str(r.vodStatus)],
    ['errorCode', str(r.errorCode)], ['errorMessage', str(r.errorMessage)], ['checkedAt', str(r.checkedAt)],
    ['requestTruncated', r.requestTruncated === true ? true : undefined],
  ];
  for (const [k, v] of optional) if (v !== undefined) (e as unknown as Record<string, unknown>)[k] = v;
  return e;
}

export function parseHistoryIndex(raw: string): ParsedIndex {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const data = JSON.parse(text) as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not a history object');
  const d = data as { version?: unknown; entries?: unknown };
  if (typeof d.version !== 'number' || !Number.isInteger(d.version) || d.version < 1) throw new Error('no format version');
  if (!Array.isArray(d.entries)) throw new Error('no entries array');
  if (d.version > HISTORY_FORMAT_VERSION) throw new NewerVersionError(d.version);
  const byId = new Map<string, SubmissionEntry>();
  let dropped = 0;
  for (const raw of d.entries) {
    const e = validEntry(raw);
    if (!e) dropped++;
    else byId.set(e.id, byId.has(e.id) ? newer(byId.get(e.id)!, e) : e);
  }
  return { version: d.version, entries: sortEntries([...byId.values()]), dropped };
}

function serializeHistoryIndex(entries: SubmissionEntry[]): string {
  return JSON.stringify({ version: HISTORY_FORMAT_VERSION, entries }, null, 1) + '\n';
}

function withoutRequest(e: Partial<SubmissionEntry>): Partial<SubmissionEntry> {
  const { request: _request, ...rest } = e;
  return rest;
}

/** Applies one operation to a list (never mutating it); returns the list and the affected entry. */
function applyOp(list: SubmissionEntry[], op: Op, maxEntries: number): { list: SubmissionEntry[]; entry?: SubmissionEntry } {
  switch (op.kind) {
    case 'add': {
      const i = list.findIndex((e) => e.id === op.entry.id);
      if (i < 0) return { list: sortEntries([...list, op.entry]), entry: op.entry };
      const kept = newer(list[i], op.entry);
      const next = list.slice();
      next[i] = kept;
      return { list: next, entry: kept };
    }
    case 'update': {
      const i = list.findIndex((e) => e.id === op.id);
      // Removed (or pruned) meanwhile, maybe by another window: an update does not bring it back.
      if (i < 0) return { list };
      const current = list[i];
      if (op.ifStatus && !op.ifStatus.includes(current.status)) return { list };
      const updated = { ...current, ...op.patch, id: current.id, createdAt: current.createdAt, updatedAt: op.at } as SubmissionEntry;
      for (const k of Object.keys(updated) as (keyof SubmissionEntry)[]) if (updated[k] === undefined) delete updated[k];
      const next = list.slice();
      next[i] = updated;
      return { list: next, entry: updated };
    }
    case 'remove':
      return { list: list.filter((e) => e.id !== op.id) };
    case 'clear':
      // Entries another window added after the user chose Clear survive it.
      return { list: list.filter((e) => e.createdAt > op.before) };
    case 'prune':
      return { list: list.slice(0, maxEntries) };
  }
}

function prune(list: SubmissionEntry[], maxEntries: number): SubmissionEntry[] {
  return list.length > maxEntries ? list.slice(0, maxEntries) : list;
}

async function fsyncFolder(folder: string): Promise<void> {
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(folder, 'r');
    await fh.sync();
  } catch {
    // Not supported everywhere (Windows): the rename itself is still atomic.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** Writes `data` to `file` atomically: temp file in the same folder, fsync, rename, fsync the folder. */
async function writeFileAtomic(file: string, data: string, beforeRename?: () => Promise<void>): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const fh = await fs.promises.open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(data, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await beforeRename?.();
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await fsyncFolder(path.dirname(file));
}

export class FileHistoryStore implements HistoryStore {
  readonly file: string;
  readonly folder: string;
  readonly requestsFolder: string;
  /** Resolves once the file has been read (or found missing/corrupt and dealt with). */
  readonly ready: Promise<void>;

  private entries: SubmissionEntry[] = [];
  private lastRaw: string | undefined;
  private readonly pending: QueuedOp[] = [];
  private chain: Promise<void> = Promise.resolve();
  private readOnly: 'newer-version' | 'unreadable' | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly unsavedRequests = new Map<string, { request: ProduceParams; truncated: boolean }>();
  private watcher: fs.FSWatcher | undefined;
  private pollingWatch = false;
  private reloadTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private writeFailureReported = false;
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly options: FileHistoryStoreOptions) {
    this.file = path.resolve(options.file);
    this.folder = path.dirname(this.file);
    this.requestsFolder = path.join(this.folder, 'requests');
    this.now = options.now ?? Date.now;
    this.ready = this.load();
  }

  static async open(options: FileHistoryStoreOptions): Promise<FileHistoryStore> {
    const store = new FileHistoryStore(options);
    await store.ready;
    return store;
  }

  // ---- HistoryStore ------------------------------------------------------------------------------

  list(): SubmissionEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  get(id: string): SubmissionEntry | undefined {
    const e = this.entries.find((x) => x.id === id);
    return e ? { ...e } : undefined;
  }

  async add(submission: NewSubmission): Promise<SubmissionEntry> {
    await this.ready;
    const at = new Date(this.now()).toISOString();
    const id = randomUUID();
    const entry = { ...withoutRequest(submission), id, createdAt: at, updatedAt: at } as SubmissionEntry;
    entry.endpoint = sanitizeEndpoint(entry.endpoint);
    if (submission.request) entry.requestTruncated = (await this.saveRequest(id, submission.request)) || undefined;
    for (const k of Object.keys(entry) as (keyof SubmissionEntry)[]) if (entry[k] === undefined) delete entry[k];
    const q = await this.enqueue({ kind: 'add', entry });
    return { ...(q.result ?? q.optimistic ?? entry) };
  }

  async update(id: string, patch: Partial<NewSubmission>, options: UpdateOptions = {}): Promise<SubmissionEntry | undefined> {
    await this.ready;
    if (!ID_RE.test(id)) return undefined;
    const clean = withoutRequest(patch) as Partial<SubmissionEntry>;
    delete clean.id;
    delete clean.createdAt;
    delete clean.updatedAt;
    if ('endpoint' in clean) clean.endpoint = sanitizeEndpoint(clean.endpoint);
    if (patch.request) clean.requestTruncated = (await this.saveRequest(id, patch.request)) || undefined;
    const q = await this.enqueue({ kind: 'update', id, patch: clean, at: new Date(this.now()).toISOString(), ifStatus: options.ifStatus });
    const result = q.written ? q.result : q.optimistic;
    return result ? { ...result } : undefined;
  }

  async remove(id: string): Promise<void> {
    await this.ready;
    await this.enqueue({ kind: 'remove', id });
  }

  async clear(): Promise<void> {
    await this.ready;
    const newest = this.entries.reduce((m, e) => (e.createdAt > m ? e.createdAt : m), new Date(this.now()).toISOString());
    await this.enqueue({ kind: 'clear', before: newest });
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** What was sent for an entry (the Timeline possibly cut: see the entry's `requestTruncated`). */
  async readRequest(id: string): Promise<ProduceParams | undefined> {
    if (!ID_RE.test(id)) return undefined;
    const unsaved = this.unsavedRequests.get(id);
    if (unsaved) return { ...unsaved.request };
    try {
      const data = JSON.parse(await fs.promises.readFile(this.requestFile(id), 'utf8')) as { request?: unknown };
      if (!data || typeof data.request !== 'object' || data.request === null) return undefined;
      const out: ProduceParams = {};
      for (const [k, v] of Object.entries(data.request as Record<string, unknown>)) if (typeof v === 'string') (out as Record<string, string>)[k] = v;
      return out;
    } catch {
      return undefined;
    }
  }

  // ---- extras ------------------------------------------------------------------------------------

  /** Applies a new `maxEntries` now (it is also applied at every write). */
  async prune(): Promise<void> {
    await this.ready;
    await this.enqueue({ kind: 'prune' });
  }

  /** Re-reads the file (e.g. when the window gets focus); true when something changed. */
  async reload(): Promise<boolean> {
    await this.ready;
    let raw: string;
    try {
      raw = await fs.promises.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || this.lastRaw === undefined) return false;
      // Deleted by hand: show what is left (nothing), keep our unsaved changes.
      this.lastRaw = undefined;
      return this.setEntries(this.withPending([]));
    }
    if (raw === this.lastRaw) return false;
    let parsed: ParsedIndex;
    try {
      parsed = parseHistoryIndex(raw);
    } catch (e) {
      if (e instanceof NewerVersionError) this.enterReadOnly('newer-version', e.version);
      // A corrupt file is dealt with (moved aside, reported) by the next write, under the lock.
      return false;
    }
    this.lastRaw = raw;
    return this.setEntries(this.withPending(parsed.entries));
  }

  /** Waits until every change made so far has been written (or has failed and been reported). */
  async flush(): Promise<void> {
    await this.ready;
    await this.chain;
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.close();
    this.watcher = undefined;
    if (this.pollingWatch) fs.unwatchFile(this.file);
    this.pollingWatch = false;
    clearTimeout(this.reloadTimer);
    clearTimeout(this.retryTimer);
    this.listeners.clear();
  }

  // ---- internals ---------------------------------------------------------------------------------

  private get maxEntries(): number {
    const m = typeof this.options.maxEntries === 'function' ? this.options.maxEntries() : this.options.maxEntries;
    return Math.max(1, Math.floor(Number.isFinite(m) ? (m as number) : DEFAULT_MAX_ENTRIES));
  }

  private report(problem: HistoryProblem): void {
    try {
      this.options.onProblem?.(problem);
    } catch {
      // a reporter's failure is not ours to crash on
    }
  }

  private fire(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // one listener's failure must not stop the others
      }
    }
  }

  private setEntries(next: SubmissionEntry[]): boolean {
    if (JSON.stringify(next) === JSON.stringify(this.entries)) return false;
    this.entries = next;
    this.fire();
    return true;
  }

  /** `list` with the changes not yet written applied on top. */
  private withPending(list: SubmissionEntry[]): SubmissionEntry[] {
    let out = list;
    for (const q of this.pending) out = applyOp(out, q.op, this.maxEntries).list;
    return prune(out, this.maxEntries);
  }

  private requestFile(id: string): string {
    return path.join(this.requestsFolder, `${id}.json`);
  }

  /** Stores the (capped) request beside the index; returns whether it was cut. */
  private async saveRequest(id: string, request: ProduceParams): Promise<boolean> {
    const capped = capRequest(request, this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES);
    if (this.readOnly) {
      this.unsavedRequests.set(id, capped);
      return capped.truncated;
    }
    try {
      await fs.promises.mkdir(this.requestsFolder, { recursive: true });
      await writeFileAtomic(this.requestFile(id), JSON.stringify({ version: HISTORY_FORMAT_VERSION, request: capped.request, truncated: capped.truncated }));
      this.unsavedRequests.delete(id);
    } catch (e) {
      this.unsavedRequests.set(id, capped);
      this.report({ kind: 'write-failed', file: this.requestFile(id), detail: errorText(e) });
    }
    return capped.truncated;
  }

  private enterReadOnly(reason: 'newer-version' | 'unreadable', version?: number, detail = ''): void {
    if (this.readOnly) return;
    this.readOnly = reason;
    if (reason === 'newer-version') this.report({ kind: 'newer-version', file: this.file, version: version ?? 0 });
    else this.report({ kind: 'unreadable', file: this.file, detail });
  }

  private async load(): Promise<void> {
    try {
      await fs.promises.mkdir(this.folder, { recursive: true });
    } catch (e) {
      this.enterReadOnly('unreadable', undefined, errorText(e));
      return;
    }
    let raw: string | undefined;
    try {
      raw = await fs.promises.readFile(this.file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        await this.handleUnreadable(e);
        this.startWatching();
        return;
      }
    }
    if (raw !== undefined) {
      try {
        const parsed = parseHistoryIndex(raw);
        this.lastRaw = raw;
        this.entries = parsed.entries;
        if (parsed.dropped > 0) await this.backUpInvalidEntries(raw, parsed.dropped);
      } catch (e) {
        if (e instanceof NewerVersionError) {
          this.enterReadOnly('newer-version', e.version);
          this.entries = this.readEntriesLeniently(raw);
        } else {
          // Recovery happens under the lock: another window may be fixing the same file right now.
          await this.writeNow([]).catch((err) => this.report({ kind: 'write-failed', file: this.file, detail: errorText(err) }));
        }
      }
    }
    await this.removeLeftovers();
    this.startWatching();
    if (this.entries.length) this.fire();
  }

  /** Best effort for a newer format: show what looks like entries, write nothing. */
  private readEntriesLeniently(raw: string): SubmissionEntry[] {
    try {
      const data = JSON.parse(raw) as { entries?: unknown[] };
      return sortEntries((data.entries ?? []).map(validEntry).filter((e): e is SubmissionEntry => e !== undefined));
    } catch {
      return [];
    }
  }

  private async handleUnreadable(e: unknown): Promise<void> {
    // Try to move it aside so the history keeps working; if even that fails, never write over it.
    const backup = this.corruptName();
    try {
      await fs.promises.rename(this.file, backup);
      this.report({ kind: 'unreadable', file: this.file, detail: errorText(e), backup });
    } catch {
      this.enterReadOnly('unreadable', undefined, errorText(e));
    }
  }

  private corruptName(): string {
    const base = path.join(this.folder, `history.corrupt-${isoTimestampForFile(this.now())}`);
    let name = `${base}.json`;
    for (let i = 1; fs.existsSync(name); i++) name = `${base}-${i}.json`;
    return name;
  }

  private async backUpInvalidEntries(raw: string, dropped: number): Promise<void> {
    const backup = this.corruptName();
    try {
      await fs.promises.writeFile(backup, raw, { flag: 'wx', mode: 0o600 });
      this.report({ kind: 'invalid-entries', file: this.file, backup, dropped });
    } catch {
      this.report({ kind: 'invalid-entries', file: this.file, dropped });
    }
  }

  /** Temp files of writers that died mid-write, and request files no entry refers to any more. */
  private async removeLeftovers(): Promise<void> {
    const now = this.now();
    const base = path.basename(this.file);
    try {
      for (const name of await fs.promises.readdir(this.folder)) {
        if (!name.startsWith(`${base}.tmp-`) && !name.startsWith(`${base}.bak.tmp-`) && !name.startsWith(`${base}.lock.tmp-`)) continue;
        const p = path.join(this.folder, name);
        const st = await fs.promises.stat(p).catch(() => undefined);
        if (st && now - st.mtimeMs > TEMP_FILE_MAX_AGE_MS) await fs.promises.rm(p, { force: true }).catch(() => undefined);
      }
    } catch {
      // nothing to clean
    }
    if (this.readOnly) return;
    try {
      const known = new Set(this.entries.map((e) => e.id));
      for (const name of await fs.promises.readdir(this.requestsFolder)) {
        const p = path.join(this.requestsFolder, name);
        const id = name.replace(/\.json$/, '');
        if (known.has(id) && name.endsWith('.json')) continue;
        const st = await fs.promises.stat(p).catch(() => undefined);
        // A day of grace: an orphan may belong to an add another window has not written yet.
        if (st && now - st.mtimeMs > 24 * 3600_000) await fs.promises.rm(p, { force: true }).catch(() => undefined);
      }
    } catch {
      // no requests folder yet
    }
  }

  private startWatching(): void {
    if (this.options.watch === false || this.disposed) return;
    const base = path.basename(this.file);
    try {
      this.watcher = fs.watch(this.folder, { persistent: false }, (_event, filename) => {
        if (!filename || filename.toString() === base) this.scheduleReload();
      });
      this.watcher.on('error', (e) => {
        this.watcher?.close();
        this.watcher = undefined;
        this.report({ kind: 'watch-failed', detail: errorText(e) });
        this.watchByPolling();
      });
    } catch (e) {
      this.report({ kind: 'watch-failed', detail: errorText(e) });
      this.watchByPolling();
    }
  }

  private watchByPolling(): void {
    if (this.disposed || this.pollingWatch) return;
    this.pollingWatch = true;
    fs.watchFile(this.file, { interval: 2000, persistent: false }, () => this.scheduleReload());
  }

  private scheduleReload(): void {
    if (this.disposed) return;
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload().catch(() => undefined), this.options.watchDebounceMs ?? 100);
    this.reloadTimer.unref?.();
  }

  private enqueue(op: Op): Promise<QueuedOp> {
    const applied = applyOp(this.entries, op, this.maxEntries);
    return new Promise<QueuedOp>((resolve) => {
      const q: QueuedOp = { op, optimistic: applied.entry, written: false, resolve: () => resolve(q) };
      this.pending.push(q);
      this.setEntries(prune(applied.list, this.maxEntries));
      this.chain = this.chain.then(() => this.flushPending());
    });
  }

  private async flushPending(): Promise<void> {
    if (!this.pending.length) return;
    const batch = this.pending.splice(0);
    if (this.readOnly) {
      if (!this.writeFailureReported) {
        this.writeFailureReported = true;
        this.report({ kind: 'write-failed', file: this.file, detail: `the history file is ${this.readOnly === 'newer-version' ? 'from a newer version of the extension' : 'unreadable'}; changes are kept in this window only` });
      }
      for (const q of batch) q.resolve();
      return;
    }
    try {
      await this.writeNow(batch);
      this.writeFailureReported = false;
      for (const q of batch) {
        q.written = true;
        q.resolve();
      }
    } catch (e) {
      this.pending.unshift(...batch);
      if (!this.writeFailureReported) {
        this.writeFailureReported = true;
        this.report({ kind: 'write-failed', file: this.file, detail: errorText(e) });
      }
      for (const q of batch) q.resolve();
      clearTimeout(this.retryTimer);
      if (!this.disposed) {
        this.retryTimer = setTimeout(() => { this.chain = this.chain.then(() => this.flushPending()); }, this.options.retryMs ?? 5000);
        this.retryTimer.unref?.();
      }
    }
  }

  /** Under the lock: re-read the file, apply `batch` to it, prune, write it back atomically. */
  private async writeNow(batch: QueuedOp[]): Promise<void> {
    await fs.promises.mkdir(this.folder, { recursive: true });
    const { written, removed } = await withLock(`${this.file}.lock`, async () => {
      const disk = await this.readForWrite();
      const before = new Set(disk.entries.map((e) => e.id));
      let list = disk.entries;
      for (const q of batch) {
        const r = applyOp(list, q.op, this.maxEntries);
        list = r.list;
        q.result = r.entry;
        if (q.op.kind === 'add') before.add(q.op.entry.id);
      }
      list = prune(list, this.maxEntries);
      const raw = serializeHistoryIndex(list);
      if (raw !== disk.raw) {
        await writeFileAtomic(this.file, raw, () => this.keepPreviousVersion(disk.raw !== undefined));
      }
      const kept = new Set(list.map((e) => e.id));
      return { written: { raw, list }, removed: [...before].filter((id) => !kept.has(id)) };
    }, this.options.lock);
    this.lastRaw = written.raw;
    this.setEntries(this.withPending(written.list));
    for (const id of removed) {
      this.unsavedRequests.delete(id);
      await fs.promises.rm(this.requestFile(id), { force: true }).catch(() => undefined);
    }
  }

  /** history.json.bak: the version about to be replaced (a hard link; a copy where links fail). */
  private async keepPreviousVersion(exists: boolean): Promise<void> {
    if (!exists) return;
    const bak = `${this.file}.bak`;
    const tmp = `${bak}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      try {
        await fs.promises.link(this.file, tmp);
      } catch {
        await fs.promises.copyFile(this.file, tmp);
      }
      await fs.promises.rename(tmp, bak);
    } catch {
      await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    }
  }

  /** The file's entries for a write; a corrupt file is moved aside and recovered from. */
  private async readForWrite(): Promise<{ entries: SubmissionEntry[]; raw?: string }> {
    let raw: string;
    try {
      raw = await fs.promises.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [] };
      throw e;
    }
    try {
      return { entries: parseHistoryIndex(raw).entries, raw };
    } catch (e) {
      if (e instanceof NewerVersionError) {
        this.enterReadOnly('newer-version', e.version);
        throw e;
      }
      return { entries: await this.recoverFromCorrupt(errorText(e)) };
    }
  }

  private async recoverFromCorrupt(detail: string): Promise<SubmissionEntry[]> {
    const backup = this.corruptName();
    let moved: string | undefined;
    try {
      await fs.promises.rename(this.file, backup);
      moved = backup;
    } catch {
      // keep going: the write replaces it, and the report says no backup was made
    }
    // The previous version (kept at every write) and what this window holds, newest version of each entry.
    let previous: SubmissionEntry[] = [];
    try {
      previous = parseHistoryIndex(await fs.promises.readFile(`${this.file}.bak`, 'utf8')).entries;
    } catch {
      previous = [];
    }
    const byId = new Map<string, SubmissionEntry>();
    for (const e of [...previous, ...this.entries]) byId.set(e.id, byId.has(e.id) ? newer(byId.get(e.id)!, e) : e);
    const recovered = sortEntries([...byId.values()]);
    this.report({
      kind: 'corrupt', file: this.file, backup: moved, detail, recovered: recovered.length,
      recoveredFrom: previous.length ? 'previous-version' : this.entries.length ? 'memory' : 'none',
    });
    // The corrupt file is gone from its place: a new previous version must not be linked to it.
    return recovered;
  }
}
