import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Import chunks this village applied, written in the transaction that applied them: a chunk delivered again (the
 * queue delivers at least once) finds its row and answers what it did the first time, so no row is applied twice.
 */
export const importChunksApplied = sqliteTable(
  "import_chunks_applied",
  {
    importId: text("import_id").notNull(),
    chunk: integer("chunk").notNull(),
    rows: integer("rows").notNull(),
    /** Records created or changed, in row order (JSON array of ids). */
    records: text("records").notNull(),
    appliedAt: text("applied_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.chunk] })],
);
