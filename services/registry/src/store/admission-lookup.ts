import type { MatterAdmission } from "@civicgrid/contracts";
import { and, desc, eq, lte } from "drizzle-orm";
import type { Db } from "./db";
import { admissionAnswer } from "./matters";
import { matterListItems as items, matterListVersions as versions } from "./schema";

/**
 * `matterAdmission` in one statement (one D1 round trip instead of two): the county's list version in force on `date`
 * joined to the matter's item in it. Same answer, for the combined placeAndAdmit RPC of the report path.
 */
export async function admissionOn(
  db: Db,
  countyCode: string,
  matterCode: string,
  date: string,
): Promise<MatterAdmission> {
  const latest = db
    .select({ number: versions.number })
    .from(versions)
    .where(and(eq(versions.countyCode, countyCode), lte(versions.effectiveDate, date)))
    .orderBy(desc(versions.number))
    .limit(1)
    .as("latest");
  const found = await db
    .select({ number: latest.number, list: items.list, item: items.item })
    .from(latest)
    .leftJoin(
      items,
      and(eq(items.countyCode, countyCode), eq(items.number, latest.number), eq(items.matterCode, matterCode)),
    )
    .get();
  const row = found?.list && found.item ? { list: found.list, item: found.item } : null;
  return admissionAnswer(countyCode, matterCode, found?.number ?? null, row);
}
