import { DISPUTE_INDICATORS, type MonthlyReport, type RankingKind, type RankingRow } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { DISPUTE_EVENTS, figuresOf, G1, G2, G3, G3_TWIN } from "./dispute-scenario";
import { get, queueCaseEvents, send } from "./helpers";
import { onEveryShard } from "./shards";

/** Issue 15 item 6: dispute figures beside the rankings and in the 月分析, and the case figures left as they were. */
const f = figuresOf;
const G1_FIGURES = f({ found: 2, mediatedOnSite: 1, mediated: 1, diverted: 1 });
const TOWNSHIP_1 = f({ found: 3, mediatedOnSite: 1, mediated: 2, diverted: 1, agreementsKept: 1 });

async function ranking(kind: RankingKind, period: string): Promise<RankingRow[]> {
  const res = await get(principals.countyAgency, `/v1/rankings?kind=${kind}&period=${period}&limit=200`);
  expect(res.status).toBe(200);
  return (await res.json<{ items: RankingRow[] }>()).items;
}
const rows = (sql: string, ...binds: string[]) => onEveryShard(sql, ...binds);

beforeAll(async () => {
  await queueCaseEvents(DISPUTE_EVENTS);
  for (const period of ["2026-10", "2026-W41"]) {
    const kind = period.includes("W") ? "week" : "month";
    expect((await send(principals.countyAgency, "POST", "/v1/assessments/recompute", { kind, period })).status).toBe(
      200,
    );
  }
});

describe("case figures are not disturbed by a dispute's own events", () => {
  it("a grid and a worker with the same case events, one with dispute events besides, have the same facts", async () => {
    const grids = await rows("SELECT * FROM grid_day_facts WHERE grid_code IN (?, ?) ORDER BY day", G3, G3_TWIN);
    const [withDispute, twin] = [G3, G3_TWIN].map((g) => grids.filter((r) => r.grid_code === g));
    expect(withDispute!.map((r) => r.day)).toEqual(["2026-10-19"]);
    expect(withDispute!.map(({ grid_code: _, ...r }) => r)).toEqual(twin!.map(({ grid_code: _, ...r }) => r));
    const workers = await rows("SELECT * FROM worker_day_facts WHERE sub IN ('t-worker-c', 't-worker-d') ORDER BY day");
    expect(workers.map((r) => [r.sub, r.day])).toEqual([
      ["t-worker-c", "2026-10-19"],
      ["t-worker-d", "2026-10-19"],
    ]);
    const grid = await ranking("grid", "2026-10");
    const [a, b] = [G3, G3_TWIN].map((g) => grid.find((r) => r.subjectId === g)!);
    expect(a!.score).toBe(b!.score);
    const caseComponents = (r: RankingRow) =>
      r.components.filter((c) => !DISPUTE_INDICATORS.includes(c.indicator as never));
    expect(caseComponents(a!)).toEqual(caseComponents(b!));
  });

  it("a dispute resolved on the spot is a case resolved on the spot, as any other", async () => {
    const g1 = await rows("SELECT day, resolved_on_site FROM grid_day_facts WHERE grid_code = ? ORDER BY day", G1);
    expect(g1.filter((r) => r.resolved_on_site)).toEqual([
      { day: "2026-10-05", resolved_on_site: 1 },
      { day: "2026-10-07", resolved_on_site: 1 },
    ]);
  });
});

describe("dispute figures in the rankings", () => {
  it("carries the period's figures on each grid and township row, none on worker rows, no score moved", async () => {
    const grid = await ranking("grid", "2026-10");
    const byGrid = Object.fromEntries(grid.map((r) => [r.subjectId, r.disputes]));
    expect(byGrid).toEqual({
      [G1]: G1_FIGURES,
      [G2]: f({ found: 1, mediated: 1, agreementsKept: 1 }),
      [G3]: f({ found: 1, majorRisk: 1 }),
      [G3_TWIN]: f({}),
    });
    const g1 = grid.find((r) => r.subjectId === G1)!;
    expect(g1.components.filter((c) => DISPUTE_INDICATORS.includes(c.indicator as never))).toEqual([
      { indicator: "disputes_found", value: 2, score: 100, weight: 0 },
      { indicator: "disputes_mediated_on_site", value: 1, score: 100, weight: 0 },
      { indicator: "disputes_mediated", value: 1, score: 100, weight: 0 },
      { indicator: "agreements_kept", value: 0, score: 0, weight: 0 },
    ]);
    const township = await ranking("township", "2026-10");
    expect(township.find((r) => r.subjectId === "440703001000")?.disputes).toEqual(TOWNSHIP_1);
    for (const r of await ranking("worker", "2026-10")) expect(r.disputes).toBeUndefined();
  });

  it("sums a week's figures for a weekly ranking (2026-W41: 5–11 October, before D3's diversion)", async () => {
    const grid = await ranking("grid", "2026-W41");
    expect(grid.find((r) => r.subjectId === G1)?.disputes).toEqual(f({ found: 2, mediatedOnSite: 1, mediated: 1 }));
  });
});

describe("dispute figures in the monthly report", () => {
  it("gives the division's figures, its areas' and its mediators', as JSON and as a printable page", async () => {
    const res = await get(principals.countyAgency, "/v1/reports/monthly?divisionCode=440703000000&month=2026-10");
    expect(res.status).toBe(200);
    const report = await res.json<MonthlyReport>();
    expect(report.disputes).toEqual({
      total: f({ found: 4, mediatedOnSite: 1, mediated: 2, diverted: 1, agreementsKept: 1, majorRisk: 1 }),
      byArea: [
        { key: "440703001000", figures: TOWNSHIP_1 },
        { key: "440703002000", figures: f({ found: 1, majorRisk: 1 }) },
      ],
      byMediator: [
        { key: "med-pj-pro-01", mediatorKind: "professional", figures: f({ diverted: 1, majorRisk: 1 }) },
        { key: "med-pj-village-01", mediatorKind: "village_committee", figures: f({ mediated: 1, agreementsKept: 1 }) },
        { key: "med-pj-worker-01", mediatorKind: "grid_worker", figures: f({ mediatedOnSite: 1, mediated: 1 }) },
      ],
    });
    const township = await get(
      principals.townshipAgency,
      "/v1/reports/monthly?divisionCode=440703001000&month=2026-10",
    );
    const villages = (await township.json<MonthlyReport>()).disputes!;
    expect(villages.byArea).toEqual([{ key: "440703001001", figures: TOWNSHIP_1 }]);
    expect(villages.byMediator.find((m) => m.key === "med-pj-pro-01")?.figures).toEqual(f({ diverted: 1 }));

    const html = await get(principals.countyAgency, "/v1/reports/monthly.html?divisionCode=440703000000&month=2026-10");
    const page = await html.text();
    expect(page).toContain("<h2>矛盾纠纷排查化解</h2>");
    expect(page).toContain("<td>合计</td><td>4</td><td>1</td><td>2</td><td>1</td><td>1</td><td>1</td>");
    expect(page).toContain("<td>med-pj-pro-01</td><td>professional</td><td>0</td><td>0</td><td>0</td><td>1</td>");
    const other = "/v1/reports/monthly?divisionCode=440703000000&month=2026-10";
    expect((await get(principals.otherCountyAgency, other)).status).toBe(403);
  });
});

describe("a county that weighs dispute work in its 考核细则", () => {
  it("scores grids by the weighed figures from the rules' version on, and refuses figures that are never weighed", async () => {
    const path = "/v1/assessments/rules/440703000000";
    const rules = (grid: Record<string, number>) => ({
      effectiveFrom: "2026-10-01",
      weights: { worker: { cases_reported: 1 }, grid, township: grid, department: { satisfaction: 1 } },
    });
    const refused = await send(principals.countyAgency, "POST", path, rules({ disputes_major_risk: 1 }), {
      "if-match": '"v0"',
    });
    expect(refused.status).toBe(400);
    expect((await refused.json<{ errors: { field: string }[] }>()).errors[0]?.field).toContain("body.weights.grid");
    const ok = await send(principals.countyAgency, "POST", path, rules({ disputes_mediated: 1 }), {
      "if-match": '"v0"',
    });
    expect(ok.status).toBe(201);
    await send(principals.countyAgency, "POST", "/v1/assessments/recompute", { kind: "month", period: "2026-10" });
    const scores = Object.fromEntries((await ranking("grid", "2026-10")).map((r) => [r.subjectId, r.score]));
    expect(scores).toEqual({ [G1]: 100, [G2]: 100, [G3]: 0, [G3_TWIN]: 0 });
  });
});
