import { TAG_KINDS } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { mayReadPerson, maySearchTag, ownedKinds, tagVisible, type Viewer } from "../../src/domain/tag-visibility";

const GRID = "440703001001001";
const agency: Viewer = { roles: ["agency"], grids: [], departmentKind: null };
const worker: Viewer = { roles: ["grid_worker"], grids: [GRID], departmentKind: null };
const otherWorker: Viewer = { roles: ["grid_worker"], grids: ["440703001001002"], departmentKind: null };
const police: Viewer = { roles: ["department"], grids: [], departmentKind: "公安" };
const justice: Viewer = { roles: ["department"], grids: [], departmentKind: "司法行政" };
const housing: Viewer = { roles: ["department"], grids: [], departmentKind: "住房城乡建设" };

describe("tag visibility (PIPL art. 28)", () => {
  it("agency staff never see a sensitive kind, and see every other", () => {
    for (const k of TAG_KINDS) expect(tagVisible(agency, k.code, GRID)).toBe(!k.sensitive);
  });

  it("grid workers see every kind on people of their own grid, only non-sensitive ones elsewhere", () => {
    for (const k of TAG_KINDS) {
      expect(tagVisible(worker, k.code, GRID)).toBe(true);
      expect(tagVisible(otherWorker, k.code, GRID)).toBe(!k.sensitive);
    }
    expect(tagVisible(worker, "drug_user", null)).toBe(false);
  });

  it("a department sees exactly the kinds it owns", () => {
    expect(tagVisible(police, "drug_user", GRID)).toBe(true);
    expect(tagVisible(police, "key_youth", GRID)).toBe(true);
    expect(tagVisible(police, "community_correction", GRID)).toBe(false);
    expect(tagVisible(justice, "community_correction", GRID)).toBe(true);
    expect(tagVisible(justice, "low_income", GRID)).toBe(false);
    expect(ownedKinds("住房城乡建设")).toEqual([]);
    for (const k of TAG_KINDS) expect(tagVisible(housing, k.code, GRID)).toBe(false);
  });

  it("a department reads only people carrying an open tag it owns; agencies and workers read everyone in reach", () => {
    expect(mayReadPerson(police, ["drug_user"])).toBe(true);
    expect(mayReadPerson(police, ["community_correction"])).toBe(false);
    expect(mayReadPerson(housing, ["drug_user", "low_income"])).toBe(false);
    expect(mayReadPerson(agency, [])).toBe(true);
    expect(mayReadPerson(worker, [])).toBe(true);
    expect(mayReadPerson({ roles: [], grids: [], departmentKind: null }, ["low_income"])).toBe(false);
  });

  it("searching by a sensitive kind: only its owning department or a grid worker", () => {
    expect(maySearchTag(agency, "drug_user")).toBe(false);
    expect(maySearchTag(agency, "elderly_alone")).toBe(true);
    expect(maySearchTag(police, "drug_user")).toBe(true);
    expect(maySearchTag(justice, "drug_user")).toBe(false);
    expect(maySearchTag(worker, "community_correction")).toBe(true);
  });

  it("a caller with several roles sees what any of them may", () => {
    const both: Viewer = { roles: ["agency", "grid_worker"], grids: [GRID], departmentKind: null };
    expect(tagVisible(both, "drug_user", GRID)).toBe(true);
    expect(tagVisible(both, "drug_user", "440703001001002")).toBe(false);
  });
});
