import { can, type Action } from "@civicgrid/auth";
import {
  divisionLevel,
  isWithinDivision,
  type MatterChange,
  type Principal,
  type RegistryEventType,
} from "@civicgrid/contracts";
import { fieldRefusal, refusal, type Refusal } from "./refusal";
import { latestDate } from "./time";

/**
 * A change to a county's admission or forbidden list (网格事项准入清单), one table. Jiangmen 第九条: a change
 * is asked for by one of the county's linkage departments or a township agency of the county, approved by
 * the county's agency and filed with the city. Approval files a new version of the county's lists. For each
 * command: the statuses it starts from, who may issue it, its guards, its effect on the request and the
 * event it emits. The store applies the effect with the `from` status and the version read as a guard in the
 * same batch, so a request is never both approved and refused, nor approved twice.
 */
export type MatterChangeStatus = "pending" | "approved" | "refused";
export type MatterChangeCommand = "request" | "approve" | "refuse";

export interface MatterChangeEffect {
  status: MatterChangeStatus;
  decidedBy?: string;
  decidedAt?: string;
  decisionNote?: string | null;
  listNumber?: number;
}

/** What an approval's guards and effect read. */
export interface MatterDecisionInput extends RefusalInput {
  today: string;
  change: MatterChange;
  /** approve: the date asked for (default: the earliest allowed). */
  effectiveDate?: string;
  /** approve: the county's newest list version, and the list (if any) that holds the matter in it. */
  latest: { number: number; effectiveDate: string } | null;
  present: { list: "admission" | "forbidden" } | null;
  /** approve, for an added item naming a category: whether the city's catalogue has it. */
  categoryKnown: boolean;
}

export interface RefusalInput {
  actor: string;
  now: string;
  note?: string | null;
}

/** Who may ask to change a county's lists: its departments and township agencies; the county agency decides. */
export function mayRequest(p: Principal, countyCode: string): boolean {
  if (p.roles.includes("platform_admin")) return true;
  const own = { divisionCode: p.divisionCode, ...(p.departmentId ? { departmentId: p.departmentId } : {}) };
  if (!can(p, "matter:request-change", own) || !isWithinDivision(p.divisionCode, countyCode)) return false;
  if (p.roles.includes("department") && p.departmentId && p.divisionCode === countyCode) return true;
  return p.roles.includes("agency") && divisionLevel(p.divisionCode) === "township";
}

export const matterOf = (change: MatterChange) =>
  change.action === "add" ? change.item.matterCode : change.matterCode;
/** A new version takes effect today or later, and not before the county's newest one. */
const earliestOf = (input: MatterDecisionInput) => latestDate(input.today, input.latest?.effectiveDate);

function approvalRefusal(input: MatterDecisionInput): Refusal | null {
  const { change, present } = input;
  const earliest = earliestOf(input);
  if ((input.effectiveDate ?? earliest) < earliest)
    return fieldRefusal("body.effectiveDate", `must be ${earliest} or later`, "unprocessable");
  const matterCode = matterOf(change);
  if (change.action === "add" && present)
    return refusal("conflict", `matter ${matterCode} is already on the ${present.list} list; withdraw it first`);
  if (change.action === "withdraw" && present?.list !== change.list)
    return refusal("conflict", `matter ${matterCode} is not on the ${change.list} list`);
  if (change.action === "add" && change.item.categoryCode && !input.categoryKnown) {
    return refusal("unprocessable", `category ${change.item.categoryCode} is not in the city's catalogue`);
  }
  return null;
}

interface Entry<I> {
  from: readonly MatterChangeStatus[];
  who: { action: Action; rule: string };
  guard: (input: I) => Refusal | null;
  effect: (input: I) => MatterChangeEffect;
  event: RegistryEventType | null;
}

export const MATTER_CHANGE_LIFECYCLE: {
  request: Entry<{ countyCode: string }>;
  approve: Entry<MatterDecisionInput>;
  refuse: Entry<RefusalInput>;
} = {
  request: {
    from: [],
    who: {
      action: "matter:request-change",
      rule: "a department of the county, or a township agency in it (mayRequest)",
    },
    guard: ({ countyCode }) =>
      divisionLevel(countyCode) === "county"
        ? null
        : fieldRefusal("body.countyCode", `${countyCode} is not a county`, "unprocessable"),
    effect: () => ({ status: "pending" }),
    event: null,
  },
  approve: {
    from: ["pending"],
    who: { action: "matter:review-change", rule: "the county's agency" },
    guard: approvalRefusal,
    effect: (input) => ({
      status: "approved",
      decidedBy: input.actor,
      decidedAt: input.now,
      decisionNote: input.note ?? null,
      listNumber: (input.latest?.number ?? 0) + 1,
    }),
    // The new list version is announced (registry.matter_list.changed) with its number and effective date.
    event: "registry.matter_list.changed",
  },
  refuse: {
    from: ["pending"],
    who: { action: "matter:review-change", rule: "the county's agency" },
    guard: ({ note }) => (note?.trim() ? null : fieldRefusal("body.note", "a refusal gives its reason")),
    effect: ({ actor, now, note }) => ({
      status: "refused",
      decidedBy: actor,
      decidedAt: now,
      decisionNote: note ?? null,
    }),
    event: null,
  },
};

/** Refuses a decision on a request that is no longer pending (409). */
export function matterStatusRefusal(command: MatterChangeCommand, status: MatterChangeStatus): Refusal | null {
  const { from } = MATTER_CHANGE_LIFECYCLE[command];
  return from.includes(status) ? null : refusal("invalid_transition", `the request is ${status}`, { allowed: from });
}

/** The approval's guards, then the effect and the date the new list version takes effect. */
export function decideApproval(
  input: MatterDecisionInput,
): { effect: MatterChangeEffect; effectiveDate: string } | Refusal {
  const entry = MATTER_CHANGE_LIFECYCLE.approve;
  return entry.guard(input) ?? { effect: entry.effect(input), effectiveDate: input.effectiveDate ?? earliestOf(input) };
}

export function decideRefusal(input: RefusalInput): MatterChangeEffect | Refusal {
  const entry = MATTER_CHANGE_LIFECYCLE.refuse;
  return entry.guard(input) ?? entry.effect(input);
}
