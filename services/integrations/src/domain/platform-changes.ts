import { isWithinDivision } from "@civicgrid/contracts";

/** One audited change of a platform: who, what, and the fields as they were and became (never a secret). */
export interface AuditEntry {
  platform: string;
  actor: string;
  action: "created" | "updated" | "mappings_changed" | "secret_rotated";
  changes: Record<string, unknown>;
}

/** What an administrator may change of a platform. */
export interface Editable {
  name: string;
  callbackUrl: string;
  active: boolean;
  categoryMap: Record<string, string>;
  divisionMap: Record<string, string>;
}

/** The fields that differ, as { field: { from, to } }; maps are compared key by key. */
export function diff(before: Editable, after: Editable): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ["name", "callbackUrl", "active"] as const) {
    if (before[field] !== after[field]) out[field] = { from: before[field], to: after[field] };
  }
  for (const field of ["categoryMap", "divisionMap"] as const) {
    const keys = new Set([...Object.keys(before[field]), ...Object.keys(after[field])]);
    for (const key of keys) {
      const [from, to] = [before[field][key] ?? null, after[field][key] ?? null];
      if (from !== to) out[`${field}.${key}`] = { from, to };
    }
  }
  return out;
}

/** A map with a patch applied: a code set to null is removed. */
export function patched(
  map: Record<string, string>,
  patch: Record<string, string | null> | undefined,
): Record<string, string> {
  const out = { ...map };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

/**
 * The mappings (their code, our code) that lie outside the platform's division: a platform maps only what it
 * serves. "Inside" is the shared division rule (a city's counties are inside the city).
 */
export function outsideDivision(platformDivision: string, divisionMap: Record<string, string>): [string, string][] {
  return Object.entries(divisionMap).filter(([, code]) => !isWithinDivision(code, platformDivision));
}
