import { divisionPrefix, type Principal, type Supervision } from "@civicgrid/contracts";
import type { CursorKey } from "@civicgrid/http";
import { and, desc, eq, like, or, sql, type SQL } from "drizzle-orm";
import { before } from "./keyset";
import type { Db } from "./db";
import { supervisions } from "./schema";

/** 督办 records the caller may see: an agency those in its subtree, a department those against itself. */
function visibility(principal: Principal): SQL | undefined {
  if (principal.roles.includes("platform_admin")) return undefined;
  const parts: SQL[] = [];
  if (principal.roles.includes("agency"))
    parts.push(like(supervisions.divisionCode, `${divisionPrefix(principal.divisionCode)}%`));
  if (principal.roles.includes("department") && principal.departmentId)
    parts.push(eq(supervisions.responsibleUnit, principal.departmentId));
  return parts.length === 0 ? sql`0 = 1` : or(...parts);
}

/** One more than a page, newest first, over supervisions_division / supervisions_unit. */
export function supervisionsPage(
  db: Db,
  principal: Principal,
  limit: number,
  after: CursorKey | undefined,
): Promise<Supervision[]> {
  const { id, caseId, step, responsibleUnit, dueAt, countyCode, createdAt } = supervisions;
  return db
    .select({ id, caseId, step, responsibleUnit, dueAt, countyCode, createdAt })
    .from(supervisions)
    .where(and(visibility(principal), before(createdAt, id, after)))
    .orderBy(desc(createdAt), desc(id))
    .limit(limit + 1);
}
