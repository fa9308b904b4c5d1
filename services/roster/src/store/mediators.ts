import type { ListScope } from "@civicgrid/auth";
import type { Mediator, MediatorKind } from "@civicgrid/contracts";
import { AppError, scopeWhere } from "@civicgrid/http";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { conflictOn, type Db } from "./db";
import { mediationBodies, mediators, workers } from "./schema";

type MediatorRow = typeof mediators.$inferSelect;
export type MediatorChange = Partial<
  Pick<
    MediatorRow,
    | "name"
    | "phoneCipher"
    | "phoneMasked"
    | "certificateNumber"
    | "certificateIssuedBy"
    | "certificateValidUntil"
    | "trainedOn"
  >
>;

/** A mediator as answers show it: the phone masked, never its cipher. */
function view(m: MediatorRow): Mediator {
  const { id, kind, bodyId, workerId, divisionCode, name, phoneMasked, trainedOn, active, deactivationReason } = m;
  const qualification = {
    certificateNumber: m.certificateNumber,
    issuedBy: m.certificateIssuedBy,
    validUntil: m.certificateValidUntil,
  };
  return {
    id,
    kind,
    bodyId,
    workerId,
    divisionCode,
    name,
    phoneMasked,
    qualification,
    trainedOn,
    active,
    deactivationReason,
    version: m.version,
  };
}

/** One entry per number: a second is a conflict naming the field. */
const duplicateCertificate = conflictOn(
  "body.qualification.certificateNumber",
  "a mediator with this certificate number is registered",
);

export async function loadMediator(db: Db, id: string): Promise<Mediator> {
  const [row] = await db.select().from(mediators).where(eq(mediators.id, id));
  if (!row) throw new AppError("not_found", `no mediator ${id}`);
  return view(row);
}

export async function insertMediator(db: Db, row: typeof mediators.$inferInsert): Promise<Mediator> {
  const [inserted] = await db.insert(mediators).values(row).returning().catch(duplicateCertificate);
  return view(inserted!);
}

export async function listMediators(
  db: Db,
  q: { scope: ListScope; after: string; limit: number; kind?: MediatorKind; bodyId?: string; active?: boolean },
): Promise<Mediator[]> {
  const rows = await db
    .select()
    .from(mediators)
    .where(
      and(
        scopeWhere(q.scope, { division: mediators.divisionCode }),
        gt(mediators.id, q.after),
        q.kind ? eq(mediators.kind, q.kind) : undefined,
        q.bodyId ? eq(mediators.bodyId, q.bodyId) : undefined,
        q.active === undefined ? undefined : eq(mediators.active, q.active),
      ),
    )
    .orderBy(asc(mediators.id))
    .limit(q.limit + 1);
  return rows.map(view);
}

/** Applies the change if the mediator is still at `version`; undefined when it changed meanwhile. */
export async function patchMediator(
  db: Db,
  id: string,
  version: number,
  change: MediatorChange | { active: false; deactivationReason: string; deactivatedAt: string },
) {
  const [row] = await db
    .update(mediators)
    .set({ ...change, version: sql`${mediators.version} + 1` })
    .where(and(eq(mediators.id, id), eq(mediators.version, version)))
    .returning()
    .catch(duplicateCertificate);
  return row && view(row);
}

/** The roster worker a grid-worker mediator is: status and name, for the registration rules. */
export async function workerFacts(db: Db, workerId: string) {
  const [row] = await db
    .select({ status: workers.status, name: workers.name, divisionCode: workers.divisionCode })
    .from(workers)
    .where(eq(workers.id, workerId));
  return row ?? null;
}

/** A mediator with its body's name and state and its worker's status, for the cases service (rpc.ts). */
export async function mediatorWithBody(db: Db, id: string) {
  const [row] = await db
    .select({
      mediator: mediators,
      bodyName: mediationBodies.name,
      bodyActive: mediationBodies.active,
      workerStatus: workers.status,
    })
    .from(mediators)
    .leftJoin(mediationBodies, eq(mediationBodies.id, mediators.bodyId))
    .leftJoin(workers, eq(workers.id, mediators.workerId))
    .where(eq(mediators.id, id));
  return row ?? null;
}
