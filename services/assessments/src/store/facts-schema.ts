import { index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The daily facts: one row per subject and Asia/Shanghai day, rebuilt by the rollup from the stored case
 * events, check-ins and patrols (never incremented), and summed over a period by the rankings.
 */
export const workerDayFacts = sqliteTable(
  "worker_day_facts",
  {
    sub: text("sub").notNull(),
    day: text("day").notNull(),
    divisionCode: text("division_code").notNull(),
    countyCode: text("county_code").notNull(),
    checkedIn: integer("checked_in").notNull(),
    patrolMinutes: real("patrol_minutes").notNull(),
    patrolDistanceM: real("patrol_distance_m").notNull(),
    flaggedPatrols: integer("flagged_patrols").notNull(),
    metMinimum: integer("met_minimum").notNull(),
    casesReported: integer("cases_reported").notNull(),
    casesVerified: integer("cases_verified").notNull(),
    resolvedOnSite: integer("resolved_on_site").notNull(),
    ordersDone: integer("orders_done").notNull(),
    ordersOnTime: integer("orders_on_time").notNull(),
    /** Home visits recorded and collected changes verified that day (base data; Gansu 四: 走访, 采集上报). */
    visits: integer("visits").notNull().default(0),
    collectionApproved: integer("collection_approved").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sub, t.day] }), index("worker_day_facts_day").on(t.day, t.countyCode)],
);

export const gridDayFacts = sqliteTable(
  "grid_day_facts",
  {
    gridCode: text("grid_code").notNull(),
    day: text("day").notNull(),
    villageCode: text("village_code").notNull(),
    townshipCode: text("township_code").notNull(),
    countyCode: text("county_code").notNull(),
    patrolMinutes: real("patrol_minutes").notNull(),
    patrolled: integer("patrolled").notNull(),
    casesReported: integer("cases_reported").notNull(),
    casesVerified: integer("cases_verified").notNull(),
    resolvedOnSite: integer("resolved_on_site").notNull(),
    casesClosed: integer("cases_closed").notNull(),
    overdue: integer("overdue").notNull(),
  },
  (t) => [primaryKey({ columns: [t.gridCode, t.day] }), index("grid_day_facts_day").on(t.day, t.countyCode)],
);

export const departmentDayFacts = sqliteTable(
  "department_day_facts",
  {
    departmentId: text("department_id").notNull(),
    day: text("day").notNull(),
    divisionCode: text("division_code").notNull(),
    dispatched: integer("dispatched").notNull(),
    signed: integer("signed").notNull(),
    signedOnTime: integer("signed_on_time").notNull(),
    handled: integer("handled").notNull(),
    handledOnTime: integer("handled_on_time").notNull(),
    returned: integer("returned").notNull(),
    overdue: integer("overdue").notNull(),
    warnings: integer("warnings").notNull(),
    rated: integer("rated").notNull(),
    satisfactionSum: integer("satisfaction_sum").notNull(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.day] }), index("department_day_facts_day").on(t.day)],
);
