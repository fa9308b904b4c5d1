import type { ChangeOf, Conflict } from "@civicgrid/contracts";
import { eq } from "drizzle-orm";
import { fieldRefusal, ok, refused, type Outcome } from "../../domain/refusal";
import type { ChangeContext, ChangeHandler } from "../changes/types";
import { households, people } from "../schema";
import { enqueueIdentity, nameHash, sealPhone, type SealedPhone } from "./identity";
import { maskPersonChange } from "./person-register";
import { changePerson, personAt, type PersonRow } from "./records";

type Update = ChangeOf<"person.update">;

/** A person who moved out, died or was anonymised is history: a change to them waits until the verifier judges. */
export function goneConflict(person: PersonRow): Conflict[] {
  return person.status === "present"
    ? []
    : [{ code: "person_gone", message: `${person.id} is ${person.status}`, recordId: person.id, blocking: true }];
}

/** One head per household (户主): a person becoming head of a household that has another is refused. */
export function headRefusal(ctx: ChangeContext, person: PersonRow, relation: string | undefined): Outcome<null> {
  if (relation !== "head" || !person.householdId) return ok(null);
  const household = ctx.db.select().from(households).where(eq(households.id, person.householdId)).get();
  if (household?.headPersonId && household.headPersonId !== person.id)
    return refused({
      ...fieldRefusal("body.change.relation", `household ${household.id} already has its head`, "conflict"),
      extra: { headPersonId: household.headPersonId },
    });
  return ok(null);
}

/**
 * Corrects a person's name, type, phone or relation. A new phone is sealed again and the identity index follows
 * (the old phone and name stop answering for this person, the new ones do); the history keeps the masked values.
 */
export const personUpdate: ChangeHandler<"person.update", { phone: SealedPhone | null; nameHash: string | null }> = {
  async lookup(ctx, change) {
    return ok({
      phone: change.phone ? await sealPhone(ctx.keys, change.phone) : null,
      nameHash: change.name ? await nameHash(ctx.keys, change.name) : null,
    });
  },

  check(ctx, change) {
    const person = personAt(ctx.db, change.personId);
    if (!person.ok) return person;
    const head = headRefusal(ctx, person.value, change.relation);
    if (!head.ok) return head;
    return ok({ gridCode: person.value.gridCode, conflicts: goneConflict(person.value) });
  },

  apply(ctx, change: Update, looked, _checked, source) {
    return changePerson(ctx, change.personId, source, (before) => {
      const set = {
        ...(change.name ? { name: change.name, nameHash: looked.nameHash } : {}),
        ...(change.personType ? { personType: change.personType } : {}),
        ...(change.relation ? { relation: change.relation } : {}),
        ...(looked.phone ?? {}),
      };
      ctx.db.update(people).set(set).where(eq(people.id, before.id)).run();
      if (change.relation && before.householdId) {
        const head = change.relation === "head" ? before.id : null;
        const household = ctx.db.select().from(households).where(eq(households.id, before.householdId)).get();
        if (head || household?.headPersonId === before.id)
          ctx.db.update(households).set({ headPersonId: head }).where(eq(households.id, before.householdId)).run();
      }
      const replaced = (kind: "phone" | "name", old: string | null, next: string | null) => {
        if (!next || old === next) return;
        if (old) enqueueIdentity(ctx, before.id, [[kind, old]], false);
        if (before.status === "present") enqueueIdentity(ctx, before.id, [[kind, next]], true);
      };
      replaced("phone", before.phoneHash, looked.phone?.phoneHash ?? null);
      replaced("name", before.nameHash, looked.nameHash);
    });
  },

  mask: (change) => maskPersonChange(change),
};
