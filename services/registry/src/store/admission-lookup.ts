import type { AdmissionItem, ForbiddenItem, MatterAdmission } from "@civicgrid/contracts";
import { and, eq, lte, sql } from "drizzle-orm";
import type { Db } from "./db";
import { admissionAnswer } from "./matters";
import { matterListItems as items, matterListVersions as versions } from "./schema";

/**
 * A matter's admission in every county that has a list in force on `date`, in one statement: each county's newest
 * version in force joined to the matter's item in it (a row per county, a handful for a city). The combined
 * placeAndAdmit RPC asks it while the point is being located, so the report path waits for one D1 round trip, not
 * two after each other. `admissionIn` picks the county's answer (`matterAdmission`'s, for a county without a list
 * too).
 */
export async function admissionsOn(db: Db, matterCode: string, date: string): Promise<AdmissionsOn> {
  const rows = await db
    .select({ countyCode: versions.countyCode, number: versions.number, list: items.list, item: items.item })
    .from(versions)
    .leftJoin(
      items,
      and(
        eq(items.countyCode, versions.countyCode),
        eq(items.number, versions.number),
        eq(items.matterCode, matterCode),
      ),
    )
    .where(
      and(
        lte(versions.effectiveDate, date),
        // The outer row's county's newest version in force (the inner table is aliased `newer`).
        sql`${versions.number} = (SELECT max(newer.number) FROM ${versions} AS newer
          WHERE newer.county_code = ${versions.countyCode} AND newer.effective_date <= ${date})`,
      ),
    );
  return { matterCode, rows: new Map(rows.map((r) => [r.countyCode, r])) };
}

export interface AdmissionsOn {
  matterCode: string;
  rows: Map<
    string,
    { number: number; list: "admission" | "forbidden" | null; item: AdmissionItem | ForbiddenItem | null }
  >;
}

export function admissionIn(found: AdmissionsOn, countyCode: string): MatterAdmission {
  const row = found.rows.get(countyCode);
  const item = row?.list && row.item ? { list: row.list, item: row.item } : null;
  return admissionAnswer(countyCode, found.matterCode, row?.number ?? null, item);
}
