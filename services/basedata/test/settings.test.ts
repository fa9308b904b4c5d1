import type { BaseDataSettings } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { call, who } from "./helpers";

const PATH = "/v1/basedata/settings/440703000000";

describe("county settings: visit rules and retention", () => {
  it("start from the catalogue's defaults; a county sets its own rule and retention under If-Match", async () => {
    const first = await (await call(who.countyAgency, "GET", PATH)).json<BaseDataSettings>();
    expect(first).toMatchObject({ version: 0, retentionDays: 1095 });
    expect(first.effectiveVisitRules.elderly_alone).toEqual({ amount: 1, unit: "week" });

    const body = { visitRules: { elderly_alone: { amount: 3, unit: "day" }, veteran: null }, retentionDays: 730 };
    expect((await call(who.countyAgency, "PUT", PATH, body)).status).toBe(428);
    const put = await call(who.countyAgency, "PUT", PATH, body, { "if-match": '"v0"' });
    expect(put.status).toBe(200);
    const set = await put.json<BaseDataSettings>();
    expect(set).toMatchObject({ version: 1, retentionDays: 730, updatedBy: who.countyAgency.sub });
    expect(set.effectiveVisitRules.elderly_alone).toEqual({ amount: 3, unit: "day" });
    expect(set.effectiveVisitRules.veteran).toBeNull();
    expect(set.effectiveVisitRules.community_correction).toEqual({ amount: 1, unit: "month" });
    expect((await call(who.countyAgency, "PUT", PATH, body, { "if-match": '"v0"' })).status).toBe(412);
  });

  it("bad input names its field; another county's agency, a township, a worker cannot set them", async () => {
    const bad = await call(who.countyAgency, "PUT", PATH, { retentionDays: 5 }, { "if-match": '"v0"' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("retentionDays");
    const township = await call(who.countyAgency, "GET", "/v1/basedata/settings/440703001000");
    expect(township.status).toBe(400);
    for (const p of [who.otherCountyAgency, who.gridWorker, who.department, who.hr]) {
      expect((await call(p, "PUT", PATH, { retentionDays: 400 }, { "if-match": '"v1"' })).status, p.sub).toBe(403);
    }
    expect((await call(who.otherCountyAgency, "GET", PATH)).status).toBe(403);
  });
});
