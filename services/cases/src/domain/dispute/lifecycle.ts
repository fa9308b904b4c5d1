import type { Action } from "@civicgrid/auth";
import type { CaseEventType, CaseStatus, DisputeCommandName, DisputeStage, Role } from "@civicgrid/contracts";
import type { CaseState, Step } from "../case-state";
import { OPEN_STATUSES } from "../lifecycle";
import { afterFollowUp, handledIfSettled } from "./case-steps";
import type { DisputeAt, DisputeBody, DisputeEffect } from "./context";
import { divert, recordOutcome } from "./diversion-effects";
import { addContact, grade, record, recordThreat } from "./record-effects";
import { assignMediator, followUp, recordAgreement, recordSession } from "./mediation-effects";

/** "none": the case is not a dispute yet. */
export type DisputeStageOrNone = DisputeStage | "none";

/**
 * One dispute command. `from` are the case statuses and `stages` the dispute stages it starts from; `by` the policy
 * action (its `roles` repeat the policy for the reader, a test keeps them equal), checked in the case's write scope;
 * `guards` say why it still may not run; `effect` is pure; `follows` adds what the change does to the case (handled
 * by a settlement, reopened by a broken agreement). The risk step runs after every command (risk-step.ts).
 */
export interface DisputeRule<N extends DisputeCommandName> {
  from: readonly CaseStatus[];
  stages: readonly DisputeStageOrNone[];
  by: Action;
  roles: readonly Role[];
  guards: readonly ((state: CaseState) => string | null)[];
  emits: readonly CaseEventType[];
  effect: (state: CaseState, body: DisputeBody<N>, at: DisputeAt) => DisputeEffect;
  follows?: (before: CaseState, after: CaseState, now: Date) => Step | null;
}

const RECORDERS: readonly Role[] = ["grid_worker", "agency", "department"];
/** A dispute's risk is still watched, and its agreement followed up, after its case closed. */
const OPEN_OR_CLOSED: readonly CaseStatus[] = [...OPEN_STATUSES, "closed", "rated"];
const LIVE: readonly DisputeStageOrNone[] = ["recorded", "mediating", "failed", "diverted"];
const ANY_STAGE: readonly DisputeStageOrNone[] = [...LIVE, "settled", "agreed", "kept", "concluded"];
const RISK_EVENTS: readonly CaseEventType[] = ["dispute.risk_raised", "dispute.county_warned", "dispute.police_warned"];

/**
 * THE DISPUTE LIFECYCLE, one entry per command (key order is the order of the 409's "allowed now" list).
 * Jiangmen 第十一条(四) (find, mediate on the spot, pass on); Gansu 二(一)1(1)–(3) (排查, 命案风险, people in crisis);
 * Wuxi 第四十二条–第四十七条 (mediation at every level, diversion, 诉访分离); 人民调解法 第十七条–第三十三条.
 */
export const DISPUTE_LIFECYCLE: { [N in DisputeCommandName]: DisputeRule<N> } = {
  record: {
    from: OPEN_STATUSES,
    stages: ["none", ...LIVE],
    by: "dispute:record",
    roles: RECORDERS,
    guards: [],
    emits: ["dispute.recorded", ...RISK_EVENTS],
    effect: record,
  },
  "add-contact": {
    from: OPEN_OR_CLOSED,
    stages: ANY_STAGE,
    by: "dispute:record",
    roles: RECORDERS,
    guards: [],
    emits: ["dispute.contact_added", ...RISK_EVENTS],
    effect: addContact,
  },
  "record-threat": {
    from: OPEN_OR_CLOSED,
    stages: ANY_STAGE,
    by: "dispute:record",
    roles: RECORDERS,
    guards: [],
    emits: ["dispute.threat_recorded", ...RISK_EVENTS],
    effect: recordThreat,
  },
  grade: {
    from: OPEN_OR_CLOSED,
    stages: ANY_STAGE,
    by: "dispute:grade",
    roles: RECORDERS,
    guards: [],
    emits: ["dispute.graded", ...RISK_EVENTS],
    effect: grade,
  },
  "assign-mediator": {
    from: OPEN_STATUSES,
    stages: ["recorded", "mediating", "failed"],
    by: "dispute:mediate",
    roles: RECORDERS,
    guards: [],
    emits: ["dispute.mediator_assigned", ...RISK_EVENTS],
    effect: assignMediator,
  },
  "record-session": {
    from: OPEN_STATUSES,
    stages: ["mediating"],
    by: "dispute:mediate",
    roles: RECORDERS,
    guards: [],
    emits: ["dispute.session_recorded", "case.handled", ...RISK_EVENTS],
    effect: recordSession,
    follows: handledIfSettled,
  },
  "record-agreement": {
    from: OPEN_OR_CLOSED,
    stages: ["mediating", "settled"],
    by: "dispute:mediate",
    roles: RECORDERS,
    guards: [],
    emits: ["dispute.agreement_recorded", "case.handled", ...RISK_EVENTS],
    effect: recordAgreement,
    follows: handledIfSettled,
  },
  "follow-up": {
    from: OPEN_OR_CLOSED,
    stages: ["agreed", "settled"],
    by: "dispute:mediate",
    roles: RECORDERS,
    guards: [],
    emits: ["dispute.followed_up", "dispute.reopened", "case.handled", ...RISK_EVENTS],
    effect: followUp,
    follows: afterFollowUp,
  },
  // Diverting is the holder's or the department's decision (Wuxi 第四十四条), not the grid worker's.
  divert: {
    from: OPEN_STATUSES,
    stages: ["recorded", "mediating", "failed"],
    by: "dispute:divert",
    roles: ["agency", "department"],
    guards: [],
    emits: ["dispute.diverted", ...RISK_EVENTS],
    effect: divert,
  },
  "record-outcome": {
    from: OPEN_STATUSES,
    stages: ["diverted"],
    by: "dispute:divert",
    roles: ["agency", "department"],
    guards: [],
    emits: ["dispute.outcome_recorded", "case.handled", ...RISK_EVENTS],
    effect: recordOutcome,
    follows: handledIfSettled,
  },
};

export const DISPUTE_COMMANDS = Object.keys(DISPUTE_LIFECYCLE) as DisputeCommandName[];
