import { describe, expect, it } from "vitest";
import { ROLES, Role } from "../src/principal";
import { AdmissionItem, StepLimits } from "../src/registry";
import { StepLimit } from "../src/limits";

describe("one step limit for the registry's matter lists and the cases they open", () => {
  it("takes a whole positive number of working days, working hours or minutes", () => {
    expect(StepLimit.parse({ amount: 240, unit: "minutes" })).toEqual({ amount: 240, unit: "minutes" });
    expect(StepLimit.safeParse({ amount: 100_000, unit: "minutes" }).success).toBe(true);
    for (const bad of [
      { amount: 0, unit: "working_days" },
      { amount: 1.5, unit: "working_hours" },
      { amount: 100_001, unit: "minutes" },
      { amount: 1, unit: "fortnights" },
    ]) {
      expect(StepLimit.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("is the schema of each step of a matter's limits", () => {
    expect(StepLimits.parse({ handle: { amount: 4, unit: "working_hours" } })).toEqual({
      handle: { amount: 4, unit: "working_hours" },
    });
    expect(StepLimits.safeParse({ handle: { amount: 0, unit: "fortnights" } }).success).toBe(false);
    expect(AdmissionItem.shape.limits).toBe(StepLimits);
  });
});

describe("the role list", () => {
  it("is the Role enum's, in its order", () => {
    expect(ROLES).toEqual(["platform_admin", "agency", "department", "grid_worker", "hr", "resident"]);
    expect(ROLES).toBe(Role.options);
  });
});
