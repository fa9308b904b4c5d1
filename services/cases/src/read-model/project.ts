import type { CaseSummary, Supervision } from "@civicgrid/contracts";
import { nextDueAt, type CaseState } from "../domain";
import { publicRecordOf } from "./public-record";

function summaryOf(s: CaseState): CaseSummary {
  return {
    id: s.id, version: s.version, status: s.status, title: s.title, categoryCode: s.categoryCode, priority: s.priority,
    source: s.source, gridCode: s.gridCode, countyCode: s.countyCode, holderDivisionCode: s.holderDivisionCode,
    leadDepartmentId: s.leadDepartmentId, step: s.step, dueAt: s.dueAt, warned: s.warned, overdue: s.overdue,
    createdAt: s.createdAt, updatedAt: s.updatedAt,
  };
}

/**
 * Writes one committed version of a case into the read model, in one D1 batch (a transaction). Every
 * statement after the upsert runs only when the row now holds exactly this version, so a redelivered or
 * late (older) projection changes nothing: at-least-once and out-of-order are both harmless.
 */
export async function projectCase(db: D1Database, s: CaseState, supervisions: Supervision[]): Promise<void> {
  const next = nextDueAt(s);
  const division = s.villageCode ?? s.townshipCode ?? s.countyCode;
  const isCurrent = "(SELECT version FROM cases WHERE id = ?1) = ?2";
  const departments = [
    ...(s.leadDepartmentId ? [[s.leadDepartmentId, "lead"]] : []),
    ...s.assistingDepartmentIds.map((d) => [d, "assisting"]),
  ];
  await db.batch([
    db
      .prepare(
        `INSERT INTO cases (id, version, status, title, category_code, priority, source, grid_code, village_code, township_code,
           county_code, division_code, holder_division_code, lead_department_id, reporter_sub, step, due_at, warned, overdue,
           next_due_at, created_at, updated_at, summary, public)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, status = excluded.status, title = excluded.title,
           category_code = excluded.category_code, priority = excluded.priority, holder_division_code = excluded.holder_division_code,
           lead_department_id = excluded.lead_department_id, step = excluded.step, due_at = excluded.due_at, warned = excluded.warned,
           overdue = excluded.overdue, next_due_at = excluded.next_due_at, updated_at = excluded.updated_at, summary = excluded.summary,
           public = excluded.public
         WHERE excluded.version > cases.version`,
      )
      .bind(
        s.id, s.version, s.status, s.title, s.categoryCode, s.priority, s.source, s.gridCode, s.villageCode, s.townshipCode,
        s.countyCode, division, s.holderDivisionCode, s.leadDepartmentId, s.reporterSub, s.step, s.dueAt, s.warned ? 1 : 0,
        s.overdue ? 1 : 0, next ? Date.parse(next) : null, s.createdAt, s.updatedAt, JSON.stringify(summaryOf(s)),
        JSON.stringify(publicRecordOf(s)),
      ),
    db.prepare(`DELETE FROM case_departments WHERE case_id = ?1 AND ${isCurrent}`).bind(s.id, s.version),
    ...departments.map(([d, role]) =>
      db.prepare(`INSERT OR REPLACE INTO case_departments (case_id, department_id, role) SELECT ?1, ?3, ?4 WHERE ${isCurrent}`).bind(s.id, s.version, d, role),
    ),
    db.prepare(`DELETE FROM cases_fts WHERE case_id = ?1 AND ${isCurrent}`).bind(s.id, s.version),
    db.prepare(`INSERT INTO cases_fts (case_id, title, description) SELECT ?1, ?3, ?4 WHERE ${isCurrent}`).bind(s.id, s.version, s.title, s.description),
    ...supervisions.map((v) =>
      db
        .prepare("INSERT OR IGNORE INTO supervisions (id, case_id, step, responsible_unit, due_at, county_code, division_code, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(v.id, v.caseId, v.step, v.responsibleUnit, v.dueAt, v.countyCode, division, v.createdAt),
    ),
  ]);
}
