import { and, desc, eq, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/sqlite-core";
import type { Db } from "./db";
import { caseEvents, checkins, patrols } from "./schema";

/** The division a grid worker last worked in, by their own records; null for a subject never seen. */
export async function workerDivision(db: Db, sub: string): Promise<string | null> {
  const seen = sql<string>`seen`;
  const row = await unionAll(
    db
      .select({ divisionCode: checkins.divisionCode, seen: sql<string>`${checkins.at}`.as("seen") })
      .from(checkins)
      .where(eq(checkins.sub, sub)),
    db
      .select({ divisionCode: patrols.divisionCode, seen: sql<string>`${patrols.startedAt}`.as("seen") })
      .from(patrols)
      .where(eq(patrols.sub, sub)),
    db
      .select({ divisionCode: caseEvents.actorUnit, seen: sql<string>`${caseEvents.occurredAt}`.as("seen") })
      .from(caseEvents)
      .where(and(eq(caseEvents.actorSub, sub), eq(caseEvents.actorRole, "grid_worker"))),
  )
    .orderBy(desc(seen))
    .limit(1)
    .get();
  return row?.divisionCode ?? null;
}
