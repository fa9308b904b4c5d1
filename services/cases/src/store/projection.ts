import type { CaseSummary, Supervision } from "@civicgrid/contracts";
import { sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { nextAttentionAt, type CaseState } from "../domain";
import { publicRecordOf } from "../read-model/public-record";
import { drizzle } from "drizzle-orm/d1";
import type { Db } from "./db";
import { runStatements, type Statement } from "./statements";
import { disputeStatements } from "./dispute-projection";
import { followUpStatements } from "./follow-ups";
import { casesFts } from "./fts";
import { openPointStatements } from "./open-points";
import { caseDepartments, cases, supervisions } from "./schema";

function summaryOf(s: CaseState): CaseSummary {
  return {
    id: s.id,
    version: s.version,
    status: s.status,
    title: s.title,
    categoryCode: s.categoryCode,
    priority: s.priority,
    source: s.source,
    gridCode: s.gridCode,
    countyCode: s.countyCode,
    holderDivisionCode: s.holderDivisionCode,
    leadDepartmentId: s.leadDepartmentId,
    step: s.step,
    dueAt: s.dueAt,
    warned: s.warned,
    overdue: s.overdue,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/** The read-model row of one version of a case: its summary's columns, and where it lies and when it is due. */
function rowOf(s: CaseState): typeof cases.$inferInsert {
  const summary = summaryOf(s);
  const next = nextAttentionAt(s);
  return {
    ...summary,
    warned: s.warned ? 1 : 0,
    overdue: s.overdue ? 1 : 0,
    villageCode: s.villageCode,
    townshipCode: s.townshipCode,
    divisionCode: s.villageCode ?? s.townshipCode ?? s.countyCode,
    reporterSub: s.reporterSub,
    lng: s.location?.lng ?? null,
    lat: s.location?.lat ?? null,
    nextDueAt: next ? Date.parse(next) : null,
    summary: JSON.stringify(summary),
    public: JSON.stringify(publicRecordOf(s)),
  };
}

const excluded = (column: AnySQLiteColumn) => sql.raw(`excluded.${column.name}`);

/** What a newer version replaces (where the case lies, who reported it and when never change). */
const NEWER = {
  version: excluded(cases.version),
  status: excluded(cases.status),
  title: excluded(cases.title),
  categoryCode: excluded(cases.categoryCode),
  priority: excluded(cases.priority),
  holderDivisionCode: excluded(cases.holderDivisionCode),
  leadDepartmentId: excluded(cases.leadDepartmentId),
  step: excluded(cases.step),
  dueAt: excluded(cases.dueAt),
  warned: excluded(cases.warned),
  overdue: excluded(cases.overdue),
  nextDueAt: excluded(cases.nextDueAt),
  updatedAt: excluded(cases.updatedAt),
  summary: excluded(cases.summary),
  public: excluded(cases.public),
};

/**
 * A case's first projection numbers its FTS row one past the largest rowid kept by a case or used in the FTS table
 * (an FTS row the archive's delete missed keeps its rowid taken); both max() are answered at once (the unique index,
 * FTS5's rowid order).
 */
const NEXT_FTS_ROWID = sql`(SELECT max(
  coalesce((SELECT max(${cases.ftsRowid}) FROM ${cases}), 0),
  coalesce((SELECT max(${casesFts.rowid}) FROM ${casesFts}), 0)
) + 1)`;

const thisVersion = (s: CaseState) => sql`${cases.id} = ${s.id} AND ${cases.version} = ${s.version}`;

/** The rowid of the case's FTS row while its `cases` row holds this version; otherwise NULL (matches no row). */
const ftsRowidOf = (s: CaseState) => sql`SELECT ${cases.ftsRowid} FROM ${cases} WHERE ${thisVersion(s)}`;

/**
 * The statements that write one committed version of a case into the read model. Every statement after the upsert
 * runs only when the row now holds exactly this version, so a redelivered or late (older) projection changes
 * nothing: at-least-once and out-of-order are both harmless.
 */
export function caseStatements(db: Db, s: CaseState, kept: Supervision[]): Statement[] {
  const row = rowOf(s);
  const isCurrent = sql`(SELECT ${cases.version} FROM ${cases} WHERE ${cases.id} = ${s.id}) = ${s.version}`;
  const departments = [
    ...(s.leadDepartmentId ? [[s.leadDepartmentId, "lead"] as const] : []),
    ...s.assistingDepartmentIds.map((d) => [d, "assisting"] as const),
  ];
  return [
    db
      .insert(cases)
      .values({ ...row, ftsRowid: NEXT_FTS_ROWID })
      .onConflictDoUpdate({ target: cases.id, set: NEWER, setWhere: sql`excluded.version > ${cases.version}` }),
    db.delete(caseDepartments).where(sql`${caseDepartments.caseId} = ${s.id} AND ${isCurrent}`),
    ...departments.map(([departmentId, role]) =>
      db
        .insert(caseDepartments)
        .select(sql`SELECT ${s.id}, ${departmentId}, ${role} WHERE ${isCurrent}`)
        .onConflictDoUpdate({
          target: [caseDepartments.departmentId, caseDepartments.caseId],
          set: { role: sql`excluded.role` },
        }),
    ),
    // The case's FTS row is replaced by its rowid (a lookup, not a scan of the county's index), and only while the
    // row holds this version: the rowid comes from the `cases` row of exactly this version, or from none.
    db.delete(casesFts).where(sql`${casesFts.rowid} = (${ftsRowidOf(s)})`),
    db
      .insert(casesFts)
      .select(
        sql`SELECT ${cases.ftsRowid}, ${cases.id}, ${s.title}, ${s.description} FROM ${cases} WHERE ${thisVersion(s)}`,
      ),
    ...openPointStatements(db, s, isCurrent),
    ...kept.map((v) =>
      db
        .insert(supervisions)
        .values({
          id: v.id,
          caseId: v.caseId,
          step: v.step,
          responsibleUnit: v.responsibleUnit,
          dueAt: v.dueAt,
          countyCode: v.countyCode,
          divisionCode: row.divisionCode,
          createdAt: v.createdAt,
        })
        .onConflictDoNothing(),
    ),
  ];
}

/** Writes one committed version of a case into the read model, in one D1 batch (a transaction). */
export async function projectCase(db: Db, s: CaseState, kept: Supervision[]): Promise<void> {
  await runStatements(db, caseStatements(db, s, kept));
}

/**
 * Issue 17: one committed version into every read-model table (the case lists, the disputes' lists, the follow-up
 * worklist) as ONE D1 batch, one round trip, through a D1 session that starts at the primary ("first-primary"); the
 * session's bookmark after the write is returned, so the writer's response can carry it and the reader it hands it
 * to reads its own write from a replica (null when the database gives none). Atomic: all of it or nothing.
 */
export async function projectVersion(readModel: D1Database, s: CaseState, kept: Supervision[]): Promise<string | null> {
  const session = readModel.withSession("first-primary");
  // drizzle 0.45's D1 driver types its client as D1Database but calls only prepare() and batch(), which a session has.
  const db = drizzle(session as unknown as D1Database);
  await runStatements(db, [...caseStatements(db, s, kept), ...disputeStatements(db, s), ...followUpStatements(db, s)]);
  return session.getBookmark();
}
