/**
 * A map that holds at most `max` entries and, when full, drops the one used least recently: the bound of every
 * per-isolate cache (an isolate has 128 MB and lives for as long as it serves, so a cache keyed by anything a
 * request can vary must not grow with the requests). Reading with `get` counts as a use; `peek` does not.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`an Lru holds at least one entry, not ${max}`);
  }

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  get(key: K): V | undefined {
    if (!this.map.has(key)) return undefined;
    const value = this.map.get(key) as V;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    for (const oldest of this.map.keys()) {
      if (this.map.size <= this.max) break;
      this.map.delete(oldest);
    }
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }

  /** Entries, least recently used first. */
  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }
}

/**
 * A bounded least-recently-used map whose entries also expire: what the gateway keeps per isolate (verified
 * tokens, the roster's word on a subject, signed internal principals) must stay within a known size in an
 * isolate's 128 MB and must never outlive what it caches.
 */
export class ExpiringLru<K, V> {
  readonly #entries: Lru<K, { value: V; until: number }>;

  constructor(readonly max: number) {
    this.#entries = new Lru(max);
  }

  /** The value, unless absent or expired at `now` (an expired entry is dropped). */
  get(key: K, now: number = Date.now()): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  /** Keeps `value` until the time `until` (ms since the epoch); nothing is kept when that is already past. */
  set(key: K, value: V, until: number, now: number = Date.now()): void {
    if (until <= now) this.#entries.delete(key);
    else this.#entries.set(key, { value, until });
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
