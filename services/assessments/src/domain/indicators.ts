import type { IndicatorKey } from "@civicgrid/contracts";
import { dayOf } from "./periods";

/** What the indicators read of a stored case event (the case_events row). */
export interface IndicatorEvent {
  caseId: string;
  type: string;
  version: number;
  occurredAt: string;
  day: string;
  dueAt: string | null;
  rating: string | null;
  leadDepartmentId: string | null;
  responsibleUnit: string | null;
  gridCode: string | null;
  townshipCode: string | null;
  countyCode: string;
}

/** One measured occurrence (an indicator_facts row): counted in `day` for the place and department given. */
export interface Measure {
  caseId: string;
  measure: IndicatorKey;
  version: number;
  day: string;
  countyCode: string;
  townshipCode: string | null;
  gridCode: string | null;
  departmentId: string | null;
  hit: number;
}

const INTAKE = new Set(["case.reported", "case.work_order_created", "case.work_order_awaiting_approval"]);
const CLOSING = new Set(["case.check_passed", "case.resolved_on_site"]);
const VERDICT = new Set(["case.rated", "case.followed_up"]);
const SATISFIED = new Set(["satisfied", "basically_satisfied"]);
const MOVES_DEADLINE = new Set(["case.extension_approved", "case.resumed"]);
/** Events that end a step (whose lateness counts), as opposed to the clock's notices, pauses and extensions. */
const STEP_ENDS = new Set([
  "case.verified",
  "case.resolved_on_site",
  "case.accepted",
  "case.escalated",
  "case.dispatched",
  "case.returned",
  "case.signed",
  "case.handled",
  "case.check_passed",
  "case.check_failed",
  "case.return_upheld",
  "case.return_rejected",
]);

/**
 * The measures of one case, from all of its stored events in version order (see contracts INDICATOR_FORMULAS).
 * Each event carries the deadline of the step it starts, so the step an event ends had the deadline of the event
 * before it; while paused (after `case.pause_approved`, until `case.resumed`) nothing is late, and the resume
 * carries the deadline moved by the pause.
 */
export function measuresOf(caseEvents: readonly IndicatorEvent[]): Measure[] {
  const events = [...caseEvents].sort((a, b) => a.version - b.version);
  const first = events[0];
  if (!first) return [];
  const out: Measure[] = [];
  const at = (e: IndicatorEvent, measure: IndicatorKey, departmentId: string | null, hit = 0, day = e.day) => {
    const m: Measure = {
      caseId: e.caseId,
      measure,
      version: e.version,
      day,
      countyCode: e.countyCode,
      townshipCode: e.townshipCode,
      gridCode: e.gridCode,
      departmentId,
      hit,
    };
    out.push(m);
    return m;
  };
  let due: string | null = null;
  let paused = false;
  let late = false;
  let reworked = false;
  let closed = false;
  let gone = false;
  let lead: string | null = null;
  let dispatch: { response: Measure; extension: Measure; signed: boolean } | null = null;
  let handling: { event: IndicatorEvent; due: string | null; department: string | null } | null = null;
  let lastStepDue: { event: IndicatorEvent; due: string | null } | null = null;
  let previous: IndicatorEvent | null = null;
  for (const e of events) {
    const onTime = paused || due === null || e.occurredAt <= due;
    if (STEP_ENDS.has(e.type) && !onTime) late = true;
    // A pause belongs to its step: the step ending (not an escalation, which keeps the clock) ends it too.
    if (STEP_ENDS.has(e.type) && e.type !== "case.escalated") paused = false;
    if (e.leadDepartmentId) lead = e.leadDepartmentId;
    switch (e.type) {
      case "case.dispatched":
        dispatch = {
          response: at(e, "response_rate", e.leadDepartmentId),
          extension: at(e, "extension_rate", e.leadDepartmentId),
          signed: false,
        };
        break;
      case "case.signed":
        if (dispatch && !dispatch.signed) {
          dispatch.response.hit = onTime ? 1 : 0;
          dispatch.signed = true;
        }
        handling = { event: e, due: e.dueAt, department: e.leadDepartmentId };
        break;
      case "case.extension_approved":
        if (dispatch) dispatch.extension.hit = 1;
        break;
      case "case.pause_approved":
        paused = true;
        break;
      case "case.resumed":
        paused = false;
        break;
      case "case.check_failed":
        reworked = true;
        break;
      case "case.reopened":
      case "dispute.reopened":
        reworked ||= e.type === "case.reopened";
        closed = false;
        break;
      case "case.invalidated":
      case "case.merged":
        gone = true;
        break;
      case "case.supervised":
        at(e, "supervised", e.responsibleUnit?.startsWith("dept-") ? e.responsibleUnit : e.leadDepartmentId, 1);
        break;
    }
    if (CLOSING.has(e.type)) {
      closed = true;
      at(e, "on_time_closure_rate", e.leadDepartmentId, late ? 0 : 1);
      at(e, "rework_rate", e.leadDepartmentId, reworked ? 1 : 0);
      lastStepDue = { event: e, due };
    }
    // A verdict: a rating or a follow-up with one; an unsatisfied rating that reopened the case directly.
    const verdict = VERDICT.has(e.type) || (e.type === "case.reopened" && !VERDICT.has(previous?.type ?? ""));
    if (verdict && e.rating) at(e, "satisfaction_rate", e.leadDepartmentId ?? lead, SATISFIED.has(e.rating) ? 1 : 0);
    // The handling deadline moves with an approved extension or a resume; a return voids it.
    if (handling && e.dueAt && MOVES_DEADLINE.has(e.type)) handling.due = e.dueAt;
    if (e.type === "case.returned" || e.type === "case.return_upheld") handling = null;
    due = e.dueAt;
    previous = e;
  }
  if (!gone && INTAKE.has(first.type)) at(first, "resolution_rate", lead, closed ? 1 : 0);
  const deadline = handling ? handling : lastStepDue;
  if (!gone && deadline?.due) {
    const department = handling ? handling.department : deadline.event.leadDepartmentId;
    at(deadline.event, "closure_rate", department, closed ? 1 : 0, dayOf(deadline.due));
  }
  return out;
}
