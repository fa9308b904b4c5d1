import type { CaseState } from "../case-state";
import { disputeOf, withDispute, type DisputeAt, type DisputeBody, type DisputeEffect } from "./context";

/**
 * Diversion (分流, Wuxi 第四十四条–第四十六条): a dispute mediation cannot settle, or that mediation does not suit, goes
 * with a recorded reason to arbitration, an administrative ruling or review, litigation, or the petition channel
 * (诉访分离: petitions are handled apart from litigation). The case tracks where it went and closes only with the
 * channel's outcome (the case loop's settled guard). Pure.
 */

export function divert(s: CaseState, b: DisputeBody<"divert">, { now }: DisputeAt): DisputeEffect {
  const diversion = { ...b, divertedAt: now.toISOString(), outcome: null };
  return {
    type: "dispute.diverted",
    state: withDispute(s, { stage: "diverted", diversion }),
    details: { channel: b.channel, reason: b.reason, receivingBody: b.receivingBody },
  };
}

export function recordOutcome(s: CaseState, b: DisputeBody<"record-outcome">, { now }: DisputeAt): DisputeEffect {
  const diversion = disputeOf(s).diversion!;
  if (b.decidedOn < diversion.divertedAt.slice(0, 10))
    return { refused: `body.decidedOn: the dispute was diverted on ${diversion.divertedAt.slice(0, 10)}, after it` };
  const outcome = { ...b, recordedAt: now.toISOString() };
  return {
    type: "dispute.outcome_recorded",
    state: withDispute(s, { stage: "concluded", diversion: { ...diversion, outcome } }),
    details: { channel: diversion.channel, result: b.result, text: b.text, decidedOn: b.decidedOn },
  };
}
