import { kindOfId, villageOfId, type BaseDataKind, type Change } from "@civicgrid/contracts";
import type { Refusal } from "./refusal";

/** An id a change names, with the place in the request body where it was found (problem+json field names). */
export interface NamedId {
  field: string;
  kind: BaseDataKind;
  id: string;
}

const FIELDS: readonly (readonly [string, BaseDataKind])[] = [
  ["parentId", "address"],
  ["addressId", "address"],
  ["ownerPersonId", "person"],
  ["personId", "person"],
  ["unitId", "unit"],
  ["tagId", "tag"],
];

/**
 * Every base-data id a change names, so that the route checks each against the caller's jurisdiction in one place
 * (assertReferences) and the village object can refuse ids of another village. Field names start at `body.change`.
 */
export function idsOfChange(change: Change): NamedId[] {
  const out: NamedId[] = [];
  const record = change as Record<string, unknown>;
  for (const [field, kind] of FIELDS) {
    const id = record[field];
    if (typeof id === "string") out.push({ field: `body.change.${field}`, kind, id });
  }
  if (change.kind === "person.register" || change.kind === "person.move")
    out.push({ field: "body.change.residence.houseId", kind: "house", id: change.residence.houseId });
  if (change.kind === "person.register" && "householdId" in change.household)
    out.push({ field: "body.change.household.householdId", kind: "household", id: change.household.householdId });
  return out;
}

/** A change may only name records of the village it is submitted to: each object keeps its own village. */
export function foreignIdRefusal(villageCode: string, ids: readonly NamedId[]): Refusal | null {
  const foreign = ids.filter((n) => villageOfId(n.id) !== villageCode || kindOfId(n.id) !== n.kind);
  if (foreign.length === 0) return null;
  const errors = foreign.map((n) => ({
    field: n.field,
    message:
      kindOfId(n.id) !== n.kind
        ? `${n.id} is not a ${n.kind} id`
        : `${n.id} belongs to another village than ${villageCode}`,
  }));
  return { code: "unprocessable", detail: errors.map((e) => `${e.field}: ${e.message}`).join("; "), errors };
}
