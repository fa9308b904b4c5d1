import { and, eq, lte, sql } from "drizzle-orm";
import type { Db } from "./db";
import { leases } from "./schema";

/** Takes the named lease unless another holder's is still running; true when taken. */
export async function acquireLease(db: Db, name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
  const result = await db
    .insert(leases)
    .values({ name, holder, expiresAt: now + ttlMs })
    .onConflictDoUpdate({
      target: leases.name,
      set: { holder: sql`excluded.holder`, expiresAt: sql`excluded.expires_at` },
      setWhere: lte(leases.expiresAt, now),
    })
    .run();
  return result.meta.changes === 1;
}

export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db
    .delete(leases)
    .where(and(eq(leases.name, name), eq(leases.holder, holder)))
    .run();
}
