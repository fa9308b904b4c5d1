import { RequestTypeLimits } from "@civicgrid/contracts";
import { eq, sql } from "drizzle-orm";
import type { Db } from "./db";
import { requestTypeLimits as t } from "./schema";

/**
 * Issue 17: each county's request-type limits as opening a case reads them, parsed once per isolate and version.
 * The version is the row's stamp (`updated_at|length(types)`), which every save changes (saveRequestTypes sets
 * `updated_at`), so a change made through any isolate is seen by the next report in every isolate: each report
 * still asks D1 for the stamp, and only a changed row sends its text and is parsed (JSON and the contract) again.
 * Bounded: at most MAX_COUNTIES entries (a city has a handful of counties), the least recently used dropped first;
 * an entry holds one county's small limits object.
 */
const MAX_COUNTIES = 64;
const cache = new Map<string, { stamp: string; types: RequestTypeLimits }>();

const stampOf = sql<string>`${t.updatedAt} || '|' || length(${t.types})`;

/** The county's request-type limits (empty when it set none), from the cache while the row's stamp is unchanged. */
export async function cachedRequestTypes(db: Db, countyCode: string): Promise<RequestTypeLimits> {
  const known = cache.get(countyCode);
  const row = await db
    .select({
      stamp: stampOf,
      types: sql<string | null>`CASE WHEN ${stampOf} = ${known?.stamp ?? ""} THEN NULL ELSE ${t.types} END`,
    })
    .from(t)
    .where(eq(t.countyCode, countyCode))
    .get();
  if (!row) {
    cache.delete(countyCode);
    return {};
  }
  const types = row.types === null && known ? known.types : RequestTypeLimits.parse(JSON.parse(row.types ?? "{}"));
  cache.delete(countyCode);
  cache.set(countyCode, { stamp: row.stamp, types });
  if (cache.size > MAX_COUNTIES) cache.delete(cache.keys().next().value!);
  return types;
}
