import type {
  AdmissionItem,
  Division,
  ForbiddenItem,
  GridHistoryKind,
  MatterAttribute,
  MatterChange,
  PublicGrid,
} from "@civicgrid/contracts";
import type { Geometry } from "@civicgrid/geo";
import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  unique,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import type { GridRecord } from "../domain/grid";

/** One grid worker as the disclosure shows them, with the roster's id (kept, never shown). */
export type DisclosedServer = PublicGrid["workers"][number] & { workerId: string };

/**
 * The registry's D1 tables: divisions, grids with their filed versions and history, layouts (a county's
 * filings), the disclosure projection, the matters catalogue and each county's lists, the outbox.
 * `drizzle-kit generate` writes the migrations from this file (`npm run db:generate -w services/registry`).
 * JSON columns hold what the API stores verbatim (boundaries, related codes, list items).
 */
/** Idempotency-Key claims and the event outbox, shared with the http kit (one row per event and queue). */
export { idempotencyKeys, outbox } from "@civicgrid/http/tables";

export const divisions = sqliteTable(
  "divisions",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    level: text("level", { enum: ["city", "county", "township", "village"] }).notNull(),
    parentCode: text("parent_code").references((): AnySQLiteColumn => divisions.code),
    /** Villages only: 城市社区 (true) or 农村 (false). */
    urban: integer("urban", { mode: "boolean" }),
    /** GeoJSON, as filed; lists leave it out unless asked for it. */
    boundary: text("boundary", { mode: "json" }).$type<NonNullable<Division["boundary"]>>(),
    version: integer("version").notNull().default(1),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("divisions_by_parent").on(t.parentCode, t.code),
    check("code", sql`length(code) = 12`),
    check("level", sql`level IN ('city', 'county', 'township', 'village')`),
    check("urban", sql`urban IN (0, 1)`),
  ],
);

/** Every grid code ever handed out. Rows are never deleted, so a code is never given twice. */
export const grids = sqliteTable(
  "grids",
  {
    code: text("code").primaryKey(),
    villageCode: text("village_code").notNull(),
    countyCode: text("county_code").notNull(),
    sequence: integer("sequence").notNull(),
    createdLayoutId: text("created_layout_id").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    unique().on(t.villageCode, t.sequence),
    check("code", sql`length(code) = 15`),
    check("sequence", sql`sequence BETWEEN 1 AND 999`),
  ],
);

/** Filed states of each grid, valid from valid_from (inclusive) to valid_to (exclusive, NULL = open). */
export const gridVersions = sqliteTable(
  "grid_versions",
  {
    code: text("code").notNull(),
    seq: integer("seq").notNull(),
    countyCode: text("county_code").notNull(),
    villageCode: text("village_code").notNull(),
    name: text("name").notNull(),
    type: text("type", { enum: ["urban", "rural", "dedicated"] }).notNull(),
    unitKind: text("unit_kind", { enum: ["campus", "park", "factory", "office_tower"] }),
    unitName: text("unit_name"),
    households: integer("households").notNull(),
    population: integer("population").notNull(),
    partyOrganisation: text("party_organisation").notNull(),
    supervisionPhone: text("supervision_phone").notNull(),
    areaDescription: text("area_description").notNull().default(""),
    boundary: text("boundary", { mode: "json" }).$type<Geometry>().notNull(),
    minLng: real("min_lng").notNull(),
    minLat: real("min_lat").notNull(),
    maxLng: real("max_lng").notNull(),
    maxLat: real("max_lat").notNull(),
    areaM2: real("area_m2").notNull(),
    validFrom: text("valid_from").notNull(),
    validTo: text("valid_to"),
    layoutId: text("layout_id").notNull(),
    change: text("change").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.code, t.seq] }),
    index("grid_versions_open")
      .on(t.countyCode, t.villageCode)
      .where(sql`valid_to IS NULL`),
    index("grid_versions_from").on(t.validFrom),
    index("grid_versions_to").on(t.validTo),
    check("type", sql`type IN ('urban', 'rural', 'dedicated')`),
  ],
);

export const GRID_HISTORY_KINDS = ["created", "split", "merged", "redrawn", "updated", "retired"] as const;

export const gridHistory = sqliteTable(
  "grid_history",
  {
    gridCode: text("grid_code").notNull(),
    layoutId: text("layout_id").notNull(),
    kind: text("kind", { enum: GRID_HISTORY_KINDS }).notNull(),
    effectiveDate: text("effective_date").notNull(),
    related: text("related", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    versionSeq: integer("version_seq"),
  },
  (t) => [
    primaryKey({ columns: [t.gridCode, t.layoutId] }),
    check("kind", sql`kind IN ('created', 'split', 'merged', 'redrawn', 'updated', 'retired')`),
  ],
);

export const LAYOUT_STATUSES = ["draft", "submitted", "returned", "accepted"] as const;

/** A county's layout versions: at most one open (draft / submitted / returned) at a time. */
export const layouts = sqliteTable(
  "layouts",
  {
    id: text("id").primaryKey(),
    countyCode: text("county_code").notNull(),
    number: integer("number").notNull(),
    status: text("status", { enum: LAYOUT_STATUSES }).notNull(),
    note: text("note"),
    effectiveDate: text("effective_date"),
    reviewReasons: text("review_reasons", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    submittedBy: text("submitted_by"),
    submittedAt: text("submitted_at"),
    reviewedBy: text("reviewed_by"),
    reviewedAt: text("reviewed_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    unique().on(t.countyCode, t.number),
    uniqueIndex("layouts_one_open")
      .on(t.countyCode)
      .where(sql`status IN ('draft', 'submitted', 'returned')`),
    check("status", sql`status IN ('draft', 'submitted', 'returned', 'accepted')`),
  ],
);

/** What a layout changes, one row per grid: its proposed record (JSON, NULL when retired) and lineage. */
export const layoutOps = sqliteTable(
  "layout_ops",
  {
    layoutId: text("layout_id")
      .notNull()
      .references(() => layouts.id),
    gridCode: text("grid_code").notNull(),
    villageCode: text("village_code").notNull(),
    op: text("op", { enum: ["create", "update", "retire"] }).notNull(),
    kind: text("kind").$type<GridHistoryKind>().notNull(),
    /** The proposed record; null when the layout retires the grid. */
    grid: text("grid", { mode: "json" }).$type<GridRecord>(),
    related: text("related", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
  },
  (t) => [primaryKey({ columns: [t.layoutId, t.gridCode] }), check("op", sql`op IN ('create', 'update', 'retire')`)],
);

/** Counters read on every lookup: layout_version moves whenever filed grids change. */
export const registryState = sqliteTable("registry_state", {
  key: text("key").primaryKey(),
  value: integer("value").notNull(),
});

/** Who serves each grid, from the roster's GridServersChanged snapshots (newest version wins). */
export const disclosureServers = sqliteTable("disclosure_servers", {
  gridCode: text("grid_code").primaryKey(),
  version: integer("version").notNull(),
  servers: text("servers", { mode: "json" }).$type<DisclosedServer[]>().notNull(),
  eventId: text("event_id"),
  updatedAt: text("updated_at").notNull(),
});

export const matterCategories = sqliteTable("matter_categories", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  parentCode: text("parent_code").references((): AnySQLiteColumn => matterCategories.code),
  description: text("description").notNull().default(""),
  version: integer("version").notNull().default(1),
  updatedAt: text("updated_at").notNull(),
});

/** Every version of a county's lists is kept; the one in force on D is the newest with effective_date <= D. */
export const matterListVersions = sqliteTable(
  "matter_list_versions",
  {
    countyCode: text("county_code").notNull(),
    number: integer("number").notNull(),
    effectiveDate: text("effective_date").notNull(),
    changeRequestId: text("change_request_id"),
    approvedBy: text("approved_by").notNull(),
    filedAt: text("filed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.number] })],
);

export const matterListItems = sqliteTable(
  "matter_list_items",
  {
    countyCode: text("county_code").notNull(),
    number: integer("number").notNull(),
    list: text("list", { enum: ["admission", "forbidden"] }).notNull(),
    matterCode: text("matter_code").notNull(),
    /** An AdmissionItem on the admission list, a ForbiddenItem on the forbidden list. */
    item: text("item", { mode: "json" }).$type<AdmissionItem | ForbiddenItem>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.number, t.matterCode] }),
    check("list", sql`list IN ('admission', 'forbidden')`),
  ],
);

export const MATTER_CHANGE_STATUSES = ["pending", "approved", "refused"] as const;

export const matterChangeRequests = sqliteTable(
  "matter_change_requests",
  {
    id: text("id").primaryKey(),
    countyCode: text("county_code").notNull(),
    change: text("change", { mode: "json" }).$type<MatterChange>().notNull(),
    reason: text("reason").notNull(),
    status: text("status", { enum: MATTER_CHANGE_STATUSES }).notNull(),
    requestedBy: text("requested_by").notNull(),
    requesterUnit: text("requester_unit").notNull(),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    decisionNote: text("decision_note"),
    listNumber: integer("list_number"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("matter_change_requests_by_county").on(t.countyCode, t.createdAt),
    check("status", sql`status IN ('pending', 'approved', 'refused')`),
  ],
);

/** What residents' apps show of a matter (the Open311 service definition), kept by the city (Jiangmen 第九条). */
export const matterDefinitions = sqliteTable(
  "matter_definitions",
  {
    matterCode: text("matter_code").primaryKey(),
    description: text("description").notNull().default(""),
    keywords: text("keywords", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    groupName: text("group_name"),
    attributes: text("attributes", { mode: "json" })
      .$type<MatterAttribute[]>()
      .notNull()
      .default(sql`'[]'`),
    listed: integer("listed", { mode: "boolean" })
      .notNull()
      .default(sql`1`),
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  () => [check("listed", sql`listed IN (0, 1)`)],
);

/**
 * A grid's households and population from the base data's counts (底数, basedata.grid-counts.changed): the newest
 * count version of the village object wins, so redelivery and reordering change nothing. Once a grid has a row here
 * these are its facts: the disclosure shows them and a layout may no longer type them (store/base-counts.ts).
 */
export const gridBaseCounts = sqliteTable("grid_base_counts", {
  gridCode: text("grid_code").primaryKey(),
  villageCode: text("village_code").notNull(),
  households: integer("households").notNull(),
  population: integer("population").notNull(),
  /** The village object's count version (the event envelope's version). */
  version: integer("version").notNull(),
  /** Where the figures come from: the event's source (basedata/<village>). */
  source: text("source").notNull(),
  /** When the base data counted them (the event's occurredAt). */
  asOf: text("as_of").notNull(),
  eventId: text("event_id").notNull(),
  updatedAt: text("updated_at").notNull(),
});
