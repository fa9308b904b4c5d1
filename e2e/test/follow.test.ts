import { describe, expect, it } from "vitest";
import { call } from "./client";
import { command, read } from "./cases-client";
import { pointIn, WORKER_GRID } from "./places";

const worker = "demo-grid-worker";
const township = "demo-township-agency";
const urban = "user-dept-440703-urban_management";

/** A resident with no login: everything here goes through the gateway with the follow token only. */
async function reportAnonymously() {
  const res = await call("/v1/public/cases", {
    body: {
      title: "路面塌陷",
      description: "小区东门外人行道塌陷约半米，请尽快处理",
      categoryCode: "0801",
      ...pointIn(WORKER_GRID),
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; followToken: string };
}

const follow = (id: string, token?: string) =>
  call(`/v1/public/cases/${id}`, { headers: token ? { "x-follow-token": token } : {} });
const rate = (id: string, token: string, body: Record<string, unknown>) =>
  call(`/v1/public/cases/${id}/rate`, {
    body,
    headers: { "x-follow-token": token, "idempotency-key": `e2e-${crypto.randomUUID()}` },
  });

describe("an anonymous resident follows and rates their report through the gateway", () => {
  it("follows the report with the token the report handed back", async () => {
    const { id, followToken } = await reportAnonymously();
    expect(followToken).toMatch(/^[0-9a-f]{32}$/);
    const res = await follow(id, followToken);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ id, status: "reported", title: "路面塌陷" });
    // The public view says how the case goes, never who reported it or who handles it.
    expect(res.json).not.toHaveProperty("reporterSub");
    expect(res.json).not.toHaveProperty("gridCode");
  });

  it("refuses to show a case without its token, or with another case's token (404, no probing)", async () => {
    const mine = await reportAnonymously();
    const other = await reportAnonymously();
    expect((await follow(mine.id)).status).toBeGreaterThanOrEqual(400);
    expect((await follow(mine.id, other.followToken)).status).toBe(404);
    expect((await follow("CASE-20000101-NOPE0000", mine.followToken)).status).toBeGreaterThanOrEqual(400);
  });

  it("rates the case with the token once it is closed, and not before", async () => {
    const { id, followToken } = await reportAnonymously();
    const early = await rate(id, followToken, { rating: "satisfied" });
    expect(early.status, early.text).toBe(409);

    let c = await read(worker, id);
    c = await command(worker, c, "verify", { note: "现场核实属实" });
    c = await command(township, c, "accept");
    c = await command(township, c, "dispatch", { leadDepartmentId: "dept-440703-urban_management" });
    c = await command(urban, c, "sign");
    c = await command(urban, c, "handle", { outcome: "已回填夯实并恢复铺装" });
    c = await command(township, c, "check", { passed: true, opinion: "现场复核合格" });
    expect(c.status).toBe("closed");
    expect((await follow(id, followToken)).json).toMatchObject({ status: "closed", outcome: "已回填夯实并恢复铺装" });

    const stranger = await reportAnonymously();
    expect((await rate(id, stranger.followToken, { rating: "unsatisfied" })).status).toBe(404);

    const rated = await rate(id, followToken, { rating: "satisfied", comment: "处理及时" });
    expect(rated.status, rated.text).toBe(200);
    expect(rated.json).toMatchObject({ id, status: "rated", rating: "satisfied" });
    expect((await read(township, id)).status).toBe("rated");
  });
});
