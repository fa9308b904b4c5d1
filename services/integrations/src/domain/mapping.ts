import type { FieldError } from "@civicgrid/contracts";

/** A platform's code mappings: their category code → our matter code, their division code → our 12-digit code. */
export interface CodeMaps {
  id: string;
  categoryMap: Record<string, string>;
  divisionMap: Record<string, string>;
}

export type Mapped =
  { ok: true; matterCode: string; divisionCode: string } | { ok: false; detail: string; errors: FieldError[] };

/**
 * Their codes → ours, from the platform's configured mapping. An unmapped code is refused by name, so the
 * platform's operators know which mapping to ask for; nothing is guessed.
 */
export function mapCodes(platform: CodeMaps, categoryCode: string, divisionCode: string): Mapped {
  const matterCode = platform.categoryMap[categoryCode];
  if (!matterCode) {
    return {
      ok: false,
      detail: `category code ${categoryCode} of ${platform.id} is not mapped to a matter`,
      errors: [{ field: "body.data.categoryCode", message: `unmapped code ${categoryCode}` }],
    };
  }
  const ours = platform.divisionMap[divisionCode];
  if (!ours) {
    return {
      ok: false,
      detail: `division code ${divisionCode} of ${platform.id} is not mapped to a division`,
      errors: [{ field: "body.data.divisionCode", message: `unmapped code ${divisionCode}` }],
    };
  }
  return { ok: true, matterCode, divisionCode: ours };
}
