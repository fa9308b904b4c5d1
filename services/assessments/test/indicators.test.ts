import type { IndicatorTable, MonthlyReport, Principal, RankingRow } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { jsonAs } from "@civicgrid/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { get, queueCaseEvents, send } from "./helpers";
import { onEveryShard } from "./shards";
import { GRID_1, GRID_2, INDICATOR_EVENTS, POLICE } from "./indicator-scenario";

const COUNTY = "440703000000";
const rate = (numerator: number, denominator: number, value: number | null) => ({ numerator, denominator, value });
/** The county's November, worked out case by case in indicator-scenario.ts. */
const COUNTY_FIGURES = {
  response_rate: rate(2, 3, 66.67),
  resolution_rate: rate(3, 4, 75),
  satisfaction_rate: rate(1, 2, 50),
  on_time_closure_rate: rate(3, 4, 75),
  closure_rate: rate(3, 4, 75),
  rework_rate: rate(1, 4, 25),
  extension_rate: rate(1, 3, 33.33),
  supervised: { numerator: 1, denominator: null, value: 1 },
};
const POLICE_FIGURES = {
  ...COUNTY_FIGURES,
  resolution_rate: rate(2, 3, 66.67),
  on_time_closure_rate: rate(2, 3, 66.67),
  closure_rate: rate(2, 3, 66.67),
  rework_rate: rate(1, 3, 33.33),
};

async function table(principal: Principal = principals.countyAgency, query = "level=county&period=2026-11") {
  const res = await get(principal, `/v1/assessments/indicators?${query}`);
  expect(res.status).toBe(200);
  return res.json<IndicatorTable>();
}
const FACTS = "SELECT * FROM indicator_facts ORDER BY case_id, measure, version";
const facts = () => onEveryShard(FACTS);

beforeAll(async () => {
  await queueCaseEvents(INDICATOR_EVENTS);
});

describe("三率 and the standard indicators", () => {
  it("counts each formula per county from the events (paused time is not late)", async () => {
    const t = await table();
    expect(t).toMatchObject({ level: "county", period: "2026-11", from: "2026-11-01", to: "2026-11-30" });
    expect(t.items).toEqual([{ level: "county", subjectId: COUNTY, countyCode: COUNTY, indicators: COUNTY_FIGURES }]);
  });

  it("counts per department, grid and township", async () => {
    const depts = await table(principals.countyAgency, "level=department&period=2026-11");
    expect(depts.items).toEqual([
      { level: "department", subjectId: POLICE, countyCode: COUNTY, indicators: POLICE_FIGURES },
    ]);
    const grids = await table(principals.countyAgency, "level=grid&period=2026-11");
    expect(grids.items.map((r) => r.subjectId)).toEqual([GRID_1, GRID_2]);
    expect(grids.items[1]!.indicators).toMatchObject({
      resolution_rate: rate(1, 1, 100),
      on_time_closure_rate: rate(1, 1, 100),
      response_rate: rate(0, 0, null),
    });
    const townships = await table(principals.countyAgency, "level=township&period=2026-11");
    expect(townships.items).toMatchObject([{ subjectId: "440703001000", indicators: COUNTY_FIGURES }]);
  });

  it("takes a quarter, a year and a custom range of days", async () => {
    expect((await table(principals.countyAgency, "level=county&period=2026-Q4")).items[0]!.indicators).toEqual(
      COUNTY_FIGURES,
    );
    expect((await table(principals.countyAgency, "level=county&period=2026")).from).toBe("2026-01-01");
    const early = await table(principals.countyAgency, "level=county&period=2026-11-01..2026-11-10");
    expect(early.items[0]!.indicators).toMatchObject({
      response_rate: rate(1, 1, 100),
      closure_rate: rate(1, 1, 100),
      satisfaction_rate: rate(1, 1, 100),
      extension_rate: rate(0, 1, 0),
      supervised: { numerator: 0 },
    });
  });

  it("refuses a period that is no month, quarter, year or range, naming the field", async () => {
    const cases = { "2026-W47": 400, "2026-Q5": 400, "2026-11-20..2026-11-01": 400, "2026-02-30..2026-03-01": 400 };
    for (const [period, status] of Object.entries(cases)) {
      const res = await get(principals.countyAgency, `/v1/assessments/indicators?level=county&period=${period}`);
      expect(res.status, period).toBe(status);
      expect(res.headers.get("content-type"), period).toContain("application/problem+json");
      expect(JSON.stringify(await res.json()), period).toContain("period");
    }
  });

  it("answers CSV for Excel (BOM, CRLF, RFC 4180) by Accept or format", async () => {
    const init = await jsonAs(principals.countyAgency, "GET", undefined, { accept: "text/csv" });
    const res = await exports.default.fetch(
      "http://assessments/v1/assessments/indicators?level=department&period=2026-11",
      init,
    );
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toContain("响应率 response_rate");
    expect(lines[1]).toContain(`department,${POLICE},${COUNTY},2026-11,2026-11-01,2026-11-30,66.67,2,3,66.67,2,3`);
    expect(lines.at(-1)).toBe("");
    const byFormat = await get(
      principals.countyAgency,
      "/v1/assessments/indicators?level=department&period=2026-11&format=csv",
    );
    expect(byFormat.headers.get("content-disposition")).toContain("indicators-department-2026-11.csv");
  });

  it("publishes the formulas", async () => {
    const res = await get(principals.department, "/v1/assessments/indicators/formulas");
    const { items } = await res.json<{ items: { key: string; nameZh: string; numerator: string }[] }>();
    expect(items.map((f) => f.nameZh)).toEqual([
      "响应率",
      "解决率",
      "满意率",
      "按期结案率",
      "结案率",
      "返工率",
      "延期率",
      "督办件",
    ]);
    expect(items.every((f) => f.numerator.length > 0)).toBe(true);
  });

  it("recomputes from the raw stored events to the same facts and figures", async () => {
    const stored = await facts();
    const before = await table(principals.countyAgency, "level=department&period=2026-11");
    await onEveryShard("DELETE FROM indicator_facts");
    expect((await table()).items).toEqual([]);
    const res = await send(principals.countyAgency, "POST", "/v1/assessments/recompute", {
      kind: "month",
      period: "2026-11",
    });
    expect(res.status).toBe(200);
    expect(await facts()).toEqual(stored);
    expect(await table(principals.countyAgency, "level=department&period=2026-11")).toEqual(before);
  });

  it("changes nothing when the events arrive again, in reverse order", async () => {
    const stored = await facts();
    await queueCaseEvents([...INDICATOR_EVENTS].reverse());
    expect(await facts()).toEqual(stored);
  });

  it("puts the figures in the rankings and the monthly report", async () => {
    await send(principals.countyAgency, "POST", "/v1/assessments/recompute", { kind: "month", period: "2026-11" });
    const ranks = await get(principals.countyAgency, "/v1/rankings?kind=department&period=2026-11");
    const { items } = await ranks.json<{ items: RankingRow[] }>();
    expect(items.find((r) => r.subjectId === POLICE)?.indicators).toEqual(POLICE_FIGURES);
    const report = await get(principals.countyAgency, `/v1/reports/monthly?divisionCode=${COUNTY}&month=2026-11`);
    const body = await report.json<MonthlyReport>();
    expect(body.indicators).toEqual({
      total: COUNTY_FIGURES,
      byDepartment: [{ level: "department", subjectId: POLICE, countyCode: COUNTY, indicators: POLICE_FIGURES }],
    });
    const html = await get(principals.countyAgency, `/v1/reports/monthly.html?divisionCode=${COUNTY}&month=2026-11`);
    expect(await html.text()).toContain("66.67% (2/3)");
  });
});

describe("who reads the indicators", () => {
  it("gives a department its own figures only", async () => {
    expect(
      (await table(principals.department, "level=department&period=2026-11")).items.map((r) => r.subjectId),
    ).toEqual([POLICE]);
    expect((await table(principals.otherDepartment, "level=department&period=2026-11")).items).toEqual([]);
    expect((await table(principals.department, "level=county&period=2026-11")).items).toEqual([]);
  });

  it("refuses a division outside the caller's jurisdiction and shows another county nothing", async () => {
    const res = await get(
      principals.otherCountyAgency,
      `/v1/assessments/indicators?level=county&period=2026-11&divisionCode=${COUNTY}`,
    );
    expect(res.status).toBe(403);
    expect((await table(principals.otherCountyAgency)).items).toEqual([]);
  });

  it("narrows to a division: a grid worker's own grid", async () => {
    const grid = await table(principals.gridWorker, "level=grid&period=2026-11");
    expect(grid.items.map((r) => r.subjectId)).toEqual([GRID_1]);
    const narrowed = await table(
      principals.countyAgency,
      `level=grid&period=2026-11&divisionCode=${GRID_2.slice(0, 12)}`,
    );
    expect(narrowed.items.map((r) => r.subjectId)).toEqual([GRID_1, GRID_2]);
  });
});
