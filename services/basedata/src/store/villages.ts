import { countyOf, townshipOf } from "@civicgrid/contracts";
import { inArray } from "drizzle-orm";
import { database } from "./db";
import { villages } from "./schema";

/** Records that a village holds base data (idempotent): the cron and cross-village reads walk this list. */
export async function registerVillage(d1: D1Database, code: string, at: Date): Promise<void> {
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
