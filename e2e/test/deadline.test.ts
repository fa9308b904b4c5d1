import { describe, expect, it } from "vitest";
import { call } from "./client";
import { command, eventually, read, report } from "./cases-client";
import { pointIn, WORKER_GRID } from "./places";

/**
 * A case runs past its deadline on the real system: the demo configuration's matter E2E-MINUTE has
 * minute-scale limits (sign within 1 minute), so the Durable Object's own alarm fires the warning and
 * then the overdue, which creates a supervision record, notifies the department, and counts against
 * it in the assessments.
 */
describe("a case past its deadline", () => {
  it(
    "warns, goes overdue, is supervised, notifies the department, and shows in its ranking",
    { timeout: 180_000 },
    async () => {
      let c = await report("demo-grid-worker", {
        title: "可疑人员滞留",
        description: "端到端时限测试：可疑人员在小区门口滞留",
        categoryCode: "E2E-MINUTE",
        ...pointIn(WORKER_GRID),
      });
      c = await command("demo-grid-worker", c, "verify");
      c = await command("demo-township-agency", c, "accept");
      c = await command("demo-township-agency", c, "dispatch", { leadDepartmentId: "dept-440703-police" });
      expect(c).toMatchObject({ step: "sign" });

      const overdue = await eventually(
        () => read("demo-county-agency-440703", c.id),
        (v) => expect(v).toMatchObject({ warned: true, overdue: true }),
        150_000,
      );
      expect(overdue.status).toBe("dispatched");

      const supervisions = await call("/v1/supervisions", { as: "demo-county-agency-440703" });
      expect(JSON.stringify(supervisions.json)).toContain(c.id);

      await eventually(
        () => call("/v1/inbox", { as: "demo-department-440703-police" }),
        (res) => {
          const text = JSON.stringify(res.json);
          expect(text).toContain(c.id);
        },
      );

      const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
      const recompute = await call("/v1/assessments/recompute", {
        as: "demo-county-agency-440703",
        body: { kind: "month", period: month },
      });
      expect(recompute.status, recompute.text).toBeLessThan(300);
      const ranking = await eventually(
        () =>
          call(`/v1/rankings?kind=department&period=${month}&divisionCode=440703000000&limit=200`, {
            as: "demo-county-agency-440703",
          }),
        (res) => expect(JSON.stringify(res.json)).toContain("dept-440703-police"),
      );
      const police = (ranking.json.items as { subject: string; components: unknown }[]).find((r) =>
        JSON.stringify(r).includes("dept-440703-police"),
      );
      expect(JSON.stringify(police)).toMatch(/overdue/);
    },
  );
});
