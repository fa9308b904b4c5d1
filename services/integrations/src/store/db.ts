import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = DrizzleD1Database<typeof schema>;

const handles = new WeakMap<D1Database, Db>();

/** The drizzle handle of a D1 binding, made once per binding (the binding lives as long as the isolate's env). */
export function dbOf(d1: D1Database): Db {
  let db = handles.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    handles.set(d1, db);
  }
  return db;
}

/**
 * `column IN (values)` with the values as one JSON parameter: D1 binds at most 100 parameters to a statement, and a
 * list may name up to 1000 cases (Open311) or every platform.
 */
export const inJson = (column: SQLiteColumn, values: readonly string[]): SQL =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

/** A key of a page cursor (see decodeCursor), bound as it came: a forged cursor finds nothing odd, never a 500. */
export const cursorKey = (value: string | number | undefined, first: string | number) => sql`${value ?? first}`;
