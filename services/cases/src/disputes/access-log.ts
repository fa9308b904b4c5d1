import type { Actor } from "../domain";
import { database } from "../store/db";
import { disputeAccessLog } from "../store/schema";

/** One audited read of a named party's identity: who, in which role and unit, when, for what (never the identity). */
export async function logIdentityRead(
  d1: D1Database,
  read: { caseId: string; partyIndex: number; countyCode: string; purpose: string; actor: Actor; at: Date },
): Promise<void> {
  const { actor, at, ...rest } = read;
  await database(d1)
    .insert(disputeAccessLog)
    .values({
      id: crypto.randomUUID(),
      ...rest,
      sub: actor.sub,
      role: actor.role,
      unit: actor.unit,
      at: at.toISOString(),
    });
}
