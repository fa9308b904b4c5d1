import { isValidCreditCode, type Conflict } from "@civicgrid/contracts";
import { idHash } from "@civicgrid/http/pii";
import { and, eq, ne } from "drizzle-orm";
import { fieldRefusal, ok, refused, type Outcome } from "../../domain/refusal";
import { lookupIdentity } from "../../identity/client";
import type { IdentityEntry } from "../../identity/identity-shard-do";
import type { ChangeContext } from "../changes/types";
import { enqueue } from "../outbox";
import { units } from "../schema";

/** A credit code a change names: its keyed hash and the open units of other villages that hold it. */
export interface CreditLooked {
  code: string;
  hash: string;
  elsewhere: IdentityEntry[];
}

/**
 * Validates a credit code (GB 32100-2015: alphabet, division, check character) and asks the identity index where
 * else it is held, so that one organisation is kept once across the province, not once per village.
 */
export async function lookupCredit(
  ctx: ChangeContext,
  code: string | undefined,
): Promise<Outcome<CreditLooked | null>> {
  if (code === undefined) return ok(null);
  if (!isValidCreditCode(code))
    return refused(
      fieldRefusal("body.change.creditCode", "not a valid unified social credit code (GB 32100 check character)"),
    );
  const hash = await idHash(ctx.keys, `credit:${code}`);
  const entries = await lookupIdentity(ctx.env, "credit", hash);
  return ok({ code, hash, elsewhere: entries.filter((e) => e.active && e.villageCode !== ctx.villageCode) });
}

/** Blocking conflicts of an open unit holding `code`: another open unit of this village, or of another village. */
export function creditConflicts(
  ctx: ChangeContext,
  code: string,
  looked: CreditLooked | null,
  selfId: string | null,
): Conflict[] {
  const same = ctx.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.creditCode, code), eq(units.status, "open"), selfId ? ne(units.id, selfId) : undefined))
    .get();
  const conflicts: Conflict[] = [];
  // The contracts have no code of their own for a duplicate unit inside the village yet: the nearest one is used.
  if (same)
    conflicts.push({
      code: "credit_code_elsewhere",
      message: `this credit code is already held by the open unit ${same.id} of this village`,
      recordId: same.id,
      villageCode: ctx.villageCode,
      blocking: true,
    });
  for (const entry of looked?.elsewhere ?? [])
    conflicts.push({
      code: "credit_code_elsewhere",
      message: `this credit code is held by an open unit of village ${entry.villageCode}`,
      villageCode: entry.villageCode,
      blocking: true,
    });
  return conflicts;
}

/** Tells the identity index (through the outbox) that a unit holds, or no longer holds, a credit code's hash. */
export function enqueueCredit(
  ctx: ChangeContext,
  unit: { id: string; version: number },
  hash: string,
  active: boolean,
): void {
  const update = {
    kind: "credit",
    hash,
    recordId: unit.id,
    villageCode: ctx.villageCode,
    active,
    changedAt: ctx.now.getTime(),
  };
  enqueue(ctx.db, "identity", `credit:${unit.id}:${unit.version}:${hash.slice(0, 16)}`, update);
}
