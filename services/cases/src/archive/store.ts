import type { CaseView } from "@civicgrid/contracts";
import { and, asc, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../store/db";
import { casesFts } from "../store/fts";
import {
  archivedCases,
  caseDepartments,
  cases,
  disputeCases,
  followUps,
  openCasePoints,
  supervisions,
  TERMINAL_ROWS,
} from "../store/schema";
import type { StoredExport } from "./export";

export type Candidate = { id: string; countyCode: string; updatedAt: string };

/**
 * A page of terminal cases last changed before `cutoff`, oldest first after `after` in (updated_at, id) order:
 * the partial index cases_terminal holds only terminal rows, so the walk reads due rows only.
 */
export function archiveCandidates(
  db: Db,
  cutoff: string,
  after: [string, string],
  limit: number,
): Promise<Candidate[]> {
  return db
    .select({ id: cases.id, countyCode: cases.countyCode, updatedAt: cases.updatedAt })
    .from(cases)
    .where(
      and(
        TERMINAL_ROWS,
        sql`${cases.updatedAt} < ${cutoff}`,
        sql`(${cases.updatedAt}, ${cases.id}) > (${after[0]}, ${after[1]})`,
      ),
    )
    .orderBy(asc(cases.updatedAt), asc(cases.id))
    .limit(limit);
}

/** The hot per-case tables besides `cases` and the FTS index, each by its (indexed) case id column. */
const HOT_BY_CASE: [SQLiteTable, SQL][] = [
  [caseDepartments, sql`${caseDepartments.caseId}`],
  [supervisions, sql`${supervisions.caseId}`],
  [openCasePoints, sql`${openCasePoints.caseId}`],
  [followUps, sql`${followUps.caseId}`],
  [disputeCases, sql`${disputeCases.caseId}`],
];

/** A trigram phrase of a column: a substring the index finds (up to 64 characters; 3 at least, or none). */
function phrase(column: "title" | "description", text: string): string | null {
  const chars = [...text].slice(0, 64);
  return chars.length < 3 ? null : `${column} : "${chars.join("").replaceAll('"', '""')}"`;
}

/**
 * The case's rows of the FTS index. Its case_id is UNINDEXED, so `case_id = ?` alone scans the whole index (25 ms
 * at 50,000 cases, growing with them): the trigram index first finds the rows holding the start of the case's
 * description (its title when the description is shorter than 3 characters), then the id picks its own. The
 * projection writes the text of the version it projects, which the export holds; a row left by a lagging
 * projection would only take space (the search reads through `cases`).
 */
function ftsRowsOf(view: CaseView): SQL {
  const match = phrase("description", view.description) ?? phrase("title", view.title);
  const id = sql`${casesFts.caseId} = ${view.id}`;
  return match ? sql`${casesFts} MATCH ${match} AND ${id}` : id;
}

/** The slim row that keeps an archived case findable, from the case as its Durable Object held it. */
function slimRow(view: CaseView, stored: StoredExport, archivedAt: string): typeof archivedCases.$inferInsert {
  return {
    id: view.id,
    version: view.version,
    title: view.title,
    countyCode: view.countyCode,
    townshipCode: view.townshipCode,
    villageCode: view.villageCode,
    gridCode: view.gridCode,
    divisionCode: view.villageCode ?? view.townshipCode ?? view.countyCode,
    categoryCode: view.categoryCode,
    status: view.status,
    leadDepartmentId: view.leadDepartmentId,
    reporterSub: view.reporterSub,
    openedAt: view.createdAt,
    closedAt: view.closedAt ?? view.updatedAt,
    archivedAt,
    archiveKey: stored.key,
    sha256: stored.sha256,
  };
}

/**
 * Moves one exported case out of the hot tables in ONE D1 batch (a transaction): its `cases` row goes only while
 * it holds no newer version than the export (a change projected meanwhile keeps the case hot); every other hot
 * row goes, and the slim row is written, only once `cases` has no row for it. So a repeated move, or one that
 * lost the race to a newer version, changes nothing. Dispute parties (the repeat rule's window), the identity
 * access log (an audit trail), platform orders and visit claims (they keep a second case from opening) and
 * hotspot membership stay: they are not the case's hot read model. True when the case was archived.
 */
export async function moveToArchive(db: Db, view: CaseView, stored: StoredExport, archivedAt: string) {
  const gone = sql`NOT EXISTS (SELECT 1 FROM ${cases} WHERE ${cases.id} = ${view.id})`;
  const row = slimRow(view, stored, archivedAt);
  // INSERT … SELECT names every column in the table's order: the values follow it.
  const columns = Object.keys(getTableColumns(archivedCases)) as (keyof typeof row)[];
  const values = sql.join(
    columns.map((k) => sql`${row[k] ?? null}`),
    sql`, `,
  );
  const replace = Object.fromEntries(
    columns.filter((k) => k !== "id").map((k) => [k, sql.raw(`excluded.${archivedCases[k].name}`)]),
  );
  const [, ...rest] = await db.batch([
    db.delete(cases).where(sql`${cases.id} = ${view.id} AND ${cases.version} <= ${stored.version}`),
    db.delete(casesFts).where(sql`${ftsRowsOf(view)} AND ${gone}`),
    ...HOT_BY_CASE.map(([table, caseId]) => db.delete(table).where(sql`${caseId} = ${view.id} AND ${gone}`)),
    db
      .insert(archivedCases)
      .select(sql`SELECT ${values} WHERE ${gone}`)
      .onConflictDoUpdate({ target: archivedCases.id, set: replace }),
  ]);
  const inserted = rest[rest.length - 1] as D1Result | undefined;
  return (inserted?.meta.changes ?? 0) > 0;
}

/** The archive key of a case that is archived now (not back in the hot tables since), or null. */
export async function archivedKey(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ key: archivedCases.archiveKey })
    .from(archivedCases)
    .where(
      and(
        sql`${archivedCases.id} = ${id}`,
        sql`NOT EXISTS (SELECT 1 FROM ${cases} WHERE ${cases.id} = ${archivedCases.id})`,
      ),
    );
  return row?.key ?? null;
}
