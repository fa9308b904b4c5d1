import type { Principal } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing/principals";
import { describe, expect, it } from "vitest";
import { parseAudience, resolveAudience, splitKey } from "../../src/domain/audience";
import { principalKeys } from "../../src/domain/recipient-keys";

const resolve = (text: string, data: Record<string, unknown>) => resolveAudience(parseAudience(text)!, data);

describe("audiences are keys resolved when read", () => {
  it("parses `<kind>:<selector>` of a known kind only", () => {
    expect(parseAudience("dept:leadDepartmentId")).toEqual({ kind: "dept", selector: "leadDepartmentId" });
    expect(parseAudience("team:leadDepartmentId")).toBeNull();
    expect(parseAudience("dept:")).toBeNull();
  });

  it("names a key per value of the selected field, once each, none when the event lacks it", () => {
    expect(resolve("dept:assistingDepartmentIds", { assistingDepartmentIds: ["d-1", "d-2", "d-1", ""] })).toEqual([
      "dept:d-1",
      "dept:d-2",
    ]);
    expect(resolve("user:reporterSub", { reporterSub: null })).toEqual([]);
    expect(resolve("subscribers:gridCode", { gridCode: "440703001001001" })).toEqual(["subscribers:440703001001001"]);
  });

  it("reads a responsible unit as a department or an agency by its shape, and derives the holder's parent", () => {
    const police = "dept-440703-police";
    expect(resolve("unit:responsibleUnit", { responsibleUnit: police })).toEqual([`dept:${police}`]);
    expect(resolve("unit:responsibleUnit", { responsibleUnit: "440703001000" })).toEqual(["agency:440703001000"]);
    expect(resolve("unit:responsibleUnit", { responsibleUnit: "somebody" })).toEqual([]);
    expect(resolve("agency:holderParent", { holderDivisionCode: "440703001000" })).toEqual(["agency:440703000000"]);
  });

  it("splits a key at its first colon", () => {
    expect(splitKey("role:platform_admin")).toEqual({ kind: "role", value: "platform_admin" });
  });

  it("gives each principal the keys they answer to", () => {
    expect(principalKeys(principals.department as Principal)).toEqual(["user:t-dept", "dept:dept-440703-police"]);
    expect(principalKeys(principals.countyAgency as Principal)).toEqual(["user:t-county-pj", "agency:440703000000"]);
    expect(principalKeys(principals.admin as Principal)).toEqual(["user:t-admin", "role:platform_admin"]);
    expect(principalKeys(principals.gridWorker as Principal)).toEqual(["user:t-worker", "grid:440703001001001"]);
    expect(principalKeys(principals.resident as Principal)).toEqual(["user:t-resident"]);
  });
});
