import type { ChangeKind } from "@civicgrid/contracts";
import { addressCreate } from "../places/address-create";
import { addressUpdate } from "../places/address-update";
import { houseUpsert } from "../places/house-upsert";
import { unitCreate } from "../places/unit-create";
import { unitUpdate } from "../places/unit-update";
import { personDeath, personMoveOut } from "../people/person-leave";
import { personMove } from "../people/person-move";
import { personRegister } from "../people/person-register";
import { personUpdate } from "../people/person-update";
import { tagAdd, tagEnd } from "../people/tags";
import type { ChangeHandler } from "./types";

/**
 * Every kind of change and its handler: the one table the submission, import and history code looks a change up in.
 * Total over the Change union, so a new kind cannot be added without its handler.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry is typed by its own kind
export const HANDLERS: { [K in ChangeKind]: ChangeHandler<K, any> } = {
  "address.create": addressCreate,
  "address.update": addressUpdate,
  "house.upsert": houseUpsert,
  "unit.create": unitCreate,
  "unit.update": unitUpdate,
  // people, households, residences and tags (issue items 4, 6)
  "person.register": personRegister,
  "person.update": personUpdate,
  "person.move": personMove,
  "person.move-out": personMoveOut,
  "person.death": personDeath,
  "tag.add": tagAdd,
  "tag.end": tagEnd,
};

/** The handler of a change's kind, as the generic code calls it. */
export function handlerOf(kind: ChangeKind): ChangeHandler<ChangeKind> {
  return HANDLERS[kind] as ChangeHandler<ChangeKind>;
}
