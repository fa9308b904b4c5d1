import { describe, expect, it } from "vitest";
import { ExpiringLru } from "../src/lru";

describe("ExpiringLru", () => {
  it("never holds more than its bound: a new key evicts the least recently used one", () => {
    const lru = new ExpiringLru<string, number>(3);
    for (const [k, v] of [
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ] as const)
      lru.set(k, v, 1_000, 0);
    expect(lru.get("a", 0)).toBe(1); // a is now the most recently used; b the least
    lru.set("d", 4, 1_000, 0);
    expect(lru.size).toBe(3);
    expect(lru.get("b", 0)).toBeUndefined();
    expect([lru.get("a", 0), lru.get("c", 0), lru.get("d", 0)]).toEqual([1, 3, 4]);
  });

  it("forgets an entry at its expiry, and keeps nothing already expired", () => {
    const lru = new ExpiringLru<string, string>(10);
    lru.set("k", "v", 100, 0);
    expect(lru.get("k", 99)).toBe("v");
    expect(lru.get("k", 100)).toBeUndefined();
    expect(lru.size).toBe(0);
    lru.set("late", "v", 50, 60);
    expect(lru.size).toBe(0);
  });

  it("refuses a bound below one", () => {
    expect(() => new ExpiringLru(0)).toThrow(/at least one/);
  });
});
