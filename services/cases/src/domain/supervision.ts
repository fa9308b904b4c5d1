import { SYSTEM_ACTOR, type CaseState, type Step } from "./case-state";
import { isPaused, responsibleUnit } from "./deadlines";
import { resume } from "./effects";
import { versioned } from "./decide";
import { isOpen } from "./lifecycle";

/**
 * What the clock says at `now`: a warning once the warning instant passed, and once the deadline passed
 * the overdue mark and a supervision record (督办) against the responsible unit. Idempotent: a flag that is
 * already set yields nothing, so a lost alarm re-applied by the sweep (or a second sweep) changes nothing.
 */
export function tick(state: CaseState, now: Date): Step[] {
  if (!state.step || !isOpen(state.status)) return [];
  const steps: Step[] = [];
  let current = state;
  // A paused clock (挂账) neither warns nor runs late; at the pause's `until` it resumes, as of `until`.
  if (isPaused(current)) {
    const until = new Date(current.pause!.until);
    if (now < until) return [];
    const resumed = resume(current, { note: "resumed at the pause's end" }, { now: until, actor: SYSTEM_ACTOR });
    if ("refused" in resumed) return [];
    steps.push(resumed);
    current = resumed.state;
  }
  const unit = responsibleUnit(current);
  if (!current.warned && current.warnAt && now >= new Date(current.warnAt)) {
    current = { ...current, warned: true };
    steps.push({
      type: "case.deadline_warning",
      state: current,
      details: { step: current.step, dueAt: current.dueAt, responsibleUnit: unit },
    });
  }
  if (!current.overdue && current.dueAt && now >= new Date(current.dueAt)) {
    const lateMinutes = Math.floor((now.getTime() - new Date(current.dueAt).getTime()) / 60_000);
    current = { ...current, overdue: true, warned: true };
    steps.push({
      type: "case.overdue",
      state: current,
      details: { step: current.step, dueAt: current.dueAt, responsibleUnit: unit, lateMinutes },
    });
    steps.push({
      type: "case.supervised",
      state: current,
      details: { step: current.step, dueAt: current.dueAt, responsibleUnit: unit, warning: true },
    });
  }
  return versioned(state, steps, now);
}
