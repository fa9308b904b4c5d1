import type { MediationField, Role } from "@civicgrid/contracts";
import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * The roster service's D1 tables: workers (ID number and private phone encrypted), their screenings, trainings
 * and assignments to grids with the public notice (上岗公示), linkage departments, login subjects, county
 * settings, the grids known from the registry, and the grid-servers event versions; the Idempotency-Key and
 * outbox tables are the http kit's. `drizzle-kit generate` writes the migrations from this file.
 */
export { idempotencyKeys, outbox } from "@civicgrid/http/tables";

export const workers = sqliteTable(
  "workers",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** base64(iv || AES-GCM ciphertext) of the ID number. */
    idCipher: text("id_cipher").notNull(),
    /** HMAC-SHA256 of the ID number, to refuse duplicates without decrypting. */
    idHash: text("id_hash").notNull().unique(),
    idMasked: text("id_masked").notNull(),
    phoneCipher: text("phone_cipher").notNull(),
    phoneMasked: text("phone_masked").notNull(),
    workPhone: text("work_phone").notNull(),
    gender: text("gender", { enum: ["male", "female"] }).notNull(),
    birthDate: text("birth_date").notNull(),
    politicalStatus: text("political_status", { enum: ["party_member", "non_party"] }).notNull(),
    divisionCode: text("division_code").notNull(),
    orgUnit: text("org_unit").notNull(),
    departmentId: text("department_id"),
    status: text("status", { enum: ["active", "suspended", "dismissed"] })
      .notNull()
      .default("active"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("workers_division").on(t.divisionCode, t.id),
    check("workers_gender", sql`gender IN ('male', 'female')`),
    check("workers_political_status", sql`political_status IN ('party_member', 'non_party')`),
    check("workers_status", sql`status IN ('active', 'suspended', 'dismissed')`),
  ],
);

export const workerStatusHistory = sqliteTable(
  "worker_status_history",
  {
    workerId: text("worker_id")
      .notNull()
      .references(() => workers.id),
    status: text("status", { enum: ["active", "suspended", "dismissed"] }).notNull(),
    reason: text("reason").notNull(),
    at: text("at").notNull(),
    bySub: text("by_sub").notNull(),
  },
  (t) => [index("worker_status_history_worker").on(t.workerId, t.at)],
);

/** Every full read of an ID number or private phone: who, when, which record, under which request. */
export const piiReads = sqliteTable("pii_reads", {
  workerId: text("worker_id").notNull(),
  readerSub: text("reader_sub").notNull(),
  requestId: text("request_id").notNull(),
  at: text("at").notNull(),
});

export const screenings = sqliteTable(
  "screenings",
  {
    id: text("id").primaryKey(),
    workerId: text("worker_id")
      .notNull()
      .references(() => workers.id),
    criminalPunishment: integer("criminal_punishment", { mode: "boolean" }).notNull(),
    pendingCriminalCase: integer("pending_criminal_case", { mode: "boolean" }).notNull(),
    detention: integer("detention", { mode: "boolean" }).notNull(),
    expelledFromPublicOffice: integer("expelled_from_public_office", { mode: "boolean" }).notNull(),
    dishonestyBlacklist: integer("dishonesty_blacklist", { mode: "boolean" }).notNull(),
    otherLegalBar: integer("other_legal_bar", { mode: "boolean" }).notNull(),
    passed: integer("passed", { mode: "boolean" }).notNull(),
    notes: text("notes"),
    screenedBy: text("screened_by").notNull(),
    screenedAt: text("screened_at").notNull(),
  },
  (t) => [index("screenings_worker").on(t.workerId, t.screenedAt)],
);

export const trainings = sqliteTable(
  "trainings",
  {
    id: text("id").primaryKey(),
    workerId: text("worker_id")
      .notNull()
      .references(() => workers.id),
    kind: text("kind", { enum: ["onboarding", "periodic", "department"] }).notNull(),
    title: text("title").notNull(),
    date: text("date").notNull(),
    hours: real("hours").notNull(),
    departmentId: text("department_id"),
  },
  (t) => [
    index("trainings_worker").on(t.workerId, t.date),
    check("trainings_kind", sql`kind IN ('onboarding', 'periodic', 'department')`),
  ],
);

export const assignments = sqliteTable(
  "assignments",
  {
    id: text("id").primaryKey(),
    workerId: text("worker_id")
      .notNull()
      .references(() => workers.id),
    gridCode: text("grid_code").notNull(),
    role: text("role", { enum: ["chief", "full_time", "part_time", "professional", "auxiliary"] }).notNull(),
    departmentId: text("department_id"),
    status: text("status", { enum: ["notice", "active", "ended", "withdrawn"] }).notNull(),
    noticeStartDate: text("notice_start_date").notNull(),
    noticeEndDate: text("notice_end_date").notNull(),
    startDate: text("start_date"),
    endDate: text("end_date"),
    endReason: text("end_reason"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("assignments_grid").on(t.gridCode, t.status),
    index("assignments_worker").on(t.workerId, t.status),
    // One chief and at most one full-time worker per grid, pending or serving (the database enforces it too).
    uniqueIndex("assignments_one_chief")
      .on(t.gridCode)
      .where(sql`role = 'chief' AND status IN ('notice', 'active')`),
    uniqueIndex("assignments_one_full_time")
      .on(t.gridCode)
      .where(sql`role = 'full_time' AND status IN ('notice', 'active')`),
    check("assignments_role", sql`role IN ('chief', 'full_time', 'part_time', 'professional', 'auxiliary')`),
    check("assignments_status", sql`status IN ('notice', 'active', 'ended', 'withdrawn')`),
  ],
);

export const objections = sqliteTable(
  "objections",
  {
    id: text("id").primaryKey(),
    assignmentId: text("assignment_id")
      .notNull()
      .references(() => assignments.id),
    text: text("text").notNull(),
    status: text("status", { enum: ["open", "dismissed", "upheld"] }).notNull(),
    note: text("note"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("objections_assignment").on(t.assignmentId, t.status),
    check("objections_status", sql`status IN ('open', 'dismissed', 'upheld')`),
  ],
);

/**
 * Grids the roster knows of (seeded from the registry's layout, then kept from its `registry.grid.changed`
 * snapshots): the vacancy report runs over the active ones. `version` is the registry's grid version (0 for rows
 * known before the registry spoke), `eventId` the snapshot kept.
 */
export const knownGrids = sqliteTable(
  "known_grids",
  {
    code: text("code").primaryKey(),
    countyCode: text("county_code").notNull(),
    status: text("status", { enum: ["active", "retired"] })
      .notNull()
      .default("active"),
    version: integer("version").notNull().default(0),
    eventId: text("event_id"),
    updatedAt: text("updated_at"),
  },
  (t) => [
    index("known_grids_county").on(t.countyCode, t.code),
    check("known_grids_status", sql`status IN ('active', 'retired')`),
  ],
);

export const departments = sqliteTable(
  "departments",
  {
    id: text("id").primaryKey(),
    key: text("key").notNull(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    divisionCode: text("division_code").notNull(),
    dutyPhone: text("duty_phone").notNull(),
    dutyContact: text("duty_contact"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("departments_division").on(t.divisionCode, t.id)],
);

export const users = sqliteTable(
  "users",
  {
    sub: text("sub").primaryKey(),
    name: text("name").notNull(),
    orgUnitKind: text("org_unit_kind", { enum: ["platform", "agency", "department", "village_committee"] }).notNull(),
    orgUnit: text("org_unit").notNull(),
    roles: text("roles", { mode: "json" }).$type<Exclude<Role, "resident">[]>().notNull(),
    divisionCode: text("division_code").notNull(),
    departmentId: text("department_id"),
    workerId: text("worker_id"),
    grids: text("grids", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    status: text("status", { enum: ["active", "removed"] })
      .notNull()
      .default("active"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("users_division").on(t.divisionCode, t.sub),
    index("users_worker").on(t.workerId),
    index("users_department").on(t.departmentId),
    check("users_org_unit_kind", sql`org_unit_kind IN ('platform', 'agency', 'department', 'village_committee')`),
    check("users_status", sql`status IN ('active', 'removed')`),
  ],
);

export const countySettings = sqliteTable("county_settings", {
  countyCode: text("county_code").primaryKey(),
  fullTimeRequired: integer("full_time_required", { mode: "boolean" })
    .notNull()
    .default(sql`0`),
  noticeWorkingDays: integer("notice_working_days").notNull().default(5),
  minTrainingsPerYear: integer("min_trainings_per_year").notNull().default(2),
  version: integer("version").notNull().default(1),
});

/** Per-grid event version of the `roster.grid-servers.changed` snapshots. */
export const gridEventVersions = sqliteTable("grid_event_versions", {
  gridCode: text("grid_code").primaryKey(),
  version: integer("version").notNull(),
});

/**
 * People's mediation committees of villages and townships and professional mediation organisations (Wuxi
 * 第四十二条–第四十七条, 人民调解法 第八条), registered with the justice bureau; `fields` only for professionals.
 */
export const mediationBodies = sqliteTable(
  "mediation_bodies",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["village_committee", "township_committee", "professional"] }).notNull(),
    name: text("name").notNull(),
    divisionCode: text("division_code").notNull(),
    registrationNumber: text("registration_number").notNull().unique(),
    fields: text("fields", { mode: "json" })
      .$type<MediationField[]>()
      .notNull()
      .default(sql`'[]'`),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("mediation_bodies_division").on(t.divisionCode, t.id),
    check("mediation_bodies_kind", sql`kind IN ('village_committee', 'township_committee', 'professional')`),
  ],
);

/**
 * Mediators (人民调解员, 人民调解法 第十三条–第十四条) with their qualification; a grid worker mediating alone has no
 * body. `divisionCode` is the body's or the worker's, kept so scopes and lists need no join. The phone is encrypted
 * like a worker's private phone; one entry per certificate number.
 */
export const mediators = sqliteTable(
  "mediators",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["grid_worker", "village_committee", "township_committee", "professional"] }).notNull(),
    bodyId: text("body_id").references(() => mediationBodies.id),
    workerId: text("worker_id").references(() => workers.id),
    divisionCode: text("division_code").notNull(),
    name: text("name").notNull(),
    phoneCipher: text("phone_cipher").notNull(),
    phoneMasked: text("phone_masked").notNull(),
    certificateNumber: text("certificate_number").notNull().unique(),
    certificateIssuedBy: text("certificate_issued_by").notNull(),
    certificateValidUntil: text("certificate_valid_until").notNull(),
    trainedOn: text("trained_on").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    deactivationReason: text("deactivation_reason"),
    deactivatedAt: text("deactivated_at"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("mediators_division").on(t.divisionCode, t.id),
    index("mediators_body").on(t.bodyId),
    check("mediators_kind", sql`kind IN ('grid_worker', 'village_committee', 'township_committee', 'professional')`),
  ],
);
