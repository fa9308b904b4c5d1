import { divisionAncestors } from "@civicgrid/contracts";

/**
 * Audiences are addressed by key and resolved when read, so a rule needs no person lookup:
 * `user:<sub>`, `dept:<departmentId>`, `agency:<divisionCode>`, `grid:<gridCode>`, `subscribers:<gridCode>`,
 * `role:<role>` (everyone holding a role with no jurisdiction of its own: `role:platform_admin`).
 * A rule's audience expression is `<kind>:<selector>`; the selector names a field of the event data
 * (a string, or a list of them) or a derived value (`holderParent`: the agency above the holder).
 * Kind `unit` picks `dept:` or `agency:` by the shape of the value (a responsible unit is either).
 */
export const AUDIENCE_KINDS = ["user", "dept", "agency", "grid", "subscribers", "role", "unit"] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];
export type KeyKind = Exclude<AudienceKind, "unit">;

export interface AudienceExpression {
  kind: AudienceKind;
  selector: string;
}

const EXPRESSION = /^([a-z]+):([A-Za-z]+)$/;

export function parseAudience(text: string): AudienceExpression | null {
  const m = EXPRESSION.exec(text);
  if (!m || !(AUDIENCE_KINDS as readonly string[]).includes(m[1]!)) return null;
  return { kind: m[1] as AudienceKind, selector: m[2]! };
}

function selected(selector: string, data: Record<string, unknown>): string[] {
  if (selector === "holderParent") {
    const holder = data.holderDivisionCode;
    const parent = typeof holder === "string" ? divisionAncestors(holder)[0] : undefined;
    return parent ? [parent] : [];
  }
  const value = data[selector];
  if (typeof value === "string" && value !== "") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v !== "");
  return [];
}

function keyOf(kind: AudienceKind, value: string): string | null {
  if (kind !== "unit") return `${kind}:${value}`;
  if (value.startsWith("dept-")) return `dept:${value}`;
  if (/^\d{12}$/.test(value)) return `agency:${value}`;
  return null;
}

/** The recipient keys an expression names for one event (empty when the event lacks the field). */
export function resolveAudience(expression: AudienceExpression, data: Record<string, unknown>): string[] {
  const keys = selected(expression.selector, data)
    .map((v) => keyOf(expression.kind, v))
    .filter((k): k is string => k !== null);
  return [...new Set(keys)];
}

export function splitKey(key: string): { kind: KeyKind; value: string } {
  const at = key.indexOf(":");
  return { kind: key.slice(0, at) as KeyKind, value: key.slice(at + 1) };
}

/** A rule's optional condition `field=value` on the event data (e.g. `priority=emergency`). */
export function conditionHolds(condition: string | null, data: Record<string, unknown>): boolean {
  if (!condition) return true;
  const [field, expected] = condition.split("=");
  return field !== undefined && expected !== undefined && String(data[field] ?? "") === expected;
}
