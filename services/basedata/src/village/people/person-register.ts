import { genderOfId, idNumberBirthDate, maskPhone, type ChangeOf, type Conflict } from "@civicgrid/contracts";
import { and, eq } from "drizzle-orm";
import { fieldRefusal, ok, refused } from "../../domain/refusal";
import { lookupIdentity } from "../../identity/client";
import type { IdentityEntry } from "../../identity/identity-shard-do";
import type { ChangeHandler } from "../changes/types";
import { recordFieldChanges } from "../history";
import { nextId } from "../ids";
import { households, people, residences } from "../schema";
import {
  enqueueIdentity,
  maskDocument,
  nameHash,
  personKeys,
  sealIdentity,
  sealPhone,
  type SealedIdentity,
  type SealedPhone,
} from "./identity";
import { historyView, houseAt } from "./records";

type Register = ChangeOf<"person.register">;

interface Looked {
  identity: SealedIdentity;
  phone: SealedPhone | null;
  nameHash: string;
  /** Records holding the same identity in other villages, still active there. */
  elsewhere: IdentityEntry[];
}

/** A household joined or started: refused when the household named is not here. */
function householdOf(db: Parameters<ChangeHandler<"person.register">["check"]>[0]["db"], change: Register) {
  if (!("householdId" in change.household)) return ok(null);
  const id = change.household.householdId;
  const row = db.select().from(households).where(eq(households.id, id)).get();
  return row ? ok(row) : refused(fieldRefusal("body.change.household.householdId", `no household ${id} here`));
}

/**
 * 实有人口登记. The resident ID number is validated by the contract (GB 11643: check character, real birth date) and
 * gives the gender and birth date; a foreign person (境外) registers with a passport. The number is sealed with a
 * keyed hash: the same identity already present in this village, or active in another village (identity index),
 * is a blocking conflict (one person, one record: Gansu 二(一)2 实有人口). The person lives in an existing house and
 * so in its grid; they join a household or start one at that house's address, with at most one head.
 */
export const personRegister: ChangeHandler<"person.register", Looked> = {
  async lookup(ctx, change) {
    const foreign = change.personType === "foreign";
    if (foreign !== (change.identity.document === "passport"))
      return refused(
        fieldRefusal(
          "body.change.identity.document",
          foreign ? "a foreign person registers with a passport" : "a resident registers with a resident ID number",
        ),
      );
    const identity = await sealIdentity(ctx.keys, change.identity);
    const found = await lookupIdentity(ctx.env, "id", identity.idHash);
    return ok({
      identity,
      phone: change.phone ? await sealPhone(ctx.keys, change.phone) : null,
      nameHash: await nameHash(ctx.keys, change.name),
      elsewhere: found.filter((e) => e.active && e.villageCode !== ctx.villageCode),
    });
  },

  check(ctx, change, looked) {
    const house = houseAt(ctx.db, change.residence.houseId);
    if (!house.ok) return house;
    const household = householdOf(ctx.db, change);
    if (!household.ok) return household;
    if (change.relation === "head" && household.value?.headPersonId)
      return refused({
        ...fieldRefusal("body.change.relation", `household ${household.value.id} already has its head`, "conflict"),
        extra: { headPersonId: household.value.headPersonId },
      });
    const conflicts: Conflict[] = [];
    const same = ctx.db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.idHash, looked.identity.idHash), eq(people.status, "present")))
      .get();
    if (same)
      conflicts.push({
        code: "identity_in_village",
        message: `this identity is already registered here as ${same.id}`,
        recordId: same.id,
        blocking: true,
      });
    for (const e of looked.elsewhere)
      conflicts.push({
        code: "identity_elsewhere",
        message: `this identity is registered in village ${e.villageCode}: it moves out there first`,
        villageCode: e.villageCode,
        blocking: true,
      });
    return ok({ gridCode: house.value.gridCode, conflicts });
  },

  apply(ctx, change, looked, checked, source) {
    const house = houseAt(ctx.db, change.residence.houseId);
    const at = ctx.now.toISOString();
    const id = nextId(ctx.db, "person", ctx.villageCode);
    let householdId: string;
    if ("householdId" in change.household) householdId = change.household.householdId;
    else {
      householdId = nextId(ctx.db, "household", ctx.villageCode);
      const addressId = house.ok ? house.value.addressId : null;
      const number = change.household.newHousehold.number ?? null;
      ctx.db.insert(households).values({ id: householdId, number, addressId, createdAt: at }).run();
      recordFieldChanges(ctx.db, householdId, {}, { number, addressId }, { by: ctx.actor.sub, at, source });
    }
    if (change.relation === "head") {
      ctx.db.update(households).set({ headPersonId: id }).where(eq(households.id, householdId)).run();
      recordFieldChanges(ctx.db, householdId, {}, { headPersonId: id }, { by: ctx.actor.sub, at, source });
    }
    const resident = change.identity.document === "resident_id";
    const row = ctx.db
      .insert(people)
      .values({
        id,
        document: change.identity.document,
        ...looked.identity,
        name: change.name,
        nameHash: looked.nameHash,
        gender: resident ? genderOfId(change.identity.number) : "unknown",
        birthDate: resident ? idNumberBirthDate(change.identity.number) : null,
        personType: change.personType,
        nationality: change.identity.document === "passport" ? change.identity.nationality : "CHN",
        ...(looked.phone ?? {}),
        householdId,
        relation: change.relation,
        gridCode: checked.gridCode,
        status: "present",
        createdAt: at,
        updatedAt: at,
      })
      .returning()
      .get();
    const residence = ctx.db
      .insert(residences)
      .values({ personId: id, ...change.residence })
      .returning()
      .get();
    recordFieldChanges(ctx.db, id, {}, historyView(row, residence), { by: ctx.actor.sub, at, source });
    enqueueIdentity(ctx, id, personKeys(row), true);
    return { recordId: id };
  },

  mask: (change) => maskPersonChange(change),
};

/** A person change as answers show it: ID number, passport and phone masked (the sealed submission keeps them). */
export function maskPersonChange(change: ChangeOf<"person.register" | "person.update">): Record<string, unknown> {
  const out: Record<string, unknown> = { ...change };
  if ("identity" in change) out["identity"] = { ...change.identity, number: maskDocument(change.identity) };
  if (change.phone) out["phone"] = maskPhone(change.phone);
  return out;
}
