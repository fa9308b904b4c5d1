import type { Worker } from "@civicgrid/contracts";
import { and, eq, sql } from "drizzle-orm";
import { dismissalReason } from "../domain/worker-status";
import type { Db } from "./db";
import { gridChangedStatements } from "./grid-events";
import { assignments, users, workers, workerStatusHistory } from "./schema";

interface StatusChange {
  worker: Pick<Worker, "id" | "version">;
  status: Worker["status"];
  reason: string;
  bySub: string;
  now: string;
  today: string;
}

/**
 * A status change with its history row, in one batch. Dismissal is final: the same batch ends every assignment
 * the worker holds or awaits, removes their logins (the gateway refuses their tokens within a minute) and
 * writes a grid-servers snapshot for each grid they served. False when the worker changed meanwhile.
 */
export async function writeStatusChange(db: Db, change: StatusChange): Promise<boolean> {
  const { worker, status, reason, now, today } = change;
  const updateWorker = db
    .update(workers)
    .set({ status, version: sql`${workers.version} + 1` })
    .where(and(eq(workers.id, worker.id), eq(workers.version, worker.version)));
  const history = db
    .insert(workerStatusHistory)
    .values({ workerId: worker.id, status, reason, at: now, bySub: change.bySub });
  if (status !== "dismissed") {
    const [updated] = await db.batch([updateWorker, history]);
    return updated.meta.changes > 0;
  }
  const served = await db
    .selectDistinct({ gridCode: assignments.gridCode })
    .from(assignments)
    .where(and(eq(assignments.workerId, worker.id), eq(assignments.status, "active")));
  const end = (from: "active" | "notice", to: "ended" | "withdrawn") =>
    db
      .update(assignments)
      .set({ status: to, endDate: today, endReason: dismissalReason(reason), version: sql`${assignments.version} + 1` })
      .where(and(eq(assignments.workerId, worker.id), eq(assignments.status, from)));
  const [updated] = await db.batch([
    updateWorker,
    history,
    end("active", "ended"),
    end("notice", "withdrawn"),
    db
      .update(users)
      .set({ status: "removed", version: sql`${users.version} + 1` })
      .where(and(eq(users.workerId, worker.id), eq(users.status, "active"))),
    ...served.flatMap((g) => gridChangedStatements(db, g.gridCode, now)),
  ]);
  return updated.meta.changes > 0;
}
