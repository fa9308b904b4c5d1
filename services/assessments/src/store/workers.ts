import { and, desc, eq, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/sqlite-core";
import { byText } from "../domain/merge";
import type { Db } from "./db";
import { caseEvents, checkins, patrols } from "./schema";
import { eachShard, type Shard } from "./shards";

/**
 * The division a grid worker last worked in, by their own records on every shard (the newest of each shard's
 * newest); null for a subject never seen.
 */
export async function workerDivision(shards: readonly Shard[], sub: string): Promise<string | null> {
  const newest = await eachShard(shards, (db) => lastSeen(db, sub));
  const rows = newest.filter((row) => row !== undefined).sort((a, b) => byText(b.seen, a.seen));
  return rows[0]?.divisionCode ?? null;
}

async function lastSeen(db: Db, sub: string) {
  const seen = sql<string>`seen`;
  return unionAll(
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
}
