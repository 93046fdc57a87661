// Polls the production status of submissions that are not finished yet, while VS Code is open.
//
// What is polled (decisions):
// - `producing` with a MediaId: GetVideoInfo (GetMezzanineInfo when VOD does not list the video yet),
//   until `normal` or `failed`.
// - `unknown` with a MediaId: the same; whatever VOD answers settles it.
// - `unknown` without a MediaId: nothing to ask VOD by (ProduceEditingProjectVideo never answered), so it
//   is not polled; the view tells the user how to check.
// - `submitting`: the window that sends it owns it. One whose last update is older than
//   `staleSubmittingMs` (5 min: longer than a produce can take with the client's connect + read timeouts)
//   was abandoned (the window closed or reloaded mid-request) and becomes `unknown` (errorCode
//   `SubmissionInterrupted`): VOD may or may not have accepted it.
// - Not polled automatically: entries older than `maxPollAgeMs` (3 days), entries submitted to another
//   endpoint than the current settings use. "Refresh Status" still checks them on demand.
//
// Backoff per entry: 5 s, 10 s, 20 s, … capped at 5 min, counted from the last check (by any window:
// `checkedAt` is stored, so two windows do not both poll on the same schedule). A status change is
// written with `ifStatus`, so when two windows see a production finish, only the one whose write
// changed the entry notifies. Errors that affect every entry (no credentials, a rejected AccessKey)
// pause polling until `resume()` (settings or credentials changed) or a Refresh.

import type { VodClient } from '../client';
import { VodError } from '../errors';
import { produceStatus, settleNotFound, type ProduceState } from '../status';
import { TERMINAL_STATUSES, type HistoryStore, type SubmissionEntry, type SubmissionStatus } from './model';
import { englishText, textOfError, vt, type VodText } from '../messages';

interface StatusResult {
  state: ProduceState;
  /** VOD's value (Uploading, Normal, ProduceFail, …), or NotFound when VOD does not know the media (yet). */
  vodStatus: string;
  source: 'GetVideoInfo' | 'GetMezzanineInfo';
}

/** Thrown by a status check when it cannot run. `scope: 'all'` pauses polling; `'entry'` skips the entry. */
export class StatusCheckError extends Error {
  override readonly name = 'StatusCheckError';
  /** The message as a message id, for a user's language (messages.ts `errorText`). */
  readonly text?: VodText;
  constructor(readonly scope: 'all' | 'entry', readonly code: string, message: string | VodText) {
    super(typeof message === 'string' ? message : englishText(message));
    if (typeof message !== 'string') this.text = message;
  }
}

export type StatusChecker = (entry: SubmissionEntry) => Promise<StatusResult>;

export interface PollerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: PollerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

const ACCESS_DENIED = /^(InvalidAccessKeyId|SignatureDoesNotMatch|InvalidSecurityToken|IncompleteSignature|Forbidden|NoPermission|MissingSecurityToken)/;

function hostsMatch(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * A checker over VodClient: GetVideoInfo, then GetMezzanineInfo when the video is not listed yet.
 * `clientFor` returns the client for the current settings and credentials (or throws when there are none).
 */
export function vodStatusChecker(clientFor: (entry: SubmissionEntry) => VodClient | Promise<VodClient>, now: () => number = Date.now): StatusChecker {
  return async (entry) => {
    if (!entry.mediaId) throw new StatusCheckError('entry', 'NoMediaId', vt('statusNoMediaId'));
    let client: VodClient;
    try {
      client = await clientFor(entry);
    } catch (e) {
      const code = (e as { code?: unknown })?.code;
      throw new StatusCheckError('all', typeof code === 'string' ? code : 'NoClient', textOfError(e));
    }
    if (entry.endpoint && !hostsMatch(client.endpoint.host, entry.endpoint)) {
      throw new StatusCheckError('entry', 'EndpointMismatch', vt('statusEndpointMismatch', { endpoint: entry.endpoint, host: client.endpoint.host }));
    }
    try {
      // The one lookup (status.ts); this entry is a submission record, so a MediaId VOD does not list
      // yet is still on its way for a while, and failed after that.
      const s = settleNotFound(await produceStatus(client, entry.mediaId), Date.parse(entry.createdAt), now());
      return { state: s.state === 'notFound' ? 'failed' : s.state, vodStatus: s.status, source: s.source };
    } catch (e) {
      if (e instanceof VodError && ACCESS_DENIED.test(e.code)) throw new StatusCheckError('all', e.code, e.text);
      throw e;
    }
  };
}

interface PollerOptions {
  store: HistoryStore;
  check: StatusChecker;
  clock?: PollerClock;
  /** First delay and backoff base. Default 5 s. */
  initialDelayMs?: number;
  /** Backoff cap. Default 5 min. */
  maxDelayMs?: number;
  /** A `submitting` entry untouched for this long is `unknown`. Default 5 min. */
  staleSubmittingMs?: number;
  /** Entries created longer ago are only checked on demand. Default 3 days. */
  maxPollAgeMs?: number;
  /** Automatic polling on (default) or off; Refresh works either way. */
  enabled?: boolean;
  /** A status change written by this poller (producing/unknown → normal/failed, or → producing). */
  onTransition?(entry: SubmissionEntry, previous: SubmissionStatus): void;
  /** A check failed (logged by the caller); polling goes on with backoff. */
  onError?(entry: SubmissionEntry, error: unknown): void;
  /** Polling paused (`error`) or resumed (`undefined`). */
  onPause?(error: StatusCheckError | undefined): void;
}

export type RefreshOutcome =
  | { id: string; kind: 'checked'; entry: SubmissionEntry; result: StatusResult; changed: boolean }
  | { id: string; kind: 'not-pollable'; reason: 'terminal' | 'no-media-id' | 'submitting' | 'missing' }
  | { id: string; kind: 'error'; error: unknown };

interface Schedule {
  /** Checks made by this window so far: the backoff exponent. */
  attempt: number;
  dueAt: number;
  /** When this window last tried (a failed try writes no checkedAt, but must still back off). */
  lastAttemptAt?: number;
  timer?: unknown;
}

/** Entries the poller would check on its own. */
export function isPollable(e: SubmissionEntry): boolean {
  return (e.status === 'producing' || e.status === 'unknown') && Boolean(e.mediaId);
}

export class HistoryPoller {
  private readonly clock: PollerClock;
  private readonly schedules = new Map<string, Schedule>();
  /** Entries that cannot be checked with the current settings (e.g. another endpoint). */
  private readonly skipped = new Map<string, StatusCheckError>();
  private readonly inFlight = new Map<string, Promise<RefreshOutcome>>();
  private subscription: { dispose(): void } | undefined;
  private pausedBy: StatusCheckError | undefined;
  private running = false;
  private enabled: boolean;
  private readonly initial: number;
  private readonly max: number;

  constructor(private readonly options: PollerOptions) {
    this.clock = options.clock ?? systemClock;
    this.initial = options.initialDelayMs ?? 5000;
    this.max = options.maxDelayMs ?? 300_000;
    this.enabled = options.enabled ?? true;
  }

  /** Backoff delay before check number `attempt` (0-based): 5 s, 10 s, 20 s, … capped. */
  delay(attempt: number): number {
    return Math.min(this.initial * 2 ** Math.min(attempt, 30), this.max);
  }

  get paused(): StatusCheckError | undefined {
    return this.pausedBy;
  }

  /** When each entry is due next (tests, diagnostics). */
  dueTimes(): Map<string, number> {
    return new Map([...this.schedules].filter(([, s]) => s.timer !== undefined).map(([id, s]) => [id, s.dueAt]));
  }

  /** Why an entry is not polled automatically, if it is skipped. */
  skipReason(id: string): StatusCheckError | undefined {
    return this.skipped.get(id);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.subscription = this.options.store.onDidChange(() => this.reconcile());
    this.reconcile();
  }

  stop(): void {
    this.running = false;
    this.subscription?.dispose();
    this.subscription = undefined;
    for (const s of this.schedules.values()) this.cancel(s);
  }

  dispose(): void {
    this.stop();
    this.schedules.clear();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.reconcile();
  }

  /** Settings or credentials changed: clear pauses and skips, poll again from the first delay. */
  resume(): void {
    const wasPaused = this.pausedBy;
    this.pausedBy = undefined;
    this.skipped.clear();
    for (const s of this.schedules.values()) s.attempt = 0;
    if (wasPaused) this.options.onPause?.(undefined);
    this.reconcile();
  }

  /** Resolves when no check is running. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight.values()]);
  }

  /**
   * Checks now ("Refresh Status"): the given entries, or every entry that is not finished. Clears a
   * pause first (the user asked), and skips nothing on purpose.
   */
  async refresh(ids?: string[]): Promise<RefreshOutcome[]> {
    if (this.pausedBy) {
      this.pausedBy = undefined;
      this.options.onPause?.(undefined);
    }
    const entries = this.options.store.list();
    const targets = ids ?? entries.filter((e) => !TERMINAL_STATUSES.has(e.status)).map((e) => e.id);
    const out: RefreshOutcome[] = [];
    for (const id of targets) {
      const e = this.options.store.get(id);
      if (!e) out.push({ id, kind: 'not-pollable', reason: 'missing' });
      else if (TERMINAL_STATUSES.has(e.status)) out.push({ id, kind: 'not-pollable', reason: 'terminal' });
      else if (e.status === 'submitting' && !this.isStaleSubmitting(e)) out.push({ id, kind: 'not-pollable', reason: 'submitting' });
      else if (e.status === 'submitting') {
        await this.markInterrupted(e);
        out.push({ id, kind: 'not-pollable', reason: 'no-media-id' });
      } else if (!e.mediaId) out.push({ id, kind: 'not-pollable', reason: 'no-media-id' });
      else out.push(await this.checkNow(e, true));
    }
    this.reconcile();
    return out;
  }

  // ---- internals ---------------------------------------------------------------------------------

  private cancel(s: Schedule): void {
    if (s.timer !== undefined) this.clock.clearTimeout(s.timer);
    s.timer = undefined;
  }

  private isStaleSubmitting(e: SubmissionEntry): boolean {
    return this.clock.now() - Date.parse(e.updatedAt) >= (this.options.staleSubmittingMs ?? 300_000);
  }

  private async markInterrupted(e: SubmissionEntry): Promise<void> {
    await this.options.store.update(e.id, {
      status: 'unknown', errorCode: 'SubmissionInterrupted',
      // Stored in English; the views show it from the table by its code (messages.ts storedErrorText).
      errorMessage: englishText(vt('submissionInterrupted')),
    }, { ifStatus: ['submitting'] });
  }

  /** Brings timers in line with the store: new entries scheduled, finished/removed ones dropped. */
  private reconcile(): void {
    if (!this.running) return;
    const now = this.clock.now();
    const seen = new Set<string>();
    for (const e of this.options.store.list()) {
      if (e.status === 'submitting') {
        seen.add(e.id);
        // Check again once it would count as abandoned.
        const dueAt = Date.parse(e.updatedAt) + (this.options.staleSubmittingMs ?? 300_000);
        this.schedule(e.id, Math.max(now, dueAt), () => {
          const cur = this.options.store.get(e.id);
          if (cur?.status === 'submitting' && this.isStaleSubmitting(cur)) void this.markInterrupted(cur);
        });
        continue;
      }
      if (!isPollable(e) || !this.enabled || this.pausedBy || this.skipped.has(e.id)) continue;
      if (now - Date.parse(e.createdAt) > (this.options.maxPollAgeMs ?? 3 * 24 * 3600_000)) continue;
      seen.add(e.id);
      const s = this.schedules.get(e.id) ?? { attempt: 0, dueAt: 0 };
      this.schedules.set(e.id, s);
      // From the last check by any window (checkedAt is shared through the store), or our last try.
      const stored = Date.parse(e.checkedAt ?? e.updatedAt);
      const base = Math.max(Number.isNaN(stored) ? now : stored, s.lastAttemptAt ?? -Infinity);
      const dueAt = Math.max(now, base + this.delay(s.attempt));
      if (s.timer !== undefined && s.dueAt === dueAt) continue;
      this.schedule(e.id, dueAt, () => void this.checkNow(e, false));
    }
    for (const [id, s] of this.schedules) {
      if (!seen.has(id)) {
        this.cancel(s);
        if (!this.options.store.get(id)) this.schedules.delete(id);
      }
    }
  }

  private schedule(id: string, dueAt: number, run: () => void): void {
    const s = this.schedules.get(id) ?? { attempt: 0, dueAt };
    this.schedules.set(id, s);
    if (s.timer !== undefined && s.dueAt === dueAt) return;
    this.cancel(s);
    s.dueAt = dueAt;
    s.timer = this.clock.setTimeout(() => {
      s.timer = undefined;
      if (this.running) run();
    }, Math.max(0, dueAt - this.clock.now()));
  }

  private checkNow(snapshot: SubmissionEntry, manual: boolean): Promise<RefreshOutcome> {
    const running = this.inFlight.get(snapshot.id);
    if (running) return running;
    const p = this.runCheck(snapshot.id, manual).finally(() => this.inFlight.delete(snapshot.id));
    this.inFlight.set(snapshot.id, p);
    return p;
  }

  private async runCheck(id: string, manual: boolean): Promise<RefreshOutcome> {
    const entry = this.options.store.get(id);
    if (!entry || TERMINAL_STATUSES.has(entry.status)) return { id, kind: 'not-pollable', reason: entry ? 'terminal' : 'missing' };
    const s = this.schedules.get(id) ?? { attempt: 0, dueAt: 0 };
    this.schedules.set(id, s);
    if (!manual && this.pausedBy) return { id, kind: 'error', error: this.pausedBy };
    s.lastAttemptAt = this.clock.now();
    let result: StatusResult;
    try {
      result = await this.options.check(entry);
    } catch (e) {
      s.attempt++;
      if (e instanceof StatusCheckError && e.scope === 'all') {
        if (!this.pausedBy) {
          this.pausedBy = e;
          for (const x of this.schedules.values()) this.cancel(x);
          this.options.onPause?.(e);
        }
      } else if (e instanceof StatusCheckError) {
        this.skipped.set(id, e);
      } else {
        this.options.onError?.(entry, e);
      }
      this.reconcile();
      return { id, kind: 'error', error: e };
    }
    s.attempt++;
    const checkedAt = new Date(this.clock.now()).toISOString();
    const status: SubmissionStatus = result.state === 'producing' ? 'producing' : result.state;
    const patch = { status, vodStatus: result.vodStatus, checkedAt };
    const updated = await this.options.store.update(id, patch, { ifStatus: [entry.status] });
    const changed = updated !== undefined && updated.status !== entry.status;
    if (changed) this.options.onTransition?.(updated, entry.status);
    if (TERMINAL_STATUSES.has(status)) this.schedules.delete(id);
    this.reconcile();
    return { id, kind: 'checked', entry: updated ?? this.options.store.get(id) ?? entry, result, changed };
  }
}
