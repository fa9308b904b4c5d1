import type { Actor, CaseState, Decision } from "./case-state";
import { versioned } from "./decide";

/** A platform's amendment of its order: the note it sent and, when it sent one, the new text of the description. */
export interface Amendment {
  note: string;
  description?: string;
}

/** Statuses in which an order can no longer be amended: archived (nothing more happens) and withdrawn cases. */
const SEALED = ["archived", "invalid", "merged"];

/**
 * The `case.amended` step: the status and clock stay as they are (an amendment starts no step and moves no
 * deadline); the log keeps the note, and the previous description when it changes, so the archive shows both texts.
 */
export function amendCase(state: CaseState, amendment: Amendment, now: Date): Decision {
  if (SEALED.includes(state.status)) return { ok: false, code: "invalid_transition", detail: `a ${state.status} case cannot be amended`, allowed: [] };
  const description = amendment.description;
  const changes = description !== undefined && description !== state.description;
  const next: CaseState = changes ? { ...state, description } : state;
  const details = { note: amendment.note, descriptionChanged: changes, ...(changes ? { previousDescription: state.description } : {}) };
  return { ok: true, steps: versioned(state, [{ type: "case.amended", state: next, details }], now) };
}

/** Statuses in which a platform can no longer withdraw its order: the case is already closed or withdrawn. */
const FINISHED = ["closed", "rated", "archived", "invalid", "merged"];

/** A platform withdrew its order (`case.invalidated`): the case closes as invalid and its clock stops. */
export function cancelCase(state: CaseState, reason: string, actor: Actor, now: Date): Decision {
  if (FINISHED.includes(state.status)) return { ok: false, code: "invalid_transition", detail: `a ${state.status} case cannot be cancelled`, allowed: [] };
  const next: CaseState = { ...state, status: "invalid", closeReason: reason, closedAt: now.toISOString(), step: null, dueAt: null, warnAt: null };
  return { ok: true, steps: versioned(state, [{ type: "case.invalidated", state: next, details: { reason, cancelledBy: actor.sub } }], now) };
}
