import { log } from "@civicgrid/http";
import { fromDepartmentOf, ratingOf, utc, type CaseEvent } from "../domain/case-events";
import { dayOf } from "../domain/periods";
import type { Db } from "./db";
import { caseEvents } from "./schema";

export interface StoredOutcome {
  stored: number;
  duplicates: number;
  /** Days whose facts the new events change. */
  days: string[];
}

const rowOf = ({ envelope: e, data: d }: CaseEvent): typeof caseEvents.$inferInsert => ({
  id: e.id,
  type: e.type,
  caseId: d.caseId,
  version: e.version,
  occurredAt: utc(e.occurredAt)!,
  day: dayOf(e.occurredAt),
  actorSub: d.actor.sub,
  actorRole: d.actor.role,
  actorUnit: d.actor.unit,
  categoryCode: d.categoryCode,
  source: d.source,
  gridCode: d.gridCode,
  villageCode: d.villageCode,
  townshipCode: d.townshipCode,
  countyCode: d.countyCode,
  leadDepartmentId: d.leadDepartmentId,
  responsibleUnit: d.responsibleUnit,
  dueAt: utc(d.dueAt),
  rating: ratingOf(d),
  fromDepartmentId: fromDepartmentOf(e),
});

/** Stores each event once (a redelivered id changes nothing), all in one transaction. */
export async function storeCaseEvents(db: Db, events: readonly CaseEvent[]): Promise<StoredOutcome> {
  const [first, ...rest] = events.map((event) => db.insert(caseEvents).values(rowOf(event)).onConflictDoNothing());
  if (!first) return { stored: 0, duplicates: 0, days: [] };
  const results = await db.batch([first, ...rest]);
  const days = new Set<string>();
  let stored = 0;
  results.forEach((r, i) => {
    if (r.meta.changes > 0) {
      stored++;
      days.add(dayOf(events[i]!.envelope.occurredAt));
    }
  });
  const duplicates = events.length - stored;
  if (duplicates > 0) log("info", "duplicate case events ignored", { service: "assessments", duplicates });
  return { stored, duplicates, days: [...days].sort() };
}
