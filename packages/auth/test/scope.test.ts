import type { Principal } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { listScopeOf, narrowScope } from "../src/scope";
import { county, hr, dept, worker, resident, admin } from "./principals";

describe("list scopes", () => {
  it("lets the platform admin list everything", () => {
    expect(listScopeOf(admin, "grid:read")).toEqual({ all: true });
    expect(listScopeOf(admin, "cron:run")).toEqual({ all: true });
  });

  it("cuts agencies, hr and departments to the prefix of their division", () => {
    expect(listScopeOf(county, "grid:read", { byGrid: true })).toEqual({ prefix: "440703" });
    expect(listScopeOf(hr, "worker:read")).toEqual({ prefix: "440703" });
    expect(listScopeOf(dept, "department:read")).toEqual({ prefix: "440703" });
  });

  it("cuts a grid worker to their grids where rows lie in grids, else to their division", () => {
    expect(listScopeOf(worker, "grid:read", { byGrid: true })).toEqual({ grids: ["440703001001001"] });
    expect(listScopeOf({ ...worker, grids: undefined }, "grid:read", { byGrid: true })).toEqual({ grids: [] });
    expect(listScopeOf(worker, "department:read")).toEqual({ prefix: "440703001001" });
  });

  it("cuts a resident to their own rows", () => {
    expect(listScopeOf(resident, "case:read")).toEqual({ ownerSub: "r" });
  });

  it("has no scope for a caller none of whose roles may take the action", () => {
    expect(listScopeOf(resident, "worker:read")).toBeNull();
    expect(listScopeOf(worker, "user:read")).toBeNull();
    expect(listScopeOf(dept, "cron:run")).toBeNull();
  });

  it("reads only the roles the action lists: an hr who is also a grid worker lists grids by division", () => {
    const both: Principal = { ...worker, roles: ["grid_worker", "hr"], divisionCode: "440703000000" };
    expect(listScopeOf(both, "grid:read", { byGrid: true })).toEqual({ prefix: "440703" });
    expect(listScopeOf(both, "patrol:write", { byGrid: true })).toEqual({ grids: ["440703001001001"] });
  });
});

describe("narrowing a list scope to an asked division", () => {
  it("narrows everything or a wider prefix to the asked division", () => {
    expect(narrowScope({ all: true }, "440703001000")).toEqual({ prefix: "440703001" });
    expect(narrowScope({ prefix: "440703" }, "440703001000")).toEqual({ prefix: "440703001" });
  });

  it("keeps a narrower prefix, and leaves nothing of a disjoint one", () => {
    expect(narrowScope({ prefix: "440703001" }, "440703000000")).toEqual({ prefix: "440703001" });
    expect(narrowScope({ prefix: "440703" }, "440705000000")).toEqual({ grids: [] });
  });

  it("keeps only the grids inside the asked division", () => {
    const grids = ["440703001001001", "440703002001001"];
    expect(narrowScope({ grids }, "440703001000")).toEqual({ grids: ["440703001001001"] });
  });

  it("leaves a resident's own rows as they are", () => {
    expect(narrowScope({ ownerSub: "r" }, "440703000000")).toEqual({ ownerSub: "r" });
  });
});
