import { CaseEventData, EventEnvelope } from "@civicgrid/contracts";

export interface CaseEvent {
  envelope: EventEnvelope;
  data: CaseEventData;
}

/**
 * Parses a queued message into an envelope with case data. Throws (a zod error naming the paths at fault) when
 * the message can never be stored: the consumer retries it until it lands in the dead-letter queue.
 */
export function readCaseEvent(body: unknown): CaseEvent {
  const envelope = EventEnvelope.parse(body);
  const data = CaseEventData.parse(envelope.data);
  if (Number.isNaN(Date.parse(envelope.occurredAt))) throw new RangeError("occurredAt is not an instant");
  return { envelope, data };
}

/** Instants are stored as UTC ISO text, so they compare as text. */
export const utc = (iso: string | null | undefined) => (iso ? new Date(iso).toISOString() : null);

/**
 * The department a return or a reopening counts against, when the event names it: `fromDepartmentId`, or on
 * events published before that field the `details.departmentId` cases records on a return. Read from the raw
 * data, so a field the shared schema does not list yet is not stripped. Null: the rollup falls back to the
 * acting department and to the lead of the case's previous event.
 */
export function fromDepartmentOf(e: EventEnvelope): string | null {
  const raw = e.data as { fromDepartmentId?: unknown; details?: { departmentId?: unknown } };
  if (typeof raw.fromDepartmentId === "string" && raw.fromDepartmentId !== "") return raw.fromDepartmentId;
  const detail = raw.details?.departmentId;
  return e.type === "case.returned" && typeof detail === "string" && detail !== "" ? detail : null;
}

/**
 * The reporter's verdict an event carries: `rating`, or on a follow-up (回访) `details.rating` when it was recorded
 * there. Null when there is none.
 */
export function ratingOf(d: CaseEventData): string | null {
  if (d.rating) return d.rating;
  const detail = d.details?.rating;
  return typeof detail === "string" && detail !== "" ? detail : null;
}
