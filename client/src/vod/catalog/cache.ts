// A bounded cache with expiry: least recently used entries go first when it is full, and an entry
// older than its time to live is gone (or, through `stale`, still there for an offline fallback).
// Plain TypeScript (no vscode): the editor and the CLI share it.

interface TtlCacheOptions {
  /** Most entries kept. */
  maxEntries: number;
  /** Default time to live, ms. */
  ttlMs: number;
  /** Injectable clock (tests). */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expires: number;
  stored: number;
}

export class TtlCache<K, V> {
  private readonly map = new Map<K, Entry<V>>();
  private readonly now: () => number;

  constructor(private readonly options: TtlCacheOptions) {
    if (!(options.maxEntries >= 1)) throw new RangeError('maxEntries must be at least 1');
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.map.size;
  }

  /** The fresh value, or undefined (an expired entry is dropped). Marks the entry as recently used. */
  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.map.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  /** The value even when expired (offline fallback), with its age in ms; does not refresh recency. */
  stale(key: K): { value: V; ageMs: number; expired: boolean } | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    const now = this.now();
    return { value: e.value, ageMs: now - e.stored, expired: e.expires <= now };
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V, ttlMs = this.options.ttlMs): void {
    const now = this.now();
    this.map.delete(key);
    this.map.set(key, { value, expires: now + ttlMs, stored: now });
    while (this.map.size > this.options.maxEntries) {
      const oldest = this.map.keys().next().value as K;
      this.map.delete(oldest);
    }
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }

  /** Drops every expired entry; returns how many went. */
  prune(): number {
    const now = this.now();
    let n = 0;
    for (const [k, e] of this.map) if (e.expires <= now) { this.map.delete(k); n++; }
    return n;
  }
}
