import { CaseEventData, EventEnvelope } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import { dayOf } from "../periods";

export interface StoredOutcome {
  stored: number;
  duplicates: number;
  /** Days whose facts the new events change. */
  days: string[];
}

/** Why a message can never be stored (retrying will not help): it goes to the dead-letter queue. */
export class UnreadableEvent extends Error {}

/** Parses a queued message into an envelope with case data; instants are normalised to UTC ISO so they compare as text. */
export function readCaseEvent(body: unknown): { envelope: EventEnvelope; data: CaseEventData } {
  const envelope = EventEnvelope.safeParse(body);
  if (!envelope.success) throw new UnreadableEvent(`not an event envelope: ${envelope.error.issues[0]?.message ?? ""}`);
  const data = CaseEventData.safeParse(envelope.data.data);
  if (!data.success) throw new UnreadableEvent(`not case event data: ${data.error.issues.map((i) => i.path.join(".")).join(", ")}`);
  if (Number.isNaN(Date.parse(envelope.data.occurredAt))) throw new UnreadableEvent("occurredAt is not an instant");
  return { envelope: envelope.data, data: data.data };
}

const utc = (iso: string | null | undefined) => (iso ? new Date(iso).toISOString() : null);

/**
 * The department a return or a reopening counts against, when the event names it: `fromDepartmentId`, or on
 * events published before that field the `details.departmentId` cases records on a return. Read from the raw
 * data, so a field the shared schema does not list yet is not stripped. Null: the rollup falls back to the
 * acting department and to the lead of the case's previous event.
 */
function fromDepartmentOf(e: EventEnvelope): string | null {
  const raw = e.data as { fromDepartmentId?: unknown; details?: { departmentId?: unknown } };
  if (typeof raw.fromDepartmentId === "string" && raw.fromDepartmentId !== "") return raw.fromDepartmentId;
  const detail = raw.details?.departmentId;
  return e.type === "case.returned" && typeof detail === "string" && detail !== "" ? detail : null;
}

/** Stores each event once (INSERT OR IGNORE on the event id), all in one transaction. */
export async function storeCaseEvents(db: D1Database, events: { envelope: EventEnvelope; data: CaseEventData }[]): Promise<StoredOutcome> {
  if (events.length === 0) return { stored: 0, duplicates: 0, days: [] };
  const statements = events.map(({ envelope: e, data: d }) =>
    db
      .prepare(
        `INSERT OR IGNORE INTO case_events (id, type, case_id, version, occurred_at, day, actor_sub, actor_role, actor_unit,
          category_code, source, grid_code, village_code, township_code, county_code, lead_department_id, responsible_unit,
          due_at, rating, from_department_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)`,
      )
      .bind(
        e.id, e.type, d.caseId, e.version, utc(e.occurredAt), dayOf(e.occurredAt), d.actor.sub, d.actor.role, d.actor.unit, d.categoryCode,
        d.source, d.gridCode, d.villageCode, d.townshipCode, d.countyCode, d.leadDepartmentId, d.responsibleUnit, utc(d.dueAt), d.rating ?? null,
        fromDepartmentOf(e),
      ),
  );
  const results = await db.batch(statements);
  const days = new Set<string>();
  let stored = 0;
  results.forEach((r, i) => {
    if (r.meta.changes > 0) {
      stored++;
      days.add(dayOf(events[i]!.envelope.occurredAt));
    }
  });
  if (stored < events.length) log("info", "duplicate case events ignored", { service: "assessments", duplicates: events.length - stored });
  return { stored, duplicates: events.length - stored, days: [...days].sort() };
}
