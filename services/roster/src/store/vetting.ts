import type { Screening, Training } from "@civicgrid/contracts";
import type { z } from "@hono/zod-openapi";
import { desc, eq } from "drizzle-orm";
import type { Db } from "./db";
import { screenings, trainings } from "./schema";

type ScreeningRow = typeof screenings.$inferSelect;

/** A screening as answered: notes only when some were written. */
const toScreening = ({ notes, ...s }: ScreeningRow): z.infer<typeof Screening> => ({
  ...s,
  ...(notes ? { notes } : {}),
});

export async function insertScreening(db: Db, row: typeof screenings.$inferInsert) {
  const [inserted] = await db.insert(screenings).values(row).returning();
  return toScreening(inserted!);
}

/** A worker's screenings, newest first. */
export async function listScreenings(db: Db, workerId: string) {
  const rows = await db
    .select()
    .from(screenings)
    .where(eq(screenings.workerId, workerId))
    .orderBy(desc(screenings.screenedAt));
  return rows.map(toScreening);
}

export async function insertTraining(db: Db, row: typeof trainings.$inferInsert): Promise<void> {
  await db.insert(trainings).values(row);
}

/** A worker's trainings, newest first; the leading department only when one led it. */
export async function listTrainings(db: Db, workerId: string): Promise<z.infer<typeof Training>[]> {
  const rows = await db.select().from(trainings).where(eq(trainings.workerId, workerId)).orderBy(desc(trainings.date));
  return rows.map(({ departmentId, ...t }) => ({ ...t, ...(departmentId ? { departmentId } : {}) }));
}
