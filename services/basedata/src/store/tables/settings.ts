import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** A county's base-data rules: visit frequency per tag kind, and how long people who left are kept before anonymising. */
export const countySettings = sqliteTable("county_settings", {
  countyCode: text("county_code").primaryKey(),
  /** JSON object: tag kind → { amount, unit } or null (no plan); kinds left out keep the catalogue's default. */
  visitRules: text("visit_rules").notNull().default("{}"),
  /** Days after moving out or death before a person's record is anonymised. */
  retentionDays: integer("retention_days").notNull().default(1095),
  version: integer("version").notNull().default(1),
  updatedBy: text("updated_by").notNull(),
  updatedAt: text("updated_at").notNull(),
});
