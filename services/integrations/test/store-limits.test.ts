import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { extrasOf } from "../src/store/open311";

describe("store lists", () => {
  it("looks up the extras of a full Open311 page (1000 cases) in one statement, past D1's 100 bound parameters", async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `CASE-20261102-${String(i).padStart(10, "0")}`);
    await env.DB.prepare(
      `INSERT INTO open311_reports (case_id, county_code, client_id, token_hash, address, created_at)
       VALUES (?1, '440703000000', 'app-test', 'hash-limits', '北街 1 号', '2026-11-02T00:00:00Z')`,
    )
      .bind(ids[999])
      .run();
    const extras = await extrasOf(env.DB, ids);
    expect(extras.size).toBe(1);
    expect(extras.get(ids[999] ?? "")).toEqual({ address: "北街 1 号", addressId: null, mediaUrl: null });
  });
});
