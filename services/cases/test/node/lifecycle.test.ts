import { POLICY } from "@civicgrid/auth";
import { CommandBodies } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { LIFECYCLE, PEOPLE_COMMANDS } from "../../src/domain";

describe("the case lifecycle table", () => {
  it("has one entry for every command route, and the platform's cancel and amend besides", () => {
    expect([...PEOPLE_COMMANDS].sort()).toEqual(Object.keys(CommandBodies).sort());
    expect(Object.keys(LIFECYCLE).filter((n) => LIFECYCLE[n as keyof typeof LIFECYCLE].by === "platform")).toEqual(["cancel", "amend"]);
  });

  it("names for each command exactly the roles the access policy grants its action", () => {
    for (const name of PEOPLE_COMMANDS) {
      const rule = LIFECYCLE[name];
      expect({ name, roles: rule.roles }).toEqual({ name, roles: POLICY[rule.by] });
    }
  });

  it("says a department may return a case, with a reason, from dispatched or signed", () => {
    expect(LIFECYCLE.return).toMatchObject({ by: "case:return", roles: ["department"], from: ["dispatched", "signed"], emits: ["case.returned"] });
    expect(CommandBodies.return.safeParse({}).success).toBe(false);
  });
});
