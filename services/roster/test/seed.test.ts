import { DEMO_MEDIATORS, generateCity } from "@civicgrid/demo-data";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { demoStatements } from "../seed/demo";

describe("demo data", () => {
  it("applies cleanly to the migrated database and puts the demo grid worker on duty", async () => {
    const city = generateCity({});
    // The demo grid worker's grid and its village's users are enough to prove the statements fit the schema.
    const grid = "440703002101001";
    const small = {
      ...city,
      grids: city.grids.filter((g) => g.code === grid),
      workers: city.workers
        .filter((w) => w.assignments.some((a) => a.gridCode === grid))
        .map((w) => ({ ...w, assignments: w.assignments.filter((a) => a.gridCode === grid) })),
      departments: city.departments.filter((d) => d.divisionCode.startsWith("440703")),
      users: city.users.filter((u) => u.sub.startsWith("demo-")),
    };
    const statements = await demoStatements(small, env.PII_KEY);
    await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
    const servers = await exports.default.gridServers(grid);
    expect(servers.map((s) => s.role)).toEqual(expect.arrayContaining(["chief", "full_time", "part_time"]));
    expect(await exports.default.principalStatus("demo-grid-worker")).toEqual({ active: true });
    expect(await exports.default.principalStatus("demo-resident")).toMatchObject({ active: false });
    expect((await exports.default.department("dept-440703-police"))?.staffSubs).toContain(
      "demo-department-440703-police",
    );
    // Issue 15: the county's committees, the labour dispute centre and the demo mediators, all on duty.
    const { village, township, labour, gridWorker } = DEMO_MEDIATORS;
    const contacts = await Promise.all(
      [village, township, ...labour, gridWorker].map((id) => exports.default.mediator(id)),
    );
    expect(contacts.map((m) => [m?.kind, m?.divisionCode, m?.active])).toEqual([
      ["village_committee", "440703002101", true],
      ["township_committee", "440703002000", true],
      ["professional", "440703000000", true],
      ["professional", "440703000000", true],
      ["grid_worker", "440703002101", true],
    ]);
    expect(contacts[0]?.bodyName).toBe("羊桥社区人民调解委员会");
    expect(contacts[2]?.bodyName).toBe("江门市蓬江区劳动争议调解中心");
    const bodies = await env.DB.prepare(
      "SELECT kind, count(*) AS n FROM mediation_bodies GROUP BY kind ORDER BY kind",
    ).all<{ kind: string; n: number }>();
    // Six townships and streets of 蓬江区, the one staffed village of this cut-down city, one professional centre.
    expect(bodies.results).toEqual([
      { kind: "professional", n: 1 },
      { kind: "township_committee", n: 6 },
      { kind: "village_committee", n: 1 },
    ]);
    await expect(demoStatements(small, "")).rejects.toThrow(/PII_KEY/);
  });
});
