import type { Conflict, Role, SubmissionStatus } from "@civicgrid/contracts";
import type { Actor } from "./actor";
import type { Refusal } from "./refusal";

/**
 * The lifecycle of a submission (采集 → 核查, Jiangmen 第十一条(二)): for each command, the statuses it starts from,
 * who may issue it, its guard, the status it leads to and the event it emits. A grid worker's change waits for the
 * agency's verification; an agency may verify its own collection at once (verifyNow); nobody verifies a change
 * they submitted later (four eyes), and no change with a blocking conflict enters the base.
 */
export type SubmissionCommand = "submit" | "approve" | "reject" | "withdraw";

export interface SubmissionFacts {
  status: SubmissionStatus | null;
  submittedBy: string | null;
  conflicts: readonly Conflict[];
  note?: string | undefined;
  verifyNow?: boolean;
}

interface Rule {
  from: readonly (SubmissionStatus | null)[];
  roles: readonly Role[];
  guard?: (facts: SubmissionFacts, actor: Actor) => Refusal | null;
  to: (facts: SubmissionFacts, actor: Actor) => SubmissionStatus;
  event: string | ((to: SubmissionStatus) => string | null);
}

const blocking = (facts: SubmissionFacts): Refusal | null => {
  const found = facts.conflicts.filter((c) => c.blocking);
  if (found.length === 0) return null;
  return {
    code: "conflict",
    detail: `the change conflicts with the base data: ${found.map((c) => c.message).join("; ")}`,
    extra: { conflicts: found },
  };
};

export const SUBMISSION_LIFECYCLE: Record<SubmissionCommand, Rule> = {
  submit: {
    from: [null],
    roles: ["grid_worker", "agency"],
    guard: (facts, actor) => {
      if (facts.verifyNow && actor.role !== "agency")
        return {
          code: "unprocessable",
          detail: "body.verifyNow: only an agency verifies a change as it submits it",
          errors: [{ field: "body.verifyNow", message: "only an agency verifies a change as it submits it" }],
        };
      return facts.verifyNow ? blocking(facts) : null;
    },
    to: (facts) => (facts.verifyNow ? "approved" : "pending"),
    event: (to) => (to === "approved" ? "basedata.submission.approved" : null),
  },
  approve: {
    from: ["pending"],
    roles: ["agency"],
    guard: (facts, actor) =>
      facts.submittedBy === actor.sub
        ? { code: "forbidden", detail: "a change is verified by someone other than who submitted it" }
        : blocking(facts),
    to: () => "approved",
    event: "basedata.submission.approved",
  },
  reject: {
    from: ["pending"],
    roles: ["agency"],
    guard: (facts) =>
      facts.note?.trim()
        ? null
        : {
            code: "unprocessable",
            detail: "body.note: a rejection says why, so the worker can correct the change",
            errors: [{ field: "body.note", message: "required when rejecting" }],
          },
    to: () => "rejected",
    event: "basedata.submission.rejected",
  },
  withdraw: {
    from: ["pending"],
    roles: ["grid_worker", "agency"],
    guard: (facts, actor) =>
      facts.submittedBy === actor.sub
        ? null
        : { code: "forbidden", detail: "only the submitter withdraws a submission" },
    to: () => "withdrawn",
    event: "basedata.submission.withdrawn",
  },
};

export type Transition = { ok: true; to: SubmissionStatus; event: string | null } | { ok: false; refusal: Refusal };

/** Whether `actor` may run `command` on a submission in `facts`, and where it leads. */
export function decideSubmission(command: SubmissionCommand, facts: SubmissionFacts, actor: Actor): Transition {
  const rule = SUBMISSION_LIFECYCLE[command];
  if (!rule.from.includes(facts.status))
    return {
      ok: false,
      refusal: {
        code: "invalid_transition",
        detail: `cannot ${command} a submission that is ${facts.status ?? "new"}`,
        extra: { allowed: rule.from },
      },
    };
  if (!rule.roles.includes(actor.role))
    return { ok: false, refusal: { code: "forbidden", detail: `a ${actor.role} cannot ${command} a submission` } };
  const refusal = rule.guard?.(facts, actor) ?? null;
  if (refusal) return { ok: false, refusal };
  const to = rule.to(facts, actor);
  return { ok: true, to, event: typeof rule.event === "string" ? rule.event : rule.event(to) };
}
