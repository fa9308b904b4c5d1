/**
 * A bounded least-recently-used map whose entries also expire: what the gateway keeps per isolate (verified
 * tokens, the roster's word on a subject, signed internal principals) must stay within a known size in an
 * isolate's 128 MB and must never outlive what it caches. A `Map` keeps insertion order, so re-inserting on
 * every hit makes its first key the least recently used, the one evicted when a new key would exceed `max`.
 */
export class ExpiringLru<K, V> {
  readonly #entries = new Map<K, { value: V; until: number }>();

  constructor(readonly max: number) {
    if (!Number.isSafeInteger(max) || max < 1) throw new Error("an ExpiringLru holds at least one entry");
  }

  /** The value, unless absent or expired at `now` (an expired entry is dropped). */
  get(key: K, now: number = Date.now()): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.until <= now) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` until the time `until` (ms since the epoch); nothing is kept when that is already past. */
  set(key: K, value: V, until: number, now: number = Date.now()): void {
    this.#entries.delete(key);
    if (until <= now) return;
    if (this.#entries.size >= this.max) this.#entries.delete(this.#entries.keys().next().value as K);
    this.#entries.set(key, { value, until });
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
