import { describe, expect, it } from "vitest";
import { Lru } from "@civicgrid/auth";
import { PII_KEYS_CACHED, piiKeys } from "../../src/pii";

describe("Lru: a per-isolate cache bounded by entries", () => {
  it("holds at most max entries and drops the least recently used", () => {
    const lru = new Lru<string, number>(3);
    for (const [i, k] of ["a", "b", "c"].entries()) lru.set(k, i);
    expect(lru.get("a")).toBe(0); // a is now the most recent: b is the oldest
    lru.set("d", 3);
    expect(lru.size).toBe(3);
    expect(lru.has("b")).toBe(false);
    expect([...lru.entries()].map(([k]) => k)).toEqual(["c", "a", "d"]);
    for (let i = 0; i < 1000; i++) lru.set(`k${i}`, i);
    expect(lru.size).toBe(3);
    expect([...lru.entries()].map(([k]) => k)).toEqual(["k997", "k998", "k999"]);
  });

  it("counts a get as a use and a peek not, keeps a falsy value, and refuses a bound under one", () => {
    const lru = new Lru<string, number | undefined>(2);
    lru.set("zero", 0).set("none", undefined);
    expect(lru.peek("zero")).toBe(0);
    lru.set("x", 1); // zero was only peeked: it is the oldest
    expect(lru.has("zero")).toBe(false);
    expect(lru.get("none")).toBeUndefined();
    lru.set("y", 2); // none was read by get: x is the oldest
    expect([...lru.entries()].map(([k]) => k)).toEqual(["none", "y"]);
    expect(() => new Lru(0)).toThrow(RangeError);
  });
});

describe("piiKeys: derived keys cached per isolate, bounded", () => {
  const secret = (i: number) => Buffer.from(new Uint8Array(32).fill(i)).toString("base64");

  it("derives a secret's keys once while it is among the last used, and again once evicted", async () => {
    const first = piiKeys(secret(0));
    expect(piiKeys(secret(0))).toBe(first);
    for (let i = 1; i < PII_KEYS_CACHED; i++) await piiKeys(secret(i));
    expect(piiKeys(secret(0))).toBe(first); // 8 secrets: all still held
    for (let i = 100; i < 100 + PII_KEYS_CACHED; i++) await piiKeys(secret(i));
    const again = piiKeys(secret(0));
    expect(again).not.toBe(first); // 8 newer secrets pushed it out: derived again, the same keys
    const [a, b] = await Promise.all([first, again]);
    expect(a.aes.algorithm).toEqual(b.aes.algorithm);
  });
});
