import { generateCity, type City } from "@civicgrid/demo-data";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_EFFECTIVE, demoStatements } from "../seed/demo";
import { base } from "./fixtures";

let city: City;

beforeAll(async () => {
  city = generateCity({});
  await env.DB.batch(demoStatements(city).map((sql) => env.DB.prepare(sql)));
}, 60_000);

const sample = (n: number) => city.grids.filter((_, i) => i % Math.floor(city.grids.length / n) === 0).slice(0, n);

describe("demo data (seed/demo.ts)", () => {
  it("applies cleanly: the Jiangmen divisions, 2,954 grids as one accepted layout per county, lists and disclosure", async () => {
    const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())?.n;
    expect(await count("SELECT count(*) AS n FROM divisions")).toBe(city.divisions.length);
    expect(await count("SELECT count(*) AS n FROM grid_versions WHERE valid_to IS NULL")).toBe(2954);
    expect(await count("SELECT count(*) AS n FROM layouts WHERE status = 'accepted'")).toBe(7);
    expect(await count("SELECT count(*) AS n FROM matter_list_versions")).toBe(7);
    expect(await count("SELECT count(*) AS n FROM disclosure_servers")).toBe(2954);
    // Applying again changes nothing (INSERT OR IGNORE), as `npm run dev` reloads it.
    await env.DB.batch(demoStatements(city).map((sql) => env.DB.prepare(sql)));
    expect(await count("SELECT count(*) AS n FROM grid_versions")).toBe(2954);
  });

  it("locates the centre of sampled grids to that grid, one by one and in a batch", async () => {
    const grids = sample(60);
    for (const g of grids) {
      expect(await exports.default.locate(g.center[0], g.center[1])).toEqual({ gridCode: g.code, gridName: g.name, villageCode: g.villageCode, townshipCode: g.townshipCode, countyCode: g.countyCode });
    }
    const many = await exports.default.locateMany(grids.map((g) => ({ lng: g.center[0], lat: g.center[1] })));
    expect(many.map((l) => l?.gridCode)).toEqual(grids.map((g) => g.code));
    expect(await exports.default.locate(100, 10)).toBeNull();
  });

  it("answers which grid covered a point on 2026-03-01, and nothing before the demo layout took effect", async () => {
    const g = city.grids[0];
    expect((await exports.default.locate(g!.center[0], g!.center[1], "2026-03-01"))?.gridCode).toBe(g!.code);
    expect(await exports.default.locate(g!.center[0], g!.center[1], "2024-12-31")).toBeNull();
    expect(DEMO_EFFECTIVE).toBe("2025-01-01");
  });

  it("discloses the seeded workers of a grid without private phones or ID numbers", async () => {
    const g = city.grids[0]!;
    const res = await exports.default.fetch(`${base}/v1/public/grids/${g.code}`);
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const body = JSON.parse(text) as { workers: { name: string; role: string; workPhone: string }[]; supervisionPhone: string };
    const serving = city.workers.filter((w) => w.assignments.some((a) => a.gridCode === g.code));
    expect(body.workers.map((w) => w.name).sort()).toEqual(serving.map((w) => w.name).sort());
    expect(body.supervisionPhone).toBe(g.supervisionPhone);
    for (const w of serving) {
      expect(text).not.toContain(w.idNumber);
      expect(text).not.toContain(w.mobile);
    }
  });

  it("answers matter admission over RPC with per-step limits, flags, and the rule of a forbidden matter", async () => {
    const county = "440703000000";
    expect(await exports.default.matterAdmission(county, "E2E-MINUTE")).toMatchObject({ status: "admitted", limits: { handle: { amount: 2, unit: "minutes" } }, listVersion: 1 });
    expect(await exports.default.matterAdmission(county, "1101")).toMatchObject({ status: "admitted", emergency: true, policeCall: true, limits: { accept: { amount: 10, unit: "minutes" } } });
    expect(await exports.default.matterAdmission(county, "0701")).toMatchObject({ status: "admitted", stabilityRisk: true, workerDuty: "report", responsibleDepartmentKind: "petition" });
    const forbidden = await exports.default.matterAdmission(county, "F01");
    expect(forbidden).toMatchObject({ status: "forbidden", name: "城市管理执法类行政处罚" });
    expect(forbidden.rule).toMatch(/行政处罚/);
    expect(await exports.default.matterAdmission(county, "9999")).toEqual({ matterCode: "9999", countyCode: county, status: "unlisted", listVersion: 1 });
    expect(await exports.default.matterAdmission(county, "0101", "2024-06-01")).toEqual({ matterCode: "0101", countyCode: county, status: "unlisted" });
    const refused = await exports.default.matterAdmission("4407", "0101").then(() => null, (error: Error) => error);
    expect(refused?.message).toMatch(/countyCode/);
  });

  it("lists a county's admitted matters for residents' apps (Open311 services), without collect-only matters or forbidden ones", async () => {
    const matters = await exports.default.admittedMatters("440703000000");
    const codes = matters.map((m) => m.matterCode);
    expect(codes).toContain("0802");
    expect(matters.find((m) => m.matterCode === "0802")).toEqual({ matterCode: "0802", name: "路灯故障", categoryCode: "08", group: "urban_management" });
    expect(codes).not.toContain("1001");
    expect(codes).not.toContain("F01");
    expect(await exports.default.admittedMatters("440799000000")).toEqual([]);
    const refused = await exports.default.admittedMatters("4407").then(() => null, (error: Error) => error);
    expect(refused?.message).toMatch(/countyCode/);
  });

  it("knows every demo case category as an admitted matter", async () => {
    const { CASE_CATEGORIES } = await import("@civicgrid/demo-data");
    for (const c of CASE_CATEGORIES) expect((await exports.default.matterAdmission("440705000000", c.code)).status, c.code).toBe("admitted");
  });
});
