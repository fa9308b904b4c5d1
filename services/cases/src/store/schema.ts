import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { CaseStep } from "@civicgrid/contracts";

/**
 * The cases service's D1 tables: the read model projected from each CaseDO (the Durable Object is the
 * authority), 督办 records, cron leases and platform order ids. `drizzle-kit generate` writes the migrations
 * from this file; the FTS5 table `cases_fts` is virtual and lives in the SQL migrations only.
 */
export { idempotencyKeys } from "@civicgrid/http/tables";

export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    version: integer("version").notNull(),
    status: text("status").notNull(),
    title: text("title").notNull(),
    categoryCode: text("category_code").notNull(),
    priority: text("priority").notNull(),
    source: text("source").notNull(),
    gridCode: text("grid_code"),
    villageCode: text("village_code"),
    townshipCode: text("township_code"),
    countyCode: text("county_code").notNull(),
    /** The deepest division the case lies in (village, else township, else county): agencies see by its prefix. */
    divisionCode: text("division_code").notNull(),
    holderDivisionCode: text("holder_division_code").notNull(),
    leadDepartmentId: text("lead_department_id"),
    reporterSub: text("reporter_sub"),
    step: text("step"),
    dueAt: text("due_at"),
    warned: integer("warned").notNull().default(0),
    overdue: integer("overdue").notNull().default(0),
    /** Epoch ms of the next warning or deadline still to apply; null when none: drives the supervision sweep. */
    nextDueAt: integer("next_due_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    summary: text("summary").notNull(),
    public: text("public"),
  },
  (t) => [
    index("cases_division").on(t.divisionCode, sql`created_at DESC`, sql`id DESC`),
    index("cases_grid").on(t.gridCode, sql`created_at DESC`, sql`id DESC`),
    index("cases_created").on(sql`created_at DESC`, sql`id DESC`),
    index("cases_reporter").on(t.reporterSub),
    index("cases_next_due")
      .on(t.nextDueAt)
      .where(sql`next_due_at IS NOT NULL`),
    index("cases_county_created").on(t.countyCode, sql`created_at DESC`, sql`id DESC`),
    index("cases_county_category").on(t.countyCode, t.categoryCode, sql`created_at DESC`, sql`id DESC`),
  ],
);

/** Every department involved (lead and assisting), so a department's list is one indexed join. */
export const caseDepartments = sqliteTable(
  "case_departments",
  {
    caseId: text("case_id").notNull(),
    departmentId: text("department_id").notNull(),
    role: text("role", { enum: ["lead", "assisting"] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.departmentId, t.caseId] }),
    index("case_departments_case").on(t.caseId),
    check("role", sql`role IN ('lead', 'assisting')`),
  ],
);

/** 督办 records created when a step runs past its deadline. */
export const supervisions = sqliteTable(
  "supervisions",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull(),
    step: text("step").$type<CaseStep>().notNull(),
    responsibleUnit: text("responsible_unit").notNull(),
    dueAt: text("due_at").notNull(),
    countyCode: text("county_code").notNull(),
    divisionCode: text("division_code").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("supervisions_division").on(t.divisionCode, sql`created_at DESC`, sql`id DESC`),
    index("supervisions_unit").on(t.responsibleUnit, sql`created_at DESC`, sql`id DESC`),
  ],
);

/** Leases keep two overlapping runs of one cron job from both working. */
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/** Platform pushes: (platform, order id) → case id, so a repeated push opens no second case. */
export const platformOrders = sqliteTable(
  "platform_orders",
  {
    platform: text("platform").notNull(),
    orderId: text("order_id").notNull(),
    caseId: text("case_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.orderId] })],
);

/** Needs found on home visits (base data): (visit, need) → case id, claimed before the case opens, so one each. */
export const visitCases = sqliteTable(
  "visit_cases",
  {
    visitId: text("visit_id").notNull(),
    needIndex: integer("need_index").notNull(),
    caseId: text("case_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.needIndex] })],
);

// ---- Issue 15 (disputes), helper "core": the audited reads of a named party's identity ----

/**
 * Every unmasked read of a named dispute party's identity (PIPL art. 28 and 第三十五条–: sensitive personal data read
 * only for a stated purpose, by whom and when kept): one row per read, never the identity itself.
 */
export const disputeAccessLog = sqliteTable(
  "dispute_access_log",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull(),
    partyIndex: integer("party_index").notNull(),
    sub: text("sub").notNull(),
    role: text("role").notNull(),
    unit: text("unit").notNull(),
    purpose: text("purpose").notNull(),
    countyCode: text("county_code").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("dispute_access_case").on(t.caseId, t.at), index("dispute_access_sub").on(t.sub, t.at)],
);
