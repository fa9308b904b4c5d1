import { RequestTypeLimits, type CountyRequestTypes } from "@civicgrid/contracts";
import { eq } from "drizzle-orm";
import type { Db } from "./db";
import { forgetRequestTypes } from "./request-type-cache";
import { requestTypeLimits } from "./schema";

type Row = typeof requestTypeLimits.$inferSelect;

/** The row read through the contract again, so a row of an older shape fails loudly instead of being half-used. */
const answerOf = (row: Row): CountyRequestTypes => ({
  countyCode: row.countyCode,
  types: RequestTypeLimits.parse(JSON.parse(row.types)),
  updatedBy: row.updatedBy,
  updatedAt: row.updatedAt,
});

/** A county's request-type defaults; none set: empty (the built-in limits apply). */
export async function requestTypesOf(db: Db, countyCode: string): Promise<CountyRequestTypes> {
  const row = await db.select().from(requestTypeLimits).where(eq(requestTypeLimits.countyCode, countyCode)).get();
  return row ? answerOf(row) : { countyCode, types: {}, updatedBy: null, updatedAt: null };
}

/** Replaces a county's defaults as a whole (they are read together at opening); this isolate's cache forgets them. */
export async function saveRequestTypes(
  db: Db,
  countyCode: string,
  types: RequestTypeLimits,
  by: string,
): Promise<CountyRequestTypes> {
  const row: Row = { countyCode, types: JSON.stringify(types), updatedBy: by, updatedAt: new Date().toISOString() };
  const { countyCode: _key, ...changes } = row;
  await db
    .insert(requestTypeLimits)
    .values(row)
    .onConflictDoUpdate({ target: requestTypeLimits.countyCode, set: changes });
  forgetRequestTypes(countyCode);
  return answerOf(row);
}
