// Disputes (矛盾纠纷, issue 15) through the gateway, on the real system: a grid worker records a dispute with a
// base-data resident and a named party, the village committee's mediator settles it, the agreement is printable,
// the worker closes it on the spot and a follow-up that finds it broken reopens it; a threat of violence raises the
// risk and warns the county and the police once; a 排查 campaign counts a screening; the figures count them all.
import { describe, expect, it } from "vitest";
import { entered, newResident, rentedHouse, residentId, shanghaiDay, visitBody } from "./basedata-client";
import { command, eventually, read, report, type CaseSeen } from "./cases-client";
import { call } from "./client";
import { pointIn, WORKER_GRID } from "./places";

const village = WORKER_GRID.slice(0, 12); // 羊桥社区, 白沙街道, 蓬江区
const worker = "demo-grid-worker";
const villageAgency = "demo-village-agency";
const county = "demo-county-agency-440703";
const police = "demo-department-440703-police";
const otherCounty = "demo-county-agency-440705";
/** The people's mediation committee of 羊桥社区 (roster demo data). */
const MEDIATOR = "med-440703002101-01";
const run = Date.now() % 1_000_000;

async function dispute(c: CaseSeen, name: string, body: Record<string, unknown>, expected = 200) {
  const res = await call(`/v1/cases/${c.id}/dispute/${name}`, {
    as: worker,
    body,
    headers: { "if-match": `"v${c.version}"`, "idempotency-key": `e2e-${crypto.randomUUID()}` },
  });
  expect(res.status, `${name}: ${res.text}`).toBe(expected);
  return res.json as unknown as CaseSeen & { dispute: Record<string, unknown> & { stage: string } };
}

let homes = 0;
/** A resident of a new house in the grid, entered by the village agency: a party found in base data. */
async function resident(): Promise<{ person: string; house: string }> {
  const n = ++homes;
  const road = await entered(villageAgency, village, {
    kind: "address.create",
    level: "road",
    name: `纠纷路${run}-${n}`,
  });
  const door = await entered(villageAgency, village, {
    kind: "address.create",
    level: "door",
    parentId: road,
    name: `${n}号`,
    ...pointIn(WORKER_GRID),
  });
  const house = await entered(villageAgency, village, rentedHouse(door));
  const idNumber = residentId("19700101");
  return { person: await entered(villageAgency, village, newResident(house, { idNumber, name: "邻居甲" })), house };
}

const neighbours = (personId: string, idNumber: string) => ({
  relation: "neighbours",
  summary: "两户因院墙排水问题争执",
  parties: [
    { kind: "person", personId, role: "applicant" },
    { kind: "named", role: "respondent", name: "欧阳明娜", idNumber, phone: "13800138000" },
  ],
  claims: [{ by: 0, text: "赔偿墙体修缮费", amount: 3000 }],
});

const warningsOf = async (as: string, caseId: string, type: string) => {
  const res = await call("/v1/inbox?limit=200", { as });
  const items = (res.json?.items ?? []) as { caseId: string | null; eventType: string }[];
  return items.filter((m) => m.caseId === caseId && m.eventType === type).length;
};

describe("disputes through the gateway", () => {
  it("mediated and agreed, printed, closed on the spot, reopened by a broken agreement; masked throughout", async () => {
    const idNumber = residentId("19800101");
    const c = await report(worker, {
      title: "邻里排水纠纷",
      description: "院墙排水",
      categoryCode: "0801",
      ...pointIn(WORKER_GRID),
    });
    const verified = await command(worker, c, "verify");
    let d = await dispute(verified, "record", neighbours((await resident()).person, idNumber));
    expect(d.dispute).toMatchObject({ stage: "recorded", relation: "neighbours", amount: 3000 });
    // The named party's identity is sealed: masks in the answer, never the raw values (PIPL art. 28).
    expect(JSON.stringify(d)).not.toContain(idNumber);
    expect(JSON.stringify(d)).not.toContain("13800138000");
    expect(JSON.stringify(d)).not.toContain("欧阳明娜");

    d = await dispute(d, "assign-mediator", { mediatorId: MEDIATOR });
    const session = {
      at: new Date().toISOString(),
      place: "羊桥社区调解室",
      attendees: ["邻居甲", "欧阳明娜"],
      outcome: "settled",
      summary: "双方同意共同修缮排水沟",
    };
    d = await dispute(d, "record-session", session);
    d = await dispute(d, "record-agreement", {
      terms: ["被申请人于十日内修缮排水沟", "申请人放弃其他请求"],
      signatories: [
        { name: "邻居甲", capacity: "party", party: 0 },
        { name: "欧阳明娜", capacity: "party", party: 1 },
        { name: "调解员", capacity: "mediator" },
      ],
      signedOn: shanghaiDay(),
      performBy: shanghaiDay(),
    });
    expect(d.dispute.stage).toBe("agreed");
    const printed = await call(`/v1/cases/${c.id}/dispute/agreement`, { as: worker });
    expect(printed.status).toBe(200);
    expect(printed.headers.get("content-type")).toContain("text/html");
    expect(printed.text).toContain("被申请人于十日内修缮排水沟");
    expect(printed.text).not.toContain("欧阳明娜");
    // Another county's agency learns nothing of it.
    expect((await call(`/v1/cases/${c.id}`, { as: otherCounty })).status).toBe(403);
    expect((await call(`/v1/cases/${c.id}/dispute/agreement`, { as: otherCounty })).status).toBe(403);

    const closed = await command(worker, await read(worker, c.id), "resolve-on-site", { outcome: "调解成功" });
    expect(closed.status).toBe("closed");
    const broken = await dispute(closed, "follow-up", {
      at: new Date().toISOString(),
      kept: false,
      notes: "排水沟未修缮，双方再起争执",
    });
    expect(broken.status).toBe("accepted");
    expect(broken.dispute.stage).toBe("mediating");

    // The figures count it: found, mediated on the spot, mediated, by the village committee's mediator.
    const month = shanghaiDay().slice(0, 7);
    await eventually(
      () => call(`/v1/assessments/disputes?period=${month}&division=${village}&by=mediator`, { as: county }),
      (res) => {
        expect(res.status, res.text).toBe(200);
        const row = (res.json.items as { key: string; figures: Record<string, number> }[]).find(
          (r) => r.key === MEDIATOR,
        );
        expect(row?.figures.mediated).toBeGreaterThanOrEqual(1);
      },
    );
  });

  it("a threat of violence makes it major: the county and the police are told exactly once", async () => {
    const c = await report(worker, {
      title: "土地边界纠纷",
      description: "宅基地边界",
      categoryCode: "0801",
      ...pointIn(WORKER_GRID),
    });
    let d = await dispute(c, "record", {
      ...neighbours((await resident()).person, residentId("19820202")),
      relation: "land",
    });
    const threat = { at: new Date().toISOString(), by: 1, description: "扬言持刀报复", violence: true };
    d = await dispute(d, "record-threat", threat);
    expect(d.dispute).toMatchObject({ risk: { level: "major" } });
    expect(d.holderDivisionCode).toBe("440703000000"); // the stability fast path: the county holds it
    d = await dispute(d, "record-threat", { ...threat, description: "再次扬言报复" });
    await eventually(
      async () => [
        await warningsOf(county, c.id, "dispute.county_warned"),
        await warningsOf(police, c.id, "dispute.police_warned"),
      ],
      (counts) => expect(counts).toEqual([1, 1]),
    );
    const warnings = await call("/v1/disputes/warnings?limit=200", { as: county });
    expect(JSON.stringify(warnings.json)).toContain(c.id);
    const elsewhere = await call("/v1/disputes/warnings?limit=200", { as: otherCounty });
    expect(elsewhere.status).toBe(200);
    expect(JSON.stringify(elsewhere.json)).not.toContain(c.id);
    // Redelivery and later commands never warn twice.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await warningsOf(county, c.id, "dispute.county_warned")).toBe(1);
    expect(await warningsOf(police, c.id, "dispute.police_warned")).toBe(1);
  });

  it("a 排查 campaign counts the households screened and the disputes found", async () => {
    const day = shanghaiDay();
    const opened = await call("/v1/basedata/campaigns", {
      as: villageAgency,
      body: { name: `节前排查${run}`, purpose: "节前矛盾纠纷排查", gridCodes: [WORKER_GRID], from: day, to: day },
    });
    expect(opened.status, opened.text).toBe(201);
    const id = String(opened.json.id);
    const { house } = await resident();
    const visit = {
      ...visitBody("house", house, pointIn(WORKER_GRID)),
      campaignId: id,
      needs: [{ text: "两户因院墙排水争执", openCase: { title: "排查发现邻里纠纷", categoryCode: "0801" } }],
    };
    const screened = await call("/v1/basedata/visits", { as: worker, body: visit });
    expect(screened.status, screened.text).toBe(201);
    await eventually(
      () => call(`/v1/basedata/campaigns/${id}`, { as: villageAgency }),
      (res) => expect(res.json.totals).toMatchObject({ screened: 1, disputesFound: 1 }),
    );
    expect((await call(`/v1/basedata/campaigns/${id}`, { as: otherCounty })).status).toBe(403);
  });
});
