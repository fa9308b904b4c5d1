import type { AssessmentSettings, AssessmentSettingsBody, ScoringRules, ScoringRulesBody } from "@civicgrid/contracts";
import { and, desc, eq, lte } from "drizzle-orm";
import { defaultRules, defaultSettings } from "../domain/settings";
import type { Db } from "./db";
import { countySettings, scoringRules } from "./schema";

export async function loadSettings(db: Db, countyCode: string): Promise<AssessmentSettings> {
  const row = await db.select().from(countySettings).where(eq(countySettings.countyCode, countyCode)).get();
  if (!row) return defaultSettings(countyCode);
  const { dailyPatrolMinutes, maxSpeedKmh, gradeThresholds, version, updatedAt } = row;
  return { countyCode, dailyPatrolMinutes, maxSpeedKmh, gradeThresholds, version, isDefault: false, updatedAt };
}

/**
 * Writes version `basedOn + 1` of a county's settings, only if the stored version is still `basedOn` (one
 * statement, so two concurrent edits cannot both win). False: someone else's edit came first.
 */
export async function saveSettings(
  db: Db,
  countyCode: string,
  body: AssessmentSettingsBody,
  basedOn: number,
  updatedBy: string,
): Promise<boolean> {
  const row = { countyCode, ...body, version: basedOn + 1, updatedBy, updatedAt: new Date().toISOString() };
  const { countyCode: _key, ...changes } = row;
  const written = await db
    .insert(countySettings)
    .values(row)
    .onConflictDoUpdate({
      target: countySettings.countyCode,
      set: changes,
      setWhere: eq(countySettings.version, basedOn),
    })
    .run();
  return written.meta.changes > 0;
}

const toRules = (row: typeof scoringRules.$inferSelect): ScoringRules => ({
  countyCode: row.countyCode,
  version: row.version,
  effectiveFrom: row.effectiveFrom,
  weights: row.weights,
  isDefault: false,
});

/** The newest version (what an edit must be based on), or the defaults as version 0. */
export async function latestRules(db: Db, countyCode: string): Promise<ScoringRules> {
  const row = await db
    .select()
    .from(scoringRules)
    .where(eq(scoringRules.countyCode, countyCode))
    .orderBy(desc(scoringRules.version))
    .limit(1)
    .get();
  return row ? toRules(row) : defaultRules(countyCode);
}

/** The rules a period is scored by: the newest version already in effect on the period's first day. */
export async function rulesForPeriod(db: Db, countyCode: string, firstDay: string): Promise<ScoringRules> {
  const row = await db
    .select()
    .from(scoringRules)
    .where(and(eq(scoringRules.countyCode, countyCode), lte(scoringRules.effectiveFrom, firstDay)))
    .orderBy(desc(scoringRules.effectiveFrom), desc(scoringRules.version))
    .limit(1)
    .get();
  return row ? toRules(row) : defaultRules(countyCode);
}

/** Adds version `version` of the 考核细则; false when that version exists already (someone added it meanwhile). */
export async function addRules(db: Db, countyCode: string, version: number, body: ScoringRulesBody, createdBy: string) {
  const written = await db
    .insert(scoringRules)
    .values({ countyCode, version, ...body, createdBy, createdAt: new Date().toISOString() })
    .onConflictDoNothing()
    .run();
  return written.meta.changes > 0;
}
