import type { ListScope } from "@civicgrid/auth";
import { and, desc, like, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { database } from "./db";
import { accessLog, subjectRequests } from "./schema";

/** Writes one unmasked read to the access log (PIPL art. 54 audits): who, in which role, what, why, when. */
export async function logAccess(
  d1: D1Database,
  entry: {
    recordId: string;
    villageCode: string;
    fields: readonly string[];
    purpose: string;
    bySub: string;
    byRole: string;
  },
  at: Date,
): Promise<string> {
  const when = at.toISOString();
  await database(d1)
    .insert(accessLog)
    .values({ ...entry, fields: JSON.stringify(entry.fields), at: when })
    .run();
  return when;
}

/** Rows of villages in a list scope: all, or a division prefix; a grid scope reaches no audit rows at all. */
function inScope(column: AnyColumn, scope: ListScope): SQL | undefined {
  if ("all" in scope) return undefined;
  if ("prefix" in scope) return like(column, `${scope.prefix}%`);
  return sql`0 = 1`;
}

export async function accessLogPage(d1: D1Database, scope: ListScope, before: number | undefined, limit: number) {
  const rows = await database(d1)
    .select()
    .from(accessLog)
    .where(and(inScope(accessLog.villageCode, scope), before === undefined ? undefined : lt(accessLog.seq, before)))
    .orderBy(desc(accessLog.seq))
    .limit(limit)
    .all();
  return rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as string[] }));
}

export type SubjectRequestRow = typeof subjectRequests.$inferSelect;

export async function recordSubjectRequest(d1: D1Database, row: SubjectRequestRow): Promise<void> {
  await database(d1).insert(subjectRequests).values(row).run();
}

export function subjectRequestsPage(d1: D1Database, scope: ListScope, before: string | undefined, limit: number) {
  return database(d1)
    .select()
    .from(subjectRequests)
    .where(
      and(
        inScope(subjectRequests.villageCode, scope),
        before === undefined ? undefined : lt(subjectRequests.id, before),
      ),
    )
    .orderBy(desc(subjectRequests.id))
    .limit(limit)
    .all();
}
