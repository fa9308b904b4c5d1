import { AppError } from "@civicgrid/http";
import type { WorkerRow } from "./rows";

type Role = "chief" | "full_time" | "part_time" | "professional" | "auxiliary";

/** What the checks of an appointment read from the database. */
export interface AppointmentFacts {
  worker: WorkerRow;
  role: Role;
  /** Roles already held or awaited (notice running) on the grid, by other workers. */
  gridRoles: Role[];
  /** Whether this worker already holds or awaits a place on the grid. */
  alreadyOnGrid: boolean;
  /** Passed flag of the latest screening, or null when never screened. */
  screeningPassed: boolean | null;
  departmentId?: string;
}

/** Refuses an appointment the Jiangmen and Gansu rules do not allow; the first reason found wins. */
export function checkAppointment(f: AppointmentFacts): void {
  if (f.worker.status !== "active") throw new AppError("unprocessable", `the worker is ${f.worker.status} and cannot be appointed`);
  if (f.screeningPassed === null) throw new AppError("unprocessable", "the worker has not been screened against the disqualifiers; record a screening first");
  if (!f.screeningPassed) throw new AppError("unprocessable", "the worker's latest screening found a disqualifier (Gansu measures 一(三)); they cannot be appointed", { extra: { reason: "disqualified" } });
  if (f.alreadyOnGrid) throw new AppError("conflict", "the worker already serves or awaits a place on this grid");
  if (f.role === "chief" && f.worker.political_status !== "party_member") throw new AppError("unprocessable", "a grid chief (网格长) must be a party member", { extra: { reason: "chief_not_party_member" } });
  if (f.role === "chief" && f.gridRoles.includes("chief")) throw new AppError("conflict", "the grid already has a chief, serving or under notice; end that appointment first", { extra: { reason: "chief_taken" } });
  if (f.role === "full_time" && f.gridRoles.includes("full_time")) throw new AppError("conflict", "the grid already has a full-time worker", { extra: { reason: "full_time_taken" } });
  if (f.role === "professional" && !f.departmentId) throw new AppError("unprocessable", "a professional worker comes from a linkage department: give departmentId", { errors: [{ field: "body.departmentId", message: "required for a professional worker" }] });
}

/** Refuses the start of duty before the notice has run, with an objection open, or without onboarding training. */
export function checkDutyStart(f: { today: string; noticeEndDate: string; openObjections: number; onboardingTrained: boolean; screeningPassed: boolean | null; workerStatus: string }): void {
  if (f.workerStatus !== "active") throw new AppError("invalid_transition", `the worker is ${f.workerStatus}`);
  if (f.today <= f.noticeEndDate) throw new AppError("invalid_transition", `the public notice (上岗公示) runs until ${f.noticeEndDate}; duty may start the day after`, { extra: { reason: "notice_running", noticeEndDate: f.noticeEndDate } });
  if (f.openObjections > 0) throw new AppError("invalid_transition", "an objection to this appointment is open; resolve it first", { extra: { reason: "objection_open" } });
  if (!f.onboardingTrained) throw new AppError("invalid_transition", "no onboarding training is recorded for the worker", { extra: { reason: "untrained" } });
  if (f.screeningPassed !== true) throw new AppError("invalid_transition", "the worker's latest screening does not allow appointment", { extra: { reason: "disqualified" } });
}
