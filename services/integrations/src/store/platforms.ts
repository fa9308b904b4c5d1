import { and, asc, desc, eq, exists, gt, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { ListScope } from "@civicgrid/auth";
import { scopeWhere } from "@civicgrid/http";
import type { AuditEntry, Editable } from "../domain/platform-changes";
import { cursorKey, dbOf, type Db } from "./db";
import { platformAudit, platforms, platformSecrets } from "./schema";

export type Platform = typeof platforms.$inferSelect;
export type NewPlatform = Omit<typeof platforms.$inferInsert, "version" | "updatedAt" | "settingSecretsUntil">;

export async function findPlatform(d1: D1Database, id: string): Promise<Platform | null> {
  return (await dbOf(d1).select().from(platforms).where(eq(platforms.id, id)).get()) ?? null;
}

/** The platforms serving a division within the scope (see listScope), by id. */
export function listPlatforms(d1: D1Database, scope: ListScope): Promise<Platform[]> {
  const within = scopeWhere(scope, { division: platforms.divisionCode });
  return dbOf(d1).select().from(platforms).where(within).orderBy(asc(platforms.id)).all();
}

/** A secret that still verifies after `at` (a rotated-out one until its expiry). */
const validAfter = (at: string) => or(isNull(platformSecrets.expiresAt), gt(platformSecrets.expiresAt, at));

/** The platform as this request left it: at `version`, stamped `at` (a guard for the statements that follow). */
const leftAt = (id: string, version: number, at: string) =>
  and(eq(platforms.id, id), eq(platforms.version, version), eq(platforms.updatedAt, at));

/**
 * An audit row written only when `guard` holds after the batch's earlier statements (INSERT … SELECT … WHERE),
 * so a change and its audit are one atomic batch and a change that did not take is not audited.
 */
function auditIf(db: Db, entry: AuditEntry, at: string, guard: SQL | undefined) {
  return db.insert(platformAudit).select(
    db
      .select({
        id: sql<number>`NULL`.as("id"),
        platform: platforms.id,
        actor: sql<string>`${entry.actor}`.as("actor"),
        action: sql<string>`${entry.action}`.as("action"),
        changes: sql<string>`${JSON.stringify(entry.changes)}`.as("changes"),
        at: sql<string>`${at}`.as("at"),
      })
      .from(platforms)
      .where(and(eq(platforms.id, entry.platform), guard)),
  );
}

/** Registers a platform and audits it, unless one with its id exists (then nothing is written: false). */
export async function createPlatform(d1: D1Database, input: NewPlatform, entry: AuditEntry): Promise<boolean> {
  const db = dbOf(d1);
  const at = new Date().toISOString();
  const [inserted] = await db.batch([
    db
      .insert(platforms)
      .values({ ...input, updatedAt: at })
      .onConflictDoNothing()
      .returning({ id: platforms.id }),
    // Audited only if this request created it (a second create of the id writes nothing).
    auditIf(db, entry, at, sql`changes() = 1`),
  ]);
  return inserted.length > 0;
}

/**
 * Writes the platform's editable fields if it is still at `version`, and its audit entry, in one batch.
 * Returns false when someone else changed it first (nothing written).
 */
export async function savePlatform(
  d1: D1Database,
  before: Platform,
  after: Editable,
  entry: AuditEntry,
): Promise<boolean> {
  const db = dbOf(d1);
  const at = new Date().toISOString();
  const { name, callbackUrl, active, categoryMap, divisionMap } = after;
  const editable = { name, callbackUrl, active, categoryMap, divisionMap };
  const [updated] = await db.batch([
    db
      .update(platforms)
      .set({ ...editable, version: sql`${platforms.version} + 1`, updatedAt: at })
      .where(and(eq(platforms.id, before.id), eq(platforms.version, before.version)))
      .returning({ id: platforms.id }),
    // The audit row is written only when this update took: the platform is then at the next version, stamped `at`.
    auditIf(db, entry, at, leftAt(before.id, before.version + 1, at)),
  ]);
  return updated.length > 0;
}

/**
 * A rotation in one batch: the version bump; older secrets (issued ones and the setting's) verify until `until`;
 * the new secret; the audit. Every statement after the bump runs only if this request made it. False when the
 * platform was no longer at `version`.
 */
export async function rotateSecret(
  d1: D1Database,
  platform: Pick<Platform, "id" | "version">,
  rotation: { secret: string; at: string; until: string; entry: AuditEntry },
): Promise<boolean> {
  const db = dbOf(d1);
  const { secret, at, until, entry } = rotation;
  const mine = leftAt(platform.id, platform.version + 1, at);
  const minePlatform = exists(db.select({ id: platforms.id }).from(platforms).where(mine));
  const settingUntil = platforms.settingSecretsUntil;
  const [bumped] = await db.batch([
    db
      .update(platforms)
      .set({
        version: sql`${platforms.version} + 1`,
        updatedAt: at,
        // The bootstrap secrets stop at the first rotation's grace end, never later than an earlier rotation set.
        settingSecretsUntil: sql`CASE WHEN ${settingUntil} IS NULL OR ${settingUntil} > ${until}
          THEN ${until} ELSE ${settingUntil} END`,
      })
      .where(and(eq(platforms.id, platform.id), eq(platforms.version, platform.version)))
      .returning({ id: platforms.id }),
    db
      .update(platformSecrets)
      .set({ expiresAt: until })
      .where(and(eq(platformSecrets.platform, platform.id), validAfter(until), minePlatform)),
    db.insert(platformSecrets).select(
      db
        .select({
          id: sql<number>`NULL`.as("id"),
          platform: platforms.id,
          secret: sql<string>`${secret}`.as("secret"),
          createdAt: sql<string>`${at}`.as("created_at"),
          expiresAt: sql<string | null>`NULL`.as("expires_at"),
        })
        .from(platforms)
        .where(mine),
    ),
    auditIf(db, entry, at, mine),
  ]);
  return bumped.length > 0;
}

/** The secrets issued through the admin API that verify at `now`, newest first. */
export function issuedSecrets(d1: D1Database, platform: string, now: string) {
  return dbOf(d1)
    .select()
    .from(platformSecrets)
    .where(and(eq(platformSecrets.platform, platform), validAfter(now)))
    .orderBy(desc(platformSecrets.id))
    .all();
}

/** A page of the platform's audit log, newest first, after the cursor's id. */
export function auditPage(d1: D1Database, platform: string, afterId: string | number | undefined, limit: number) {
  return dbOf(d1)
    .select()
    .from(platformAudit)
    .where(and(eq(platformAudit.platform, platform), lt(platformAudit.id, cursorKey(afterId, Number.MAX_SAFE_INTEGER))))
    .orderBy(desc(platformAudit.id))
    .limit(limit)
    .all();
}
