import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Every village whose object holds base data: the daily cron and cross-village searches walk this list. */
export const villages = sqliteTable(
  "villages",
  {
    code: text("code").primaryKey(),
    townshipCode: text("township_code").notNull(),
    countyCode: text("county_code").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("villages_township").on(t.townshipCode), index("villages_county").on(t.countyCode)],
);
