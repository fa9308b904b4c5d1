import type { ChangeOf } from "@civicgrid/contracts";
import { eq } from "drizzle-orm";
import { fieldRefusal, ok, refused } from "../../domain/refusal";
import type { ChangeHandler } from "../changes/types";
import { people, residences } from "../schema";
import { goneConflict } from "./person-update";
import { changePerson, currentResidence, personAt } from "./records";
import { enqueueIdentity, personKeys } from "./identity";

type Leave = ChangeOf<"person.move-out" | "person.death">;

/**
 * A person leaves the base: moved out (迁出) or died (死亡). The status and the day are kept, the residence ends that
 * day, and the identity index stops answering for them here (so they may register elsewhere); the record stays as
 * history until the county's retention ends (jobs/anonymise.ts).
 */
function leaving(status: "moved_out" | "deceased"): ChangeHandler<Leave["kind"], null> {
  return {
    lookup: async () => ok(null),

    check(ctx, change) {
      const person = personAt(ctx.db, change.personId);
      if (!person.ok) return person;
      const current = currentResidence(ctx.db, change.personId);
      if (current && current.since > change.date)
        return refused(fieldRefusal("body.change.date", `must not be before the residence's start ${current.since}`));
      return ok({ gridCode: person.value.gridCode, conflicts: goneConflict(person.value) });
    },

    apply(ctx, change, _looked, _checked, source) {
      return changePerson(ctx, change.personId, source, (before) => {
        const current = currentResidence(ctx.db, before.id);
        if (current) ctx.db.update(residences).set({ until: change.date }).where(eq(residences.seq, current.seq)).run();
        const destination = "destination" in change ? (change.destination ?? null) : null;
        ctx.db.update(people).set({ status, goneOn: change.date, destination }).where(eq(people.id, before.id)).run();
        enqueueIdentity(ctx, before.id, personKeys(before), false);
      });
    },

    mask: (change) => ({ ...change }),
  };
}

// One handler serves both kinds; each entry of HANDLERS is typed by its own kind.
export const personMoveOut = leaving("moved_out") as unknown as ChangeHandler<"person.move-out", null>;
export const personDeath = leaving("deceased") as unknown as ChangeHandler<"person.death", null>;
