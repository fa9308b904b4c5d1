import { countyOf, townshipOf, type RegistryRpc } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import { eq, inArray, like } from "drizzle-orm";
import { database } from "./db";
import { villages } from "./schema";

/**
 * Records that a village holds base data (idempotent): the cron and cross-village reads walk this list. A village
 * the registry does not keep (or a code that is not a village's) is refused, naming body.villageCode, so no object
 * is ever created for a mistyped code; a village already listed is not asked about again.
 */
export async function registerVillage(
  env: { DB: D1Database; REGISTRY: Pick<RegistryRpc, "division"> },
  code: string,
  at: Date,
): Promise<void> {
  const d1 = env.DB;
  const listed = await database(d1).select({ code: villages.code }).from(villages).where(eq(villages.code, code)).get();
  if (listed) return;
  const division = await env.REGISTRY.division(code);
  if (division?.level !== "village")
    throw AppError.field("body.villageCode", `the registry keeps no village ${code}`, "unprocessable");
  await database(d1)
    .insert(villages)
    .values({ code, townshipCode: townshipOf(code) ?? code, countyCode: countyOf(code), createdAt: at.toISOString() })
    .onConflictDoNothing()
    .run();
}

/** Which of `codes` hold base data. */
export async function knownVillages(d1: D1Database, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await database(d1)
    .select({ code: villages.code })
    .from(villages)
    .where(inArray(villages.code, [...codes]));
  return new Set(rows.map((r) => r.code));
}

/**
 * The villages holding base data under a division (the prefix of its code; "" for all), with their county, in code
 * order: what cross-village searches, exports and the daily jobs walk.
 */
export function villagesUnder(d1: D1Database, prefix: string) {
  return database(d1)
    .select({ code: villages.code, countyCode: villages.countyCode })
    .from(villages)
    .where(like(villages.code, `${prefix}%`))
    .orderBy(villages.code)
    .all();
}
