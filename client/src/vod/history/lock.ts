// A cross-process lock file for the history folder: created with O_EXCL ('wx'), so exactly one VS Code
// window (extension host process) holds it. A lock left behind by a crashed process is broken when its
// owner is known dead (same host, pid gone) or when it is older than `staleMs` (critical sections last
// milliseconds). Plain Node: no `vscode` import.

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { englishText, vt, type VodText } from '../messages';

export interface LockOptions {
  /** A lock older than this is considered abandoned. Default 30 s. */
  staleMs?: number;
  /** Give up after waiting this long. Default staleMs + 5 s, so a stale lock is always broken first. */
  timeoutMs?: number;
  now?: () => number;
}

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  at: number;
}

class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
  readonly code = 'ELOCKED';
  constructor(readonly text: VodText) {
    super(englishText(text));
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readInfo(file: string): Promise<LockInfo | undefined> {
  try {
    const parsed = JSON.parse(await fs.promises.readFile(file, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.token === 'string') {
      return { pid: parsed.pid, host: String(parsed.host ?? ''), token: parsed.token, at: Number(parsed.at ?? 0) };
    }
  } catch {
    // Missing, or caught between create and write: judged by its age below.
  }
  return undefined;
}

/** Holds the lock at `file` while `fn` runs. */
export async function withLock<T>(file: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquireLock(file, options);
  try {
    return await fn();
  } finally {
    await release();
  }
}

export async function acquireLock(file: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const staleMs = options.staleMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? staleMs + 5_000;
  const now = options.now ?? Date.now;
  const host = os.hostname();
  const token = randomBytes(12).toString('hex');
  const started = Date.now();
  let wait = 5;
  for (;;) {
    try {
      await createLockFile(file, JSON.stringify({ pid: process.pid, host, token, at: now() } satisfies LockInfo));
      return async () => {
        const info = await readInfo(file);
        // Only remove our own lock: if it was broken as stale, it belongs to someone else now.
        if (info?.token === token) await fs.promises.rm(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (await breakIfStale(file, staleMs, now, host)) continue;
    if (Date.now() - started > timeoutMs) {
      throw new LockTimeoutError(vt('historyLocked', { file }));
    }
    await sleep(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 100);
  }
}

const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EINVAL']);

/**
 * Creates the lock file with its owner already in it, or throws EEXIST. The content is written to a
 * temp file first and hard-linked into place (atomic, exclusive): a process killed between creating
 * the lock and writing its owner used to leave an empty lock, which nobody could tell was dead, so
 * every window waited `staleMs` (30 s) before writing the history (found with npm run crash-safety).
 * Where hard links are not supported, O_EXCL create then write, as before. A temp file left by a kill
 * is removed by the history store with its other leftovers.
 */
async function createLockFile(file: string, content: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.promises.writeFile(tmp, content, { flag: 'wx' });
    try {
      await fs.promises.link(tmp, file); // EEXIST while someone holds the lock
      return;
    } catch (e) {
      if (!NO_LINKS.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    }
  } finally {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
  }
  const fd = await fs.promises.open(file, 'wx');
  try {
    await fd.writeFile(content);
  } finally {
    await fd.close();
  }
}

async function breakIfStale(file: string, staleMs: number, now: () => number, host: string): Promise<boolean> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    return true; // released meanwhile: try again at once
  }
  const info = await readInfo(file);
  const deadOwner = info !== undefined && info.host === host && info.pid !== process.pid && !processAlive(info.pid);
  const old = now() - stat.mtimeMs > staleMs;
  if (!deadOwner && !old) return false;
  // Move it aside atomically; if what we moved is not the lock we judged (a new owner took over in
  // between), put it back.
  const aside = `${file}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await fs.promises.rename(file, aside);
  } catch {
    return true;
  }
  const moved = await readInfo(aside);
  const movedStat = await fs.promises.stat(aside).catch(() => undefined);
  const same = movedStat !== undefined && movedStat.ino === stat.ino && (info === undefined || moved?.token === info.token);
  if (!same) {
    try {
      await fs.promises.link(aside, file);
    } catch {
      // Someone created a new lock meanwhile; the one we moved is lost, but its owner only releases
      // a lock whose token it finds, so nothing is removed twice.
    }
  }
  await fs.promises.rm(aside, { force: true });
  return true;
}
