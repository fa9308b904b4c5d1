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
      expect(await exports.default.locate(g.center[0], g.center[1])).toEqual({
        gridCode: g.code,
        gridName: g.name,
        villageCode: g.villageCode,
        townshipCode: g.townshipCode,
        countyCode: g.countyCode,
      });
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
    const body = JSON.parse(text) as {
      workers: { name: string; role: string; workPhone: string }[];
      supervisionPhone: string;
    };
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
    expect(await exports.default.matterAdmission(county, "E2E-MINUTE")).toMatchObject({
      status: "admitted",
      limits: { handle: { amount: 2, unit: "minutes" } },
      listVersion: 1,
    });
    expect(await exports.default.matterAdmission(county, "1101")).toMatchObject({
      status: "admitted",
      emergency: true,
      policeCall: true,
      limits: { accept: { amount: 10, unit: "minutes" } },
    });
    expect(await exports.default.matterAdmission(county, "0701")).toMatchObject({
      status: "admitted",
      stabilityRisk: true,
      workerDuty: "report",
      responsibleDepartmentKind: "petition",
    });
    const forbidden = await exports.default.matterAdmission(county, "F01");
    expect(forbidden).toMatchObject({ status: "forbidden", name: "城市管理执法类行政处罚" });
    expect(forbidden.rule).toMatch(/行政处罚/);
    expect(await exports.default.matterAdmission(county, "9999")).toEqual({
      matterCode: "9999",
      countyCode: county,
      status: "unlisted",
      listVersion: 1,
    });
    expect(await exports.default.matterAdmission(county, "0101", "2024-06-01")).toEqual({
      matterCode: "0101",
      countyCode: county,
      status: "unlisted",
    });
    const refused = await exports.default.matterAdmission("4407", "0101").then(
      () => null,
      (error: Error) => error,
    );
    expect(refused?.message).toMatch(/countyCode/);
  });

  it("lists a county's admitted matters for residents' apps (Open311 services), without collect-only matters or forbidden ones", async () => {
    const matters = await exports.default.admittedMatters("440703000000");
    const codes = matters.map((m) => m.matterCode);
    expect(codes).toContain("0802");
    expect(matters.find((m) => m.matterCode === "0802")).toMatchObject({
      matterCode: "0802",
      name: "路灯故障",
      categoryCode: "08",
      group: "市政设施",
      keywords: ["路灯", "照明", "灯杆"],
    });
    expect(codes).not.toContain("1001");
    expect(codes).not.toContain("F01");
    expect(await exports.default.admittedMatters("440799000000")).toEqual([]);
    const refused = await exports.default.admittedMatters("4407").then(
      () => null,
      (error: Error) => error,
    );
    expect(refused?.message).toMatch(/countyCode/);
  });

  it("carries the catalogue's description, keywords, group and Open311 attributes of the demo matters", async () => {
    const matters = await exports.default.admittedMatters("440703000000");
    const road = matters.find((m) => m.matterCode === "0801");
    expect(road?.description).toMatch(/坑洼/);
    expect(road?.attributes?.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ["damage_area", "number", true, 1],
      ["lane_blocked", "singlevaluelist", false, 2],
      ["urgency", "singlevaluelist", false, 9],
    ]);
    const light = matters.find((m) => m.matterCode === "0802");
    expect(light?.attributes?.find((a) => a.code === "pole_number")).toMatchObject({
      description: "灯杆编号（灯杆上的喷涂编号）",
      datatype: "string",
      required: true,
    });
    expect(light?.attributes?.find((a) => a.code === "urgency")?.values?.map((v) => v.name)).toEqual([
      "一般",
      "较急",
      "危及安全",
    ]);
    // A matter with no definition of its own takes its category's description and name.
    expect(matters.find((m) => m.matterCode === "0101")).toMatchObject({
      description: "邻里、婚姻家庭、劳资等纠纷的排查和简单调解",
      group: "矛盾纠纷",
      keywords: [],
      attributes: [],
    });
  });

  it("never lists the e2e minute-scale matter publicly, though cases can still be timed by it", async () => {
    const county = "440703000000";
    expect((await exports.default.admittedMatters(county)).map((m) => m.matterCode)).not.toContain("E2E-MINUTE");
    const list = await (await exports.default.fetch(`${base}/v1/public/matters/lists/${county}`)).text();
    expect(list).toContain('"0801"');
    expect(list).not.toContain("E2E-MINUTE");
    expect(
      await (await exports.default.fetch(`${base}/v1/public/matters/lists/${county}/versions/1`)).text(),
    ).not.toContain("E2E-MINUTE");
    expect((await exports.default.fetch(`${base}/v1/public/matters/lists/${county}/matters/E2E-MINUTE`)).status).toBe(
      404,
    );
    expect((await exports.default.matterAdmission(county, "E2E-MINUTE")).status).toBe("admitted");
  });

  it("knows every demo case category as an admitted matter", async () => {
    const { CASE_CATEGORIES } = await import("@civicgrid/demo-data");
    for (const c of CASE_CATEGORIES)
      expect((await exports.default.matterAdmission("440705000000", c.code)).status, c.code).toBe("admitted");
  });
});
