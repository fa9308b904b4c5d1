// The read paths timed on the largest county after the city-years load: the case list by status and by grid with
// keyset pages and the full-text search, through the cases service's own casesPage (drizzle's sqlite-proxy over
// node:sqlite builds the same SQL as on D1), and the archived list by closing month (the same SQL a D1 query runs).
import type { CaseListQuery, CaseSummary, Principal } from "@civicgrid/contracts";
import type { CursorKey } from "@civicgrid/http";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import type { DatabaseSync } from "node:sqlite";
import { casesPage } from "../../services/cases/src/store/case-list";
import type { Db } from "../../services/cases/src/store/db";
import * as schema from "../../services/cases/src/store/schema";

export interface Timing {
  name: string;
  runs: number;
  rows: number;
  p50: number;
  p99: number;
  plan: string;
}

export function proxyDb(sqlite: DatabaseSync, seen: Map<string, unknown[]>): Db {
  const proxy = drizzle(
    async (sql, params, method) => {
      seen.set(sql, params);
      const statement = sqlite.prepare(sql);
      statement.setReturnArrays(true);
      if (method === "get") return { rows: (statement.get(...(params as never[])) ?? []) as unknown[] };
      return { rows: statement.all(...(params as never[])) as unknown as unknown[][] };
    },
    { schema },
  );
  return proxy as unknown as Db;
}

const quantile = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? Number.NaN;

/** Times `runs` calls of `one(i)`, each answering a number of rows; p50/p99 in ms. */
export async function time(
  name: string,
  runs: number,
  one: (i: number) => Promise<number> | number,
  plan = "",
): Promise<Timing> {
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    rows += await one(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { name, runs, rows: Math.round(rows / runs), p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), plan };
}

/** A page then `pages - 1` more by the keyset cursor: what a user paging down a list does. */
export async function pagesOf(db: Db, who: Principal, q: Partial<CaseListQuery>, pages: number): Promise<number> {
  let after: CursorKey | undefined;
  let rows = 0;
  for (let p = 0; p < pages; p++) {
    const page: CaseSummary[] = await casesPage(db, who, { limit: 50, ...q } as CaseListQuery, after);
    rows += Math.min(page.length, 50);
    if (page.length <= 50) break;
    const last = page[49]!;
    after = [last.createdAt, last.id];
  }
  return rows;
}

/**
 * The archived list an agency reads for one closing month, newest closed first, by keyset pages of 50: the SQL of
 * i17-archive's archivedPage (services/cases/src/archive/list.ts, not in this branch yet) for an agency of `county`
 * with closedFrom/closedTo, including its check that the case has not come back to the hot table.
 */
export const ARCHIVED_MONTH_SQL = `SELECT id, version, title, county_code, township_code, village_code, grid_code,
    category_code, status, lead_department_id, opened_at, closed_at, archived_at, archive_key, sha256
  FROM archived_cases
  WHERE division_code LIKE ?1 AND closed_at >= ?2 AND closed_at < ?3
    AND NOT EXISTS (SELECT 1 FROM cases WHERE cases.id = archived_cases.id)
    AND (closed_at < ?4 OR (closed_at = ?4 AND id < ?5))
  ORDER BY closed_at DESC, id DESC LIMIT 51`;

export function archivedMonth(sqlite: DatabaseSync, county: string, month: string, pages: number): number {
  const from = `${month}-01T00:00:00.000Z`;
  const next = new Date(Date.parse(from));
  next.setUTCMonth(next.getUTCMonth() + 1);
  const page = sqlite.prepare(ARCHIVED_MONTH_SQL);
  let cursor: [string, string] = [next.toISOString(), ""];
  let rows = 0;
  for (let p = 0; p < pages; p++) {
    const got = page.all(`${county.slice(0, 6)}%`, from, next.toISOString(), cursor[0], cursor[1]) as {
      id: string;
      closed_at: string;
    }[];
    rows += Math.min(got.length, 50);
    if (got.length <= 50) break;
    cursor = [got[49]!.closed_at, got[49]!.id];
  }
  return rows;
}

export function planOf(sqlite: DatabaseSync, sql: string, params: unknown[]): string {
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as { detail: string }[])
    .map((r) => r.detail)
    .join("; ");
}

export type HotCase = { id: string; version: number; fts_rowid: number };

/** `n` hot cases spread over the county's ids: the cases whose FTS row a projection replaces. */
export function hotCases(sqlite: DatabaseSync, n: number): HotCase[] {
  const all = sqlite.prepare("SELECT id, version, fts_rowid FROM cases ORDER BY id").all() as HotCase[];
  return Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)]!);
}

/**
 * One projection's replacement of a case's FTS row (same text back), in a transaction: by the rowid its `cases` row
 * keeps, as services/cases/src/store/projection.ts does since migration 0010, or by the UNINDEXED case_id, as it
 * did before (a scan of the county's FTS table).
 */
export function ftsReplacer(sqlite: DatabaseSync, by: "rowid" | "case_id"): (c: HotCase) => number {
  const text = sqlite.prepare("SELECT title, description FROM cases_fts WHERE rowid = ?");
  const remove =
    by === "rowid"
      ? sqlite.prepare(
          "DELETE FROM cases_fts WHERE rowid = (SELECT fts_rowid FROM cases WHERE id = ?1 AND version = ?2)",
        )
      : sqlite.prepare("DELETE FROM cases_fts WHERE case_id = ?1 AND (SELECT version FROM cases WHERE id = ?1) = ?2");
  const insert = sqlite.prepare(
    `INSERT INTO cases_fts (rowid, case_id, title, description)
     SELECT fts_rowid, id, ?3, ?4 FROM cases WHERE id = ?1 AND version = ?2`,
  );
  return (c) => {
    const { title, description } = text.get(c.fts_rowid) as { title: string; description: string };
    sqlite.exec("BEGIN");
    const removed = Number(remove.run(c.id, c.version).changes);
    insert.run(c.id, c.version, title, description);
    sqlite.exec("COMMIT");
    return removed;
  };
}
