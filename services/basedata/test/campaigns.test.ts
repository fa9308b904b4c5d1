import type { CampaignSummary, Principal } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { campaignAs, campaignBody, day, G1, G2, opened, XH } from "./campaigns-fixtures";
import { call, fieldsOf, who } from "./helpers";

const post = (principal: Principal, body: unknown) => call(principal, "POST", "/v1/basedata/campaigns", body);
const listed = async (principal: Principal, query = "") => {
  const res = await call(principal, "GET", `/v1/basedata/campaigns?limit=200${query}`);
  expect(res.status).toBe(200);
  return (await res.json<{ items: CampaignSummary[] }>()).items.map((c) => c.id);
};
const xinhuiWorker: Principal = {
  sub: "t-worker-xh",
  roles: ["grid_worker"],
  divisionCode: "440705001001",
  grids: [XH],
};

describe("排查 campaigns: opening, reading, closing", () => {
  it("a county agency opens a campaign over grids of its county; it is open today with every grid's coverage", async () => {
    const res = await post(who.countyAgency, campaignBody());
    expect(res.status).toBe(201);
    const campaign = await res.json<CampaignSummary & { coverage: { gridCode: string }[] }>();
    expect(res.headers.get("location")).toBe(`/v1/basedata/campaigns/${campaign.id}`);
    expect(campaign).toMatchObject({
      divisionCode: "440703000000",
      gridCodes: [G1, G2],
      from: day(-2),
      to: day(2),
      status: "open",
      closedAt: null,
      createdBy: "t-county-pj",
    });
    expect(campaign.coverage.map((g) => g.gridCode)).toEqual([G1, G2]);
    expect((await opened({ from: day(1), to: day(5) })).status).toBe("planned");
  });

  it("every grid goes through the references: unknown 422, another county's 403, each naming its index", async () => {
    const unknown = await post(
      who.countyAgency,
      campaignBody({ gridCodes: [G1, G2, "440703001001003", "440703001001099"] }),
    );
    expect(unknown.status).toBe(422);
    expect(await fieldsOf(unknown)).toEqual(["body.gridCodes[2]", "body.gridCodes[3]"]);
    const foreign = await post(who.countyAgency, campaignBody({ gridCodes: [G1, XH] }));
    expect(foreign.status).toBe(403);
    expect(await fieldsOf(foreign)).toEqual(["body.gridCodes[1]"]);
    const otherCounty = await post(who.otherCountyAgency, campaignBody());
    expect(otherCounty.status).toBe(403);
    expect(await fieldsOf(otherCounty)).toEqual(["body.gridCodes[0]", "body.gridCodes[1]"]);
    const twice = await post(who.countyAgency, campaignBody({ gridCodes: [G1, G1] }));
    expect(twice.status).toBe(422);
    expect(await fieldsOf(twice)).toEqual(["body.gridCodes[1]"]);
  });

  it("the period runs from `from` to `to`, at most 92 days", async () => {
    const backwards = await post(who.countyAgency, campaignBody({ from: day(3), to: day(1) }));
    expect(backwards.status).toBe(422);
    expect(await fieldsOf(backwards)).toEqual(["body.to"]);
    const long = await post(who.countyAgency, campaignBody({ from: day(0), to: day(92) }));
    expect(long.status).toBe(422);
    expect(await fieldsOf(long)).toEqual(["body.to"]);
    expect((await post(who.countyAgency, campaignBody({ from: day(0), to: day(91) }))).status).toBe(201);
  });

  it("only agencies open campaigns", async () => {
    for (const p of [who.gridWorker, who.department, who.hr, who.resident])
      expect((await post(p, campaignBody())).status).toBe(403);
  });

  it("an agency lists its jurisdiction's campaigns, a worker those over its grids; others see none", async () => {
    const both = await opened();
    const second = await opened({ gridCodes: [G2] });
    const xinhui = await opened({ gridCodes: [XH] }, who.otherCountyAgency);
    const county = await listed(who.countyAgency);
    expect(county).toEqual(expect.arrayContaining([both.id, second.id]));
    expect(county).not.toContain(xinhui.id);
    // The township agency reaches the county's campaigns through the grids they cover.
    expect(await listed(who.townshipAgency)).toEqual(expect.arrayContaining([both.id, second.id]));
    const worker = await listed(who.gridWorker);
    expect(worker).toContain(both.id);
    expect(worker).not.toContain(second.id);
    expect(await listed(xinhuiWorker)).toContain(xinhui.id);
    expect(await listed(xinhuiWorker)).not.toContain(both.id);
    expect(await listed(who.otherCountyAgency)).not.toContain(both.id);
    expect(await listed(who.countyAgency, `&gridCode=${G2}&status=open`)).toEqual(
      expect.arrayContaining([both.id, second.id]),
    );
    expect(await listed(who.countyAgency, `&gridCode=${G1}`)).not.toContain(second.id);
    expect((await call(who.gridWorker, "GET", `/v1/basedata/campaigns?gridCode=${G2}`)).status).toBe(403);
    for (const p of [who.department, who.hr]) expect((await call(p, "GET", "/v1/basedata/campaigns")).status).toBe(403);
  });

  it("a campaign is read within its reach: another county, a worker of other grids and other roles are refused", async () => {
    const onlyG2 = await opened({ gridCodes: [G2] });
    expect((await campaignAs(who.worker2, onlyG2.id)).id).toBe(onlyG2.id);
    expect((await campaignAs(who.townshipAgency, onlyG2.id)).id).toBe(onlyG2.id);
    for (const p of [who.gridWorker, who.otherCountyAgency, who.department, who.hr])
      expect((await call(p, "GET", `/v1/basedata/campaigns/${onlyG2.id}`)).status).toBe(403);
    expect((await call(who.countyAgency, "GET", "/v1/basedata/campaigns/cp-00000000000000000000")).status).toBe(404);
  });

  it("the opening agency (or one above) closes a campaign early, once; it is closed from then", async () => {
    const campaign = await opened();
    for (const p of [who.gridWorker, who.townshipAgency, who.otherCountyAgency])
      expect((await call(p, "POST", `/v1/basedata/campaigns/${campaign.id}/close`)).status).toBe(403);
    const res = await call(who.cityAgency, "POST", `/v1/basedata/campaigns/${campaign.id}/close`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "closed", closedBy: "t-city" });
    expect((await campaignAs(who.countyAgency, campaign.id)).closedAt).not.toBeNull();
    expect((await call(who.countyAgency, "POST", `/v1/basedata/campaigns/${campaign.id}/close`)).status).toBe(409);
    expect(await listed(who.countyAgency, "&status=closed")).toContain(campaign.id);
    expect(await listed(who.countyAgency, "&status=open")).not.toContain(campaign.id);
  });
});
