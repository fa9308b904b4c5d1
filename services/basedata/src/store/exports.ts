import type { ExportKind, ExportRecord } from "@civicgrid/contracts";
import { and, desc, eq, like, lt, or } from "drizzle-orm";
import { database } from "./db";
import { exportsLog } from "./schema";

/** Logs an export (PIPL art. 54 audits): who, when, what, of which division, why and how many rows. */
export async function logExport(d1: D1Database, record: ExportRecord): Promise<void> {
  await database(d1).insert(exportsLog).values(record).run();
}

/** The number of rows an export wrote, once its file is complete. */
export async function exportRows(d1: D1Database, id: string, rows: number): Promise<void> {
  await database(d1).update(exportsLog).set({ rows }).where(eq(exportsLog.id, id)).run();
}

/** The export log of a division and everything inside it, newest first, keyset on (at, id). */
export async function exportLog(
  d1: D1Database,
  prefix: string,
  page: { before?: [string, string]; limit: number },
): Promise<ExportRecord[]> {
  const before = page.before;
  const rows = await database(d1)
    .select()
    .from(exportsLog)
    .where(
      and(
        like(exportsLog.divisionCode, `${prefix}%`),
        before
          ? or(lt(exportsLog.at, before[0]), and(eq(exportsLog.at, before[0]), lt(exportsLog.id, before[1])))
          : undefined,
      ),
    )
    .orderBy(desc(exportsLog.at), desc(exportsLog.id))
    .limit(page.limit);
  return rows.map((r) => ({ ...r, kind: r.kind as ExportKind }));
}
