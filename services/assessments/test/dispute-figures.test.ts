import type { DisputeFiguresAnswer, Principal } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { D2_EVENTS, DISPUTE_EVENTS, figuresOf, G1, G2, G3, XH } from "./dispute-scenario";
import { get, queueCaseEvents } from "./helpers";

/** Issue 15 item 6: the dispute figures, from the case events through the queue, per subject, month and caller. */
const f = figuresOf;

async function figures(p: Principal, query: string) {
  const res = await get(p, `/v1/assessments/disputes?${query}`);
  expect(res.status, query).toBe(200);
  return res.json<DisputeFiguresAnswer>();
}
const keyed = (a: DisputeFiguresAnswer) => Object.fromEntries(a.items.map((r) => [r.key, r.figures]));

beforeAll(async () => {
  // D2 first, newest event first (out of order), then everything, then everything again (redelivery).
  await queueCaseEvents([...D2_EVENTS].reverse());
  await queueCaseEvents(DISPUTE_EVENTS);
  await queueCaseEvents(DISPUTE_EVENTS);
});

const PJ_VILLAGE_1 = f({ found: 3, mediatedOnSite: 1, mediated: 2, diverted: 1, agreementsKept: 1 });
const PJ_VILLAGE_2 = f({ found: 1, majorRisk: 1 });

describe("dispute figures per subject", () => {
  it("counts each figure once per case, agreement or event, per grid, village, township and county", async () => {
    const grids = await figures(principals.countyAgency, "period=2026-10&by=grid");
    expect(keyed(grids)).toEqual({
      [G1]: f({ found: 2, mediatedOnSite: 1, mediated: 1, diverted: 1 }),
      [G2]: f({ found: 1, mediated: 1, agreementsKept: 1 }),
      [G3]: PJ_VILLAGE_2,
    });
    expect(grids.total).toEqual(
      f({ found: 4, mediatedOnSite: 1, mediated: 2, diverted: 1, agreementsKept: 1, majorRisk: 1 }),
    );
    expect(keyed(await figures(principals.countyAgency, "period=2026-10&by=village"))).toEqual({
      "440703001001": PJ_VILLAGE_1,
      "440703002001": PJ_VILLAGE_2,
    });
    expect(keyed(await figures(principals.countyAgency, "period=2026-10&by=township"))).toEqual({
      "440703001000": PJ_VILLAGE_1,
      "440703002000": PJ_VILLAGE_2,
    });
    expect(keyed(await figures(principals.cityAgency, "period=2026-10&by=county"))).toEqual({
      "440703000000": grids.total,
      "440705000000": f({ found: 1, mediatedOnSite: 1, mediated: 1 }),
    });
  });

  it("credits the mediator set on the counted event, with its kind", async () => {
    const answer = await figures(principals.countyAgency, "period=2026-10&by=mediator");
    expect(answer.items).toEqual([
      { key: "med-pj-pro-01", mediatorKind: "professional", figures: f({ diverted: 1, majorRisk: 1 }) },
      { key: "med-pj-village-01", mediatorKind: "village_committee", figures: f({ mediated: 1, agreementsKept: 1 }) },
      { key: "med-pj-worker-01", mediatorKind: "grid_worker", figures: f({ mediatedOnSite: 1, mediated: 1 }) },
    ]);
  });

  it("counts in the Asia/Shanghai month of the event: a follow-up late on 31 October UTC is November's", async () => {
    const november = await figures(principals.countyAgency, "period=2026-11&by=mediator");
    expect(november.items).toEqual([
      { key: "med-pj-village-01", mediatorKind: "village_committee", figures: f({ agreementsKept: 1 }) },
    ]);
  });
});

describe("who reads which figures", () => {
  it("narrows to the caller's jurisdiction: a mediator's row counts only the cases in it", async () => {
    const township = await figures(principals.townshipAgency, "period=2026-10&by=mediator");
    expect(township.items.find((r) => r.key === "med-pj-pro-01")?.figures).toEqual(f({ diverted: 1 }));
    expect(township.total).toEqual(PJ_VILLAGE_1);
    const xh = await figures(principals.otherCountyAgency, "period=2026-10&by=mediator");
    expect(xh.items.map((r) => r.key)).toEqual(["med-xh-village-01"]);
    expect(keyed(await figures(principals.otherCountyAgency, "period=2026-10&by=grid"))).toEqual({
      [XH]: f({ found: 1, mediatedOnSite: 1, mediated: 1 }),
    });
    expect(keyed(await figures(principals.gridWorker, "period=2026-10&by=grid"))).toEqual({
      [G1]: f({ found: 2, mediatedOnSite: 1, mediated: 1, diverted: 1 }),
    });
    const narrowed = await figures(principals.countyAgency, "period=2026-10&by=grid&division=440703002000");
    expect(narrowed).toMatchObject({ division: "440703002000", total: PJ_VILLAGE_2 });
  });

  it("refuses another county's division, roles without assessment:read, and bad queries naming the field", async () => {
    const other = await get(principals.countyAgency, "/v1/assessments/disputes?period=2026-10&division=440705000000");
    expect(other.status).toBe(403);
    const xhAsksPj = await get(
      principals.otherCountyAgency,
      "/v1/assessments/disputes?period=2026-10&division=440703000000",
    );
    expect(xhAsksPj.status).toBe(403);
    for (const p of [principals.resident, principals.hr]) {
      expect((await get(p, "/v1/assessments/disputes?period=2026-10")).status, p.sub).toBe(403);
    }
    for (const [query, field] of [
      ["period=2026-13", "query.period"],
      ["period=2026-10&by=street", "query.by"],
      ["period=2026-10&division=44", "query.division"],
    ]) {
      const res = await get(principals.countyAgency, `/v1/assessments/disputes?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json<{ errors: { field: string }[] }>()).errors[0]?.field).toBe(field);
    }
  });
});
