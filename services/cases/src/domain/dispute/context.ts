import type {
  CountyRiskRules,
  DisputeCommandBody,
  DisputeCommandName,
  MediatorContact,
  RiskFacts,
} from "@civicgrid/contracts";
import type { Actor, CaseState, Step } from "../case-state";
import type { PartyRecord } from "./record";

/**
 * What a dispute command needs besides the case, gathered by the route before the case's object runs it: the
 * county's risk rules and the facts they read, the mediator named by `assign-mediator` (ROSTER), and the parties of
 * `record` as resolved and sealed (their raw identity never reaches the object).
 */
export interface DisputeContext {
  rules: CountyRiskRules;
  facts: RiskFacts;
  mediator?: MediatorContact;
  parties?: PartyRecord[];
}

/** A command's body as the object receives it: `record` without its raw parties (they come sealed in the context). */
export type DisputeBody<N extends DisputeCommandName> = N extends "record"
  ? Omit<DisputeCommandBody<"record">, "parties">
  : DisputeCommandBody<N>;

export type DisputeCommand = { [N in DisputeCommandName]: { name: N; body: DisputeBody<N> } }[DisputeCommandName];

export interface DisputeAt {
  now: Date;
  actor: Actor;
  context: DisputeContext;
}

/** A dispute command's change, or why its body cannot apply (422). */
export type DisputeEffect = Step | { refused: string };

/** The state of a case that is a dispute (the effects run only once the table has checked the stage). */
export type DisputeState = CaseState & { dispute: NonNullable<CaseState["dispute"]> };

export const disputeOf = (state: CaseState) => (state as DisputeState).dispute;

/** The state with the dispute changed. */
export function withDispute(state: CaseState, patch: Partial<DisputeState["dispute"]>): DisputeState {
  return { ...state, dispute: { ...disputeOf(state), ...patch } };
}

/**
 * The first index in `indexes` that names no party (a claim's, contact's, threat's or signatory's), as the field
 * to name in the refusal, or null when all are parties.
 */
export function strayParty(
  indexes: readonly (number | undefined)[],
  partyCount: number,
  field: (i: number) => string,
): string | null {
  const i = indexes.findIndex((n) => n !== undefined && n >= partyCount);
  return i < 0 ? null : `${field(i)} names party ${indexes[i]}, but the dispute has ${partyCount} parties`;
}
