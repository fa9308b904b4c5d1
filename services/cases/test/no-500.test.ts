import { principals } from "@civicgrid/testing";
import { CommandBodies, type CaseView, type Principal } from "@civicgrid/contracts";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, HERE, report, step } from "./helpers";

/** A valid body for each operation that takes one, so the call reaches the code past validation. */
const BODIES: Record<string, unknown> = {
  "/v1/cases": { title: "路灯不亮", description: "路灯不亮", categoryCode: "A01", ...HERE },
  "/v1/public/cases": { title: "路灯不亮", description: "路灯不亮", categoryCode: "A01", ...HERE },
  "/v1/cases/work-orders": {
    gridCode: "440703001001001",
    title: "核查",
    description: "核查出租屋",
    categoryCode: "A01",
    action: "check",
  },
  dispatch: { leadDepartmentId: "dept-440703-police" },
  "resolve-on-site": { outcome: "现场处理", evidence: [] },
  handle: { outcome: "已处理", evidence: [] },
  check: { passed: true, opinion: "合格" },
  rate: { rating: "satisfied" },
  return: { reason: "不属于本部门" },
  escalate: { reason: "需上级协调" },
  "request-extension": { amount: 1, unit: "working_days", reason: "等待材料" },
  "review-extension": { approved: true, opinion: "同意" },
  invalidate: { reason: "重复上报" },
  "approve-matter": { opinion: "同意" },
};

/** Roles that carry no jurisdiction of their own, or lack the part their role usually has. */
const UNSCOPED: [string, Principal][] = [
  ["the platform admin", principals.admin],
  ["a department user with no department", { sub: "t-dept-none", roles: ["department"], divisionCode: "440703000000" }],
  ["a grid worker with no grids", { sub: "t-worker-none", roles: ["grid_worker"], divisionCode: "440703001001" }],
  ["an hr user", principals.hr],
];

type Doc = { paths: Record<string, Record<string, unknown>> };

describe("no 500s for roles without a jurisdiction scope", () => {
  it("the platform admin runs the whole loop and every side command", async () => {
    let c = await report(principals.admin);
    for (const [command, body] of [
      ["verify", {}],
      ["accept", {}],
      ["dispatch", BODIES.dispatch],
      ["sign", {}],
      ["request-extension", BODIES["request-extension"]],
      ["review-extension", BODIES["review-extension"]],
      ["handle", BODIES.handle],
      ["check", BODIES.check],
      ["rate", BODIES.rate],
      ["archive", {}],
    ] as const) {
      c = await step(principals.admin, c, command, body);
    }
    expect(c.status).toBe("archived");
    const other = await report(principals.admin);
    expect(
      (
        await step(principals.admin, await step(principals.admin, other, "escalate", BODIES.escalate), "merge", {
          intoCaseId: c.id,
        })
      ).status,
    ).toBe("merged");
  });

  it.each(UNSCOPED)("%s gets no 5xx from any operation of the OpenAPI document", async (_label, who) => {
    const c: CaseView = await report(principals.gridWorker);
    const doc = await (await exports.default.fetch("http://cases/openapi.json")).json<Doc>();
    const calls: string[] = [];
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const path = template.replace("{id}", c.id);
        const name = template.split("/").at(-1)!;
        const body = method === "get" ? undefined : (BODIES[template] ?? BODIES[name] ?? {});
        const res = await call(
          who,
          method.toUpperCase(),
          `${path}${method === "get" && template === "/v1/cases" ? "?division=440703000000&grid=440703001001001&department=dept-440703-police" : ""}`,
          body,
          { "if-match": `"v${c.version}"`, "x-follow-token": "0".repeat(32) },
        );
        calls.push(`${method} ${template} ${res.status}`);
        expect(res.status, `${method} ${template}`).toBeLessThan(500);
      }
    }
    expect(calls.length).toBeGreaterThanOrEqual(Object.keys(CommandBodies).length + 8);
  });
});
