import { can } from "@civicgrid/auth";
import type { DisputeCommandName, Principal } from "@civicgrid/contracts";
import { actorFor, readScope, writeScope } from "../access";
import type { CaseState } from "../case-state";
import { versioned, type ActorDecision } from "../decide";
import type { DisputeCommand, DisputeContext } from "./context";
import { DISPUTE_COMMANDS, DISPUTE_LIFECYCLE, type DisputeRule } from "./lifecycle";
import { withRiskSteps } from "./risk-step";

const ruleOf = (name: DisputeCommandName) => DISPUTE_LIFECYCLE[name] as unknown as DisputeRule<DisputeCommandName>;

/** Why the dispute command cannot run on the case now (status, stage, guards), or null when it can. */
function blocked(state: CaseState, name: DisputeCommandName): string | null {
  const rule = ruleOf(name);
  if (!rule.from.includes(state.status)) return `a ${state.status} case cannot take the dispute command "${name}"`;
  const stage = state.dispute?.stage ?? "none";
  if (!rule.stages.includes(stage))
    return stage === "none"
      ? `this case is not a dispute yet: record it first (dispute/record)`
      : `a dispute in stage ${stage} cannot take "${name}"`;
  for (const guard of rule.guards) {
    const reason = guard(state);
    if (reason) return reason;
  }
  return null;
}

/** The dispute commands the case's status and the dispute's stage allow now, for the 409 answer. */
export function allowedDisputeNow(state: CaseState): DisputeCommandName[] {
  return DISPUTE_COMMANDS.filter((name) => blocked(state, name) === null);
}

/**
 * The dispute's one entry, in the case loop's order of refusals: a caller who may not read the case learns nothing
 * (403); then status, stage and guards (409 naming the dispute commands allowed now); then the role and unit for
 * this command in the case's write scope (403); then a body that cannot apply (422). The steps are the command's,
 * what it does to the case, and the risk steps after them, committed together.
 */
export function decideDispute(
  state: CaseState,
  command: DisputeCommand,
  principal: Principal,
  context: DisputeContext,
  now: Date,
): ActorDecision {
  if (!can(principal, "case:read", readScope(state))) {
    return { ok: false, code: "forbidden", detail: "this case lies outside your jurisdiction" };
  }
  const reason = blocked(state, command.name);
  if (reason) return { ok: false, code: "invalid_transition", detail: reason, allowed: allowedDisputeNow(state) };
  const rule = ruleOf(command.name);
  const actor = actorFor(principal, rule.by, writeScope(state));
  if (!actor) return { ok: false, code: "forbidden", detail: `your role or unit may not ${command.name} this dispute` };
  const applied = rule.effect(state, command.body, { now, actor, context });
  if ("refused" in applied) return { ok: false, code: "unprocessable", detail: applied.refused };
  const next = rule.follows?.(state, applied.state, now);
  const steps = withRiskSteps(next ? [applied, next] : [applied], context, now);
  return { ok: true, actor, steps: versioned(state, steps, now) };
}
