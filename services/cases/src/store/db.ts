import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";

/**
 * The service's D1 through drizzle, without the relational schema: the service makes no relational queries
 * (`db.query`), and extracting a schema's relations costs ~0.4 ms an instance (issue 17, measured), which every
 * request's D1 session (store/sessions.ts) and every projection would pay again.
 */
export type Db = DrizzleD1Database;

const handles = new WeakMap<D1Database, Db>();

/** The service's D1 through drizzle; one handle per binding, so a hot path builds none. */
export function database(d1: D1Database): Db {
  let db = handles.get(d1);
  if (!db) {
    db = drizzle(d1);
    handles.set(d1, db);
  }
  return db;
}
