import { kindOfId, villageOfId, type NewVisit } from "@civicgrid/contracts";
import { fieldRefusal, ok, refused, type Outcome, type Refusal } from "./refusal";

/** Grid workers record visits offline and sync later: a visit may be entered up to this many days after it. */
export const SYNC_WINDOW_DAYS = 7;
/** Device clocks drift: a visit this far "in the future" is taken as now, further is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Why a visit's time cannot be accepted, or null: never in the future, at most SYNC_WINDOW_DAYS back. */
export function visitedAtRefusal(visitedAt: string, now: Date): Refusal | null {
  const at = Date.parse(visitedAt);
  if (at > now.getTime() + CLOCK_SKEW_MS) return fieldRefusal("body.visitedAt", "lies in the future");
  if (at < now.getTime() - SYNC_WINDOW_DAYS * 86_400_000)
    return fieldRefusal("body.visitedAt", `is more than ${SYNC_WINDOW_DAYS} days ago; record visits within a week`);
  return null;
}

/** The village whose object keeps the visit (its target's), or a refusal naming body.targetId. */
export function visitVillage(body: Pick<NewVisit, "targetKind" | "targetId">): Outcome<string> {
  const village = villageOfId(body.targetId);
  if (!village || kindOfId(body.targetId) !== body.targetKind)
    return refused(fieldRefusal("body.targetId", `is not a ${body.targetKind} id`));
  return ok(village);
}
