import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Ledger imports (台账导入): a file is validated whole before anything is written (a bad row rejects the import with a
 * report naming row and field), then applied chunk by chunk from the queue, each chunk idempotent, so a crash
 * resumes where it stopped and never leaves half a file.
 */
export const imports = sqliteTable(
  "imports",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["addresses", "houses", "people", "units"] }).notNull(),
    divisionCode: text("division_code").notNull(),
    fileName: text("file_name").notNull(),
    format: text("format", { enum: ["csv", "xlsx"] }).notNull(),
    status: text("status", { enum: ["validating", "rejected", "applying", "applied", "failed"] }).notNull(),
    rows: integer("rows").notNull().default(0),
    chunks: integer("chunks").notNull().default(0),
    appliedRows: integer("applied_rows").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    /** The chunk that failed to apply (a conflict found since validation); resume starts from it. */
    failedChunk: integer("failed_chunk"),
    createdBy: text("created_by").notNull(),
    /** The upload's Idempotency-Key: a retried upload with it answers this import instead of reading the file again. */
    idemKey: text("idem_key"),
    createdAt: text("created_at").notNull(),
    finishedAt: text("finished_at"),
  },
  (t) => [
    index("imports_division").on(t.divisionCode, t.createdAt),
    uniqueIndex("imports_idem").on(t.createdBy, t.idemKey),
  ],
);

/** The first errors of a rejected import: row (1 = the first data row) and field. */
export const importErrors = sqliteTable(
  "import_errors",
  {
    importId: text("import_id").notNull(),
    row: integer("row").notNull(),
    field: text("field").notNull(),
    message: text("message").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.row, t.field] })],
);

/** Chunks applied: a redelivered chunk finds its row and does nothing. */
export const importChunks = sqliteTable(
  "import_chunks",
  {
    importId: text("import_id").notNull(),
    chunk: integer("chunk").notNull(),
    rows: integer("rows").notNull(),
    appliedAt: text("applied_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.chunk] })],
);
