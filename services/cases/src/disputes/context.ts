import type { DisputeCommandBody, DisputeCommandName, ResolvedParty } from "@civicgrid/contracts";
import type { CaseState } from "../domain";
import type { DisputeCommand, DisputeContext } from "../domain/dispute";
import type { Env } from "../env";
import { scopeResolver } from "../references";
import { partyReferences, resolveParties, sealParties } from "./parties";
import { assertInCaseCounty } from "./references";
import { loadRiskContext } from "./risk-context";

/**
 * Everything a dispute command needs before the case's object runs it: the parties of `record` resolved, checked
 * (the case's county) and sealed, the mediator of `assign-mediator` looked up and checked, then the county's risk
 * rules and facts for the dispute's parties. The command the object receives carries no raw party identity.
 */
export async function prepareDispute(
  env: Env,
  state: CaseState,
  name: DisputeCommandName,
  body: DisputeCommandBody<DisputeCommandName>,
): Promise<{ command: DisputeCommand; context: DisputeContext }> {
  const extra: Pick<DisputeContext, "mediator" | "parties"> = {};
  let resolved: (ResolvedParty | null)[] | undefined;
  let command = { name, body } as DisputeCommand;
  if (name === "record") {
    const { parties, ...rest } = body as DisputeCommandBody<"record">;
    resolved = await resolveParties(env, parties);
    const { references, known } = partyReferences(parties, resolved);
    await assertInCaseCounty(state, references, scopeResolver(env, known));
    extra.parties = await sealParties(env, parties, resolved);
    command = { name, body: rest };
  }
  if (name === "assign-mediator") {
    const { mediatorId } = body as DisputeCommandBody<"assign-mediator">;
    const mediator = await env.ROSTER.mediator(mediatorId);
    const known = { [`mediator:${mediatorId}`]: mediator ? { divisionCode: mediator.divisionCode } : null };
    const reference = {
      field: "body.mediatorId",
      kind: "mediator" as const,
      id: mediatorId,
      action: "dispute:mediate" as const,
    };
    await assertInCaseCounty(state, [reference], scopeResolver(env, known));
    extra.mediator = mediator!;
  }
  const parties = extra.parties ?? state.dispute?.parties ?? [];
  const risk = await loadRiskContext(env, state, parties, new Date(), resolved);
  return { command, context: { ...risk, ...extra } };
}
