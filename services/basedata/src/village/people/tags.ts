import { tagKind, type ChangeOf } from "@civicgrid/contracts";
import { and, eq, isNull } from "drizzle-orm";
import { fieldRefusal, ok, refused } from "../../domain/refusal";
import type { ChangeHandler } from "../changes/types";
import { recordFieldChanges } from "../history";
import { nextId } from "../ids";
import { tags } from "../schema";
import { goneConflict } from "./person-update";
import { personAt } from "./records";

/** A tag change as agencies may see it: a sensitive kind, its reason and source hidden. */
function maskTag(
  change: ChangeOf<"tag.add">,
): ChangeOf<"tag.add"> | (Omit<ChangeOf<"tag.add">, "tagKind"> & { tagKind: "sensitive" }) {
  return tagKind(change.tagKind).sensitive
    ? { ...change, tagKind: "sensitive", reason: "***", source: "***" }
    : { ...change };
}

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
        // A sensitive kind is not named: the verifying agency may not learn it (PIPL art. 28).
        message: `the person already has an open tag ${open.id} of this kind`,
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
    // The history is read by agencies (records/{id}/history): it keeps the tag as submissions show it.
    const shown = maskTag(change);
    const history = { personId, kind: shown.tagKind, reason: shown.reason, source: shown.source, start, end: row.end };
    recordFieldChanges(ctx.db, id, {}, history, { by: ctx.actor.sub, at, source });
    return { recordId: id };
  },

  // A sensitive kind, its reason and source (a court decision, a diagnosis) are never shown to agency staff, who
  // verify submissions (PIPL art. 28): the sealed change keeps them for the approval.
  mask: (change) => maskTag(change),
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
    const tag = ctx.db.select({ kind: tags.kind }).from(tags).where(eq(tags.id, change.tagId)).get()!;
    const sensitive = tagKind(tag.kind as ChangeOf<"tag.add">["tagKind"]).sensitive;
    const after = { end: change.end, endReason: sensitive ? "***" : change.reason };
    recordFieldChanges(ctx.db, change.tagId, { end: null, endReason: null }, after, { by: ctx.actor.sub, at, source });
    return { recordId: change.tagId };
  },

  mask: (change) => ({ ...change, reason: "***" }),
};
