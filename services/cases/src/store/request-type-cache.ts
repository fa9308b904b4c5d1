import { RequestTypeLimits } from "@civicgrid/contracts";
import { eq, sql } from "drizzle-orm";
import type { Db } from "./db";
import { requestTypeLimits as t } from "./schema";

/**
 * Issue 17: each county's request-type limits as opening a case reads them, without a D1 round trip per report.
 * The version is the row's stamp (`updated_at|length(types)`), which every save changes (saveRequestTypes, the only
 * writer, sets `updated_at`). An entry is trusted for STAMP_TTL_MS after its stamp was last read; then the next
 * report asks D1 for the stamp again, and only a changed row sends its text and is parsed (JSON and the contract).
 * Staleness bound: the isolate that saves forgets the county at once (forgetRequestTypes), so it sees its own write
 * on the next report; any other isolate sees a change at most STAMP_TTL_MS after it was saved. A county without a
 * row is cached too (no limits), on the same terms.
 * Bounded: at most MAX_COUNTIES entries (a city has a handful of counties), the least recently used dropped first;
 * an entry holds one county's small limits object.
 */
export const STAMP_TTL_MS = 5_000;
const MAX_COUNTIES = 64;
const cache = new Map<string, { stamp: string; types: RequestTypeLimits; checkedAt: number }>();

const stampOf = sql<string>`${t.updatedAt} || '|' || length(${t.types})`;

/** The county's request-type limits (empty when it set none), from the cache while its stamp is fresh or unchanged. */
export async function cachedRequestTypes(db: Db, countyCode: string, now = Date.now()): Promise<RequestTypeLimits> {
  const known = cache.get(countyCode);
  if (known && now - known.checkedAt < STAMP_TTL_MS) return remember(countyCode, known);
  const row = await db
    .select({
      stamp: stampOf,
      types: sql<string | null>`CASE WHEN ${stampOf} = ${known?.stamp ?? ""} THEN NULL ELSE ${t.types} END`,
    })
    .from(t)
    .where(eq(t.countyCode, countyCode))
    .get();
  const stamp = row?.stamp ?? "";
  const types =
    known && (row ? row.types === null : known.stamp === "")
      ? known.types
      : RequestTypeLimits.parse(JSON.parse(row?.types ?? "{}"));
  return remember(countyCode, { stamp, types, checkedAt: now });
}

/** Called by the writer after a save: this isolate's next report reads the county's new limits. */
export function forgetRequestTypes(countyCode: string): void {
  cache.delete(countyCode);
}

function remember(countyCode: string, entry: { stamp: string; types: RequestTypeLimits; checkedAt: number }) {
  cache.delete(countyCode);
  cache.set(countyCode, entry);
  if (cache.size > MAX_COUNTIES) cache.delete(cache.keys().next().value!);
  return entry.types;
}
