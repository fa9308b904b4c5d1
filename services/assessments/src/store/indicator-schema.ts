import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * 三率 and the standard indicators (contracts indicators.ts): one row per measured occurrence, anchored on the
 * event (its version) that counts it, credited to the case's place and a department, on a day. `hit` says whether
 * it counts in the numerator. Derived: a case's rows are deleted and rebuilt from all of its stored events whenever
 * one arrives, so redelivery and arrival order change nothing, and a recompute from the raw events gives the same.
 */
export const indicatorFacts = sqliteTable(
  "indicator_facts",
  {
    caseId: text("case_id").notNull(),
    measure: text("measure").notNull(),
    version: integer("version").notNull(),
    day: text("day").notNull(),
    countyCode: text("county_code").notNull(),
    townshipCode: text("township_code"),
    gridCode: text("grid_code"),
    departmentId: text("department_id"),
    hit: integer("hit").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.measure, t.version] }),
    index("indicator_facts_day").on(t.day, t.countyCode),
  ],
);
