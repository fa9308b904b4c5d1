import { divisionPrefix, type FollowUpItem, type Principal } from "@civicgrid/contracts";
import type { CursorKey } from "@civicgrid/http";
import { and, asc, eq, gt, like, lte, or, sql, type SQL } from "drizzle-orm";
import { followUpDeadline, type CaseState } from "../domain";
import type { Db } from "./db";
import type { Statement } from "./statements";
import { followUps } from "./schema";

/**
 * The follow-up worklist's row of one version of a case: written once the case closed; a later version (rated,
 * reopened, escalated) marks it no longer awaiting. Older or redelivered versions change nothing.
 */
export function followUpStatements(db: Db, s: CaseState): Statement[] {
  if (s.status === "closed" && s.closedAt) {
    const row = {
      caseId: s.id,
      version: s.version,
      awaiting: 1,
      divisionCode: s.villageCode ?? s.townshipCode ?? s.countyCode,
      countyCode: s.countyCode,
      title: s.title,
      categoryCode: s.categoryCode,
      reporterSub: s.reporterSub,
      closedAt: s.closedAt,
      dueAt: followUpDeadline(s.closedAt),
      attempts: s.followUps?.length ?? 0,
      dueNotified: s.followUpDueNotified ? 1 : 0,
    };
    const { caseId: _id, ...set } = row;
    return [
      db
        .insert(followUps)
        .values(row)
        .onConflictDoUpdate({ target: followUps.caseId, set, setWhere: sql`excluded.version > ${followUps.version}` }),
    ];
  }
  return [
    db
      .update(followUps)
      .set({ awaiting: 0, version: s.version })
      .where(and(eq(followUps.caseId, s.id), sql`${followUps.version} < ${s.version}`)),
  ];
}

/** Who may see which rows: the agency's subtree (the follow-up worker's agency), or everything for the platform admin. */
function visibility(principal: Principal): SQL | undefined {
  if (principal.roles.includes("platform_admin")) return undefined;
  const parts = principal.roles.includes("agency")
    ? [like(followUps.divisionCode, `${divisionPrefix(principal.divisionCode)}%`)]
    : [];
  return parts.length === 0 ? sql`0 = 1` : or(...parts);
}

/** Closed cases awaiting follow-up in the caller's jurisdiction, soonest due first; `overdue` keeps those past due. */
export async function followUpPage(
  db: Db,
  principal: Principal,
  q: { limit: number; overdue?: boolean },
  after: CursorKey | undefined,
  now: Date,
): Promise<FollowUpItem[]> {
  const rows = await db
    .select()
    .from(followUps)
    .where(
      and(
        eq(followUps.awaiting, 1),
        visibility(principal),
        q.overdue === undefined
          ? undefined
          : q.overdue
            ? lte(followUps.dueAt, now.toISOString())
            : gt(followUps.dueAt, now.toISOString()),
        after
          ? or(
              gt(followUps.dueAt, String(after[0])),
              and(eq(followUps.dueAt, String(after[0])), gt(followUps.caseId, String(after[1]))),
            )
          : undefined,
      ),
    )
    .orderBy(asc(followUps.dueAt), asc(followUps.caseId))
    .limit(q.limit + 1);
  return rows.map((r) => ({
    caseId: r.caseId,
    title: r.title,
    categoryCode: r.categoryCode,
    countyCode: r.countyCode,
    divisionCode: r.divisionCode,
    closedAt: r.closedAt,
    dueAt: r.dueAt,
    overdue: r.dueAt <= now.toISOString(),
    attempts: r.attempts,
    hasReporterLogin: r.reporterSub !== null,
  }));
}
