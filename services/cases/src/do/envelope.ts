import type { CaseEventData, CaseStatus, CaseView, DisputeEventSummary, EventEnvelope } from "@civicgrid/contracts";
import { coReporterSubs, responsibleUnit, type Actor, type CaseState, type Step } from "../domain";
import { disputeView, type DisputeRecord } from "../domain/dispute/record";

/** The public view of the state: everything but the follow tokens' hashes. */
export function viewOf(state: CaseState): CaseView {
  const { followTokenHash: _hidden, coReporterTokenHashes: _tokens, raters: _raters, dispute, ...view } = state;
  return dispute ? { ...view, dispute: disputeView(dispute) } : view;
}

/**
 * Events after which the state no longer names the department they count against (the lead is cleared): the
 * event says which one it was, as `fromDepartmentId`, so assessments credit a return or a rejected handling to it.
 */
const LEAD_CLEARED = new Set(["case.returned", "case.reopened", "dispute.reopened"]);

function fromDepartmentOf(step: Step): string | null {
  const id = step.details.departmentId;
  return LEAD_CLEARED.has(step.type) && typeof id === "string" ? id : null;
}

/** What every event of a dispute case tells its consumers (never a party's identity); null on other cases. */
function summaryOf(dispute: DisputeRecord | undefined): DisputeEventSummary | null {
  if (!dispute) return null;
  return {
    stage: dispute.stage,
    relation: dispute.relation,
    riskLevel: dispute.risk.level,
    mediatorId: dispute.mediation?.mediatorId ?? null,
    mediatorKind: dispute.mediation?.mediatorKind ?? null,
    diversionChannel: dispute.diversion?.channel ?? null,
    amount: dispute.amount,
  };
}

/** The police told by `dispute.police_warned` (the county's rules name them); absent on other events. */
function warnedOf(step: Step): { warnDepartmentIds?: string[] } {
  const ids = step.details.warnDepartmentIds;
  return step.type === "dispute.police_warned" && Array.isArray(ids) ? { warnDepartmentIds: ids as string[] } : {};
}

/** The queue message of one committed step (id `<caseId>:<version>`, stable across redeliveries). */
export function envelopeOf(step: Step, previous: CaseStatus | null, actor: Actor): EventEnvelope {
  const s = step.state;
  const data: CaseEventData = {
    caseId: s.id,
    status: s.status,
    previousStatus: previous,
    title: s.title,
    categoryCode: s.categoryCode,
    priority: s.priority,
    source: s.source,
    gridCode: s.gridCode,
    villageCode: s.villageCode,
    townshipCode: s.townshipCode,
    countyCode: s.countyCode,
    holderDivisionCode: s.holderDivisionCode,
    leadDepartmentId: s.leadDepartmentId,
    assistingDepartmentIds: s.assistingDepartmentIds,
    actor,
    fromDepartmentId: fromDepartmentOf(step),
    step: s.step,
    dueAt: s.dueAt,
    warnAt: s.warnAt,
    responsibleUnit: responsibleUnit(s),
    rating: s.rating,
    external: s.external,
    reporterSub: s.reporterSub,
    details: step.details,
    dispute: summaryOf(s.dispute),
    ...warnedOf(step),
    ...(s.coReporters?.length ? { coReporterSubs: coReporterSubs(s) } : {}),
  };
  return {
    id: `${s.id}:${s.version}`,
    type: step.type,
    source: "cases",
    aggregateId: s.id,
    version: s.version,
    occurredAt: s.updatedAt,
    data,
  };
}
