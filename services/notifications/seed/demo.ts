import type { City } from "@civicgrid/demo-data";
import type { SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import * as schema from "../src/store/schema";

/** Statements built by drizzle against the schema (a renamed column fails the type check), written as SQL text. */
const db = drizzle({} as D1Database, { schema });
const dialect = new SQLiteAsyncDialect();
const text = (statement: { getSQL(): SQL }) => dialect.sqlToQuery(statement.getSQL().inlineParams()).sql;

/**
 * Demo notifications state (run by infra/local/demo-sql.ts): the demo resident subscribes to the
 * demo grid worker's grid, and each county's police duty line keeps quiet hours 22:00–07:00, so the
 * deferral and the morning digest can be seen locally. Rules and templates come from the migrations.
 */
export function demoStatements(city: City): string[] {
  const at = "2026-01-01T00:00:00.000Z";
  const subscription = { sub: "demo-resident", gridCode: "440703002101001", createdAt: at };
  const statements = [text(db.insert(schema.subscriptions).values(subscription).onConflictDoNothing())];
  for (const dept of city.departments.filter((d) => d.id.endsWith("-police"))) {
    const quiet = { quietStart: "22:00", quietEnd: "07:00", digest: false, version: 1, updatedAt: at };
    const preference = { ownerKey: `dept:${dept.id}`, ...quiet };
    statements.push(text(db.insert(schema.preferences).values(preference).onConflictDoNothing()));
  }
  return statements;
}
