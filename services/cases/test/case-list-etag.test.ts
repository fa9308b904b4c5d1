import { principals } from "@civicgrid/testing";
import { describe, expect, it } from "vitest";
import { act, call, report } from "./helpers";

const list = (headers: Record<string, string> = {}) =>
  call(principals.countyAgency, "GET", "/v1/cases?limit=5", undefined, headers);

describe("GET /v1/cases answers a poll with 304 while the page is unchanged", () => {
  it("the same page keeps its ETag; a change to a case on it gives a new one", async () => {
    const mine = await report(principals.gridWorker);
    const first = await list();
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await first.json<{ items: { id: string }[] }>()).items.map((c) => c.id)).toContain(mine.id);

    const again = await list({ "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");

    expect((await act(principals.gridWorker, mine, "verify", { note: "属实" })).status).toBe(200);
    const changed = await list({ "if-none-match": etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("another caller's page is not the county agency's", async () => {
    await report(principals.gridWorker);
    const county = (await list()).headers.get("etag")!;
    const other = await call(principals.otherCountyAgency, "GET", "/v1/cases?limit=5", undefined, {
      "if-none-match": county,
    });
    expect(other.status).toBe(200);
  });
});
