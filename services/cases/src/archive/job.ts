import type { CaseArchive } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import { caseStub, type Env } from "../env";
import { database } from "../store/db";
import { acquireLease, releaseLease } from "../store/leases";
import { readModelOf, readModels } from "../store/shards";
import { writeExport } from "./export";
import {
  archiveCutoff,
  DAY_MS,
  DEFAULT_ARCHIVE_AFTER_DAYS,
  DEFAULT_ARCHIVE_CHUNK,
  isDue,
  RUN_BUDGET,
  wholeNumber,
} from "./policy";
import { archiveCandidates, moveToArchive, type Candidate } from "./store";

const LEASE = "case-archive";
const LEASE_MS = 14 * 60_000;
/** Candidates read per query, and cases worked on at once within it. */
const PAGE = 50;
const AT_ONCE = 10;

export interface ArchiveRun {
  skipped: boolean;
  cutoff: string;
  /** Terminal cases looked at, archived, found not due by their Durable Object, and whose export failed. */
  examined: number;
  archived: number;
  notDue: number;
  failed: number;
}

type Outcome = "archived" | "notDue" | "failed";

/**
 * One case: its export from the Durable Object (the authority) written to R2 and read back, then its hot rows
 * deleted and its slim row written in one batch of its county's database. Export first: a failed or unverified
 * export deletes nothing, and a crash after it only makes the next run write the export again.
 */
async function archiveOne(env: Env, candidate: Candidate, cutoff: string, archivedAt: string): Promise<Outcome> {
  // The RPC's result type is the DO's own: widened back to the contract, or narrowing would take it for null.
  const archive = (await caseStub(env, candidate.id).archive()) as CaseArchive | null;
  if (!archive || !isDue(archive.case, cutoff)) return "notDue";
  let stored;
  try {
    stored = await writeExport(env.ARCHIVE, archive);
  } catch (error) {
    log("warn", "case archive: export failed", { caseId: candidate.id, error: String(error) });
    return "failed";
  }
  if (!stored) {
    log("warn", "case archive: export not found after writing", { caseId: candidate.id });
    return "failed";
  }
  const db = database(readModelOf(env, candidate.countyCode));
  return (await moveToArchive(db, archive.case, stored, archivedAt)) ? "archived" : "notDue";
}

/**
 * The nightly archive (cron, every quarter hour from 01:00 to 04:45 Asia/Shanghai): in every read-model database,
 * the terminal cases last changed more than ARCHIVE_AFTER_DAYS (default 90) before the scheduled time, oldest
 * first, at most ARCHIVE_CHUNK (default 500) per database and RUN_BUDGET in all per run, so that a run stays within
 * a Worker's CPU and subrequest limits; what is left waits for the next run. A lease keeps two overlapping runs
 * from both working; every step is idempotent, so a run cut short is simply resumed.
 */
export async function archiveClosedCases(env: Env, scheduledTime: Date): Promise<ArchiveRun> {
  const cutoff = archiveCutoff(scheduledTime, wholeNumber(env.ARCHIVE_AFTER_DAYS, DEFAULT_ARCHIVE_AFTER_DAYS));
  const chunk = wholeNumber(env.ARCHIVE_CHUNK, DEFAULT_ARCHIVE_CHUNK);
  const run: ArchiveRun = { skipped: false, cutoff, examined: 0, archived: 0, notDue: 0, failed: 0 };
  const holder = crypto.randomUUID();
  const leases = database(env.DB);
  if (!(await acquireLease(leases, LEASE, holder, Date.now(), LEASE_MS))) return { ...run, skipped: true };
  try {
    // The run's budget is shared: the databases take turns to go first, a different one each day.
    const models = readModels(env);
    const first = Math.floor(scheduledTime.getTime() / DAY_MS) % models.length;
    for (const { db } of [...models.slice(first), ...models.slice(0, first)]) {
      const limit = Math.min(chunk, RUN_BUDGET - run.examined);
      let after: [string, string] = ["", ""];
      for (let examined = 0; examined < limit;) {
        const page = await archiveCandidates(database(db), cutoff, after, Math.min(PAGE, limit - examined));
        for (let i = 0; i < page.length; i += AT_ONCE) {
          const outcomes = await Promise.all(
            page.slice(i, i + AT_ONCE).map((c) => archiveOne(env, c, cutoff, scheduledTime.toISOString())),
          );
          for (const outcome of outcomes) run[outcome]++;
        }
        examined += page.length;
        run.examined += page.length;
        const last = page[page.length - 1];
        if (!last || page.length < PAGE) break;
        after = [last.updatedAt, last.id];
      }
    }
  } finally {
    await releaseLease(leases, LEASE, holder);
  }
  log("info", "case archive", { ...run });
  return run;
}
