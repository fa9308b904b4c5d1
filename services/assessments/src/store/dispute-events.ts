import { sql } from "drizzle-orm";
import type { CaseEvent } from "../domain/case-events";
import { disputeRowOf } from "../domain/dispute-events";
import type { Db } from "./db";
import { disputeCounts, disputeEvents } from "./schema";

/**
 * The occurrences each figure counts, from every stored event of some cases, ordered by version (so the order of
 * arrival does not matter). Once per case: found, mediated (the first event whose stage is settled or agreed),
 * diverted, major risk. Per event: mediated on the spot. Per agreement: a kept follow-up counts once after each
 * agreement recorded, or after each broken follow-up (a settlement without a written agreement is followed up too;
 * 人民调解法 第二十八条, 第三十三条). The SELECT yields dispute_counts' columns in the order dispute-schema.ts declares.
 */
const countsOf = (caseIds: string) => sql`
WITH ev AS (
  SELECT d.*, MAX(CASE WHEN type = 'dispute.agreement_recorded' OR (type = 'dispute.followed_up' AND kept = 0)
      THEN version END) OVER (PARTITION BY case_id ORDER BY version) AS agreement
  FROM dispute_events d WHERE case_id IN (SELECT value FROM json_each(${caseIds}))
),
hits AS (
  SELECT ev.*, CASE
      WHEN type = 'dispute.recorded' AND first = 1 THEN 'found'
      WHEN type = 'case.resolved_on_site' THEN 'mediated_on_site'
      WHEN type = 'dispute.diverted' THEN 'diverted'
      WHEN type = 'dispute.followed_up' AND kept = 1 THEN 'agreement_kept'
      WHEN type = 'dispute.county_warned' THEN 'major_risk'
    END AS figure FROM ev
  UNION ALL SELECT ev.*, 'mediated' FROM ev WHERE stage IN ('settled', 'agreed')
),
ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY case_id, figure, CASE figure
      WHEN 'mediated_on_site' THEN version WHEN 'agreement_kept' THEN COALESCE(agreement, 0) ELSE 0 END
    ORDER BY version) AS n
  FROM hits WHERE figure IS NOT NULL
)
SELECT id, figure, case_id, day, grid_code, village_code, township_code, county_code, mediator_id, mediator_kind
FROM ranked WHERE n = 1`;

/**
 * Stores the events of dispute cases once each and recounts those cases, in one batch (a transaction). Events of
 * other cases are left to the case facts; a batch without dispute events writes nothing.
 */
export async function storeDisputeEvents(db: Db, events: readonly CaseEvent[]): Promise<void> {
  const rows = events.map(disputeRowOf).filter((r) => r !== null);
  if (rows.length === 0) return;
  // The case ids as one JSON parameter, each row its own statement: D1 binds at most 100 parameters to one.
  const caseIds = JSON.stringify([...new Set(rows.map((r) => r.caseId))]);
  await db.batch([
    db.delete(disputeCounts).where(sql`${disputeCounts.caseId} IN (SELECT value FROM json_each(${caseIds}))`),
    ...rows.map((row) => db.insert(disputeEvents).values(row).onConflictDoNothing()),
    db.insert(disputeCounts).select(countsOf(caseIds)),
  ]);
}
