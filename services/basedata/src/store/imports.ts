import { divisionPrefix, type Import, type ImportError, type ImportKind } from "@civicgrid/contracts";
import { and, asc, count, desc, eq, like, lt, sum } from "drizzle-orm";
import { database } from "./db";
import { importChunks, importErrors, imports } from "./schema";

type Row = typeof imports.$inferSelect;

/** An import as answers show it: its row, the chunks applied and the first errors. */
export async function importView(d1: D1Database, row: Row): Promise<Import> {
  const db = database(d1);
  const [applied, errors] = await Promise.all([
    db.select({ n: count() }).from(importChunks).where(eq(importChunks.importId, row.id)).get(),
    db
      .select({ row: importErrors.row, field: importErrors.field, message: importErrors.message })
      .from(importErrors)
      .where(eq(importErrors.importId, row.id))
      .orderBy(asc(importErrors.row), asc(importErrors.field))
      .limit(1000)
      .all(),
  ]);
  const { failedChunk: _f, ...rest } = row;
  return { ...rest, appliedChunks: applied?.n ?? 0, errors };
}

export async function importRow(d1: D1Database, id: string): Promise<Row | undefined> {
  return database(d1).select().from(imports).where(eq(imports.id, id)).get();
}

export async function createImport(
  d1: D1Database,
  row: {
    id: string;
    kind: ImportKind;
    divisionCode: string;
    fileName: string;
    format: "csv" | "xlsx";
    createdBy: string;
    idemKey: string | null;
  },
  at: Date,
): Promise<Row> {
  return database(d1)
    .insert(imports)
    .values({ ...row, status: "validating", createdAt: at.toISOString() })
    .returning()
    .get();
}

/** The import a caller's earlier upload with this Idempotency-Key created, if any. */
export async function importByKey(d1: D1Database, createdBy: string, idemKey: string): Promise<Row | undefined> {
  return database(d1)
    .select()
    .from(imports)
    .where(and(eq(imports.createdBy, createdBy), eq(imports.idemKey, idemKey)))
    .get();
}

/** Imports of a division and the divisions under it, newest first, keyset on (createdAt, id). */
export async function listImports(d1: D1Database, divisionCode: string, limit: number, before?: string) {
  return database(d1)
    .select()
    .from(imports)
    .where(
      and(like(imports.divisionCode, `${divisionPrefix(divisionCode)}%`), before ? lt(imports.id, before) : undefined),
    )
    .orderBy(desc(imports.id))
    .limit(limit)
    .all();
}

/** D1 binds at most 100 parameters per statement: errors go in batches of 20 rows (4 values each). */
async function putErrors(d1: D1Database, id: string, errors: readonly ImportError[]): Promise<void> {
  const db = database(d1);
  const statements = [];
  for (let i = 0; i < errors.length; i += 20)
    statements.push(
      db
        .insert(importErrors)
        .values(errors.slice(i, i + 20).map((e) => ({ importId: id, ...e })))
        .onConflictDoNothing(),
    );
  const [first, ...more] = statements;
  if (first) await db.batch([first, ...more]);
}

/** The validation's verdict: rejected with its errors, or applying with its chunks. */
export async function finishValidation(
  d1: D1Database,
  id: string,
  result: { rows: number; chunks: number; errorCount: number; errors: readonly ImportError[] },
  at: Date,
): Promise<void> {
  await database(d1).delete(importErrors).where(eq(importErrors.importId, id)).run();
  await putErrors(d1, id, result.errors);
  const rejected = result.errorCount > 0;
  await database(d1)
    .update(imports)
    .set({
      status: rejected ? "rejected" : "applying",
      rows: result.rows,
      chunks: rejected ? 0 : result.chunks,
      errorCount: result.errorCount,
      ...(rejected ? { finishedAt: at.toISOString() } : {}),
    })
    .where(and(eq(imports.id, id), eq(imports.status, "validating")))
    .run();
}

/** Records an applied chunk (idempotent) and the rows applied so far; answers whether the chunk is recorded. */
export async function recordChunk(d1: D1Database, id: string, chunk: number, rows: number, at: Date): Promise<void> {
  const db = database(d1);
  await db
    .insert(importChunks)
    .values({ importId: id, chunk, rows, appliedAt: at.toISOString() })
    .onConflictDoNothing()
    .run();
  const total = await db
    .select({ n: sum(importChunks.rows) })
    .from(importChunks)
    .where(eq(importChunks.importId, id))
    .get();
  await db
    .update(imports)
    .set({ appliedRows: Number(total?.n ?? 0) })
    .where(eq(imports.id, id))
    .run();
}

export async function chunkApplied(d1: D1Database, id: string, chunk: number): Promise<boolean> {
  const row = await database(d1)
    .select({ chunk: importChunks.chunk })
    .from(importChunks)
    .where(and(eq(importChunks.importId, id), eq(importChunks.chunk, chunk)))
    .get();
  return row !== undefined;
}

export async function markApplied(d1: D1Database, id: string, at: Date): Promise<void> {
  await database(d1)
    .update(imports)
    .set({ status: "applied", finishedAt: at.toISOString() })
    .where(and(eq(imports.id, id), eq(imports.status, "applying")))
    .run();
}

/** A chunk refused at apply: the import stops there with the row and column that failed. */
export async function markFailed(d1: D1Database, id: string, chunk: number, errors: readonly ImportError[], at: Date) {
  await database(d1).delete(importErrors).where(eq(importErrors.importId, id)).run();
  await putErrors(d1, id, errors);
  await database(d1)
    .update(imports)
    .set({ status: "failed", failedChunk: chunk, errorCount: errors.length, finishedAt: at.toISOString() })
    .where(and(eq(imports.id, id), eq(imports.status, "applying")))
    .run();
}

/** Back to applying from the failed chunk; answers that chunk, or null when the import had not failed. */
export async function markResumed(d1: D1Database, id: string): Promise<number | null> {
  const db = database(d1);
  const row = await importRow(d1, id);
  if (row?.status !== "failed" || row.failedChunk === null) return null;
  const resumed = await db
    .update(imports)
    .set({ status: "applying", errorCount: 0, finishedAt: null, failedChunk: null })
    .where(and(eq(imports.id, id), eq(imports.status, "failed")))
    .returning({ id: imports.id })
    .get();
  if (!resumed) return null;
  await db.delete(importErrors).where(eq(importErrors.importId, id)).run();
  return row.failedChunk;
}
