import { divisionPrefix, type Principal } from "@civicgrid/contracts";
import { mergedPage, type CursorKey } from "@civicgrid/http";
import { and, desc, getTableColumns, eq, gte, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { before } from "../store/keyset";
import { archivedCases, cases } from "../store/schema";
import type { ShardSessions } from "../store/sessions";
import type { ReadModel } from "../store/shards";
import type { ArchivedCase, ArchivedCaseQuery } from "./contract";

const NOTHING = sql`0 = 1`;

/**
 * What the caller may see of the archive, as the hot list decides it (case-list.ts `visibility`) on the columns
 * a slim row keeps: an agency its subtree, a grid worker their grids, a department the cases it led, a resident
 * their own reports. (A department that only assisted, or a co-reporter, reads such a case by id.)
 */
function visibility(principal: Principal): SQL | undefined {
  const parts: SQL[] = [];
  for (const role of principal.roles) {
    if (role === "platform_admin") return undefined;
    if (role === "agency") parts.push(like(archivedCases.divisionCode, `${divisionPrefix(principal.divisionCode)}%`));
    if (role === "department" && principal.departmentId)
      parts.push(eq(archivedCases.leadDepartmentId, principal.departmentId));
    if (role === "grid_worker" && principal.grids?.length) parts.push(inArray(archivedCases.gridCode, principal.grids));
    if (role === "resident") parts.push(eq(archivedCases.reporterSub, principal.sub));
  }
  return parts.length === 0 ? NOTHING : or(...parts);
}

function filters(q: ArchivedCaseQuery): (SQL | undefined)[] {
  return [
    q.division ? like(archivedCases.divisionCode, `${divisionPrefix(q.division)}%`) : undefined,
    q.grid ? eq(archivedCases.gridCode, q.grid) : undefined,
    q.category ? eq(archivedCases.categoryCode, q.category) : undefined,
    q.closedFrom ? gte(archivedCases.closedAt, new Date(q.closedFrom).toISOString()) : undefined,
    q.closedTo ? lt(archivedCases.closedAt, new Date(q.closedTo).toISOString()) : undefined,
    // A case that moved again after it was archived is back in the hot tables until the next run archives it.
    sql`NOT EXISTS (SELECT 1 FROM ${cases} WHERE ${cases.id} = ${archivedCases.id})`,
  ];
}

/** The columns a list shows (not who reported, nor the division only the visibility reads). */
const { reporterSub, divisionCode, ...SHOWN } = getTableColumns(archivedCases);
void [reporterSub, divisionCode];

/** One more than a page of archived cases, newest closed first, merged over the shards the caller may read. */
export async function archivedPage(
  shards: readonly ReadModel[],
  sessions: ShardSessions,
  principal: Principal,
  q: ArchivedCaseQuery,
  after: CursorKey | undefined,
): Promise<ArchivedCase[]> {
  return mergedPage(
    shards,
    (shard) =>
      sessions
        .db(shard)
        .select(SHOWN)
        .from(archivedCases)
        .where(and(visibility(principal), ...filters(q), before(archivedCases.closedAt, archivedCases.id, after)))
        .orderBy(desc(archivedCases.closedAt), desc(archivedCases.id))
        .limit(q.limit + 1) as Promise<ArchivedCase[]>,
    (r) => [r.closedAt, r.id],
    "desc",
    q.limit + 1,
  );
}
