import { principals } from "@civicgrid/testing";
import type { CaseView } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { act, report, step } from "./helpers";

const police = { leadDepartmentId: "dept-440703-police" };

async function accepted(): Promise<CaseView> {
  return step(
    principals.townshipAgency,
    await step(principals.gridWorker, await report(principals.gridWorker), "verify"),
    "accept",
  );
}

// Jiangmen 第二十四条: a department returns what is not its duty, with its reasons, and the agency dispatches again;
// a dispute of duties is the agency's to settle. Wuxi 第六十三条: a matter is not passed around.
describe("returning a case (Jiangmen 第二十四条, Wuxi 第六十三条)", () => {
  it("a department returns once per dispatch, with a reason; the returned dispatch is over for it", async () => {
    const c = await step(principals.townshipAgency, await accepted(), "dispatch", police);
    const noReason = await act(principals.department, c, "return", {});
    expect(noReason.status).toBe(400);
    const back = await step(principals.department, c, "return", { reason: "不属于公安职责" });
    expect(back).toMatchObject({ status: "accepted", returns: 1, leadDepartmentId: null });
    // The return ended the dispatch: the department is no longer on the case and cannot return it twice.
    const again = await act(principals.department, back, "return", { reason: "再次退回" });
    expect(again.status).toBe(403);
  });

  it("after two returns the agency's dispatch stands: a third return is refused, the lead department handles it", async () => {
    let c = await accepted();
    for (const reason of ["不属于公安职责", "仍不属于公安职责"]) {
      c = await step(principals.townshipAgency, c, "dispatch", police);
      c = await step(principals.department, c, "return", { reason });
    }
    expect(c).toMatchObject({ status: "accepted", returns: 2 });
    c = await step(principals.townshipAgency, c, "dispatch", police);
    const third = await act(principals.department, c, "return", { reason: "第三次退回" });
    expect(third.status).toBe(409);
    const body = await third.json<{ code: string; detail: string; allowed: string[] }>();
    expect(body).toMatchObject({ code: "invalid_transition", detail: expect.stringContaining("第二十四条") });
    expect(body.allowed).toEqual(["sign", "request-extension", "request-pause", "join"]);
    c = await step(principals.department, c, "sign");
    expect(c).toMatchObject({ status: "signed", returns: 2 });
    expect((await act(principals.department, c, "return", { reason: "签收后退回" })).status).toBe(409);
  });
});
