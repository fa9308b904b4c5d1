import { can } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import { actorFor, readScope, writeScope } from "./access";
import { applyCommand } from "./apply";
import type { Actor, CaseCommand, CaseState, Decision, Step } from "./case-state";
import { allowedNow, guardOf } from "./guards";
import { approverRefusal, releasedWorkOrder } from "./matter-approval";
import { TRANSITIONS } from "./transitions";

export type ActorDecision = Decision & { actor?: Actor };
export type RateCommand = Extract<CaseCommand, { name: "rate" }>;

/** Numbers each step's state with the next version and the time of the change. */
export function versioned(state: CaseState, steps: Step[], now: Date): Step[] {
  const updatedAt = now.toISOString();
  return steps.map((step, i) => ({ ...step, state: { ...step.state, version: state.version + i + 1, updatedAt } }));
}

/** The status and guards: a 409 naming what is allowed now, or null when the command fits the case now. */
function notNow(state: CaseState, command: CaseCommand): Decision | null {
  const rule = TRANSITIONS[command.name];
  const reason = rule.from.includes(state.status)
    ? guardOf(state, command.name)
    : `a ${state.status} case cannot take "${command.name}"`;
  return reason ? { ok: false, code: "invalid_transition", detail: reason, allowed: allowedNow(state) } : null;
}

/** The effect of a permitted command by `actor`: its step, and the held work order released by an approval. */
function effect(state: CaseState, command: CaseCommand, actor: Actor, now: Date): ActorDecision {
  const applied = applyCommand(state, command, now, actor);
  if ("refused" in applied) return { ok: false, code: "unprocessable", detail: applied.refused };
  const released = command.name === "approve-matter" ? releasedWorkOrder(applied.state) : null;
  return { ok: true, actor, steps: versioned(state, released ? [applied, released] : [applied], now) };
}

/**
 * The state machine's one entry: may this principal run this command on this case now, and what follows.
 * Order of refusals: a caller who may not even read the case learns nothing about its state (403); then the
 * status and guards (409 naming what is allowed now); then the role and unit for this very command (403).
 */
export function decide(state: CaseState, command: CaseCommand, principal: Principal, now: Date): ActorDecision {
  if (!can(principal, "case:read", readScope(state))) {
    return { ok: false, code: "forbidden", detail: "this case lies outside your jurisdiction" };
  }
  const refused = notNow(state, command);
  if (refused) return refused;
  const actor = actorFor(principal, TRANSITIONS[command.name].action, writeScope(state));
  if (!actor) return { ok: false, code: "forbidden", detail: `your role or unit may not ${command.name} this case` };
  const approver = command.name === "approve-matter" ? approverRefusal(actor) : null;
  if (approver) return { ok: false, code: "forbidden", detail: approver };
  return effect(state, command, actor, now);
}

/**
 * The reporter without a login, proven by the follow token the DO has already checked: they may rate their
 * case (and reopen it when unsatisfied) exactly when a signed-in reporter could, and nothing else.
 */
export function decideAsReporter(state: CaseState, command: RateCommand, now: Date): ActorDecision {
  const refused = notNow(state, command);
  if (refused) return refused;
  return effect(state, command, followTokenActor(state), now);
}

/** The follow-token holder as the log records them: the anonymous reporter of this case, at its place. */
export function followTokenActor(state: CaseState): Actor {
  const unit = state.villageCode ?? state.townshipCode ?? state.countyCode;
  return { sub: `follow-token:${state.id}`, role: "resident", unit };
}
