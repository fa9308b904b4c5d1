import { sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The FTS5 index of case texts (trigram), declared here for queries only: it is a virtual table, which
 * drizzle-kit cannot write, so its DDL lives in the SQL migrations and it stays out of schema.ts.
 */
export const casesFts = sqliteTable("cases_fts", {
  caseId: text("case_id").notNull(),
  title: text("title").notNull(),
  description: text("description").notNull(),
});
