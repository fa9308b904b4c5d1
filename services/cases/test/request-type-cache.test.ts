import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../src/store/db";
import { cachedRequestTypes, STAMP_TTL_MS } from "../src/store/request-type-cache";
import { saveRequestTypes } from "../src/store/request-types";

const MINUTES = (amount: number) => ({ amount, unit: "minutes" as const });

/** The service's D1, counting the statements prepared on it: each is one read the cache did not save. */
function counted() {
  const seen = { reads: 0 };
  const d1 = new Proxy(env.DB, {
    get(target, key) {
      if (key === "prepare") {
        return (query: string) => {
          seen.reads++;
          return target.prepare(query);
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: database(d1), seen };
}

/** A save made by another isolate: the row changes in D1, this isolate's cache is not told. */
async function savedElsewhere(countyCode: string, limits: unknown) {
  await env.DB.prepare("UPDATE request_type_limits SET types = ?1, updated_at = ?2 WHERE county_code = ?3")
    .bind(JSON.stringify(limits), new Date(Date.now() + 1000).toISOString(), countyCode)
    .run();
}

describe("request-type cache (issue 17): no D1 read per report, changes seen within its bound", () => {
  it("reads D1 once for many reports within the stamp's lifetime, and once more after it", async () => {
    const { db, seen } = counted();
    await saveRequestTypes(db, "440111000000", { complaint: { sign: MINUTES(30) } }, "agency-sub");
    seen.reads = 0;
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) {
      expect(await cachedRequestTypes(db, "440111000000", t0 + i)).toEqual({ complaint: { sign: MINUTES(30) } });
    }
    expect(seen.reads).toBe(1);
    await cachedRequestTypes(db, "440111000000", t0 + STAMP_TTL_MS + 1);
    expect(seen.reads).toBe(2);
  });

  it("caches a county without limits too", async () => {
    const { db, seen } = counted();
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) expect(await cachedRequestTypes(db, "440112000000", t0 + i)).toEqual({});
    expect(seen.reads).toBe(1);
  });

  it("the isolate that saves sees its own write on the next report", async () => {
    const db = database(env.DB);
    const t0 = Date.now();
    await saveRequestTypes(db, "440113000000", { complaint: { sign: MINUTES(30) } }, "agency-sub");
    expect(await cachedRequestTypes(db, "440113000000", t0)).toEqual({ complaint: { sign: MINUTES(30) } });
    await saveRequestTypes(db, "440113000000", { consultation: { sign: MINUTES(60) } }, "agency-sub");
    expect(await cachedRequestTypes(db, "440113000000", t0 + 1)).toEqual({ consultation: { sign: MINUTES(60) } });
  });

  it("another isolate's save is seen once the stamp's lifetime has passed, not before", async () => {
    const db = database(env.DB);
    const t0 = Date.now();
    await saveRequestTypes(db, "440114000000", { complaint: { sign: MINUTES(30) } }, "agency-sub");
    expect(await cachedRequestTypes(db, "440114000000", t0)).toEqual({ complaint: { sign: MINUTES(30) } });
    await savedElsewhere("440114000000", { complaint: { sign: MINUTES(45) } });
    expect(await cachedRequestTypes(db, "440114000000", t0 + STAMP_TTL_MS - 1)).toEqual({
      complaint: { sign: MINUTES(30) },
    });
    expect(await cachedRequestTypes(db, "440114000000", t0 + STAMP_TTL_MS)).toEqual({
      complaint: { sign: MINUTES(45) },
    });
  });
});
