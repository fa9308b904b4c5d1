import { and, eq } from "drizzle-orm";
import type { Db } from "./db";
import { checkins } from "./schema";
import { eachShard, type Shard } from "./shards";

/** A check-in as the API shows it. */
const view = {
  sub: checkins.sub,
  day: checkins.day,
  divisionCode: checkins.divisionCode,
  at: checkins.at,
  lng: checkins.lng,
  lat: checkins.lat,
};

const checkinOf = (db: Db, sub: string, day: string) =>
  db
    .select(view)
    .from(checkins)
    .where(and(eq(checkins.sub, sub), eq(checkins.day, day)))
    .get();

/** One check-in per worker and day: the stored one, and whether this call made it. */
export async function checkIn(db: Db, row: typeof checkins.$inferInsert) {
  const inserted = await db.insert(checkins).values(row).onConflictDoNothing().run();
  const stored = (await checkinOf(db, row.sub, row.day))!;
  return { created: inserted.meta.changes > 0, checkin: stored };
}

/** The division a worker checked in under on a day, if they did, on any of the shards. */
export async function checkinDivision(shards: readonly Shard[], sub: string, day: string) {
  const found = await eachShard(shards, (db) => checkinOf(db, sub, day));
  return found.find((row) => row !== undefined)?.divisionCode;
}
