import { TAG_KINDS, type BaseDataSettingsBody, type VisitEvery } from "@civicgrid/contracts";

/** The visit rule in force for every tag kind: the county's where it set one (null included), else the default. */
export function effectiveVisitRules(rules: BaseDataSettingsBody["visitRules"]): Record<string, VisitEvery | null> {
  return Object.fromEntries(
    TAG_KINDS.map((k) => [k.code, k.code in rules ? (rules[k.code] ?? null) : k.visitEvery] as const),
  );
}

/** Days a person who left is kept when the county set nothing. */
export const DEFAULT_RETENTION_DAYS = 1095;
