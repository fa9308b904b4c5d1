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

/** The next instant at which the clock needs attention (warning, then deadline), or null. */
export function nextDueAt(state: Pick<CaseState, "step" | "warnAt" | "dueAt" | "warned" | "overdue">): string | null {
  if (!state.step) return null;
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
