import { isWithinDivision, maskName } from "@civicgrid/contracts";
import type { CaseState } from "../case-state";
import { disputeOf, strayParty, withDispute, type DisputeAt, type DisputeBody, type DisputeEffect } from "./context";

/**
 * Mediation (Wuxi 第四十三条–第四十五条; 人民调解法 第十七条–第三十三条): a registered mediator of the place, sessions,
 * a written agreement (调解协议, 第二十九条) and the follow-up visit on it (第三十一条). Pure.
 */

/** Where the case lies, at its finest known division. */
const placeOf = (s: CaseState) => s.villageCode ?? s.townshipCode ?? s.countyCode;

/**
 * A registered, active mediator whose committee or organisation covers the case's place: a village committee its
 * village, a township committee its township, a professional organisation or grid worker their county (Wuxi
 * 第四十三条: mediation at every level). Another county's mediator is refused before, by the route's references.
 */
export function assignMediator(
  s: CaseState,
  b: DisputeBody<"assign-mediator">,
  { now, context }: DisputeAt,
): DisputeEffect {
  const m = context.mediator;
  if (!m || m.id !== b.mediatorId) return { refused: `body.mediatorId: no mediator ${b.mediatorId}` };
  if (!m.active) return { refused: `body.mediatorId: ${m.id} is no longer an active mediator` };
  const place = placeOf(s);
  if (!isWithinDivision(place, m.divisionCode))
    return { refused: `body.mediatorId: ${m.id} mediates in ${m.divisionCode}, which does not cover ${place}` };
  const previous = disputeOf(s).mediation;
  const mediation = {
    mediatorId: m.id,
    mediatorKind: m.kind,
    mediatorName: m.name,
    assignedAt: now.toISOString(),
    // A new mediator continues the dispute's sessions; the log says who held each.
    sessions: previous?.sessions ?? [],
  };
  const details = {
    mediatorId: m.id,
    mediatorKind: m.kind,
    mediatorName: m.name,
    bodyId: m.bodyId,
    bodyName: m.bodyName,
    qualification: m.qualification,
    previousMediatorId: previous?.mediatorId ?? null,
  };
  return { type: "dispute.mediator_assigned", state: withDispute(s, { stage: "mediating", mediation }), details };
}

const AFTER_SESSION = { settled: "settled", failed: "failed", adjourned: "mediating" } as const;

/** A session: settled (an oral agreement, 人民调解法 第三十条), failed, or adjourned to another. */
export function recordSession(s: CaseState, b: DisputeBody<"record-session">): DisputeEffect {
  const dispute = disputeOf(s);
  const mediation = { ...dispute.mediation!, sessions: [...dispute.mediation!.sessions, b] };
  return {
    type: "dispute.session_recorded",
    state: withDispute(s, { stage: AFTER_SESSION[b.outcome], mediation }),
    details: { session: b, mediatorId: mediation.mediatorId },
  };
}

/** The written agreement (人民调解法 第二十九条), signed by the parties and the mediator; its follow-up is due on performBy. */
export function recordAgreement(s: CaseState, b: DisputeBody<"record-agreement">, { now }: DisputeAt): DisputeEffect {
  const dispute = disputeOf(s);
  const parties = b.signatories.map((x) => x.party);
  const stray = strayParty(parties, dispute.parties.length, (i) => `body.signatories[${i}].party`);
  if (stray) return { refused: stray };
  if (b.performBy < b.signedOn) return { refused: "body.performBy: the terms cannot be due before the signing" };
  // A party signs in their own name, which the case shows masked as it shows the parties (PIPL art. 28).
  const signatories = b.signatories.map((x) => (x.capacity === "party" ? { ...x, name: maskName(x.name) } : x));
  const terms = { ...b, signatories };
  const agreement = { ...terms, status: "pending_follow_up" as const, recordedAt: now.toISOString() };
  return {
    type: "dispute.agreement_recorded",
    state: withDispute(s, { stage: "agreed", agreement }),
    details: { agreement: terms, mediatorId: dispute.mediation?.mediatorId ?? null },
  };
}

/**
 * The follow-up visit (人民调解法 第三十一条: the committee checks that the agreement is performed). Kept: the dispute
 * is kept. Broken: the agreement joins the broken ones and the dispute is mediated again (the case reopens, see
 * case-steps.ts).
 */
export function followUp(s: CaseState, b: DisputeBody<"follow-up">, { now }: DisputeAt): DisputeEffect {
  const dispute = disputeOf(s);
  const followUps = [...dispute.followUps, b];
  const details = { followUp: b, mediatorId: dispute.mediation?.mediatorId ?? null, hadAgreement: !!dispute.agreement };
  if (b.kept) {
    const agreement = dispute.agreement ? { ...dispute.agreement, status: "kept" as const } : null;
    return { type: "dispute.followed_up", state: withDispute(s, { stage: "kept", agreement, followUps }), details };
  }
  const broken = dispute.agreement ? [{ ...withoutStatus(dispute.agreement), brokenAt: now.toISOString() }] : [];
  const state = withDispute(s, {
    stage: "mediating",
    agreement: null,
    brokenAgreements: [...dispute.brokenAgreements, ...broken],
    followUps,
  });
  return { type: "dispute.followed_up", state, details };
}

function withoutStatus<T extends { status: unknown; recordedAt: unknown }>(agreement: T) {
  const { status: _status, recordedAt: _at, ...terms } = agreement;
  return terms;
}
