import { describe, expect, it } from "vitest";
import { can, grantingRoles, mayEver } from "../src/policy";
import { county, dept, worker, resident, admin } from "./principals";

describe("access policy", () => {
  it("lets an agency act inside its division subtree only", () => {
    expect(can(county, "grid:write", { divisionCode: "440703001001" })).toBe(true);
    expect(can(county, "grid:write", { divisionCode: "440705001001" })).toBe(false);
    expect(can(county, "grid:write", {})).toBe(false);
  });

  it("refuses a role the action does not list, whatever the jurisdiction", () => {
    expect(can(dept, "grid:write", { divisionCode: "440703001001" })).toBe(false);
    expect(can(worker, "case:dispatch", { gridCode: "440703001001001" })).toBe(false);
    expect(mayEver(resident, "worker:read")).toBe(false);
  });

  it("scopes a department to resources involving its own department", () => {
    expect(can(dept, "case:handle", { departmentIds: ["dept-440703-housing", "dept-440703-police"] })).toBe(true);
    expect(can(dept, "case:handle", { departmentId: "dept-440703-housing" })).toBe(false);
  });

  it("scopes a grid worker to the grids they serve", () => {
    expect(can(worker, "case:verify", { gridCode: "440703001001001" })).toBe(true);
    expect(can(worker, "case:verify", { gridCode: "440703001001002" })).toBe(false);
  });

  it("scopes a resident to what they own", () => {
    expect(can(resident, "case:rate", { ownerSub: "r" })).toBe(true);
    expect(can(resident, "case:rate", { ownerSub: "someone-else" })).toBe(false);
  });

  it("lets a platform administrator do anything, including running cron", () => {
    expect(grantingRoles(admin, "cron:run", {})).toEqual(["platform_admin"]);
    expect(can(county, "cron:run", { divisionCode: "440703000000" })).toBe(false);
  });
});
