import type { Preferences, PreferencesUpdate } from "@civicgrid/contracts";
import { eq, sql } from "drizzle-orm";
import type { Db } from "./db";
import { preferences } from "./schema";

/** An owner's quiet hours and digest setting; version 0 when never set. */
export async function preferencesOf(db: Db, ownerKey: string): Promise<Preferences> {
  const row = await db
    .select({
      ownerKey: preferences.ownerKey,
      quietStart: preferences.quietStart,
      quietEnd: preferences.quietEnd,
      digest: preferences.digest,
      version: preferences.version,
    })
    .from(preferences)
    .where(eq(preferences.ownerKey, ownerKey))
    .get();
  return row ?? { ownerKey, quietStart: null, quietEnd: null, digest: false, version: 0 };
}

const pick = ({ quietStart, quietEnd, digest }: PreferencesUpdate) => ({ quietStart, quietEnd, digest });

/**
 * Writes an owner's preferences if they are still at `version` (0: never set), in one statement so two writers
 * cannot both win. False when they changed meanwhile.
 */
export async function savePreferences(db: Db, ownerKey: string, next: PreferencesUpdate, version: number, at: string) {
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  const result = await db
    .insert(preferences)
    .values({ ownerKey, ...pick(next), version: 1, updatedAt: at })
    .onConflictDoUpdate({
      target: preferences.ownerKey,
      set: {
        quietStart: excluded("quiet_start"),
        quietEnd: excluded("quiet_end"),
        digest: excluded("digest"),
        version: sql`${preferences.version} + 1`,
        updatedAt: excluded("updated_at"),
      },
      setWhere: eq(preferences.version, version),
    });
  return result.meta.changes > 0;
}
