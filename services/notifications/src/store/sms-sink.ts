import { and, desc, like } from "drizzle-orm";
import { before, type After, type Db } from "./db";
import { smsSink } from "./schema";

export type SmsSinkRow = typeof smsSink.$inferSelect;

/** Records one SMS; the same delivery again adds no row (a repeat send is visible as nothing new). */
export async function recordSms(db: Db, row: SmsSinkRow): Promise<void> {
  await db.insert(smsSink).values(row).onConflictDoNothing();
}

/** What the sink received in a jurisdiction (division-code prefix), newest first. */
export function listSms(db: Db, prefix: string, after: After, limit: number): Promise<SmsSinkRow[]> {
  return db
    .select()
    .from(smsSink)
    .where(and(like(smsSink.divisionCode, `${prefix}%`), before(smsSink.receivedAt, smsSink.deliveryId, after)))
    .orderBy(desc(smsSink.receivedAt), desc(smsSink.deliveryId))
    .limit(limit);
}
