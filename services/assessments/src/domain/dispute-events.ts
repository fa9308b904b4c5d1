import type { CaseEvent } from "./case-events";
import { dayOf } from "./periods";

/** What the dispute figures keep of a case event: its place, stage and mediator, and the two flags they count by. */
export interface DisputeEventRow {
  id: string;
  caseId: string;
  version: number;
  type: string;
  day: string;
  gridCode: string | null;
  villageCode: string | null;
  townshipCode: string | null;
  countyCode: string;
  stage: string;
  mediatorId: string | null;
  mediatorKind: string | null;
  first: number | null;
  kept: number | null;
}

const flag = (value: unknown) => (typeof value === "boolean" ? Number(value) : null);

/**
 * The row of an event of a dispute case (its data carries `dispute`), or null for every other event: those count
 * only in the case figures. The day is the Asia/Shanghai day of the event, as for every other fact.
 */
export function disputeRowOf({ envelope: e, data: d }: CaseEvent): DisputeEventRow | null {
  if (!d.dispute) return null;
  return {
    id: e.id,
    caseId: d.caseId,
    version: e.version,
    type: e.type,
    day: dayOf(e.occurredAt),
    gridCode: d.gridCode,
    villageCode: d.villageCode,
    townshipCode: d.townshipCode,
    countyCode: d.countyCode,
    stage: d.dispute.stage,
    mediatorId: d.dispute.mediatorId,
    mediatorKind: d.dispute.mediatorKind,
    first: e.type === "dispute.recorded" ? flag(d.details?.first) : null,
    kept: e.type === "dispute.followed_up" ? flag(d.details?.kept) : null,
  };
}
