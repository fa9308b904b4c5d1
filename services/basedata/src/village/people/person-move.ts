import { eq } from "drizzle-orm";
import { fieldRefusal, ok, refused } from "../../domain/refusal";
import type { ChangeHandler } from "../changes/types";
import { people, residences } from "../schema";
import { goneConflict } from "./person-update";
import { changePerson, currentResidence, dayBefore, houseAt, personAt } from "./records";

/**
 * A move within the village (人房关系 changes): the current residence ends the day before `since`, the new one starts,
 * and the person's grid follows the new house. Both residences stay as history.
 */
export const personMove: ChangeHandler<"person.move", null> = {
  lookup: async () => ok(null),

  check(ctx, change) {
    const person = personAt(ctx.db, change.personId);
    if (!person.ok) return person;
    const house = houseAt(ctx.db, change.residence.houseId);
    if (!house.ok) return house;
    const current = currentResidence(ctx.db, change.personId);
    if (current && current.since >= change.residence.since)
      return refused(
        fieldRefusal("body.change.residence.since", `must be after the current residence's start ${current.since}`),
      );
    if (current?.houseId === change.residence.houseId)
      return refused(fieldRefusal("body.change.residence.houseId", "the person already lives in this house"));
    return ok({ gridCode: house.value.gridCode, conflicts: goneConflict(person.value) });
  },

  apply(ctx, change, _looked, checked, source) {
    return changePerson(ctx, change.personId, source, (before) => {
      const current = currentResidence(ctx.db, before.id);
      if (current)
        ctx.db
          .update(residences)
          .set({ until: dayBefore(change.residence.since) })
          .where(eq(residences.seq, current.seq))
          .run();
      ctx.db
        .insert(residences)
        .values({ personId: before.id, ...change.residence })
        .run();
      ctx.db.update(people).set({ gridCode: checked.gridCode }).where(eq(people.id, before.id)).run();
    });
  },

  mask: (change) => ({ ...change }),
};
