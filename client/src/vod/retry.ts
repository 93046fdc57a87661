// Bounded retries with exponential backoff and full jitter. Only errors that say so (`retrySafe`) are
// retried, and a ProduceEditingProjectVideo whose outcome is unknown never is: VOD may already be
// producing (and billing) that video, and a second submission would make a second one.

import { toVodError, VodError } from './errors';

export interface RetryPolicy {
  /** Total attempts including the first. Default 4. */
  maxAttempts?: number;
  /** Cap of the first backoff window. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of any single wait. Default 8000 ms. */
  maxDelayMs?: number;
  /** Growth of the window per attempt. Default 2. */
  multiplier?: number;
  /** Injectable for tests: waits `ms`. Default setTimeout. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable for tests: uniform in [0, 1). Default Math.random. */
  random?: () => number;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: VodError }) => void;
}

export const DEFAULT_RETRY = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000, multiplier: 2 } as const;

/** "Full jitter": a uniform wait in [0, min(max, base·multiplier^(attempt-1))], so that many clients
 * throttled at once do not come back in step. `attempt` is the 1-based number of the failed attempt. */
export function backoffDelay(attempt: number, policy: RetryPolicy = {}, random: () => number = Math.random): number {
  const base = policy.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const max = policy.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  const mult = policy.multiplier ?? DEFAULT_RETRY.multiplier;
  const window = Math.min(max, base * Math.pow(mult, Math.max(0, attempt - 1)));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(window * r);
}

export function shouldRetry(error: VodError): boolean {
  if (error.action === 'ProduceEditingProjectVideo' && error.outcome === 'unknown') return false;
  return error.retrySafe;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(signal?.reason ?? new Error('aborted')); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `fn` until it succeeds, fails with an error that must not be retried, or attempts run out.
 * Whatever `fn` throws is turned into a VodError (`classify` may add the action and secrets). */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy = {},
  classify: (err: unknown) => VodError = (err) => toVodError(err),
): Promise<T> {
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts ?? DEFAULT_RETRY.maxAttempts));
  const sleep = policy.sleep ?? defaultSleep;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const error = classify(err);
      if (attempt >= maxAttempts || !shouldRetry(error) || policy.signal?.aborted) throw error;
      const delayMs = backoffDelay(attempt, policy, random);
      policy.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, policy.signal);
    }
  }
}
