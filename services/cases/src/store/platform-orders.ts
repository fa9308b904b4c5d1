import { and, eq } from "drizzle-orm";
import type { Db } from "./db";
import { platformOrders } from "./schema";

/** The case a platform's order opened, or null. */
export async function caseOfOrder(db: Db, platform: string, orderId: string): Promise<string | null> {
  const row = await db
    .select({ caseId: platformOrders.caseId })
    .from(platformOrders)
    .where(and(eq(platformOrders.platform, platform), eq(platformOrders.orderId, orderId)))
    .get();
  return row?.caseId ?? null;
}

/** Records the order's case unless one is already recorded; the case recorded first is returned. */
export async function claimOrder(db: Db, platform: string, orderId: string, caseId: string): Promise<string | null> {
  await db.insert(platformOrders).values({ platform, orderId, caseId }).onConflictDoNothing().run();
  return caseOfOrder(db, platform, orderId);
}
