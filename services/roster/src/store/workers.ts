import type { Worker } from "@civicgrid/contracts";
import type { ListScope } from "@civicgrid/auth";
import { AppError, scopeWhere } from "@civicgrid/http";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "./db";
import { piiReads, workers, workerStatusHistory } from "./schema";

export type WorkerRow = typeof workers.$inferSelect;
type WorkerChange = Partial<
  Pick<WorkerRow, "name" | "workPhone" | "politicalStatus" | "orgUnit" | "phoneCipher" | "phoneMasked">
>;

/**
 * The answer shape of a worker, selected as such: masked private data only (the ciphertexts and the ID hash
 * never leave the service).
 */
export const workerView = {
  id: workers.id,
  name: workers.name,
  idNumberMasked: workers.idMasked,
  privatePhoneMasked: workers.phoneMasked,
  workPhone: workers.workPhone,
  gender: workers.gender,
  birthDate: workers.birthDate,
  politicalStatus: workers.politicalStatus,
  divisionCode: workers.divisionCode,
  orgUnit: workers.orgUnit,
  departmentId: workers.departmentId,
  status: workers.status,
  version: workers.version,
};

export async function loadWorker(db: Db, id: string): Promise<Worker> {
  const [row] = await db.select(workerView).from(workers).where(eq(workers.id, id));
  if (!row) throw new AppError("not_found", `no worker ${id}`);
  return row;
}

/** The encrypted ID number and private phone of a worker, for the audited full read. */
export async function workerCiphers(db: Db, id: string) {
  const [row] = await db
    .select({ idCipher: workers.idCipher, phoneCipher: workers.phoneCipher })
    .from(workers)
    .where(eq(workers.id, id));
  return row;
}

/** The worker already on the roster under an ID number (by its hash), if any. */
export async function workerByIdHash(db: Db, idHash: string): Promise<string | undefined> {
  const [row] = await db.select({ id: workers.id }).from(workers).where(eq(workers.idHash, idHash));
  return row?.id;
}

/** Registers a worker with the first entry of their status history, in one batch. */
export async function insertWorker(
  db: Db,
  row: Omit<typeof workers.$inferInsert, "createdAt">,
  bySub: string,
  now: string,
): Promise<void> {
  await db.batch([
    db.insert(workers).values({ ...row, createdAt: now }),
    db.insert(workerStatusHistory).values({ workerId: row.id, status: "active", reason: "registered", at: now, bySub }),
  ]);
}

export function listWorkers(db: Db, q: { scope: ListScope; after: string; status?: Worker["status"]; limit: number }) {
  return db
    .select(workerView)
    .from(workers)
    .where(
      and(
        scopeWhere(q.scope, { division: workers.divisionCode }),
        gt(workers.id, q.after),
        q.status ? eq(workers.status, q.status) : undefined,
      ),
    )
    .orderBy(asc(workers.id))
    .limit(q.limit + 1);
}

/** Applies the given fields if the worker is still at `version`; undefined when it changed meanwhile. */
export async function patchWorker(
  db: Db,
  id: string,
  version: number,
  change: WorkerChange,
): Promise<Worker | undefined> {
  const [row] = await db
    .update(workers)
    .set({ ...change, version: sql`${workers.version} + 1` })
    .where(and(eq(workers.id, id), eq(workers.version, version)))
    .returning(workerView);
  return row;
}

/** Every full read of private data is recorded: who, when, which worker, under which request. */
export async function recordPiiRead(db: Db, read: typeof piiReads.$inferInsert): Promise<void> {
  await db.insert(piiReads).values(read);
}

/** A worker's status changes, oldest first (rowid orders changes within one instant). */
export function statusHistory(db: Db, workerId: string) {
  return db
    .select({
      status: workerStatusHistory.status,
      reason: workerStatusHistory.reason,
      at: workerStatusHistory.at,
      bySub: workerStatusHistory.bySub,
    })
    .from(workerStatusHistory)
    .where(eq(workerStatusHistory.workerId, workerId))
    .orderBy(asc(workerStatusHistory.at), sql`rowid`);
}
