import { describe, expect, it } from "vitest";
import { appointmentRefusal, dutyStartRefusal, type AppointmentFacts } from "../../src/domain/appointment-rules";
import { endedStatus, lifecycleRefusal } from "../../src/domain/assignment-lifecycle";
import { noticeEndDate } from "../../src/domain/dates";
import { retiredGridRefusal } from "../../src/domain/known-grids";
import { maskIdNumber, maskPhone } from "@civicgrid/contracts";
import { statusChangeRefusal } from "../../src/domain/worker-status";

const facts = (over: Partial<AppointmentFacts> = {}): AppointmentFacts => ({
  worker: { id: "worker-1", status: "active", politicalStatus: "party_member" },
  role: "chief",
  gridRoles: [],
  alreadyOnGrid: false,
  screeningPassed: true,
  ...over,
});

describe("appointment rules (Jiangmen, Gansu)", () => {
  it("allows a screened, active party member as the grid's only chief", () => {
    expect(appointmentRefusal(facts())).toBeNull();
  });

  it("refuses in order: worker status, no screening, a disqualifier, already on the grid", () => {
    expect(
      appointmentRefusal(facts({ worker: { id: "w", status: "suspended", politicalStatus: "non_party" } })),
    ).toMatchObject({ code: "unprocessable", detail: "the worker is suspended and cannot be appointed" });
    expect(appointmentRefusal(facts({ screeningPassed: null }))?.code).toBe("unprocessable");
    expect(appointmentRefusal(facts({ screeningPassed: false }))?.extra).toEqual({ reason: "disqualified" });
    expect(appointmentRefusal(facts({ alreadyOnGrid: true }))?.code).toBe("conflict");
  });

  it("wants a chief to be a party member, and one chief and one full-time worker per grid", () => {
    const nonParty = { id: "w", status: "active", politicalStatus: "non_party" } as const;
    expect(appointmentRefusal(facts({ worker: nonParty }))?.extra).toEqual({ reason: "chief_not_party_member" });
    expect(appointmentRefusal(facts({ gridRoles: ["chief"] }))?.extra).toEqual({ reason: "chief_taken" });
    expect(appointmentRefusal(facts({ role: "full_time", gridRoles: ["full_time"] }))?.extra).toEqual({
      reason: "full_time_taken",
    });
    expect(appointmentRefusal(facts({ role: "part_time", gridRoles: ["chief", "full_time"] }))).toBeNull();
  });

  it("wants a professional worker's department, naming the field", () => {
    expect(appointmentRefusal(facts({ role: "professional" }))?.errors).toEqual([
      { field: "body.departmentId", message: "required for a professional worker" },
    ]);
    expect(appointmentRefusal(facts({ role: "professional", departmentId: "dept-440703-police" }))).toBeNull();
  });
});

describe("the start of duty", () => {
  const ready = {
    today: "2026-06-08",
    noticeEndDate: "2026-06-05",
    openObjections: 0,
    onboardingTrained: true,
    screeningPassed: true,
    workerStatus: "active",
  };

  it("starts the day after the notice, with no objection open, onboarding done and a clear screening", () => {
    expect(dutyStartRefusal(ready)).toBeNull();
    expect(dutyStartRefusal({ ...ready, today: "2026-06-05" })?.extra).toEqual({
      reason: "notice_running",
      noticeEndDate: "2026-06-05",
    });
    expect(dutyStartRefusal({ ...ready, openObjections: 1 })?.extra).toEqual({ reason: "objection_open" });
    expect(dutyStartRefusal({ ...ready, onboardingTrained: false })?.extra).toEqual({ reason: "untrained" });
    expect(dutyStartRefusal({ ...ready, screeningPassed: null })?.extra).toEqual({ reason: "disqualified" });
    expect(dutyStartRefusal({ ...ready, workerStatus: "dismissed" })?.code).toBe("invalid_transition");
  });

  it("counts the notice in working days, the start day included when it is one", () => {
    expect(noticeEndDate("2026-06-01", 5)).toBe("2026-06-05");
    expect(noticeEndDate("2026-06-06", 5)).toBe("2026-06-12");
  });
});

describe("the assignment lifecycle", () => {
  it("starts from notice, ends from notice or active, transfers from active, takes objections under notice", () => {
    expect(lifecycleRefusal("start", "notice")).toBeNull();
    expect(lifecycleRefusal("start", "active")).toEqual({
      code: "invalid_transition",
      detail: "the assignment is active",
      extra: { allowed: [] },
    });
    expect(lifecycleRefusal("end", "active")).toBeNull();
    expect(lifecycleRefusal("end", "withdrawn")?.detail).toBe("the assignment is already withdrawn");
    expect(lifecycleRefusal("transfer", "notice")?.code).toBe("invalid_transition");
    expect(lifecycleRefusal("object", "active")?.detail).toBe("objections are recorded while the notice runs");
    expect([endedStatus("active"), endedStatus("notice")]).toEqual(["ended", "withdrawn"]);
  });

  it("keeps a dismissed worker dismissed, and refuses a change that changes nothing", () => {
    expect(statusChangeRefusal("active", "suspended")).toBeNull();
    expect(statusChangeRefusal("dismissed", "active")?.extra).toEqual({ allowed: [] });
    expect(statusChangeRefusal("suspended", "suspended")?.detail).toBe("the worker is already suspended");
  });

  it("appoints nobody to a retired grid", () => {
    expect(retiredGridRefusal("active", "440703001001001", "body.gridCode")).toBeNull();
    expect(retiredGridRefusal(undefined, "440703001001001", "body.gridCode")).toBeNull();
    expect(retiredGridRefusal("retired", "440703001001001", "body.gridCode")?.errors?.[0]?.field).toBe("body.gridCode");
  });
});

describe("masks", () => {
  it("shows the region and last four of an ID number, and the ends of a phone", () => {
    expect(maskIdNumber("440703198506151234")).toBe("440703********1234");
    expect(maskPhone("13812345678")).toBe("138****5678");
  });
});
