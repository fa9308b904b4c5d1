import { EventEnvelope, SubmissionApprovedData, VisitRecordedData } from "@civicgrid/contracts";
import { dayOf } from "./periods";

/** A base-data event as the assessments keep it: who it counts for, where, and on which day. */
export interface BasedataFact {
  id: string;
  type: "basedata.visit.recorded" | "basedata.submission.approved";
  sub: string;
  day: string;
  villageCode: string;
  gridCode: string | null;
  occurredAt: string;
}

/**
 * Reads a message of civicgrid-basedata-events-assessments: a visit counts for the worker who visited, a verified
 * submission for who submitted it (采集上报). Null for other types (acknowledged); throws when it cannot be read.
 */
export function readBasedataEvent(body: unknown): BasedataFact | null {
  const e = EventEnvelope.parse(body);
  const village = e.source.startsWith("basedata/") ? e.source.slice("basedata/".length) : "";
  if (!/^\d{12}$/.test(village)) throw new RangeError("source names no village");
  if (Number.isNaN(Date.parse(e.occurredAt))) throw new RangeError("occurredAt is not an instant");
  const common = { id: e.id, villageCode: village, occurredAt: new Date(e.occurredAt).toISOString() };
  if (e.type === "basedata.visit.recorded") {
    const d = VisitRecordedData.parse(e.data);
    return { ...common, type: e.type, sub: d.workerSub, day: dayOf(d.visitedAt), gridCode: d.gridCode };
  }
  if (e.type === "basedata.submission.approved") {
    const d = SubmissionApprovedData.parse(e.data);
    return { ...common, type: e.type, sub: d.submittedBy, day: dayOf(e.occurredAt), gridCode: d.gridCode };
  }
  return null;
}
