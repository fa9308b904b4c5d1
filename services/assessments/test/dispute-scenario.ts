import type { CaseEventData, DisputeEventSummary, DisputeFigures, EventEnvelope } from "@civicgrid/contracts";
import { NO_FIGURES } from "../src/store/dispute-figures";
import { caseEvent } from "./helpers";

/**
 * Five disputes of October 2026 as the cases service publishes them (the state after each change, `dispute` the
 * summary), and one ordinary case resolved on the spot. Times are UTC; Asia/Shanghai is 8 hours ahead, so the last
 * follow-up of D2 (2026-10-31T17:00Z) falls on 1 November and counts in November.
 */
export const G1 = "440703001001001";
export const G2 = "440703001001002";
/** A grid of another township of 蓬江, and its twin (the same case events without the dispute's own). */
export const G3 = "440703002001001";
export const G3_TWIN = "440703002001002";
export const XH = "440705001001001";

const W = (sub: string, grid: string) => ({ sub, role: "grid_worker", unit: grid.slice(0, 12) });
const AGENCY = { sub: "t-township", role: "agency", unit: "440703001000" };
const SYSTEM = { sub: "system", role: "system", unit: "cases" };
const place = (grid: string) => ({
  gridCode: grid,
  villageCode: grid.slice(0, 12),
  townshipCode: `${grid.slice(0, 9)}000`,
  countyCode: `${grid.slice(0, 6)}000000`,
  holderDivisionCode: `${grid.slice(0, 9)}000`,
});

type Summary = Partial<DisputeEventSummary>;
type Step = [type: string, at: string, dispute: Summary | null, data?: Partial<CaseEventData>];
const MEDIATOR = {
  worker: { mediatorId: "med-pj-worker-01", mediatorKind: "grid_worker" },
  village: { mediatorId: "med-pj-village-01", mediatorKind: "village_committee" },
  pro: { mediatorId: "med-pj-pro-01", mediatorKind: "professional" },
  xh: { mediatorId: "med-xh-village-01", mediatorKind: "village_committee" },
} as const;

function dispute(caseId: string, grid: string, actor: CaseEventData["actor"], steps: Step[]): EventEnvelope[] {
  let summary: DisputeEventSummary | null = null;
  return steps.map(([type, at, change, data], i) => {
    if (change) {
      const base = summary ?? { stage: "recorded", relation: "neighbours", riskLevel: "general", amount: null };
      summary = { mediatorId: null, mediatorKind: null, diversionChannel: null, ...base, ...change };
    }
    const occurredAt = `2026-10-${at}:00Z`;
    return caseEvent(type, i + 1, occurredAt, { caseId, ...place(grid), actor, dispute: summary, ...data });
  });
}

const first = (value: boolean) => ({ details: { first: value } });
const kept = (value: boolean) => ({ details: { kept: value } });
const closed = { status: "closed" as const };

/** D1: a neighbours' quarrel the grid worker mediates on the spot. */
const D1 = dispute("d-1", G1, W("t-worker", G1), [
  ["case.reported", "05T02:00", null],
  ["dispute.recorded", "05T02:10", {}, first(true)],
  ["dispute.mediator_assigned", "05T02:20", { stage: "mediating", ...MEDIATOR.worker }],
  ["dispute.session_recorded", "05T03:00", { stage: "settled" }],
  ["case.resolved_on_site", "05T03:10", {}, closed],
]);

/** D2: the village committee mediates; a written agreement, kept; later broken, mediated again, kept again. */
const D2 = dispute("d-2", G2, W("t-worker-b", G2), [
  ["case.reported", "06T02:00", null],
  ["dispute.recorded", "06T02:10", { relation: "land", amount: 12000 }, first(true)],
  ["dispute.recorded", "06T05:00", {}, first(false)],
  ["dispute.mediator_assigned", "07T02:00", { stage: "mediating", ...MEDIATOR.village }, { actor: AGENCY }],
  ["dispute.session_recorded", "08T02:00", {}, { actor: AGENCY }],
  ["dispute.session_recorded", "09T02:00", { stage: "settled" }, { actor: AGENCY }],
  ["dispute.agreement_recorded", "09T03:00", { stage: "agreed" }, { actor: AGENCY }],
  ["dispute.followed_up", "15T02:00", { stage: "kept" }, kept(true)],
  ["dispute.followed_up", "20T02:00", { stage: "mediating" }, kept(false)],
  ["dispute.reopened", "20T02:00", {}, { status: "accepted" }],
  ["dispute.session_recorded", "22T02:00", { stage: "settled" }, { actor: AGENCY }],
  ["dispute.agreement_recorded", "22T03:00", { stage: "agreed" }, { actor: AGENCY }],
  ["dispute.followed_up", "31T17:00", { stage: "kept" }, kept(true)],
]);

/** D3: a labour dispute the professional mediator cannot settle: diverted to arbitration, then its outcome. */
const D3 = dispute("d-3", G1, AGENCY, [
  ["case.reported", "10T02:00", null, { actor: W("t-worker", G1) }],
  ["dispute.recorded", "10T02:10", { relation: "labour" }, first(true)],
  ["dispute.mediator_assigned", "11T02:00", { stage: "mediating", ...MEDIATOR.pro }],
  ["dispute.session_recorded", "12T02:00", { stage: "failed" }],
  ["dispute.diverted", "13T02:00", { stage: "diverted", diversionChannel: "arbitration" }],
  ["dispute.outcome_recorded", "25T02:00", { stage: "concluded" }],
]);

/** D4: threats of violence: major risk, the county and the police warned. A day of the dispute's own events only. */
const D4_STEPS: Step[] = [
  ["case.reported", "19T02:00", null],
  ["dispute.recorded", "20T02:00", {}, first(true)],
  ["dispute.mediator_assigned", "20T02:30", { stage: "mediating", ...MEDIATOR.pro }],
  ["dispute.threat_recorded", "20T03:00", { riskLevel: "larger" }],
  ["dispute.risk_raised", "20T03:00", { riskLevel: "major" }, { actor: SYSTEM }],
  ["dispute.county_warned", "20T03:00", {}, { actor: SYSTEM, holderDivisionCode: "440703000000" }],
  ["dispute.police_warned", "20T03:00", {}, { actor: SYSTEM, warnDepartmentIds: ["dept-440703-police"] }],
];
const D4 = dispute("d-4", G3, W("t-worker-c", G3), D4_STEPS);
/** D4's twin: the same case in the next grid, without the dispute's own events. */
const TWIN = dispute("t-4", G3_TWIN, W("t-worker-d", G3_TWIN), D4_STEPS.slice(0, 1));

/** D5: 新会's dispute, mediated on the spot by 新会's village committee. */
const D5 = dispute("d-5", XH, W("t-worker-xh", XH), [
  ["case.reported", "06T02:00", null],
  ["dispute.recorded", "06T02:10", {}, first(true)],
  ["dispute.mediator_assigned", "06T02:20", { stage: "mediating", ...MEDIATOR.xh }],
  ["dispute.session_recorded", "06T03:00", { stage: "settled" }],
  ["case.resolved_on_site", "06T03:10", {}, closed],
]);

/** An ordinary case resolved on the spot: a case figure, no dispute figure. */
const PLAIN = dispute("p-1", G1, W("t-worker", G1), [
  ["case.reported", "07T02:00", null],
  ["case.resolved_on_site", "07T02:30", null, closed],
]);

export const D2_EVENTS = D2;
export const DISPUTE_EVENTS: EventEnvelope[] = [...D1, ...D2, ...D3, ...D4, ...TWIN, ...D5, ...PLAIN];

/** Figures with the given counts, every other one 0. */
export const figuresOf = (counted: Partial<DisputeFigures>): DisputeFigures => ({ ...NO_FIGURES, ...counted });
