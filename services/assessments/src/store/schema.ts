import type { AssessmentSettings, Patrol, ScoreComponent, ScoringWeights } from "@civicgrid/contracts";
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The assessments service's D1 tables: stored case events (the single source of every fact), check-ins,
 * patrols and their track points, county settings and versioned scoring rules (考核细则), daily facts and
 * rankings. `drizzle-kit generate` writes the migrations from this file (the daily facts are in facts-schema.ts).
 */
export { idempotencyKeys } from "@civicgrid/http/tables";
export * from "./facts-schema";
export * from "./basedata-schema";
export * from "./dispute-schema";
export * from "./indicator-schema";

/** Each case event once, keyed by its envelope id: redelivery is an insert that changes nothing. */
export const caseEvents = sqliteTable(
  "case_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    caseId: text("case_id").notNull(),
    version: integer("version").notNull(),
    occurredAt: text("occurred_at").notNull(),
    /** Asia/Shanghai calendar day of occurred_at (YYYY-MM-DD). */
    day: text("day").notNull(),
    actorSub: text("actor_sub").notNull(),
    actorRole: text("actor_role").notNull(),
    actorUnit: text("actor_unit").notNull(),
    categoryCode: text("category_code").notNull(),
    source: text("source").notNull(),
    gridCode: text("grid_code"),
    villageCode: text("village_code"),
    townshipCode: text("township_code"),
    countyCode: text("county_code").notNull(),
    leadDepartmentId: text("lead_department_id"),
    responsibleUnit: text("responsible_unit"),
    dueAt: text("due_at"),
    rating: text("rating"),
    /** The department a return or a reopening counts against (issue 12 item 9); null on older events. */
    fromDepartmentId: text("from_department_id"),
  },
  (t) => [index("case_events_day").on(t.day, t.type), index("case_events_case").on(t.caseId, t.version)],
);

export const checkins = sqliteTable(
  "checkins",
  {
    sub: text("sub").notNull(),
    day: text("day").notNull(),
    divisionCode: text("division_code").notNull(),
    countyCode: text("county_code").notNull(),
    at: text("at").notNull(),
    lng: real("lng"),
    lat: real("lat"),
  },
  (t) => [primaryKey({ columns: [t.sub, t.day] })],
);

export const patrols = sqliteTable(
  "patrols",
  {
    id: text("id").primaryKey(),
    sub: text("sub").notNull(),
    divisionCode: text("division_code").notNull(),
    countyCode: text("county_code").notNull(),
    /** The grids the worker served when the patrol started (from their principal). */
    servedGrids: text("served_grids", { mode: "json" }).$type<string[]>().notNull(),
    day: text("day").notNull(),
    status: text("status", { enum: ["open", "ended"] }).notNull(),
    startedAt: text("started_at").notNull(),
    endedAt: text("ended_at"),
    pointCount: integer("point_count").notNull().default(0),
    countedMinutes: real("counted_minutes").notNull().default(0),
    countedDistanceM: real("counted_distance_m").notNull().default(0),
    coveredGrids: text("covered_grids", { mode: "json" }).$type<string[]>().notNull().default([]),
    flags: text("flags", { mode: "json" }).$type<Patrol["flags"]>().notNull().default([]),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("patrols_sub_day").on(t.sub, t.day),
    index("patrols_day").on(t.day),
    check("status", sql`status IN ('open', 'ended')`),
  ],
);

/** Keyed by (patrol, time): a batch posted twice adds nothing. */
export const patrolPoints = sqliteTable(
  "patrol_points",
  {
    patrolId: text("patrol_id").notNull(),
    atMs: integer("at_ms").notNull(),
    lng: real("lng").notNull(),
    lat: real("lat").notNull(),
    gridCode: text("grid_code"),
  },
  (t) => [primaryKey({ columns: [t.patrolId, t.atMs] })],
);

export const countySettings = sqliteTable("county_settings", {
  countyCode: text("county_code").primaryKey(),
  dailyPatrolMinutes: integer("daily_patrol_minutes").notNull(),
  maxSpeedKmh: real("max_speed_kmh").notNull(),
  gradeThresholds: text("grade_thresholds", { mode: "json" }).$type<AssessmentSettings["gradeThresholds"]>().notNull(),
  version: integer("version").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/**
 * 考核细则: indicator weights per subject kind, versioned; a period uses the latest version effective at its start.
 */
export const scoringRules = sqliteTable(
  "scoring_rules",
  {
    countyCode: text("county_code").notNull(),
    version: integer("version").notNull(),
    effectiveFrom: text("effective_from").notNull(),
    weights: text("weights", { mode: "json" }).$type<ScoringWeights>().notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.version] })],
);

/** One row per subject and period; `rank` is within the subject's county (rules are per county). */
export const rankings = sqliteTable(
  "rankings",
  {
    kind: text("kind", { enum: ["worker", "grid", "township", "department"] }).notNull(),
    period: text("period").notNull(),
    subjectId: text("subject_id").notNull(),
    divisionCode: text("division_code").notNull(),
    countyCode: text("county_code").notNull(),
    score: real("score").notNull(),
    rank: integer("rank").notNull(),
    components: text("components", { mode: "json" }).$type<ScoreComponent[]>().notNull(),
    rulesVersion: integer("rules_version").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.period, t.subjectId] }),
    index("rankings_list").on(t.kind, t.period, t.countyCode, t.rank),
    check("kind", sql`kind IN ('worker', 'grid', 'township', 'department')`),
  ],
);

/** Which (kind, period, county) the cron or a recompute has computed, and when. */
export const rankingRuns = sqliteTable(
  "ranking_runs",
  {
    kind: text("kind").notNull(),
    period: text("period").notNull(),
    countyCode: text("county_code").notNull(),
    subjects: integer("subjects").notNull(),
    computedAt: text("computed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.period, t.countyCode] })],
);

/** Which days the daily rollup has run for (the cron rolls up any finished day not yet rolled up). */
export const factRuns = sqliteTable("fact_runs", {
  day: text("day").primaryKey(),
  computedAt: text("computed_at").notNull(),
  /** Events stored since the day's last rollup, left for the minute cron (rollups.ts rollupSoon); null: up to date. */
  dirtySince: text("dirty_since"),
});
