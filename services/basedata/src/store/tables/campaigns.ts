import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * 排查 campaigns (Gansu 二(一)1(1)): an agency screens grids of its jurisdiction for disputes over a period. They span
 * villages, so they live in D1; the screenings arrive from the village objects' outboxes (destination "campaigns").
 */
export const campaigns = sqliteTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    purpose: text("purpose").notNull(),
    /** The opening agency's division: the campaign is read and closed within it. */
    divisionCode: text("division_code").notNull(),
    /** First and last day (YYYY-MM-DD, Asia/Shanghai), both included. */
    fromDay: text("from_day").notNull(),
    toDay: text("to_day").notNull(),
    closedAt: text("closed_at"),
    closedBy: text("closed_by"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("campaigns_division").on(t.divisionCode, t.id)],
);

/** The grids a campaign screens (a worker lists the campaigns covering their grids through this). */
export const campaignGrids = sqliteTable(
  "campaign_grids",
  {
    campaignId: text("campaign_id").notNull(),
    gridCode: text("grid_code").notNull(),
    villageCode: text("village_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.gridCode] }), index("campaign_grids_grid").on(t.gridCode)],
);

/**
 * One row per screening visit, keyed by (campaign, visit) so a redelivered outbox row writes nothing twice; a target
 * visited twice keeps both rows (the disputes found on each count) and coverage counts distinct targets.
 */
export const campaignScreenings = sqliteTable(
  "campaign_screenings",
  {
    campaignId: text("campaign_id").notNull(),
    visitId: text("visit_id").notNull(),
    gridCode: text("grid_code").notNull(),
    targetKind: text("target_kind", { enum: ["house", "unit"] }).notNull(),
    targetId: text("target_id").notNull(),
    workerSub: text("worker_sub").notNull(),
    screenedAt: text("screened_at").notNull(),
    /** Needs on the visit that asked for a case. */
    disputesFound: integer("disputes_found").notNull().default(0),
    /** JSON array of the case ids those needs opened, filled as the cases service answers. */
    caseIds: text("case_ids").notNull().default("[]"),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.visitId] }),
    index("campaign_screenings_target").on(t.campaignId, t.gridCode, t.targetId),
  ],
);
