import { AppError } from "@civicgrid/http";
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";

export type Db = DrizzleD1Database<typeof schema>;
/** A statement to run in a D1 batch (a drizzle query builder), not yet run. */
export type Statement = BatchItem<"sqlite">;

const clients = new WeakMap<D1Database, Db>();

/** The drizzle client over a D1 binding, made once per binding and isolate. */
export function dbOf(d1: D1Database): Db {
  let db = clients.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    clients.set(d1, db);
  }
  return db;
}

/**
 * `column IN (values)` with the values as one JSON parameter: D1 binds at most 100 parameters per statement,
 * and a list of codes (a lookup batch, a layout's grids) can be longer.
 */
export function inJson(column: SQLiteColumn | SQLWrapper, values: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

const STALE = "registry-stale-version";

/**
 * A statement that fails (and so rolls back the whole D1 batch it is in) unless `condition` still holds when
 * the batch runs: optimistic concurrency for multi-statement writes (the row is at the version the caller
 * read, and for a lifecycle command still in a status the command starts from). SQLite's json() raises on
 * malformed input, the only way to raise an error from a plain statement.
 */
export function guard(db: Db, condition: SQL): Statement {
  // A query builder, not db.run(sql): drizzle's D1 batch cannot bind the parameters of a raw statement.
  return db
    .select({ ok: sql<number>`CASE WHEN EXISTS (${condition}) THEN 1 ELSE json(${STALE}) END` })
    .from(sql`(SELECT 1)`);
}

/** A row of `table` keyed `key = id` at `version`: the guard's usual condition. */
export function atVersion(
  table: SQLWrapper,
  key: SQLiteColumn,
  id: string,
  versionColumn: SQLiteColumn,
  version: number,
): SQL {
  return sql`SELECT 1 FROM ${table} WHERE ${key} = ${id} AND ${versionColumn} = ${version}`;
}

function textOf(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 5; e = (e as { cause?: unknown }).cause)
    parts.push(String(e));
  return parts.join(" | ");
}

/** Runs a batch; a failed guard or a broken uniqueness rule becomes 412 / 409 instead of a 500. */
export async function runBatch(db: Db, statements: readonly Statement[]): Promise<unknown[]> {
  if (statements.length === 0) return [];
  try {
    return await db.batch(statements as [Statement, ...Statement[]]);
  } catch (error) {
    const text = textOf(error);
    if (/malformed JSON/i.test(text))
      throw new AppError("precondition_failed", "it changed while you were editing; read it again");
    if (/UNIQUE constraint failed/i.test(text))
      throw new AppError("conflict", "a concurrent change took the same key; read again and retry");
    throw error;
  }
}
