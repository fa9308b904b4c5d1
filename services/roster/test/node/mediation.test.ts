import { describe, expect, it } from "vitest";
import { bodyRefusal, mayMediate, mediatorRefusal } from "../../src/domain/mediation";

const fieldOf = (r: ReturnType<typeof bodyRefusal>) => r?.errors?.[0]?.field ?? null;
const q = (validUntil: string) => ({ certificateNumber: "TJ-1", issuedBy: "司法局", validUntil });

describe("mediation bodies sit at the level of their kind (人民调解法 第八条, Wuxi 第四十二条)", () => {
  it.each([
    ["village_committee", "440703001001", [], null],
    ["village_committee", "440703001000", [], "body.divisionCode"],
    ["township_committee", "440703001000", [], null],
    ["township_committee", "440703000000", [], "body.divisionCode"],
    ["professional", "440703000000", ["labour"], null],
    ["professional", "440700000000", ["labour"], "body.divisionCode"],
    ["professional", "440703000000", [], "body.fields"],
    ["township_committee", "440703001000", ["family"], "body.fields"],
  ] as const)("%s in %s with fields %j: %s", (kind, divisionCode, fields, field) => {
    expect(fieldOf(bodyRefusal({ kind, divisionCode, fields }))).toBe(field);
  });
});

describe("a mediator's registration (人民调解法 第十三条–第十四条)", () => {
  const today = "2026-12-01";
  const body = { kind: "village_committee" as const, active: true };
  const base = { kind: "village_committee" as const, bodyId: "mb-x", name: "陈", trainedOn: "2026-03-01" };
  it("is valid on the last day of the qualification and refused the day after", () => {
    expect(mediatorRefusal({ ...base, qualification: q(today) }, { body, worker: null, today })).toBeNull();
    const late = mediatorRefusal({ ...base, qualification: q("2026-11-30") }, { body, worker: null, today });
    expect(fieldOf(late)).toBe("body.qualification.validUntil");
  });
  it("needs an active worker for a grid-worker mediator", () => {
    const m = { kind: "grid_worker" as const, workerId: "w", qualification: q("2030-01-01"), trainedOn: today };
    expect(mediatorRefusal(m, { body: null, worker: { status: "active" }, today })).toBeNull();
    expect(fieldOf(mediatorRefusal(m, { body: null, worker: { status: "dismissed" }, today }))).toBe("body.workerId");
  });
});

describe("whether a mediator may take a dispute today", () => {
  const ok = { active: true, validUntil: "2026-12-01", bodyActive: true, workerStatus: null, today: "2026-12-01" };
  it.each([
    [{}, true],
    [{ active: false }, false],
    [{ validUntil: "2026-11-30" }, false],
    [{ bodyActive: false }, false],
    [{ bodyActive: null, workerStatus: "active" }, true],
    [{ bodyActive: null, workerStatus: "suspended" }, false],
  ])("%j → %s", (change, expected) => {
    expect(mayMediate({ ...ok, ...change })).toBe(expected);
  });
});
