import { describe, expect, it } from "vitest";
import { checkReferences, type ReferenceKind, type ScopeResolver } from "../src";
import { county, township } from "./principals";

const places: Record<string, string> = {
  "dept-440703-police": "440703000000",
  "dept-440705-police": "440705000000",
  "dept-440700-police": "440700000000",
  "dept-440703001-office": "440703001000",
  "dept-440703002-office": "440703002000",
};
const resolve: ScopeResolver = async (_kind: ReferenceKind, id: string) =>
  places[id] ? { divisionCode: places[id] } : null;
const dept = (id: string) => ({
  field: "body.leadDepartmentId",
  kind: "department" as const,
  id,
  action: "case:dispatch" as const,
});

describe("checkReferences: a second resource named in a request", () => {
  it("lets a county agency use its own county's departments and those below it", async () => {
    expect(await checkReferences(county, [dept("dept-440703-police"), dept("dept-440703001-office")], resolve)).toEqual(
      [],
    );
  });
  it("lets a township agency reach its county's departments but not a sibling township's", async () => {
    expect(await checkReferences(township, [dept("dept-440703-police")], resolve)).toEqual([]);
    const refused = await checkReferences(township, [dept("dept-440703002-office")], resolve);
    expect(refused).toEqual([
      {
        field: "body.leadDepartmentId",
        kind: "department",
        id: "dept-440703002-office",
        reason: "outside_jurisdiction",
      },
    ]);
  });
  it("refuses another county's department and the city's from below", async () => {
    const refused = await checkReferences(county, [dept("dept-440705-police"), dept("dept-440700-police")], resolve);
    expect(refused.map((r) => r.reason)).toEqual(["outside_jurisdiction", "outside_jurisdiction"]);
  });
  it("names an unknown id as unknown", async () => {
    expect((await checkReferences(county, [dept("dept-nowhere")], resolve))[0]?.reason).toBe("unknown");
  });
  it("checks other kinds against the policy directly", async () => {
    const ref = { field: "body.targetCaseId", kind: "case" as const, id: "c1", action: "case:merge" as const };
    expect(await checkReferences(county, [ref], async () => ({ divisionCode: "440703001001" }))).toEqual([]);
    expect((await checkReferences(county, [ref], async () => ({ divisionCode: "440705001001" })))[0]?.reason).toBe(
      "outside_jurisdiction",
    );
  });
});
