import { AppError } from "@civicgrid/http";
import { sql } from "drizzle-orm";
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = DrizzleD1Database<typeof schema>;

const instances = new WeakMap<D1Database, Db>();

/** The roster's D1 through drizzle, built once per binding. */
export function dbOf(d1: D1Database): Db {
  let db = instances.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    instances.set(d1, db);
  }
  return db;
}

/**
 * A list of ids as one bound JSON parameter, for `inArray(column, jsonIds(ids))`: D1 binds at most 100
 * parameters per statement, and a user may be given 500 grids.
 */
export const jsonIds = (ids: readonly string[]) => sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** A write refused by a UNIQUE index (drizzle wraps the D1 error as the cause of its own). */
export function isUniqueViolation(error: unknown): boolean {
  return /UNIQUE/.test(String(error)) || (error instanceof Error && /UNIQUE/.test(String(error.cause)));
}

/**
 * A catch handler for a write that a UNIQUE index may refuse: the refusal becomes a 409 naming the field at fault
 * (a registration or certificate number already on the roster); any other error goes on.
 */
export function conflictOn(field: string, detail: string) {
  return (error: unknown): never => {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError("conflict", detail, { errors: [{ field, message: "already registered" }] });
  };
}
