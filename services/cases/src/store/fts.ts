import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The FTS5 index of case texts (trigram), declared here for queries only: it is a virtual table, which
 * drizzle-kit cannot write, so its DDL lives in the SQL migrations and it stays out of schema.ts. Its `rowid` is
 * the case's `cases.fts_rowid` (issue 17): case_id is UNINDEXED, so a row is found by its rowid, not its case_id.
 */
export const casesFts = sqliteTable("cases_fts", {
  rowid: integer("rowid").notNull(),
  caseId: text("case_id").notNull(),
  title: text("title").notNull(),
  description: text("description").notNull(),
});
