import { and, desc, eq, isNull } from "drizzle-orm";
import { fieldRefusal, ok, refused, type Outcome } from "../../domain/refusal";
import type { ChangeContext } from "../changes/types";
import type { VillageDb } from "../db";
import { recordFieldChanges } from "../history";
import { houses, people, residences } from "../schema";

export type PersonRow = typeof people.$inferSelect;
export type ResidenceRow = typeof residences.$inferSelect;

export function personRow(db: VillageDb, id: string): PersonRow | undefined {
  return db.select().from(people).where(eq(people.id, id)).get();
}

/** A person of this village, refused (naming `field`) when there is none. */
export function personAt(db: VillageDb, id: string, field = "body.change.personId"): Outcome<PersonRow> {
  const row = personRow(db, id);
  return row ? ok(row) : refused(fieldRefusal(field, `no person ${id} in this village`));
}

/** The house a residence names, refused unless it exists here: a person lives in a house, so in its grid. */
export function houseAt(db: VillageDb, id: string) {
  const row = db.select().from(houses).where(eq(houses.id, id)).get();
  return row ? ok(row) : refused(fieldRefusal("body.change.residence.houseId", `no house ${id} in this village`));
}

/** Where a person lives now (the open residence), if anywhere. */
export function currentResidence(db: VillageDb, personId: string): ResidenceRow | undefined {
  return db
    .select()
    .from(residences)
    .where(and(eq(residences.personId, personId), isNull(residences.until)))
    .orderBy(desc(residences.seq))
    .get();
}

/** The ISO day before `day` (a residence ends the day before the next one starts). */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A person as the field history keeps it: identity and phone masked, the residence in force. */
export function historyView(p: PersonRow, residence: ResidenceRow | undefined) {
  return {
    document: p.document,
    idNumber: p.idMasked,
    name: p.name,
    gender: p.gender,
    // The year only: with the masked number's region and last four, the full date would give the number back.
    birthYear: p.birthDate?.slice(0, 4) ?? null,
    personType: p.personType,
    nationality: p.nationality,
    phone: p.phoneMasked,
    householdId: p.householdId,
    relation: p.relation,
    gridCode: p.gridCode,
    houseId: residence?.houseId ?? null,
    residenceMode: residence?.mode ?? null,
    residenceSince: residence?.since ?? null,
    status: p.status,
    goneOn: p.goneOn,
    destination: p.destination,
  };
}

/**
 * Runs `write` against a person and records in its history every field it changed (before and after as the history
 * keeps them), bumping the person's version once.
 */
export function changePerson(
  ctx: ChangeContext,
  id: string,
  source: string,
  write: (before: PersonRow) => void,
): { recordId: string } {
  const before = personRow(ctx.db, id)!;
  const beforeView = historyView(before, currentResidence(ctx.db, id));
  write(before);
  const at = ctx.now.toISOString();
  ctx.db
    .update(people)
    .set({ version: before.version + 1, updatedAt: at })
    .where(eq(people.id, id))
    .run();
  const after = historyView(personRow(ctx.db, id)!, currentResidence(ctx.db, id));
  recordFieldChanges(ctx.db, id, beforeView, after, { by: ctx.actor.sub, at, source });
  return { recordId: id };
}
