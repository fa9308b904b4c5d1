import type { CaseStatus, CaseView } from "@civicgrid/contracts";

/**
 * Issue 17, the archive's policy (the three-year simulation models the same): a case in a terminal status whose
 * last change is more than ARCHIVE_AFTER_DAYS ago moves out of the read model's hot tables; its export (the final
 * view and the full event log) lies in R2 `ARCHIVE`, its Durable Object keeps the log and stays the authority.
 *
 * Terminal: closed and rated (办结, 已评价), invalid and merged (withdrawn), archived (归档). A closed or rated case
 * may still take a rating, an amendment or a reopening; its "terminal time" is therefore its last change while
 * terminal (`updatedAt`), never earlier than `closedAt`: a case that still moves stays hot until it is quiet.
 */
export const TERMINAL_STATUSES: readonly CaseStatus[] = ["closed", "rated", "invalid", "merged", "archived"];

export const DEFAULT_ARCHIVE_AFTER_DAYS = 90;
/** Cases looked at per read-model database in one run. */
export const DEFAULT_ARCHIVE_CHUNK = 500;
/**
 * Cases looked at in one run over all databases: each costs about four subrequests (its Durable Object, the R2
 * put and head, its share of the D1 batch), and a Worker invocation may make 10,000 (Workers Paid).
 */
export const RUN_BUDGET = 2_000;
export const DAY_MS = 86_400_000;

/** A whole number of days or cases from a var, else the default (a bad var must not archive everything). */
export function wholeNumber(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** The instant before which a terminal case's last change makes it due for the archive. */
export function archiveCutoff(now: Date, afterDays: number): string {
  return new Date(now.getTime() - afterDays * DAY_MS).toISOString();
}

/** Whether the case (as its Durable Object holds it) is due: terminal and unchanged since before the cutoff. */
export function isDue(view: Pick<CaseView, "status" | "updatedAt">, cutoff: string): boolean {
  return TERMINAL_STATUSES.includes(view.status) && view.updatedAt < cutoff;
}

/**
 * Where a case's export lies: `cases/<county6>/<yyyy>/<mm>/<caseId>.json`, by the month the case opened (UTC),
 * which never changes, so a case archived again (it moved after it was archived) overwrites its one object.
 */
export function archiveKey(view: Pick<CaseView, "id" | "countyCode" | "createdAt">): string {
  const county6 = view.countyCode.slice(0, 6);
  const [yyyy, mm] = [view.createdAt.slice(0, 4), view.createdAt.slice(5, 7)];
  return `cases/${county6}/${yyyy}/${mm}/${view.id}.json`;
}
