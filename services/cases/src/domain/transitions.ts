import type { Action } from "@civicgrid/auth";
import type { CaseStatus, CommandName } from "@civicgrid/contracts";

/** Statuses after which nothing but archiving (and nothing at all once archived) may happen. */
const OPEN: CaseStatus[] = ["reported", "verified", "accepted", "dispatched", "signed", "handled"];
const BEFORE_DISPATCH: CaseStatus[] = ["reported", "verified", "accepted"];

/** For each command: the statuses it may start from and the policy action that grants it. */
export const TRANSITIONS: Record<CommandName, { from: readonly CaseStatus[]; action: Action }> = {
  verify: { from: ["reported"], action: "case:verify" },
  "resolve-on-site": { from: ["verified"], action: "case:resolve-on-site" },
  accept: { from: ["verified"], action: "case:accept" },
  dispatch: { from: ["accepted"], action: "case:dispatch" },
  sign: { from: ["dispatched"], action: "case:sign" },
  handle: { from: ["signed"], action: "case:handle" },
  check: { from: ["handled"], action: "case:check" },
  rate: { from: ["closed"], action: "case:rate" },
  archive: { from: ["closed", "rated", "invalid", "merged"], action: "case:archive" },
  return: { from: ["dispatched", "signed"], action: "case:return" },
  escalate: { from: BEFORE_DISPATCH, action: "case:escalate" },
  "request-extension": { from: ["dispatched", "signed"], action: "case:request-extension" },
  "review-extension": { from: ["dispatched", "signed"], action: "case:review-extension" },
  merge: { from: BEFORE_DISPATCH, action: "case:merge" },
  invalidate: { from: BEFORE_DISPATCH, action: "case:close-invalid" },
  "approve-matter": { from: BEFORE_DISPATCH, action: "case:approve-matter" },
};

export function isOpen(status: CaseStatus): boolean {
  return OPEN.includes(status);
}

/** Commands whose start status is the current one (the "allowed now" list of a 409). */
export function allowedFrom(status: CaseStatus): CommandName[] {
  return (Object.keys(TRANSITIONS) as CommandName[]).filter((name) => TRANSITIONS[name].from.includes(status));
}
