import type { ListScope } from "@civicgrid/auth";
import type { MediationBody, MediationBodyKind } from "@civicgrid/contracts";
import { AppError, scopeWhere } from "@civicgrid/http";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { conflictOn, type Db } from "./db";
import { mediationBodies } from "./schema";

type BodyRow = typeof mediationBodies.$inferSelect;
type BodyChange = Partial<Pick<BodyRow, "name" | "registrationNumber" | "fields" | "active">>;

const view = ({ createdAt: _, ...b }: BodyRow): MediationBody => b;

/** One entry per number: a second is a conflict naming the field. */
const duplicateNumber = conflictOn(
  "body.registrationNumber",
  "a mediation body with this registration number is registered",
);

export async function loadBody(db: Db, id: string): Promise<MediationBody> {
  const [row] = await db.select().from(mediationBodies).where(eq(mediationBodies.id, id));
  if (!row) throw new AppError("not_found", `no mediation body ${id}`);
  return view(row);
}

export async function insertBody(db: Db, row: typeof mediationBodies.$inferInsert): Promise<MediationBody> {
  const [inserted] = await db.insert(mediationBodies).values(row).returning().catch(duplicateNumber);
  return view(inserted!);
}

export async function listBodies(
  db: Db,
  q: { scope: ListScope; after: string; limit: number; kind?: MediationBodyKind; active?: boolean },
): Promise<MediationBody[]> {
  const rows = await db
    .select()
    .from(mediationBodies)
    .where(
      and(
        scopeWhere(q.scope, { division: mediationBodies.divisionCode }),
        gt(mediationBodies.id, q.after),
        q.kind ? eq(mediationBodies.kind, q.kind) : undefined,
        q.active === undefined ? undefined : eq(mediationBodies.active, q.active),
      ),
    )
    .orderBy(asc(mediationBodies.id))
    .limit(q.limit + 1);
  return rows.map(view);
}

/** Applies the change if the body is still at `version`; undefined when it changed meanwhile. */
export async function patchBody(db: Db, id: string, version: number, change: BodyChange) {
  const [row] = await db
    .update(mediationBodies)
    .set({ ...change, version: sql`${mediationBodies.version} + 1` })
    .where(and(eq(mediationBodies.id, id), eq(mediationBodies.version, version)))
    .returning()
    .catch(duplicateNumber);
  return row && view(row);
}
