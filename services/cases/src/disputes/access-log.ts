import type { Actor } from "../domain";
import type { Db } from "../store/db";
import { disputeAccessLog } from "../store/schema";

/**
 * One audited read of a named party's identity: who, in which role and unit, when, for what (never the identity).
 * Written to the case's county shard (`db`), with the case's other rows.
 */
export async function logIdentityRead(
  db: Db,
  read: { caseId: string; partyIndex: number; countyCode: string; purpose: string; actor: Actor; at: Date },
): Promise<void> {
  const { actor, at, ...rest } = read;
  await db.insert(disputeAccessLog).values({
    id: crypto.randomUUID(),
    ...rest,
    sub: actor.sub,
    role: actor.role,
    unit: actor.unit,
    at: at.toISOString(),
  });
}
