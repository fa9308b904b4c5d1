import { tagKind } from "@civicgrid/contracts";
import { and, eq, isNull } from "drizzle-orm";
import { fieldRefusal, ok, refused } from "../../domain/refusal";
import type { ChangeHandler } from "../changes/types";
import { recordFieldChanges } from "../history";
import { nextId } from "../ids";
import { tags } from "../schema";
import { goneConflict } from "./person-update";
import { personAt } from "./records";

/**
 * A care or special group on a person (关爱对象, 特殊人群: Gansu 二(一)2), with its reason, source, start and end.
 * One open tag of a kind per person: a second is a blocking conflict naming the open one.
 */
export const tagAdd: ChangeHandler<"tag.add", null> = {
  lookup: async () => ok(null),

  check(ctx, change) {
    const person = personAt(ctx.db, change.personId);
    if (!person.ok) return person;
    if (change.end && change.end < change.start)
      return refused(fieldRefusal("body.change.end", "must not be before the start"));
    const open = ctx.db
      .select({ id: tags.id })
      .from(tags)
      .where(and(eq(tags.personId, change.personId), eq(tags.kind, change.tagKind), isNull(tags.end)))
      .get();
    const conflicts = goneConflict(person.value);
    if (open)
      conflicts.push({
        code: "tag_open",
        message: `the person already has an open ${change.tagKind} tag ${open.id}`,
        recordId: open.id,
        blocking: true,
      });
    return ok({ gridCode: person.value.gridCode, conflicts });
  },

  apply(ctx, change, _looked, _checked, source) {
    const id = nextId(ctx.db, "tag", ctx.villageCode);
    const at = ctx.now.toISOString();
    const { personId, tagKind: kind, reason, start } = change;
    const row = { id, personId, kind, reason, source: change.source, start, end: change.end ?? null };
    ctx.db
      .insert(tags)
      .values({ ...row, createdBy: ctx.actor.sub, createdAt: at })
      .run();
    recordFieldChanges(ctx.db, id, {}, row, { by: ctx.actor.sub, at, source });
    return { recordId: id };
  },

  // A special group's reason (a court decision, a diagnosis) is sensitive (PIPL art. 28): the sealed change keeps it.
  mask: (change) => (tagKind(change.tagKind).sensitive ? { ...change, reason: "***" } : { ...change }),
};

/** Ends an open tag on a day, with the reason (矫正期满, 迁出 …). */
export const tagEnd: ChangeHandler<"tag.end", null> = {
  lookup: async () => ok(null),

  check(ctx, change) {
    const tag = ctx.db.select().from(tags).where(eq(tags.id, change.tagId)).get();
    if (!tag) return refused(fieldRefusal("body.change.tagId", `no tag ${change.tagId} in this village`));
    if (tag.end !== null) return refused(fieldRefusal("body.change.tagId", `the tag ended on ${tag.end}`));
    if (change.end < tag.start) return refused(fieldRefusal("body.change.end", `must not be before ${tag.start}`));
    const person = personAt(ctx.db, tag.personId);
    return ok({ gridCode: person.ok ? person.value.gridCode : null, conflicts: [] });
  },

  apply(ctx, change, _looked, _checked, source) {
    const at = ctx.now.toISOString();
    ctx.db.update(tags).set({ end: change.end, endReason: change.reason }).where(eq(tags.id, change.tagId)).run();
    const after = { end: change.end, endReason: change.reason };
    recordFieldChanges(ctx.db, change.tagId, { end: null, endReason: null }, after, { by: ctx.actor.sub, at, source });
    return { recordId: change.tagId };
  },

  mask: (change) => ({ ...change, reason: "***" }),
};
