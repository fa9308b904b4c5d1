import type { MediaItem } from "@civicgrid/contracts";
import type { Actor, CaseState } from "../domain/case-state";
import type { ActorDecision } from "../domain/decide";
import { versioned } from "../domain/decide";
import { MAX_MEDIA_PER_CASE, residentCapRefusal } from "./limits";

/**
 * A stored file joins the case: `case.media_attached` carries its SHA-256 into the hash-chained log, so the
 * archive proves the file was not swapped. Refused on an archived case and past the count limits (here, inside the
 * case's object, so that two uploads at once cannot both take the last place).
 */
export function attachMedia(state: CaseState, item: MediaItem, actor: Actor, now: Date): ActorDecision {
  if (state.status === "archived") return { ok: false, code: "invalid_transition", detail: "the case is archived" };
  const media = state.media ?? [];
  if (media.length >= MAX_MEDIA_PER_CASE)
    return { ok: false, code: "unprocessable", detail: `a case carries at most ${MAX_MEDIA_PER_CASE} files` };
  const residentFull = residentCapRefusal(media, actor.role);
  if (residentFull) return { ok: false, code: "unprocessable", detail: residentFull };
  const details = {
    mediaId: item.mediaId,
    sha256: item.sha256,
    kind: item.kind,
    contentType: item.contentType,
    size: item.size,
    stage: item.stage,
    phase: item.phase,
    far: item.far,
    distanceMeters: item.distanceMeters,
  };
  const step = { type: "case.media_attached" as const, state: { ...state, media: [...media, item] }, details };
  return { ok: true, actor, steps: versioned(state, [step], now) };
}
