import type { AssignmentRole, Worker } from "@civicgrid/contracts";
import type { Refusal } from "./refusal";

/** What the checks of an appointment read from the database. */
export interface AppointmentFacts {
  worker: Pick<Worker, "id" | "status" | "politicalStatus">;
  role: AssignmentRole;
  /** Roles already held or awaited (notice running) on the grid, by other workers. */
  gridRoles: AssignmentRole[];
  /** Whether this worker already holds or awaits a place on the grid. */
  alreadyOnGrid: boolean;
  /** Passed flag of the latest screening, or null when never screened. */
  screeningPassed: boolean | null;
  departmentId?: string;
}

/** Why the Jiangmen and Gansu rules do not allow an appointment (the first reason found), or null. */
export function appointmentRefusal(f: AppointmentFacts): Refusal | null {
  if (f.worker.status !== "active") {
    return { code: "unprocessable", detail: `the worker is ${f.worker.status} and cannot be appointed` };
  }
  if (f.screeningPassed === null) {
    const detail = "the worker has not been screened against the disqualifiers; record a screening first";
    return { code: "unprocessable", detail };
  }
  if (!f.screeningPassed) {
    const detail =
      "the worker's latest screening found a disqualifier (Gansu measures 一(三)); they cannot be appointed";
    return { code: "unprocessable", detail, extra: { reason: "disqualified" } };
  }
  if (f.alreadyOnGrid) return { code: "conflict", detail: "the worker already serves or awaits a place on this grid" };
  if (f.role === "chief" && f.worker.politicalStatus !== "party_member") {
    const detail = "a grid chief (网格长) must be a party member";
    return { code: "unprocessable", detail, extra: { reason: "chief_not_party_member" } };
  }
  if (f.role === "chief" && f.gridRoles.includes("chief")) {
    const detail = "the grid already has a chief, serving or under notice; end that appointment first";
    return { code: "conflict", detail, extra: { reason: "chief_taken" } };
  }
  if (f.role === "full_time" && f.gridRoles.includes("full_time")) {
    const detail = "the grid already has a full-time worker";
    return { code: "conflict", detail, extra: { reason: "full_time_taken" } };
  }
  if (f.role === "professional" && !f.departmentId) {
    const detail = "a professional worker comes from a linkage department: give departmentId";
    const errors = [{ field: "body.departmentId", message: "required for a professional worker" }];
    return { code: "unprocessable", detail, errors };
  }
  return null;
}

/** What the start of duty reads: the notice, objections, onboarding and the latest screening. */
export interface DutyFacts {
  today: string;
  noticeEndDate: string;
  openObjections: number;
  onboardingTrained: boolean;
  screeningPassed: boolean | null;
  workerStatus: string;
}

/** Why duty may not start yet: before the notice has run, with an objection open, or without onboarding. */
export function dutyStartRefusal(f: DutyFacts): Refusal | null {
  if (f.workerStatus !== "active") return { code: "invalid_transition", detail: `the worker is ${f.workerStatus}` };
  if (f.today <= f.noticeEndDate) {
    const detail = `the public notice (上岗公示) runs until ${f.noticeEndDate}; duty may start the day after`;
    return { code: "invalid_transition", detail, extra: { reason: "notice_running", noticeEndDate: f.noticeEndDate } };
  }
  if (f.openObjections > 0) {
    const detail = "an objection to this appointment is open; resolve it first";
    return { code: "invalid_transition", detail, extra: { reason: "objection_open" } };
  }
  if (!f.onboardingTrained) {
    const detail = "no onboarding training is recorded for the worker";
    return { code: "invalid_transition", detail, extra: { reason: "untrained" } };
  }
  if (f.screeningPassed !== true) {
    const detail = "the worker's latest screening does not allow appointment";
    return { code: "invalid_transition", detail, extra: { reason: "disqualified" } };
  }
  return null;
}
