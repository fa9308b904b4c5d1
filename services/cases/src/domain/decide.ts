import { can } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import { actorFor, readScope, writeScope } from "./access";
import { applyCommand } from "./apply";
import type { Actor, CaseCommand, CaseState, Decision, Step } from "./case-state";
import { allowedNow, guardOf } from "./guards";
import { TRANSITIONS } from "./transitions";

/** Numbers each step's state with the next version and the time of the change. */
export function versioned(state: CaseState, steps: Step[], now: Date): Step[] {
  return steps.map((step, i) => ({ ...step, state: { ...step.state, version: state.version + i + 1, updatedAt: now.toISOString() } }));
}

/**
 * The state machine's one entry: may this principal run this command on this case now, and what follows.
 * Order of refusals: a caller who may not even read the case learns nothing about its state (403); then the
 * status and guards (409 naming what is allowed now); then the role and unit for this very command (403).
 */
export function decide(state: CaseState, command: CaseCommand, principal: Principal, now: Date): Decision & { actor?: Actor } {
  if (!can(principal, "case:read", readScope(state))) return { ok: false, code: "forbidden", detail: "this case lies outside your jurisdiction" };
  const rule = TRANSITIONS[command.name];
  const reason = rule.from.includes(state.status) ? guardOf(state, command.name) : `a ${state.status} case cannot take "${command.name}"`;
  if (reason) return { ok: false, code: "invalid_transition", detail: reason, allowed: allowedNow(state) };
  const actor = actorFor(principal, rule.action, writeScope(state));
  if (!actor) return { ok: false, code: "forbidden", detail: `your role or unit may not ${command.name} this case` };
  const applied = applyCommand(state, command, now);
  if ("refused" in applied) return { ok: false, code: "unprocessable", detail: applied.refused };
  return { ok: true, actor, steps: versioned(state, [applied], now) };
}
