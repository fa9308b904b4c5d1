import type { CaseEventData, EventEnvelope } from "@civicgrid/contracts";
import { caseEvent } from "./helpers";

/**
 * November 2026 in 蓬江 (county 440703000000), for 三率 and the standard indicators, with the figures each case
 * gives (contracts INDICATOR_FORMULAS) worked out by hand in the comments.
 */
export const POLICE = "dept-440703-police";
export const GRID_1 = "440703001001001";
export const GRID_2 = "440703001001002";
const AGENCY = { sub: "t-township", role: "agency", unit: "440703001000" };
const WORKER = { sub: "t-worker", role: "grid_worker", unit: "440703001001" };
const RESIDENT = { sub: "r-1", role: "resident", unit: "440703001001" };
const SYSTEM = { sub: "system", role: "system", unit: "cases" };
const DEPT = { sub: "t-dept", role: "department", unit: POLICE };
const police = { leadDepartmentId: POLICE, responsibleUnit: POLICE };

type Step = [type: string, at: string, data?: Partial<CaseEventData>];
const due = (at: string | null) => ({ dueAt: at === null ? null : `2026-11-${at}:00Z` });

function lifecycle(caseId: string, gridCode: string, steps: Step[]): EventEnvelope[] {
  return steps.map(([type, at, data], i) => caseEvent(type, i + 1, `2026-11-${at}:00Z`, { caseId, gridCode, ...data }));
}

export const INDICATOR_EVENTS: EventEnvelope[] = [
  // P: signed in time; paused (挂账) from the 3rd to the 6th, the resume moving the handling deadline from the 4th to
  // the 7th; handled on the 6th, after the old deadline but before the moved one: not late. Closed, rated satisfied.
  // response 1/1, on-time closing 1/1, rework 0/1, satisfaction 1/1, resolved 1/1, due on the 7th and closed 1/1.
  ...lifecycle("ind-p", GRID_1, [
    ["case.reported", "02T02:00", { actor: WORKER, ...due("02T06:00") }],
    ["case.accepted", "02T03:00", { actor: AGENCY, ...due("02T06:00") }],
    ["case.dispatched", "02T04:00", { actor: AGENCY, ...police, ...due("02T06:00") }],
    ["case.signed", "02T05:00", { actor: DEPT, ...police, ...due("04T02:00") }],
    ["case.pause_approved", "03T02:00", { actor: AGENCY, ...police, ...due(null) }],
    ["case.resumed", "06T02:00", { actor: DEPT, ...police, ...due("07T02:00") }],
    ["case.handled", "06T10:00", { actor: DEPT, ...police, ...due("08T02:00") }],
    ["case.check_passed", "07T01:00", { actor: AGENCY, ...police, status: "closed", ...due(null) }],
    ["case.rated", "08T02:00", { actor: RESIDENT, ...police, status: "rated", rating: "satisfied", ...due(null) }],
  ]),
  // L: signed late (response 0), supervised (督办), extension approved (handling deadline the 19th), closed late.
  // response 0/1, extension 1/1, supervised 1, on-time closing 0/1, resolved 1/1, due on the 19th and closed 1/1.
  ...lifecycle("ind-l", GRID_1, [
    ["case.reported", "16T02:00", { actor: WORKER, ...due("16T03:00") }],
    ["case.accepted", "16T03:00", { actor: AGENCY, ...due("16T04:00") }],
    ["case.dispatched", "16T04:00", { actor: AGENCY, ...police, ...due("16T06:00") }],
    ["case.overdue", "16T06:00", { actor: SYSTEM, ...police, ...due("16T06:00") }],
    ["case.supervised", "16T07:00", { actor: AGENCY, ...police, ...due("16T06:00") }],
    ["case.signed", "16T08:00", { actor: DEPT, ...police, ...due("18T02:00") }],
    ["case.extension_requested", "17T00:00", { actor: DEPT, ...police, ...due("18T02:00") }],
    ["case.extension_approved", "17T01:00", { actor: AGENCY, ...police, ...due("19T02:00") }],
    ["case.handled", "17T02:00", { actor: DEPT, ...police, ...due("18T06:00") }],
    ["case.check_passed", "18T01:00", { actor: AGENCY, ...police, status: "closed", ...due(null) }],
  ]),
  // R: the agency's check fails once (rework), closed, then the follow-up (回访, rating in details) finds the
  // resident unsatisfied and the case reopens (one verdict, not two). response 1/1, on-time closing 1/1, rework
  // 1/1, satisfaction 0/1, resolved 0/1, due on the 21st and not closed 0/1.
  ...lifecycle("ind-r", GRID_1, [
    ["case.reported", "20T01:00", { actor: WORKER, ...due("20T03:00") }],
    ["case.dispatched", "20T02:00", { actor: AGENCY, ...police, ...due("20T06:00") }],
    ["case.signed", "20T03:00", { actor: DEPT, ...police, ...due("21T02:00") }],
    ["case.handled", "20T10:00", { actor: DEPT, ...police, ...due("21T10:00") }],
    ["case.check_failed", "20T11:00", { actor: AGENCY, ...police, ...due("21T06:00") }],
    ["case.handled", "21T01:00", { actor: DEPT, ...police, ...due("21T10:00") }],
    ["case.check_passed", "21T02:00", { actor: AGENCY, ...police, status: "closed", ...due(null) }],
    [
      "case.followed_up",
      "22T02:00",
      {
        actor: AGENCY,
        ...police,
        status: "closed",
        details: { channel: "phone", reached: true, rating: "unsatisfied" },
      },
    ],
    [
      "case.reopened",
      "22T03:00",
      { actor: AGENCY, ...police, status: "signed", rating: "unsatisfied", ...due("25T02:00") },
    ],
  ]),
  // V: invalidated: not a case to resolve (no resolution measure).
  ...lifecycle("ind-v", GRID_1, [
    ["case.reported", "25T02:00", { actor: WORKER, ...due("25T06:00") }],
    ["case.invalidated", "25T03:00", { actor: WORKER, status: "invalid", ...due(null) }],
  ]),
  // O: grid 2's worker settles a report on the spot in time: on-time closing 1/1, resolved 1/1, due on the 26th
  // (the verification deadline) and closed 1/1; no department.
  ...lifecycle("ind-o", GRID_2, [
    ["case.reported", "26T02:00", { actor: WORKER, ...due("26T06:00") }],
    ["case.resolved_on_site", "26T03:00", { actor: WORKER, status: "closed", ...due(null) }],
  ]),
];
