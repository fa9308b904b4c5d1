import type { Action } from "@civicgrid/auth";
import { divisionAncestors, type LayoutFindings, type RegistryEventType } from "@civicgrid/contracts";
import { fieldRefusal, refusal, type Refusal } from "./refusal";
import { latestDate } from "./time";

/**
 * The filing (备案) of a county's grid layout, one table: Jiangmen 第八条 has the county's agency set its
 * grids and file the layout with the city's agency. A county drafts one layout at a time, edits it, submits
 * it; the city returns it with reasons (the county edits and submits again) or accepts it with the date its
 * changes take effect. For each command: the statuses it starts from, the status it leaves, who may issue it
 * (an action of the policy, at the county or at the city it files with), its guards, its effect on the
 * layout and the event it emits. The store applies the effect with the `from` statuses and the version read
 * as a guard in the same batch, so two concurrent commands cannot both win.
 */
export type LayoutStatus = "draft" | "submitted" | "returned" | "accepted";
export type LayoutCommand = "open" | "edit" | "submit" | "return" | "accept";

/** The columns a command sets on the layout (besides its version, which every command moves). */
export interface LayoutEffect {
  status?: LayoutStatus;
  note?: string | null;
  effectiveDate?: string;
  reviewReasons?: string[];
  submittedBy?: string;
  submittedAt?: string;
  reviewedBy?: string;
  reviewedAt?: string;
}

/** What a command's guards and effect read: who, when, and what the request and the store supplied. */
export interface LayoutInput {
  actor: string;
  now: string;
  today: string;
  note?: string | null;
  /** submit: the layout's changes and what the rules find over its villages. */
  changeCount?: number;
  findings?: LayoutFindings;
  /** return */
  reasons?: string[];
  /** accept: the date asked for, and the county's latest accepted layout's. */
  effectiveDate?: string;
  lastEffectiveDate?: string | null;
}

interface Entry {
  /** Statuses the command starts from; empty for `open`, which starts a new layout. */
  from: readonly LayoutStatus[];
  who: { action: Action; at: "county" | "city" };
  guard: (input: LayoutInput) => Refusal | null;
  effect: (input: LayoutInput) => LayoutEffect;
  event: RegistryEventType | null;
}

/** Not yet accepted: a county has at most one such layout. */
export const OPEN_LAYOUT_STATUSES: readonly LayoutStatus[] = ["draft", "submitted", "returned"];
const EDITABLE: readonly LayoutStatus[] = ["draft", "returned"];
const none = () => null;

export const LAYOUT_LIFECYCLE: Record<LayoutCommand, Entry> = {
  // A county has at most one open layout (the layouts_one_open index); the route refuses a second with 409.
  open: {
    from: [],
    who: { action: "grid:write", at: "county" },
    guard: none,
    effect: () => ({ status: "draft" }),
    event: null,
  },
  edit: { from: EDITABLE, who: { action: "grid:write", at: "county" }, guard: none, effect: () => ({}), event: null },
  submit: {
    from: EDITABLE,
    who: { action: "grid:file", at: "county" },
    guard: ({ changeCount, findings }) => {
      if (!changeCount) return refusal("unprocessable", "the layout changes nothing; there is nothing to file");
      // 无缝覆盖 (第八条): a layout is filed only when its villages are covered, without gaps or overlaps.
      if (findings && findings.overlaps.length + findings.outside.length + findings.gaps.length > 0) {
        return refusal(
          "unprocessable",
          "a layout is filed only when its villages are covered without gaps or overlaps",
          { findings },
        );
      }
      return null;
    },
    effect: ({ actor, now, note }) => ({
      status: "submitted",
      submittedBy: actor,
      submittedAt: now,
      note: note ?? null,
      reviewReasons: [],
    }),
    event: "registry.layout.submitted",
  },
  return: {
    from: ["submitted"],
    who: { action: "grid:review-filing", at: "city" },
    guard: ({ reasons }) => (reasons?.length ? null : fieldRefusal("body.reasons", "a returned layout says why")),
    effect: ({ actor, now, reasons }) => ({
      status: "returned",
      reviewedBy: actor,
      reviewedAt: now,
      reviewReasons: reasons ?? [],
    }),
    event: "registry.layout.returned",
  },
  accept: {
    from: ["submitted"],
    who: { action: "grid:review-filing", at: "city" },
    // History is never rewritten: a layout takes effect today or later, and not before the county's last one.
    guard: ({ effectiveDate, today, lastEffectiveDate }) => {
      const earliest = latestDate(today, lastEffectiveDate);
      return effectiveDate && effectiveDate >= earliest
        ? null
        : fieldRefusal("body.effectiveDate", `must be ${earliest} or later`, "unprocessable");
    },
    effect: ({ actor, now, effectiveDate }) => ({
      status: "accepted",
      reviewedBy: actor,
      reviewedAt: now,
      effectiveDate: effectiveDate ?? "",
      reviewReasons: [],
    }),
    event: "registry.layout.accepted",
  },
};

/** Refuses a command the layout's status does not allow (409), naming what it would take. */
export function statusRefusal(command: LayoutCommand, layout: { id: string; status: LayoutStatus }): Refusal | null {
  const { from } = LAYOUT_LIFECYCLE[command];
  if (from.includes(layout.status)) return null;
  return refusal(
    "invalid_transition",
    `layout ${layout.id} is ${layout.status}; ${command} needs a ${from.join(" or ")} layout`,
    {
      allowed: from,
    },
  );
}

/** The guards of a command over the input, then its effect: what the store writes, or why not. */
export function decideLayout(command: LayoutCommand, input: LayoutInput): LayoutEffect | Refusal {
  const entry = LAYOUT_LIFECYCLE[command];
  return entry.guard(input) ?? entry.effect(input);
}

/**
 * Where a command's issuer is checked: the county itself, or the city it files with (review is by an agency
 * whose jurisdiction holds the city, never the county itself).
 */
export function issuerOf(command: LayoutCommand, countyCode: string): { action: Action; divisionCode: string } {
  const { who } = LAYOUT_LIFECYCLE[command];
  return {
    action: who.action,
    divisionCode: who.at === "city" ? (divisionAncestors(countyCode)[0] ?? countyCode) : countyCode,
  };
}
