import { can } from "@civicgrid/auth";
import type { CommandName, Principal } from "@civicgrid/contracts";
import { actorFor, joinScope, readScope, writeScope } from "./access";
import type { Amendment } from "./amend";
import type { Actor, CaseCommand, CaseState, Decision, Step } from "./case-state";
import { LIFECYCLE, PEOPLE_COMMANDS, type Command } from "./lifecycle";
import { approverRefusal } from "./matter-approval";

export type ActorDecision = Decision & { actor?: Actor };
export type RateCommand = Extract<CaseCommand, { name: "rate" }>;
/** A +1 without a login: the hash of the follow token handed back to the joiner (issue 16). */
export type TokenJoinCommand = { name: "join"; body: { note?: string | undefined; tokenHash: string } };

/** A command of the platform whose order opened the case (see the lifecycle table). */
export type PlatformCommand = { name: "cancel"; body: { reason: string } } | { name: "amend"; body: Amendment };

type AnyCommand = CaseCommand | PlatformCommand;
const ruleOf = (name: AnyCommand["name"]) => LIFECYCLE[name] as Command<unknown>;

/** Numbers each step's state with the next version and the time of the change. */
export function versioned(state: CaseState, steps: Step[], now: Date): Step[] {
  const updatedAt = now.toISOString();
  return steps.map((step, i) => ({ ...step, state: { ...step.state, version: state.version + i + 1, updatedAt } }));
}

/** Why the command cannot run on the case now (its start statuses, then its guards), or null when it can. */
function blocked(state: CaseState, name: AnyCommand["name"]): string | null {
  const rule = ruleOf(name);
  if (!rule.from.includes(state.status))
    return rule.notFrom?.(state.status) ?? `a ${state.status} case cannot take "${name}"`;
  for (const guard of rule.guards) {
    const reason = guard(state);
    if (reason) return reason;
  }
  return null;
}

/** Commands people may issue in the case's current state (status and guards), for the 409 answer. */
export function allowedNow(state: CaseState): CommandName[] {
  return PEOPLE_COMMANDS.filter((name) => blocked(state, name) === null);
}

/**
 * The commands this principal may run on the case now: status and guards (allowedNow), then the role and unit each
 * command asks of its issuer, as decide checks them before a body is looked at. Nothing to one who may not read it.
 */
export function commandsFor(state: CaseState, principal: Principal): CommandName[] {
  if (!can(principal, "case:read", readScope(state, principal.sub))) return [];
  return allowedNow(state).filter((name) => {
    if (name === "join") return can(principal, "case:join", joinScope(state, principal.sub));
    const actor = actorFor(principal, LIFECYCLE[name].by, writeScope(state, principal.sub));
    return actor !== null && (name !== "approve-matter" || approverRefusal(actor) === null);
  });
}

/** The status and guards: a 409 naming what is allowed now, or null when the command fits the case now. */
function notNow(state: CaseState, command: CaseCommand): Decision | null {
  const reason = blocked(state, command.name);
  return reason ? { ok: false, code: "invalid_transition", detail: reason, allowed: allowedNow(state) } : null;
}

/** The effect of a permitted command by `actor`: its step, and what follows it (a held work order released). */
function effect(state: CaseState, command: AnyCommand, actor: Actor, now: Date): ActorDecision {
  const rule = ruleOf(command.name);
  const applied = rule.effect(state, command.body, { now, actor });
  if ("refused" in applied) return { ok: false, code: "unprocessable", detail: applied.refused };
  const next = rule.follows?.(applied.state);
  return { ok: true, actor, steps: versioned(state, next ? [applied, next] : [applied], now) };
}

/**
 * The state machine's one entry: may this principal run this command on this case now, and what follows.
 * Order of refusals: a caller who may not even read the case learns nothing about its state (403); then the
 * status and guards (409 naming what is allowed now); then the role and unit for this very command (403).
 */
export function decide(state: CaseState, command: CaseCommand, principal: Principal, now: Date): ActorDecision {
  // A +1 comes from someone who could report at the case's place, not (yet) one of its readers.
  const joining = command.name === "join" ? joinScope(state, principal.sub) : null;
  const readable = joining
    ? can(principal, "case:join", joining)
    : can(principal, "case:read", readScope(state, principal.sub));
  if (!readable) {
    return { ok: false, code: "forbidden", detail: "this case lies outside your jurisdiction" };
  }
  const refused = notNow(state, command);
  if (refused) return refused;
  const actor = actorFor(principal, LIFECYCLE[command.name].by, joining ?? writeScope(state, principal.sub));
  if (!actor) return { ok: false, code: "forbidden", detail: `your role or unit may not ${command.name} this case` };
  const approver = command.name === "approve-matter" ? approverRefusal(actor) : null;
  if (approver) return { ok: false, code: "forbidden", detail: approver };
  return effect(state, command, actor, now);
}

/**
 * The reporter without a login, proven by the follow token the DO has already checked: they may rate their
 * case (and reopen it when unsatisfied) exactly when a signed-in reporter could, and nothing else.
 */
export function decideAsReporter(
  state: CaseState,
  command: RateCommand | TokenJoinCommand,
  now: Date,
  tokenHash?: string,
): ActorDecision {
  const refused = notNow(state, command);
  if (refused) return refused;
  return effect(state, command, followTokenActor(state, tokenHash), now);
}

/** The platform's own commands on the case its order opened; the platform learns nothing of the others. */
export function decideForPlatform(state: CaseState, command: PlatformCommand, actor: Actor, now: Date): ActorDecision {
  const reason = blocked(state, command.name);
  if (reason) return { ok: false, code: "invalid_transition", detail: reason, allowed: [] };
  return effect(state, command, actor, now);
}

/** The follow-token holder as the log records them: the anonymous reporter of this case, at its place. */
export function followTokenActor(state: CaseState, tokenHash?: string): Actor {
  const unit = state.villageCode ?? state.townshipCode ?? state.countyCode;
  // A co-reporter's token (issue 16) acts as that co-reporter, told apart by its place among the tokens.
  const co = tokenHash ? (state.coReporterTokenHashes ?? []).indexOf(tokenHash) : -1;
  return { sub: co >= 0 ? `follow-token:${state.id}:${co + 1}` : `follow-token:${state.id}`, role: "resident", unit };
}
