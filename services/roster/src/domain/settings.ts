import type { CountySettings as Schema } from "@civicgrid/contracts";
import type { z } from "@hono/zod-openapi";

type CountySettings = z.infer<typeof Schema>;

/** Defaults where a county has set nothing: Gansu's minimums (two trainings a year), a 5-working-day notice. */
export const DEFAULT_SETTINGS = { fullTimeRequired: false, noticeWorkingDays: 5, minTrainingsPerYear: 2 } as const;

export async function countySettings(db: D1Database, countyCode: string): Promise<CountySettings> {
  const row = await db
    .prepare("SELECT full_time_required, notice_working_days, min_trainings_per_year, version FROM county_settings WHERE county_code = ?1")
    .bind(countyCode)
    .first<{ full_time_required: number; notice_working_days: number; min_trainings_per_year: number; version: number }>();
  if (!row) return { countyCode, ...DEFAULT_SETTINGS, version: 0 };
  return {
    countyCode,
    fullTimeRequired: row.full_time_required === 1,
    noticeWorkingDays: row.notice_working_days,
    minTrainingsPerYear: row.min_trainings_per_year,
    version: row.version,
  };
}
