import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "./db";
import { subscriptions } from "./schema";

const VIEW = { gridCode: subscriptions.gridCode, createdAt: subscriptions.createdAt };

export function listSubscriptions(db: Db, sub: string, after: string, limit: number) {
  return db
    .select(VIEW)
    .from(subscriptions)
    .where(and(eq(subscriptions.sub, sub), gt(subscriptions.gridCode, after)))
    .orderBy(subscriptions.gridCode)
    .limit(limit);
}

/** Subscribes, or answers the subscription that exists (the first one stands: its time gates the inbox). */
export async function subscribe(db: Db, sub: string, gridCode: string, at: string) {
  const row = await db
    .insert(subscriptions)
    .values({ sub, gridCode, createdAt: at })
    .onConflictDoUpdate({
      target: [subscriptions.sub, subscriptions.gridCode],
      set: { sub: sql`${subscriptions.sub}` },
    })
    .returning(VIEW)
    .get();
  return row!;
}

/** True when there was a subscription to remove. */
export async function unsubscribe(db: Db, sub: string, gridCode: string): Promise<boolean> {
  const result = await db
    .delete(subscriptions)
    .where(and(eq(subscriptions.sub, sub), eq(subscriptions.gridCode, gridCode)));
  return result.meta.changes > 0;
}
