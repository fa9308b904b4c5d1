import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Base-data events (Gansu 四: 采集上报 and 走访 are assessed): visits recorded and collection verified, each kept once
 * by its event id and credited to the worker who visited or submitted, on the Asia/Shanghai day it happened.
 */
export const basedataEvents = sqliteTable(
  "basedata_events",
  {
    id: text("id").primaryKey(),
    type: text("type", { enum: ["basedata.visit.recorded", "basedata.submission.approved"] }).notNull(),
    sub: text("sub").notNull(),
    day: text("day").notNull(),
    villageCode: text("village_code").notNull(),
    gridCode: text("grid_code"),
    occurredAt: text("occurred_at").notNull(),
  },
  (t) => [index("basedata_events_day").on(t.day, t.sub), index("basedata_events_village").on(t.villageCode, t.day)],
);
