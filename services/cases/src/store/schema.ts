import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { CaseStep } from "@civicgrid/contracts";

/**
 * The cases service's D1 tables: the read model projected from each CaseDO (the Durable Object is the
 * authority), 督办 records, cron leases and platform order ids. `drizzle-kit generate` writes the migrations
 * from this file; the FTS5 table `cases_fts` is virtual and lives in the SQL migrations only.
 */
export { idempotencyKeys } from "@civicgrid/http/tables";

/** The rows of cases in a terminal status (archive/policy.ts TERMINAL_STATUSES), literal for the partial index. */
export const TERMINAL_ROWS = sql.raw("status IN ('closed', 'rated', 'invalid', 'merged', 'archived')");

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
    /** Where the case lies (WGS-84), null when it has no point: nearby duplicates and hotspots read them. */
    lng: real("lng"),
    lat: real("lat"),
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
    /**
     * Issue 17: the rowid of the case's row in the FTS index `cases_fts` (whose case_id is UNINDEXED), so the
     * projection replaces that row by rowid instead of scanning the index. Given once, at the first projection, one
     * past the largest rowid taken (projection.ts NEXT_FTS_ROWID), never changed.
     */
    ftsRowid: integer("fts_rowid"),
  },
  (t) => [
    index("cases_division").on(t.divisionCode, sql`created_at DESC`, sql`id DESC`),
    index("cases_grid").on(t.gridCode, sql`created_at DESC`, sql`id DESC`),
    index("cases_created").on(sql`created_at DESC`, sql`id DESC`),
    // Issue 17: a list by status (or overdue) walks its own rows newest first instead of every case in the shard.
    index("cases_status").on(t.status, sql`created_at DESC`, sql`id DESC`),
    index("cases_overdue")
      .on(sql`created_at DESC`, sql`id DESC`)
      .where(sql`overdue = 1`),
    uniqueIndex("cases_fts_rowid").on(t.ftsRowid),
    index("cases_reporter").on(t.reporterSub),
    index("cases_next_due")
      .on(t.nextDueAt)
      .where(sql`next_due_at IS NOT NULL`),
    index("cases_county_created").on(t.countyCode, sql`created_at DESC`, sql`id DESC`),
    index("cases_county_category").on(t.countyCode, t.categoryCode, sql`created_at DESC`, sql`id DESC`),
    // Issue 17, archive: the nightly job walks the terminal cases oldest change first and stops at its cutoff.
    index("cases_terminal").on(t.updatedAt, t.id).where(TERMINAL_ROWS),
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
    // Issue 17 archive: a case's supervisions leave with it, found by case.
    index("supervisions_case").on(t.caseId),
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

// ---- Disputes: risk (issue 15, helper "risk"): the county rules and the disputes' projection. ----

/**
 * A county's dispute risk rules as data (Gansu 二(一)1(2)–(3)): the rules JSON (RiskRule[]) and the police told of
 * threats of violence. A county without a row runs on `defaultRiskRules`.
 */
export const disputeRiskRules = sqliteTable("dispute_risk_rules", {
  countyCode: text("county_code").primaryKey(),
  rules: text("rules").notNull(),
  policeDepartmentIds: text("police_department_ids").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** The early-warning rows (open, larger or major risk), literal so the partial index serves the list's query. */
export const WARNED_ROWS = sql.raw("open = 1 AND risk_level IN ('larger', 'major')");

/**
 * One row per dispute, projected from its case's object (the authority) after each committed version: where it lies,
 * who holds it, its stage and risk, and the warnings given. Read by the early-warning list and the dispute lists.
 */
export const disputeCases = sqliteTable(
  "dispute_cases",
  {
    caseId: text("case_id").primaryKey(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    caseStatus: text("case_status").notNull(),
    /** 1 while the case is still being worked (reported … handled). */
    open: integer("open").notNull(),
    countyCode: text("county_code").notNull(),
    divisionCode: text("division_code").notNull(),
    gridCode: text("grid_code"),
    holderDivisionCode: text("holder_division_code").notNull(),
    stage: text("stage").notNull(),
    relation: text("relation").notNull(),
    riskLevel: text("risk_level").notNull(),
    /** When the dispute reached its current level (first seen by the projection): "newest risk first". */
    riskSince: text("risk_since").notNull(),
    mediatorId: text("mediator_id"),
    mediatorKind: text("mediator_kind"),
    threat: integer("threat").notNull(),
    violence: integer("violence").notNull(),
    countyWarnedAt: text("county_warned_at"),
    policeWarnedAt: text("police_warned_at"),
    /** JSON array of the police departments the 命案风险 notice named; null until the police were told. */
    warnedDepartmentIds: text("warned_department_ids"),
    recordedAt: text("recorded_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    // An agency's list (division prefix) walks this in order and stops at the page's end, like cases_created.
    index("dispute_cases_recorded").on(sql`recorded_at DESC`, sql`case_id DESC`),
    index("dispute_cases_grid").on(t.gridCode, sql`recorded_at DESC`, sql`case_id DESC`),
    index("dispute_cases_warnings")
      .on(sql`risk_since DESC`, sql`case_id DESC`)
      .where(WARNED_ROWS),
  ],
);

/** The parties of each dispute by repeat key (base-data record or `idh:` hash): the repeat rule's one query. */
export const disputeParties = sqliteTable(
  "dispute_parties",
  {
    caseId: text("case_id").notNull(),
    partyKey: text("party_key").notNull(),
    countyCode: text("county_code").notNull(),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.partyKey] }),
    index("dispute_parties_key").on(t.countyCode, t.partyKey, t.recordedAt),
  ],
);

/** A county's default step limits per request type (咨询, 求助, 投诉, 举报, 建议), one JSON row per county. */
export const requestTypeLimits = sqliteTable("request_type_limits", {
  countyCode: text("county_code").primaryKey(),
  types: text("types").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: text("updated_at").notNull(),
});
/**
 * The point of every open case that has one (issue 16: duplicates while reporting), kept by the projection: a row
 * while the case is open, none once it closes. The index walks one matter's latitude band; the query then trims the
 * band to the bounding box and the window, and measures the few left exactly.
 */
export const openCasePoints = sqliteTable(
  "open_case_points",
  {
    caseId: text("case_id").primaryKey(),
    categoryCode: text("category_code").notNull(),
    lat: real("lat").notNull(),
    lng: real("lng").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("open_case_points_matter_lat").on(t.categoryCode, t.lat, t.lng, t.createdAt)],
);
// ---- Issue 16, helper "hotspots": the monthly analysis of recurring matters (未诉先办) and its proposals. ----

/** One analysis of a county's month; `complete` once it ran after the month ended (then it is final). */
export const hotspotRuns = sqliteTable(
  "hotspot_runs",
  {
    countyCode: text("county_code").notNull(),
    month: text("month").notNull(),
    complete: integer("complete").notNull(),
    analysedAt: text("analysed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.month] })],
);

/** A proposed proactive work order: one matter recurring at one place in a month, and what the agency decided. */
export const hotspots = sqliteTable(
  "hotspots",
  {
    id: text("id").primaryKey(),
    countyCode: text("county_code").notNull(),
    month: text("month").notNull(),
    categoryCode: text("category_code").notNull(),
    lng: real("lng").notNull(),
    lat: real("lat").notNull(),
    radiusMeters: integer("radius_meters").notNull(),
    gridCode: text("grid_code").notNull(),
    villageCode: text("village_code").notNull(),
    /** JSON array of the recurring cases' ids. */
    caseIds: text("case_ids").notNull(),
    count: integer("count").notNull(),
    firstAt: text("first_at").notNull(),
    lastAt: text("last_at").notNull(),
    status: text("status", { enum: ["proposed", "issued", "dismissed"] }).notNull(),
    /** The work order's case id, claimed before its object opens, so a retried issue opens the same case. */
    caseId: text("case_id"),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    dismissReason: text("dismiss_reason"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("hotspots_county").on(t.countyCode, sql`created_at DESC`, sql`id DESC`),
    check("hotspot_status", sql`status IN ('proposed', 'issued', 'dismissed')`),
  ],
);

/** Each case in at most one proposal: a later run of the month (or a racing one) cannot propose a case twice. */
export const hotspotCases = sqliteTable("hotspot_cases", {
  caseId: text("case_id").primaryKey(),
  hotspotId: text("hotspot_id").notNull(),
});

/**
 * The follow-up (回访) worklist: one row per case that closed, `awaiting` while it is closed and not yet rated
 * (a follow-up that did not reach the reporter leaves it awaiting). Projected from the CaseDO by version.
 */
export const followUps = sqliteTable(
  "follow_ups",
  {
    caseId: text("case_id").primaryKey(),
    version: integer("version").notNull(),
    awaiting: integer("awaiting").notNull(),
    divisionCode: text("division_code").notNull(),
    countyCode: text("county_code").notNull(),
    title: text("title").notNull(),
    categoryCode: text("category_code").notNull(),
    reporterSub: text("reporter_sub"),
    closedAt: text("closed_at").notNull(),
    dueAt: text("due_at").notNull(),
    attempts: integer("attempts").notNull(),
    dueNotified: integer("due_notified").notNull(),
  },
  (t) => [index("follow_ups_awaiting").on(t.awaiting, t.divisionCode, t.dueAt, t.caseId)],
);

// ---- Issue 17, helper "archive": closed cases moved out of the hot tables (the export lies in R2 ARCHIVE). ----

/**
 * One slim row per archived case, so that it can still be found: where it lies, what it was, when it opened,
 * closed and was archived, and the R2 key of its export (the final view and the full event log). The case's
 * Durable Object keeps the log and stays the authority; every hot per-case row is gone.
 */
export const archivedCases = sqliteTable(
  "archived_cases",
  {
    id: text("id").primaryKey(),
    /** The case's version the export holds. */
    version: integer("version").notNull(),
    title: text("title").notNull(),
    countyCode: text("county_code").notNull(),
    townshipCode: text("township_code"),
    villageCode: text("village_code"),
    gridCode: text("grid_code"),
    /** The deepest division the case lies in, as in `cases`: agencies see by its prefix. */
    divisionCode: text("division_code").notNull(),
    categoryCode: text("category_code").notNull(),
    status: text("status").notNull(),
    leadDepartmentId: text("lead_department_id"),
    reporterSub: text("reporter_sub"),
    openedAt: text("opened_at").notNull(),
    closedAt: text("closed_at").notNull(),
    archivedAt: text("archived_at").notNull(),
    archiveKey: text("archive_key").notNull(),
    sha256: text("sha256").notNull(),
  },
  (t) => [
    index("archived_cases_division").on(t.divisionCode, sql`closed_at DESC`, sql`id DESC`),
    index("archived_cases_grid").on(t.gridCode, sql`closed_at DESC`, sql`id DESC`),
    index("archived_cases_closed").on(sql`closed_at DESC`, sql`id DESC`),
    index("archived_cases_reporter").on(t.reporterSub),
    index("archived_cases_department").on(t.leadDepartmentId),
  ],
);
