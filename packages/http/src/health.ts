import type { Health, ServiceName } from "@civicgrid/contracts";

/** The health RPC every service offers: can it read its database, and how many migrations are applied. */
export async function checkHealth(service: ServiceName, db: D1Database): Promise<Health> {
  const time = new Date().toISOString();
  try {
    const row = await db.prepare("SELECT count(*) AS n FROM d1_migrations").first<{ n: number }>();
    return { service, ok: true, database: "ok", migrations: row?.n ?? 0, time };
  } catch {
    return { service, ok: false, database: "error", migrations: 0, time };
  }
}
