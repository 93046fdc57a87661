// The upload journal: one small JSON file per upload in a folder, written before VOD is asked for
// anything and after every finished part, so that a window closed (or a CLI killed) mid-upload leaves an
// entry that says what exists in VOD and how far the file got: enough to resume without re-sending the
// finished parts, or to remove the media record. It never holds the upload credential or address.
// Plain Node; the extension (globalStorage) and the CLI (a state folder) both use it.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { UploadKind } from './plan';

export type UploadState =
  /** CreateUpload* is being asked: a record may or may not exist yet. */
  | 'creating'
  /** The record exists; the file is being sent. */
  | 'uploading'
  /** The file is in VOD (the media's own status is `vodStatus`). */
  | 'uploaded'
  /** Stopped by the user: the record exists without its file, unless it was removed. */
  | 'cancelled'
  | 'failed';

export interface UploadCheckpoint {
  uploadId: string;
  partSize: number;
  doneParts: Array<{ number: number; etag: string }>;
}

export interface UploadEntry {
  /** Local ID (never a VOD ID). */
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Absolute path of the local file. */
  file: string;
  fileName: string;
  size: number;
  mtimeMs: number;
  /** SHA-256 of the file (hex), for the duplicate warning. */
  sha256?: string;
  kind: UploadKind;
  title: string;
  region: string;
  /** API endpoint host (no credentials). */
  endpoint: string;
  appId?: string;
  cateId?: number;
  storageLocation?: string;
  mediaId?: string;
  /** The OSS object key the record's address names (to check that a resume writes the same object). */
  object?: string;
  state: UploadState;
  /** Multipart progress (the parts OSS has confirmed). */
  checkpoint?: UploadCheckpoint;
  bytesDone: number;
  /** The process that writes this entry, and its host: a dead writer means an interrupted upload. */
  pid: number;
  host: string;
  /** The media's VOD status once uploaded (Uploading, Normal, …), and when it was read. */
  vodStatus?: string;
  checkedAt?: string;
  errorCode?: string;
  errorMessage?: string;
  /** The record was deleted in VOD (cleanup): nothing is left there. */
  removed?: boolean;
}

export type NewUploadEntry = Omit<UploadEntry, 'id' | 'createdAt' | 'updatedAt' | 'pid' | 'host' | 'bytesDone' | 'state'> & Partial<Pick<UploadEntry, 'state' | 'bytesDone'>>;

/** Entries older than this are dropped (finished ones: kept this long for the duplicate warning). */
export const JOURNAL_KEEP_DAYS = 30;
/** An entry of a live process that has not moved for this long is taken as interrupted. */
export const STALE_MS = 120_000;

function isoNow(now: number): string {
  return new Date(now).toISOString();
}

export interface UploadJournalOptions {
  now?: () => number;
  /** Whether a process is alive (tests). Default: signal 0. */
  isAlive?: (pid: number) => boolean;
}

function defaultIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class UploadJournal {
  private readonly now: () => number;
  private readonly isAlive: (pid: number) => boolean;

  constructor(readonly dir: string, options: UploadJournalOptions = {}) {
    this.now = options.now ?? Date.now;
    this.isAlive = options.isAlive ?? defaultIsAlive;
  }

  private fileOf(id: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`Not an upload journal ID: ${id}`);
    return path.join(this.dir, `${id}.json`);
  }

  private write(entry: UploadEntry): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.fileOf(entry.id);
    // Write then rename: a crash leaves the old entry or the new one, never half of one.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entry, null, 1), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  add(init: NewUploadEntry): UploadEntry {
    const at = isoNow(this.now());
    const entry: UploadEntry = {
      state: 'creating', bytesDone: 0, ...init, id: `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`, createdAt: at, updatedAt: at,
      pid: process.pid, host: os.hostname(),
    };
    this.write(entry);
    return entry;
  }

  get(id: string): UploadEntry | undefined {
    try {
      const e = JSON.parse(fs.readFileSync(this.fileOf(id), 'utf8')) as UploadEntry;
      return e && typeof e.id === 'string' ? e : undefined;
    } catch {
      return undefined;
    }
  }

  /** Applies `patch` and stamps the entry as this process's. Undefined when the entry is gone. */
  update(id: string, patch: Partial<Omit<UploadEntry, 'id' | 'createdAt'>>): UploadEntry | undefined {
    const e = this.get(id);
    if (!e) return undefined;
    const next: UploadEntry = { ...e, ...patch, id: e.id, createdAt: e.createdAt, updatedAt: isoNow(this.now()), pid: process.pid, host: os.hostname() };
    this.write(next);
    return next;
  }

  remove(id: string): void {
    try {
      fs.unlinkSync(this.fileOf(id));
    } catch {
      // Already gone.
    }
  }

  /** Every entry, newest first; unreadable files and entries past the keep period are dropped. */
  list(): UploadEntry[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    const cutoff = this.now() - JOURNAL_KEEP_DAYS * 86400_000;
    const out: UploadEntry[] = [];
    for (const n of names) {
      if (!n.endsWith('.json')) continue;
      const e = this.get(n.slice(0, -5));
      if (!e) continue;
      if (Date.parse(e.updatedAt) < cutoff && !this.isOpen(e)) {
        this.remove(e.id);
        continue;
      }
      out.push(e);
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  /** Not finished (creating or uploading). */
  isOpen(e: UploadEntry): boolean {
    return e.state === 'creating' || e.state === 'uploading';
  }

  /** Open, but nobody is carrying it on: its process is gone, or it has not moved for STALE_MS. */
  isInterrupted(e: UploadEntry): boolean {
    if (!this.isOpen(e)) return false;
    if (e.host === os.hostname() && e.pid !== process.pid && !this.isAlive(e.pid)) return true;
    return this.now() - Date.parse(e.updatedAt) > STALE_MS;
  }

  /** A finished upload of a file with the same size and hash (the newest), for the duplicate warning. */
  findDuplicate(size: number, sha256: string, exceptId?: string): UploadEntry | undefined {
    return this.list().find((e) => e.id !== exceptId && e.state === 'uploaded' && !e.removed && e.size === size && e.sha256 === sha256 && e.mediaId);
  }

  /** Whether the entry's record still waits for its file and nobody is sending it: interrupted, failed or cancelled, not removed, not an image. */
  canResume(e: UploadEntry): boolean {
    // An image's credential cannot be refreshed (docs/upload.md §2.3): its record can only be removed.
    if (!e.mediaId || e.removed || e.kind === 'image') return false;
    return this.isInterrupted(e) || e.state === 'failed' || e.state === 'cancelled';
  }

  /** The resumable entry for this very file (same path, size and modification time). */
  findResumable(file: string, size: number, mtimeMs: number): UploadEntry | undefined {
    return this.list().find((e) => this.canResume(e) && e.file === file && e.size === size && e.mtimeMs === mtimeMs);
  }
}
