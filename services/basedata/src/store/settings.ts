import type { BaseDataSettings, BaseDataSettingsBody } from "@civicgrid/contracts";
import { eq, sql } from "drizzle-orm";
import { DEFAULT_RETENTION_DAYS, effectiveVisitRules } from "../domain/settings";
import { database } from "./db";
import { countySettings } from "./schema";

/** A county's base-data settings; the defaults (version 0) when it never set any. */
export async function settingsOf(d1: D1Database, countyCode: string): Promise<BaseDataSettings> {
  const row = await database(d1).select().from(countySettings).where(eq(countySettings.countyCode, countyCode)).get();
  const visitRules = row ? (JSON.parse(row.visitRules) as BaseDataSettingsBody["visitRules"]) : {};
  return {
    countyCode,
    visitRules,
    retentionDays: row?.retentionDays ?? DEFAULT_RETENTION_DAYS,
    effectiveVisitRules: effectiveVisitRules(visitRules),
    version: row?.version ?? 0,
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

/**
 * Replaces a county's settings when they are still at `expectedVersion` (0: never set); answers false when someone
 * changed them in between (the route answers 412).
 */
export async function putSettings(
  d1: D1Database,
  countyCode: string,
  body: BaseDataSettingsBody,
  expectedVersion: number,
  by: string,
  at: Date,
): Promise<boolean> {
  const values = {
    countyCode,
    visitRules: JSON.stringify(body.visitRules),
    retentionDays: body.retentionDays,
    version: expectedVersion + 1,
    updatedBy: by,
    updatedAt: at.toISOString(),
  };
  const result = await database(d1)
    .insert(countySettings)
    .values(values)
    .onConflictDoUpdate({
      target: countySettings.countyCode,
      set: { ...values, countyCode: sql`${countySettings.countyCode}` },
      setWhere: eq(countySettings.version, expectedVersion),
    })
    .run();
  return result.meta.changes > 0;
}
