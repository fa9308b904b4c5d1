import type { FieldChange, SubjectAccess } from "@civicgrid/contracts";
import { decrypt, encrypt, type PiiKeys } from "@civicgrid/http/pii";
import { and, asc, eq, inArray, isNull, like, lte, or, sql } from "drizzle-orm";
import type { VillageDb } from "../db";
import { recordFieldChanges } from "../history";
import { fieldChanges, people, residences, submissions, tags } from "../schema";
import { enqueueIdentity, personKeys } from "./identity";
import { viewOf } from "./reads";
import { personRow } from "./records";

export const ANONYMISED_NAME = "已匿名";
/** Fields of a person's (and their tags') history that hold personal values, nulled on anonymisation. */
const PERSONAL_FIELDS = ["name", "idNumber", "phone", "birthYear", "destination", "reason", "source", "endReason"];

/** The decrypted values asked for (the caller logs the read); null when there is no such person. */
export async function unmaskedValues(
  db: VillageDb,
  keys: PiiKeys,
  id: string,
  fields: readonly ("idNumber" | "phone")[],
): Promise<{ idNumber?: string | null; phone?: string | null } | null> {
  const p = personRow(db, id);
  if (!p) return null;
  const open = async (sealed: string | null) => (sealed ? decrypt(keys, sealed) : null);
  return {
    ...(fields.includes("idNumber") ? { idNumber: await open(p.idSealed) } : {}),
    ...(fields.includes("phone") ? { phone: await open(p.phoneSealed) } : {}),
  };
}

/** The history of a person and of their tags, oldest first. */
function historyOf(db: VillageDb, personId: string): FieldChange[] {
  const tagIds = db.select({ id: tags.id }).from(tags).where(eq(tags.personId, personId)).all();
  return db
    .select()
    .from(fieldChanges)
    .where(inArray(fieldChanges.recordId, [personId, ...tagIds.map((t) => t.id)]))
    .orderBy(asc(fieldChanges.seq))
    .all()
    .map(({ seq: _seq, ...change }) => change);
}

/** PIPL art. 45: everything kept on the person, unmasked (the caller records the request and logs the read). */
export async function subjectRecord(
  db: VillageDb,
  keys: PiiKeys,
  villageCode: string,
  id: string,
): Promise<Omit<SubjectAccess, "request"> | null> {
  const p = personRow(db, id);
  if (!p) return null;
  const values = await unmaskedValues(db, keys, id, ["idNumber", "phone"]);
  const person = { ...viewOf(db, villageCode, p), idNumber: values?.idNumber ?? null, phone: values?.phone ?? null };
  return { person: { ...person, birthDate: p.birthDate }, history: historyOf(db, id) };
}

/**
 * Anonymises a person (PIPL art. 47: erasure on request; art. 19: kept no longer than needed): the name becomes
 * 已匿名, identity and phone (sealed, hash, mask) and the birth date are dropped, the personal values of their field
 * history and of their tags are nulled, the submissions that carried their data keep only their kind, an open
 * residence ends, and the identity index stops answering for them. Status, type, grid and dates stay, so counts hold.
 * Runs in the caller's transaction; `sealedStub` is the sealed replacement of their submissions' changes.
 */
export function anonymisePerson(
  ctx: { db: VillageDb; villageCode: string; now: Date },
  id: string,
  meta: { by: string; source: string; sealedStub: string },
): boolean {
  const { db } = ctx;
  const before = personRow(db, id);
  if (!before || before.status === "anonymised") return false;
  const day = ctx.now.toISOString().slice(0, 10);
  enqueueIdentity(ctx, id, personKeys(before), false);
  db.update(residences)
    .set({ until: day })
    .where(and(eq(residences.personId, id), isNull(residences.until)))
    .run();
  db.update(people)
    .set({
      name: ANONYMISED_NAME,
      nameHash: null,
      idSealed: null,
      idHash: null,
      idMasked: null,
      birthDate: null,
      destination: null,
      phoneSealed: null,
      phoneHash: null,
      phoneMasked: null,
      status: "anonymised",
      goneOn: before.goneOn ?? day,
      version: before.version + 1,
      updatedAt: ctx.now.toISOString(),
    })
    .where(eq(people.id, id))
    .run();
  const tagIds = db
    .select({ id: tags.id })
    .from(tags)
    .where(eq(tags.personId, id))
    .all()
    .map((t) => t.id);
  if (tagIds.length > 0)
    db.update(tags)
      .set({ reason: ANONYMISED_NAME, source: ANONYMISED_NAME, endReason: null })
      .where(inArray(tags.id, tagIds))
      .run();
  db.update(fieldChanges)
    .set({ previous: null, value: null })
    .where(and(inArray(fieldChanges.recordId, [id, ...tagIds]), inArray(fieldChanges.field, PERSONAL_FIELDS)))
    .run();
  const carried = or(
    eq(submissions.recordId, id),
    tagIds.length ? inArray(submissions.recordId, tagIds) : undefined,
    // Changes still pending that name the person (an update with a new phone): their sealed values go too.
    like(submissions.changeMasked, `%"personId":"${id}"%`),
  );
  const at = ctx.now.toISOString();
  // A pending change about an erased person can no longer be verified: it is withdrawn, saying why.
  db.update(submissions)
    .set({
      status: "withdrawn",
      note: "the person's data was erased on request",
      decidedBy: meta.by,
      decidedAt: at,
      version: sql`${submissions.version} + 1`,
    })
    .where(and(eq(submissions.status, "pending"), carried))
    .run();
  db.update(submissions)
    .set({ changeSealed: meta.sealedStub, changeMasked: JSON.stringify({ erased: true }) })
    .where(carried)
    .run();
  recordFieldChanges(
    db,
    id,
    { status: before.status },
    { status: "anonymised" },
    { by: meta.by, at, source: meta.source },
  );
  return true;
}

/** The sealed stand-in for an erased submission's change. */
export const sealedStub = (keys: PiiKeys) => encrypt(keys, JSON.stringify({ erased: true }));

/** People who moved out or died on or before `cutoff` (ISO day) and are not yet anonymised. */
export function goneBefore(db: VillageDb, cutoff: string): string[] {
  return db
    .select({ id: people.id })
    .from(people)
    .where(and(inArray(people.status, ["moved_out", "deceased"]), lte(people.goneOn, cutoff)))
    .all()
    .map((r) => r.id);
}

/**
 * Anonymises the people named (an erasure request) or, with `{ goneOn }`, everyone gone on or before that day
 * (the retention job), in one transaction; answers the ids anonymised.
 */
export async function anonymiseIn(
  storage: DurableObjectStorage,
  ctx: { db: VillageDb; villageCode: string; now: Date; keys: PiiKeys },
  which: { ids: string[] } | { goneOn: string },
  meta: { by: string; source: string },
): Promise<string[]> {
  const stub = await sealedStub(ctx.keys);
  return storage.transactionSync(() => {
    const ids = "ids" in which ? which.ids : goneBefore(ctx.db, which.goneOn);
    return ids.filter((id) => anonymisePerson(ctx, id, { ...meta, sealedStub: stub }));
  });
}
