import type { Platform } from "./store";

/** One audited change of a platform: who, what, and the fields as they were and became (never a secret). */
export interface AuditEntry {
  platform: string;
  actor: string;
  action: "created" | "updated" | "mappings_changed" | "secret_rotated";
  changes: Record<string, unknown>;
}

type Editable = Pick<Platform, "name" | "callbackUrl" | "active" | "categoryMap" | "divisionMap">;

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
export function patched(map: Record<string, string>, patch: Record<string, string | null> | undefined): Record<string, string> {
  const out = { ...map };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

export function auditStatement(db: D1Database, entry: AuditEntry, at: string): D1PreparedStatement {
  return db
    .prepare("INSERT INTO platform_audit (platform, actor, action, changes, at) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(entry.platform, entry.actor, entry.action, JSON.stringify(entry.changes), at);
}

/**
 * Writes the platform's editable fields if it is still at `version`, and its audit entry, in one batch.
 * Returns false when someone else changed it first (nothing written).
 */
export async function savePlatform(db: D1Database, before: Platform, after: Editable, entry: AuditEntry): Promise<boolean> {
  const at = new Date().toISOString();
  const [update] = await db.batch<{ id: string }>([
    db
      .prepare(
        `UPDATE platforms SET name = ?3, callback_url = ?4, active = ?5, category_map = ?6, division_map = ?7, version = version + 1, updated_at = ?8
         WHERE id = ?1 AND version = ?2 RETURNING id`,
      )
      .bind(before.id, before.version, after.name, after.callbackUrl, after.active ? 1 : 0, JSON.stringify(after.categoryMap), JSON.stringify(after.divisionMap), at),
    // The audit row is written only when this update took: the platform is then at the next version, stamped `at`.
    db
      .prepare(
        `INSERT INTO platform_audit (platform, actor, action, changes, at)
         SELECT ?1, ?2, ?3, ?4, ?5 FROM platforms WHERE id = ?1 AND version = ?6 AND updated_at = ?5`,
      )
      .bind(entry.platform, entry.actor, entry.action, JSON.stringify(entry.changes), at, before.version + 1),
  ]);
  return (update?.results.length ?? 0) > 0;
}
