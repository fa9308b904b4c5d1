import { deadline, warningAt } from "@civicgrid/calendar";
import type { CasePriority, CaseStatus, CaseStep, StepLimit } from "@civicgrid/contracts";
import type { CaseState } from "./case-state";

/** Which step's clock runs in each status (the step the holder of that status must finish). */
const STEP_OF: Partial<Record<CaseStatus, CaseStep>> = {
  verified: "accept",
  accepted: "dispatch",
  dispatched: "sign",
  signed: "handle",
  handled: "check",
};

export function stepOf(status: CaseStatus): CaseStep | null {
  return STEP_OF[status] ?? null;
}

/**
 * Default limits when the county's matter list gives none for a step. A list entry may set a limit for one
 * priority (`urgent:handle`) or for all (`handle`); the most specific wins (category × priority × step).
 */
const DEFAULTS: Record<CasePriority, Record<CaseStep, StepLimit>> = {
  normal: {
    accept: { amount: 1, unit: "working_days" },
    dispatch: { amount: 1, unit: "working_days" },
    sign: { amount: 4, unit: "working_hours" },
    handle: { amount: 5, unit: "working_days" },
    check: { amount: 2, unit: "working_days" },
  },
  urgent: {
    accept: { amount: 2, unit: "working_hours" },
    dispatch: { amount: 2, unit: "working_hours" },
    sign: { amount: 1, unit: "working_hours" },
    handle: { amount: 1, unit: "working_days" },
    check: { amount: 4, unit: "working_hours" },
  },
  emergency: {
    accept: { amount: 10, unit: "minutes" },
    dispatch: { amount: 15, unit: "minutes" },
    sign: { amount: 30, unit: "minutes" },
    handle: { amount: 240, unit: "minutes" },
    check: { amount: 1, unit: "working_days" },
  },
};

export const DEFAULT_WARNING_SHARE = 0.8;

export function limitFor(limits: Record<string, StepLimit>, priority: CasePriority, step: CaseStep): StepLimit {
  return limits[`${priority}:${step}`] ?? limits[step] ?? DEFAULTS[priority][step];
}

export interface StepClock {
  step: CaseStep | null;
  stepStartedAt: string | null;
  dueAt: string | null;
  warnAt: string | null;
  warned: boolean;
  overdue: boolean;
}

/** The clock of the step that `status` starts at `now` (none for statuses without a timed step). */
export function startClock(
  state: Pick<CaseState, "limits" | "priority">,
  status: CaseStatus,
  now: Date,
  share = DEFAULT_WARNING_SHARE,
): StepClock {
  const step = stepOf(status);
  if (!step) return { step: null, stepStartedAt: null, dueAt: null, warnAt: null, warned: false, overdue: false };
  const limit = limitFor(state.limits, state.priority, step);
  const due = deadline(now, limit);
  const warn = warningAt(now, due, share, limit.unit);
  return {
    step,
    stepStartedAt: now.toISOString(),
    dueAt: due.toISOString(),
    warnAt: warn.toISOString(),
    warned: false,
    overdue: false,
  };
}

/** An approved extension moves the deadline by its amount and recomputes the warning over the whole step. */
export function extendClock(state: CaseState, extra: StepLimit, now: Date, share = DEFAULT_WARNING_SHARE): StepClock {
  if (!state.dueAt || !state.stepStartedAt) return { ...state };
  const due = deadline(new Date(state.dueAt), extra);
  const warn = warningAt(new Date(state.stepStartedAt), due, share, extra.unit);
  return { ...state, dueAt: due.toISOString(), warnAt: warn.toISOString(), warned: now >= warn, overdue: now >= due };
}

/** The next instant at which the clock needs attention (warning, then deadline), or null. A paused clock wakes at its resume. */
export function nextDueAt(
  state: Pick<CaseState, "step" | "warnAt" | "dueAt" | "warned" | "overdue" | "stepStartedAt" | "pause">,
): string | null {
  if (!state.step) return null;
  if (isPaused(state)) return state.pause!.until;
  if (!state.warned && state.warnAt) return state.warnAt;
  if (!state.overdue && state.dueAt) return state.dueAt;
  return null;
}

/** The unit answerable for the running step: the lead department while it signs and handles, else the holding agency. */
export function responsibleUnit(
  state: Pick<CaseState, "step" | "leadDepartmentId" | "holderDivisionCode">,
): string | null {
  if (!state.step) return null;
  if ((state.step === "sign" || state.step === "handle") && state.leadDepartmentId) return state.leadDepartmentId;
  return state.holderDivisionCode;
}

/** True while an approved pause (挂账) of the running step stops its clock; a new step ends an old pause. */
export function isPaused(state: Pick<CaseState, "pause" | "stepStartedAt">): boolean {
  return state.pause?.status === "approved" && state.pause.stepStartedAt === state.stepStartedAt;
}

/** True while the running step has a pause asked or approved (a new request waits for it to end). */
export function pauseOpen(state: Pick<CaseState, "pause" | "stepStartedAt">): boolean {
  const pause = state.pause;
  return (pause?.status === "pending" || pause?.status === "approved") && pause.stepStartedAt === state.stepStartedAt;
}

/**
 * The clock after a pause ends at `at`: the deadline and warning move by the paused time (wall-clock), so the
 * paused time never counts as late. A warning already given stays given (it is not repeated).
 */
export function resumeClock(state: CaseState, at: Date): { clock: StepClock; pausedMs: number } {
  const since = Date.parse(state.pause!.since!);
  const pausedMs = Math.max(0, at.getTime() - since);
  const move = (iso: string | null) => (iso ? new Date(Date.parse(iso) + pausedMs).toISOString() : null);
  const { step, stepStartedAt, warned, overdue } = state;
  const clock: StepClock = {
    step,
    stepStartedAt,
    dueAt: move(state.dueAt),
    warnAt: move(state.warnAt),
    warned,
    overdue,
  };
  return { clock, pausedMs };
}
