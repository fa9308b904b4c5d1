import { index, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** 走访: a grid worker's visit to a person, a house or a unit, at a place inside a grid the worker serves. */
export const visits = sqliteTable(
  "visits",
  {
    id: text("id").primaryKey(),
    workerSub: text("worker_sub").notNull(),
    targetKind: text("target_kind", { enum: ["person", "house", "unit"] }).notNull(),
    targetId: text("target_id").notNull(),
    gridCode: text("grid_code").notNull(),
    visitedAt: text("visited_at").notNull(),
    lng: real("lng").notNull(),
    lat: real("lat").notNull(),
    outcome: text("outcome").notNull(),
    /** The tag kind the visit fulfils (TagKindCode), if it was a planned one. */
    tagKind: text("tag_kind"),
    /** JSON array of needs found (VisitNeed), each with the case it opened once cases answered. */
    needs: text("needs").notNull().default("[]"),
    /** The 排查 campaign (D1 `campaigns`) the visit screened for, if any. */
    campaignId: text("campaign_id"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("visits_target").on(t.targetId, t.visitedAt), index("visits_grid").on(t.gridCode, t.visitedAt)],
);
