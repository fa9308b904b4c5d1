import type { Action } from "@civicgrid/auth";
import type { CaseEventType, CaseStatus, CommandBody, CommandName, Role } from "@civicgrid/contracts";
import type { Amendment } from "./amend";
import type { Actor, CaseState, Step } from "./case-state";
import * as effects from "./effects";
import * as guards from "./guards";
import { followUp, followUpRating } from "./follow-up";
import { releasedWorkOrder } from "./matter-approval";
import * as returns from "./returns";

/** Statuses after which nothing but archiving (and nothing at all once archived) may happen. */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  "reported",
  "verified",
  "accepted",
  "dispatched",
  "signed",
  "handled",
];
const BEFORE_DISPATCH: readonly CaseStatus[] = ["reported", "verified", "accepted"];
const AT_DEPARTMENT: readonly CaseStatus[] = ["dispatched", "signed"];
const WITHDRAWN: readonly CaseStatus[] = ["invalid", "merged"];
/** The statuses whose step a pause (挂账) may park: the agency's accept and dispatch, the department's sign and handle. */
const PAUSABLE: readonly CaseStatus[] = ["verified", "accepted", "dispatched", "signed"];

/** A command's change: the event, the state after it and the log's details; or why its body cannot apply. */
export type Effect = Step | { refused: string };

/**
 * One command of the case loop. `by` is who may issue it: a policy action (the roles the access policy grants
 * it, in the case's jurisdiction; `roles` repeats them for the reader and a test keeps them equal), or the
 * platform whose order opened the case. `guards` say why a command whose start status fits still may not run
 * now (the first that answers wins). `effect` is pure; `follows` adds a second step after it.
 */
export interface Command<B> {
  from: readonly CaseStatus[];
  by: Action | "platform";
  roles: readonly Role[];
  /** The reporter without a login may issue it too, with the follow token given at reporting. */
  followToken?: true;
  guards: readonly ((state: CaseState) => string | null)[];
  emits: readonly CaseEventType[];
  effect: (state: CaseState, body: B, at: { now: Date; actor: Actor }) => Effect;
  follows?: (after: CaseState) => Step | null;
  /** The refusal's wording for a status the command cannot start from (the platform's commands). */
  notFrom?: (status: CaseStatus) => string;
}

type Table = { [N in CommandName]: Command<CommandBody<N>> & { by: Action } } & {
  cancel: Command<{ reason: string }> & { by: "platform" };
  amend: Command<Amendment> & { by: "platform" };
};

/**
 * THE CASE LOOP, one entry per command (key order is the order of the 409's "allowed now" list). Regulations:
 * Jiangmen 第二十四条 (verify, resolve on site, dispatch, return, re-dispatch), 第二十五条 (lead department),
 * 第二十六条 (the closed loop's archive), 第二十七条 (supervision); Wuxi 第六十三条 (first-contact and lead
 * responsibility); Gansu 二(二)1 and Wuxi 第五十六条 (off-list matters wait for approval).
 */
export const LIFECYCLE: Table = {
  verify: {
    from: ["reported"],
    by: "case:verify",
    roles: ["grid_worker", "agency"],
    guards: [guards.workOrderMatterApproved],
    emits: ["case.verified"],
    effect: effects.verify,
  },
  "resolve-on-site": {
    from: ["verified"],
    by: "case:resolve-on-site",
    roles: ["grid_worker"],
    guards: [guards.matterApproved, guards.disputeSettled, guards.resolutionPhotos],
    emits: ["case.resolved_on_site"],
    effect: effects.resolveOnSite,
  },
  accept: {
    from: ["verified"],
    by: "case:accept",
    roles: ["agency"],
    guards: [guards.matterApproved],
    emits: ["case.accepted"],
    effect: effects.accept,
  },
  dispatch: {
    from: ["accepted"],
    by: "case:dispatch",
    roles: ["agency"],
    guards: [guards.matterApproved, returns.noReturnRulingPending],
    emits: ["case.dispatched"],
    effect: (state, body, at) => {
      const refused = returns.dispatchAfterRuling(state, body);
      return refused ? { refused } : effects.dispatch(state, body, at);
    },
  },
  sign: {
    from: ["dispatched"],
    by: "case:sign",
    roles: ["department"],
    guards: [guards.matterApproved],
    emits: ["case.signed"],
    effect: effects.sign,
  },
  handle: {
    from: ["signed"],
    by: "case:handle",
    roles: ["department"],
    guards: [guards.matterApproved, guards.disputeSettled, guards.handlingPhotos],
    emits: ["case.handled"],
    effect: effects.handle,
  },
  check: {
    from: ["handled"],
    by: "case:check",
    roles: ["agency"],
    guards: [guards.matterApproved],
    emits: ["case.check_passed", "case.check_failed"],
    // Only a passing check waits for a dispute to settle: the guard needs the body, so it refuses as the effect.
    effect: (state, body, at) => {
      const unsettled = guards.passingCheckSettled(state, body);
      return unsettled ? { refused: unsettled } : effects.check(state, body, at);
    },
  },
  // Every reporter rates: a rated case still takes the rating of a reporter who has not rated (the effect checks).
  rate: {
    from: ["closed", "rated"],
    by: "case:rate",
    roles: ["resident", "agency"],
    followToken: true,
    guards: [],
    emits: ["case.rated", "case.reopened", "case.escalated"],
    effect: effects.rate,
  },
  archive: {
    from: ["closed", "rated", ...WITHDRAWN],
    by: "case:archive",
    roles: ["agency"],
    guards: [],
    emits: ["case.archived"],
    effect: effects.archive,
  },
  // A department may return a case, with a reason, that is not its duty (Jiangmen 第二十四条): once per dispatch
  // (the return ends the dispatch) and at most MAX_RETURNS times per case; then the agency decides (see guard).
  return: {
    from: AT_DEPARTMENT,
    by: "case:return",
    roles: ["department"],
    guards: [guards.returnsLeft, returns.notReturnedAfterRejection],
    emits: ["case.returned"],
    effect: effects.returnCase,
  },
  escalate: {
    from: BEFORE_DISPATCH,
    by: "case:escalate",
    roles: ["agency", "grid_worker"],
    guards: [guards.belowCity],
    emits: ["case.escalated"],
    effect: effects.escalate,
  },
  "request-extension": {
    from: AT_DEPARTMENT,
    by: "case:request-extension",
    roles: ["department"],
    guards: [guards.matterApproved, guards.noExtensionPending, guards.notPaused],
    emits: ["case.extension_requested"],
    effect: effects.requestExtension,
  },
  "review-extension": {
    from: AT_DEPARTMENT,
    by: "case:review-extension",
    roles: ["agency"],
    guards: [guards.matterApproved, guards.extensionPending],
    emits: ["case.extension_approved", "case.extension_refused"],
    effect: effects.reviewExtension,
  },
  merge: {
    from: BEFORE_DISPATCH,
    by: "case:merge",
    roles: ["agency"],
    guards: [],
    emits: ["case.merged"],
    effect: effects.merge,
  },
  invalidate: {
    from: BEFORE_DISPATCH,
    by: "case:close-invalid",
    roles: ["agency"],
    guards: [],
    emits: ["case.invalidated"],
    effect: effects.invalidate,
  },
  // Only an agency at county level or above approves (Jiangmen 第九条): decide checks the approver's level.
  "approve-matter": {
    from: BEFORE_DISPATCH,
    by: "case:approve-matter",
    roles: ["agency"],
    guards: [guards.offListPending],
    emits: ["case.matter_approved", "case.work_order_created"],
    effect: effects.approveMatter,
    follows: releasedWorkOrder,
  },
  // The platform that pushed the order withdraws it: the case closes as invalid while it is still open.
  cancel: {
    from: OPEN_STATUSES,
    by: "platform",
    roles: [],
    guards: [],
    emits: ["case.invalidated"],
    effect: effects.cancel,
    notFrom: (status) => `a ${status} case cannot be cancelled`,
  },
  // The platform amends its order: a note, and a new description when sent; status and clock stay.
  amend: {
    from: [...OPEN_STATUSES, "closed", "rated"],
    by: "platform",
    roles: [],
    guards: [],
    emits: ["case.amended"],
    effect: effects.amend,
    notFrom: (status) => `a ${status} case cannot be amended`,
  },
  // 挂账: a long job (seasonal, engineering) parks its step's clock with an agency's approval, asked before the
  // deadline; the agency holding the case (or one above it) decides; the clock resumes by hand or at `until`.
  "request-pause": {
    from: PAUSABLE,
    by: "case:request-pause",
    roles: ["department", "agency"],
    guards: [guards.matterApproved, guards.noPauseOpen],
    emits: ["case.pause_requested"],
    effect: effects.requestPause,
  },
  "review-pause": {
    from: PAUSABLE,
    by: "case:review-pause",
    roles: ["agency"],
    guards: [guards.pausePending],
    emits: ["case.pause_approved", "case.pause_refused"],
    effect: effects.reviewPause,
  },
  resume: {
    from: PAUSABLE,
    by: "case:resume",
    roles: ["department", "agency"],
    guards: [guards.paused],
    emits: ["case.resumed"],
    effect: effects.resume,
  },
  // +1 (issue 16): a reporter adds themselves to an open case instead of filing a duplicate; told of its outcome.
  join: {
    from: OPEN_STATUSES,
    by: "case:join",
    roles: ["resident", "grid_worker"],
    followToken: true,
    guards: [],
    emits: ["case.reporter_joined"],
    effect: effects.join,
  },
  // The agency rules on a department's return (退单): upheld, it dispatches elsewhere; rejected (强派), the case
  // goes back to the same department, which may not return it again.
  "rule-return": {
    from: ["accepted"],
    by: "case:rule-return",
    roles: ["agency"],
    guards: [returns.returnRulingPending],
    emits: ["case.return_upheld", "case.return_rejected"],
    effect: returns.ruleReturn,
  },
  // Follow-up (回访) after closure by the agency's follow-up worker, with its channel; a reached reporter's rating
  // follows as a rating does (rework once, then escalate).
  "follow-up": {
    from: ["closed"],
    by: "case:follow-up",
    roles: ["agency"],
    guards: [],
    emits: ["case.followed_up", "case.rated", "case.reopened", "case.escalated"],
    effect: followUp,
    follows: followUpRating,
  },
};

/** The commands people issue over HTTP (the platform's come through RPC), in the table's order. */
export const PEOPLE_COMMANDS = (Object.keys(LIFECYCLE) as (keyof Table)[]).filter(
  (name): name is CommandName => LIFECYCLE[name].by !== "platform",
);

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
