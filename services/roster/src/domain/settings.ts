import type { CountySettings as Schema } from "@civicgrid/contracts";
import type { z } from "@hono/zod-openapi";

export type CountySettings = z.infer<typeof Schema>;

/** Defaults where a county has set nothing: Gansu's minimums (two trainings a year), a 5-working-day notice. */
export const DEFAULT_SETTINGS = { fullTimeRequired: false, noticeWorkingDays: 5, minTrainingsPerYear: 2 } as const;

/** A county's settings, or the defaults (version 0: never set) when it has none. */
export function settingsOrDefault(countyCode: string, stored: CountySettings | undefined): CountySettings {
  return stored ?? { countyCode, ...DEFAULT_SETTINGS, version: 0 };
}
