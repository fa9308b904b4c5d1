import type { RankingKind, RankingRow, ScoringRules } from "@civicgrid/contracts";
import { periodRange, workingDays } from "../periods";
import { rulesForPeriod } from "../settings";
import { rankSubjects, type SubjectTotals } from "./score";

/** Sums of each subject's daily facts over a span, scoped to a county prefix ('' for all). */
const TOTALS_SQL: Record<RankingKind, string> = {
  worker: `SELECT sub AS subject_id, MAX(division_code) AS division_code, MAX(county_code) AS county_code,
      SUM(checked_in) AS checked_in, SUM(met_minimum) AS met_minimum, SUM(cases_reported) AS cases_reported,
      SUM(cases_verified) AS cases_verified, SUM(resolved_on_site) AS resolved_on_site, SUM(orders_done) AS orders_done,
      SUM(orders_on_time) AS orders_on_time
    FROM worker_day_facts WHERE day BETWEEN ?1 AND ?2 AND county_code LIKE ?3 GROUP BY sub`,
  grid: `SELECT grid_code AS subject_id, MAX(village_code) AS division_code, MAX(county_code) AS county_code, 1 AS grids,
      SUM(patrolled) AS patrolled, SUM(cases_reported) AS cases_reported, SUM(resolved_on_site) AS resolved_on_site,
      SUM(cases_closed) AS cases_closed, SUM(overdue) AS overdue
    FROM grid_day_facts WHERE day BETWEEN ?1 AND ?2 AND county_code LIKE ?3 GROUP BY grid_code`,
  township: `SELECT township_code AS subject_id, township_code AS division_code, MAX(county_code) AS county_code,
      COUNT(DISTINCT grid_code) AS grids, SUM(patrolled) AS patrolled, SUM(cases_reported) AS cases_reported,
      SUM(resolved_on_site) AS resolved_on_site, SUM(cases_closed) AS cases_closed, SUM(overdue) AS overdue
    FROM grid_day_facts WHERE day BETWEEN ?1 AND ?2 AND county_code LIKE ?3 GROUP BY township_code`,
  department: `SELECT department_id AS subject_id, MAX(division_code) AS division_code, MAX(division_code) AS county_code,
      SUM(dispatched) AS dispatched, SUM(signed) AS signed, SUM(signed_on_time) AS signed_on_time, SUM(handled) AS handled,
      SUM(handled_on_time) AS handled_on_time, SUM(returned) AS returned, SUM(overdue) AS overdue, SUM(warnings) AS warnings,
      SUM(rated) AS rated, SUM(satisfaction_sum) AS satisfaction_sum
    FROM department_day_facts WHERE day BETWEEN ?1 AND ?2 AND division_code LIKE ?3 GROUP BY department_id`,
};

export async function loadTotals(db: D1Database, kind: RankingKind, range: { from: string; to: string }, countyPrefix: string): Promise<SubjectTotals[]> {
  const { results } = await db.prepare(TOTALS_SQL[kind]).bind(range.from, range.to, `${countyPrefix}%`).all<Record<string, string | number>>();
  return results.map(({ subject_id, division_code, county_code, ...totals }) => ({
    subjectId: String(subject_id),
    divisionCode: String(division_code),
    countyCode: String(county_code),
    totals: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Number(v ?? 0)])),
  }));
}

/**
 * Computes and stores one ranking (kind and week, month or year) for the counties under `countyPrefix`,
 * replacing what was stored before in one batch: a recompute of the same facts gives the same rows.
 */
export async function computeRanking(db: D1Database, kind: RankingKind, period: string, countyPrefix = ""): Promise<RankingRow[]> {
  const range = periodRange(period);
  const subjects = await loadTotals(db, kind, range, countyPrefix);
  const counties = [...new Set(subjects.map((s) => s.countyCode))];
  const rules = new Map<string, ScoringRules>();
  for (const county of counties) rules.set(county, await rulesForPeriod(db, county, range.from));
  const rows = rankSubjects(kind, period, subjects, workingDays(range), (county) => rules.get(county)!);
  const computedAt = new Date().toISOString();
  const statements = [
    db.prepare("DELETE FROM rankings WHERE kind = ?1 AND period = ?2 AND county_code LIKE ?3").bind(kind, period, `${countyPrefix}%`),
    // Rows go in as JSON, 500 a statement: D1 caps statements per invocation, and a city has ~9,000 workers.
    ...chunks(rows, 500).map((chunk) =>
      db
        .prepare(
          `INSERT INTO rankings (kind, period, subject_id, division_code, county_code, score, rank, components, rules_version)
           SELECT ?1, ?2, json_extract(j.value, '$.subjectId'), json_extract(j.value, '$.divisionCode'), json_extract(j.value, '$.countyCode'),
             json_extract(j.value, '$.score'), json_extract(j.value, '$.rank'), json(json_extract(j.value, '$.components')),
             json_extract(j.value, '$.rulesVersion')
           FROM json_each(?3) j`,
        )
        .bind(kind, period, JSON.stringify(chunk)),
    ),
    ...counties.map((county) =>
      db
        .prepare(
          `INSERT INTO ranking_runs (kind, period, county_code, subjects, computed_at) VALUES (?1, ?2, ?3, ?4, ?5)
           ON CONFLICT (kind, period, county_code) DO UPDATE SET subjects = excluded.subjects, computed_at = excluded.computed_at`,
        )
        .bind(kind, period, county, rows.filter((r) => r.countyCode === county).length, computedAt),
    ),
  ];
  await db.batch(statements);
  return rows;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
