import { log } from "@civicgrid/http";
import { caseStub, type Env } from "./env";

const LEASE = "supervision-sweep";
const LEASE_MS = 4 * 60_000;
const BATCH = 200;

/** Takes the named lease unless another holder's is still running; true when taken. */
export async function acquireLease(db: D1Database, name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO leases (name, holder, expires_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at WHERE leases.expires_at <= ?4`,
    )
    .bind(name, holder, now + ttlMs, now)
    .run();
  return result.meta.changes === 1;
}

export async function releaseLease(db: D1Database, name: string, holder: string): Promise<void> {
  await db.prepare("DELETE FROM leases WHERE name = ?1 AND holder = ?2").bind(name, holder).run();
}

/**
 * The supervision sweep (cron): finds cases whose warning or deadline passed without the alarm's effect
 * (a lost alarm) and asks their DO to apply it. The indexed `next_due_at <= now` query reads only due cases;
 * each DO's tick is idempotent, and the lease keeps two overlapping runs from both working.
 */
export async function sweep(env: Env, scheduledTime: Date): Promise<{ skipped: boolean; due: number; applied: number }> {
  const now = scheduledTime.getTime();
  const holder = crypto.randomUUID();
  if (!(await acquireLease(env.DB, LEASE, holder, Date.now(), LEASE_MS))) return { skipped: true, due: 0, applied: 0 };
  let due = 0;
  let applied = 0;
  try {
    // Keyset over (next_due_at, id): the index on next_due_at bounds the scan to due rows only.
    let after: [number, string] = [-1, ""];
    for (;;) {
      const { results } = await env.DB.prepare("SELECT id, next_due_at FROM cases WHERE next_due_at <= ?1 AND (next_due_at, id) > (?2, ?3) ORDER BY next_due_at, id LIMIT ?4")
        .bind(now, after[0], after[1], BATCH)
        .all<{ id: string; next_due_at: number }>();
      if (results.length === 0) break;
      due += results.length;
      const outcomes = await Promise.all(results.map((r) => caseStub(env, r.id).tick(now)));
      applied += outcomes.reduce((n, o) => n + o.applied.length, 0);
      const last = results[results.length - 1]!;
      after = [last.next_due_at, last.id];
      if (results.length < BATCH) break;
    }
  } finally {
    await releaseLease(env.DB, LEASE, holder);
  }
  log("info", "supervision sweep", { due, applied });
  return { skipped: false, due, applied };
}
