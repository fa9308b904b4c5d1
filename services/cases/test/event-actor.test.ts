import { principals } from "@civicgrid/testing";
import { describe, expect, it } from "vitest";
import { outboxEvents, report, step } from "./helpers";

const dataOf = async (id: string, type: string) => (await outboxEvents(id)).find((e) => e.type === type)!.data;

async function dispatched() {
  const c = await step(
    principals.townshipAgency,
    await step(principals.gridWorker, await report(principals.gridWorker), "verify"),
    "accept",
  );
  return step(principals.townshipAgency, c, "dispatch", { leadDepartmentId: "dept-440703-police" });
}

describe("every case event names the unit that acted, so assessments credit it to the right unit", () => {
  it("case.returned carries the returning department as actor.unit and fromDepartmentId, though the lead is now empty", async () => {
    const c = await step(principals.department, await dispatched(), "return", {
      ground: "not_function",
      reason: "不属于公安职责",
    });
    const data = await dataOf(c.id, "case.returned");
    expect(data).toMatchObject({
      actor: { sub: principals.department.sub, role: "department", unit: "dept-440703-police" },
      fromDepartmentId: "dept-440703-police",
      leadDepartmentId: null,
      details: { departmentId: "dept-440703-police" },
    });
  });

  it("case.reopened names the department whose handling the resident rejected (it reworks it); other events carry fromDepartmentId null", async () => {
    let c = await report(principals.resident);
    c = await step(principals.townshipAgency, await step(principals.gridWorker, c, "verify"), "accept");
    c = await step(principals.townshipAgency, c, "dispatch", { leadDepartmentId: "dept-440703-police" });
    c = await step(principals.department, await step(principals.department, c, "sign"), "handle", {
      outcome: "已处理",
      evidence: [],
    });
    c = await step(principals.townshipAgency, c, "check", { passed: true, opinion: "合格" });
    await step(principals.resident, c, "rate", { rating: "unsatisfied", reopen: true });
    expect(await dataOf(c.id, "case.reopened")).toMatchObject({
      actor: { role: "resident" },
      fromDepartmentId: "dept-440703-police",
      leadDepartmentId: "dept-440703-police",
    });
    expect(await dataOf(c.id, "case.dispatched")).toMatchObject({
      actor: { sub: principals.townshipAgency.sub, role: "agency", unit: "440703001000" },
      fromDepartmentId: null,
    });
    expect(await dataOf(c.id, "case.handled")).toMatchObject({
      actor: { role: "department", unit: "dept-440703-police" },
    });
  });
});
