import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

const build = (d1: D1Database) => drizzle(d1, { schema });
/** The service's D1 database through drizzle: every query of the service goes through one of these. */
export type Db = ReturnType<typeof build>;

const handles = new WeakMap<D1Database, Db>();

/** One handle per binding for the isolate's life: building one extracts the schema's relations (issue 17). */
export function dbOf(d1: D1Database): Db {
  let db = handles.get(d1);
  if (!db) handles.set(d1, (db = build(d1)));
  return db;
}
