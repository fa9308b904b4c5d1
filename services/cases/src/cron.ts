import { log } from "@civicgrid/http";
import { caseStub, type Env } from "./env";
import { database, type Db } from "./store/db";
import { archiveClosedCases } from "./archive/job";
import { monthlyHotspots } from "./hotspots/analyse";
import { dueCases } from "./store/due-cases";
import { acquireLease, releaseLease } from "./store/leases";
import { readModels } from "./store/shards";

const LEASE = "supervision-sweep";
const LEASE_MS = 4 * 60_000;
const BATCH = 200;

/**
 * The supervision sweep (cron): finds cases whose warning or deadline passed without the alarm's effect
 * (a lost alarm) and asks their DO to apply it. The indexed `next_due_at <= now` query reads only due cases,
 * in every county's shard; each DO's tick is idempotent, and the lease (city-wide, in DB) keeps two overlapping
 * runs from both working.
 */
export async function sweep(
  env: Env,
  scheduledTime: Date,
): Promise<{ skipped: boolean; due: number; applied: number }> {
  const now = scheduledTime.getTime();
  const holder = crypto.randomUUID();
  const db = database(env.DB);
  if (!(await acquireLease(db, LEASE, holder, Date.now(), LEASE_MS))) return { skipped: true, due: 0, applied: 0 };
  let due = 0;
  let applied = 0;
  try {
    for (const shard of readModels(env)) {
      const counted = await sweepShard(env, database(shard.db), now);
      due += counted.due;
      applied += counted.applied;
    }
  } finally {
    await releaseLease(db, LEASE, holder);
  }
  log("info", "supervision sweep", { due, applied });
  return { skipped: false, due, applied };
}

/** One shard's due cases, keyset over (next_due_at, id): the index on next_due_at bounds the scan to due rows. */
async function sweepShard(env: Env, db: Db, now: number): Promise<{ due: number; applied: number }> {
  let due = 0;
  let applied = 0;
  let after: [number, string] = [-1, ""];
  for (;;) {
    const results = await dueCases(db, now, after, BATCH);
    if (results.length === 0) break;
    due += results.length;
    const outcomes = await Promise.all(results.map((r) => caseStub(env, r.id).tick(now)));
    applied += outcomes.reduce((n, o) => n + o.applied.length, 0);
    const last = results[results.length - 1]!;
    after = [last.nextDueAt, last.id];
    if (results.length < BATCH) break;
  }
  return { due, applied };
}

/** The service's schedules (wrangler.toml [triggers] crons), each to its job. */
export const cronJobs = {
  "*/5 * * * *": (env: Env, _ctx: ExecutionContext, at: Date) => sweep(env, at),
  // Hotspots (未诉先办): daily at 00:45 Asia/Shanghai; on the month's first days it analyses the month before.
  "45 16 * * *": (env: Env, _ctx: ExecutionContext, at: Date) => monthlyHotspots(env, at),
  // Issue 17 archive: every quarter hour from 01:00 to 04:45 Asia/Shanghai, in bounded runs (archive/job.ts), terminal
  // cases quiet for ARCHIVE_AFTER_DAYS leave the hot tables.
  "*/15 17-20 * * *": (env: Env, _ctx: ExecutionContext, at: Date) => archiveClosedCases(env, at),
};
