import type { CaseEventData, EventEnvelope } from "@civicgrid/contracts";
import { caseEvent } from "./helpers";

/**
 * A month of raw case events (November 2026, 蓬江 township 440703001000) as the cases service publishes
 * them: the state after each change, the actor who made it, the deadline of the step it starts. Times are
 * 10:00–17:00 Asia/Shanghai, so no event sits near a day boundary.
 */
const W1 = { sub: "t-worker", role: "grid_worker", unit: "440703001001" };
const W2 = { sub: "t-worker-b", role: "grid_worker", unit: "440703001001" };
const AGENCY = { sub: "t-township", role: "agency", unit: "440703001000" };
const RESIDENT = { sub: "r-1", role: "resident", unit: "440703001001" };
const SYSTEM = { sub: "system", role: "system", unit: "cases" };
export const POLICE = "dept-440703-police";
export const HOUSING = "dept-440703-housing";
const dept = (id: string, sub: string) => ({ sub, role: "department", unit: id });
const HANDLING = { step: "handle" };
export const GRID_1 = "440703001001001";
export const GRID_2 = "440703001001002";

type Step = [type: string, at: string, data: Partial<CaseEventData> & { fromDepartmentId?: string | null }];

function lifecycle(caseId: string, gridCode: string, steps: Step[]): EventEnvelope[] {
  const common = { caseId, gridCode, holderDivisionCode: "440703001000" };
  return steps.map(([type, at, data], i) => caseEvent(type, i + 1, `2026-11-${at}:00Z`, { ...common, ...data }));
}

const lead = (id: string | null) => ({ leadDepartmentId: id, responsibleUnit: id });
/** The deadline of the step an event starts, in November 2026 (UTC). */
const due = (at: string) => ({ dueAt: `2026-11-${at}:00Z` });
const TOWNSHIP = { responsibleUnit: "440703001000" };

export const EVENTS: EventEnvelope[] = [
  // A: housing returns it ("not ours", new-format event naming fromDepartmentId); police signs on time, handles late.
  ...lifecycle("c-a", GRID_1, [
    ["case.reported", "02T02:00", { actor: W1 }],
    ["case.verified", "02T03:00", { actor: W1 }],
    ["case.accepted", "02T04:00", { actor: AGENCY, ...due("02T08:00") }],
    ["case.dispatched", "02T05:00", { actor: AGENCY, ...lead(HOUSING), ...due("02T09:00") }],
    [
      "case.returned",
      "02T06:00",
      {
        actor: dept(HOUSING, "t-dept2"),
        ...lead(null),
        fromDepartmentId: HOUSING,
        ...due("03T08:00"),
        details: { reason: "非本部门职责", departmentId: HOUSING },
      },
    ],
    ["case.dispatched", "03T02:00", { actor: AGENCY, ...lead(POLICE), ...due("03T06:00") }],
    ["case.signed", "03T03:00", { actor: dept(POLICE, "t-dept"), ...lead(POLICE), ...due("05T02:00") }],
    ["case.handled", "06T02:00", { actor: dept(POLICE, "t-dept"), ...lead(POLICE), ...due("08T02:00") }],
    ["case.check_passed", "07T02:00", { actor: AGENCY, leadDepartmentId: POLICE, status: "closed" }],
    ["case.rated", "08T02:00", { actor: RESIDENT, leadDepartmentId: POLICE, status: "rated", rating: "satisfied" }],
  ]),
  // B: housing signs late, handles on time; the resident is unsatisfied and the case reopens (lead cleared).
  ...lifecycle("c-b", GRID_2, [
    ["case.reported", "04T02:00", { actor: W2 }],
    ["case.accepted", "04T03:00", { actor: AGENCY, ...due("04T06:00") }],
    ["case.dispatched", "04T04:00", { actor: AGENCY, ...lead(HOUSING), ...due("04T05:00") }],
    ["case.signed", "04T07:00", { actor: dept(HOUSING, "t-dept2"), ...lead(HOUSING), ...due("10T02:00") }],
    ["case.handled", "05T02:00", { actor: dept(HOUSING, "t-dept2"), ...lead(HOUSING), ...due("07T02:00") }],
    ["case.check_passed", "06T02:00", { actor: AGENCY, leadDepartmentId: HOUSING, status: "closed" }],
    [
      "case.reopened",
      "07T02:00",
      {
        actor: RESIDENT,
        ...lead(null),
        status: "accepted",
        rating: "unsatisfied",
        fromDepartmentId: HOUSING,
        ...due("07T06:00"),
      },
    ],
  ]),
  // C: police returns it in an event published before `fromDepartmentId` existed; the township then lets
  // the new dispatch run late.
  ...lifecycle("c-c", GRID_1, [
    ["case.reported", "09T02:00", { actor: W1 }],
    ["case.accepted", "09T03:00", { actor: AGENCY, ...due("09T06:00") }],
    ["case.dispatched", "09T04:00", { actor: AGENCY, ...lead(POLICE), ...due("09T08:00") }],
    [
      "case.returned",
      "09T05:00",
      {
        actor: dept(POLICE, "t-dept"),
        ...lead(null),
        ...due("10T06:00"),
        details: { reason: "不属于公安职责", departmentId: POLICE },
      },
    ],
    ["case.deadline_warning", "10T02:00", { actor: SYSTEM, step: "dispatch", ...TOWNSHIP, ...due("10T06:00") }],
    ["case.overdue", "10T06:00", { actor: SYSTEM, step: "dispatch", ...TOWNSHIP, ...due("10T06:00") }],
  ]),
  // D, E: work orders (统一交办) to grid 1: verified on time, resolved on site late.
  ...lifecycle("c-d", GRID_1, [
    ["case.work_order_created", "11T02:00", { actor: AGENCY, source: "agency", ...due("11T06:00") }],
    ["case.verified", "11T03:00", { actor: W1, source: "agency" }],
  ]),
  ...lifecycle("c-e", GRID_1, [
    ["case.work_order_created", "12T02:00", { actor: AGENCY, source: "agency", ...due("12T03:00") }],
    ["case.resolved_on_site", "12T05:00", { actor: W1, source: "agency", status: "closed" }],
  ]),
  // F: grid 2's worker settles a report on the spot.
  ...lifecycle("c-f", GRID_2, [
    ["case.reported", "13T02:00", { actor: W2 }],
    ["case.resolved_on_site", "13T03:00", { actor: W2, status: "closed" }],
  ]),
  // G: police handles late: warned, overdue, supervised (督办) by the township, asks for an extension.
  ...lifecycle("c-g", GRID_1, [
    ["case.reported", "16T02:00", { actor: W1 }],
    ["case.accepted", "16T03:00", { actor: AGENCY, ...due("16T06:00") }],
    ["case.dispatched", "16T04:00", { actor: AGENCY, ...lead(POLICE), ...due("16T06:00") }],
    ["case.signed", "16T05:00", { actor: dept(POLICE, "t-dept"), ...lead(POLICE), ...HANDLING, ...due("17T02:00") }],
    ["case.deadline_warning", "17T01:00", { actor: SYSTEM, ...lead(POLICE), ...HANDLING, ...due("17T02:00") }],
    ["case.overdue", "17T02:30", { actor: SYSTEM, ...lead(POLICE), ...HANDLING, ...due("17T02:00") }],
    ["case.supervised", "17T03:00", { actor: AGENCY, ...lead(POLICE), ...HANDLING, ...due("17T02:00") }],
    [
      "case.extension_requested",
      "17T04:00",
      {
        actor: dept(POLICE, "t-dept"),
        ...lead(POLICE),
        ...HANDLING,
        ...due("17T02:00"),
      },
    ],
  ]),
];
