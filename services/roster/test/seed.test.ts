import { generateCity } from "@civicgrid/demo-data";
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
    await expect(demoStatements(small, "")).rejects.toThrow(/PII_KEY/);
  });
});
