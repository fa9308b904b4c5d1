import { eq, sql } from "drizzle-orm";
import { settingsOrDefault, type CountySettings } from "../domain/settings";
import type { Db } from "./db";
import { countySettings } from "./schema";

export async function loadCountySettings(db: Db, countyCode: string): Promise<CountySettings> {
  const [row] = await db.select().from(countySettings).where(eq(countySettings.countyCode, countyCode));
  return settingsOrDefault(countyCode, row);
}

/** Writes a county's settings if they are still at `version` (0: never set); false when they changed meanwhile. */
export async function writeCountySettings(
  db: Db,
  s: Omit<CountySettings, "version">,
  version: number,
): Promise<boolean> {
  const { fullTimeRequired, noticeWorkingDays, minTrainingsPerYear } = s;
  const result = await db
    .insert(countySettings)
    .values({ ...s, version: 1 })
    .onConflictDoUpdate({
      target: countySettings.countyCode,
      set: { fullTimeRequired, noticeWorkingDays, minTrainingsPerYear, version: sql`${countySettings.version} + 1` },
      setWhere: eq(countySettings.version, version),
    })
    .run();
  return result.meta.changes > 0;
}
