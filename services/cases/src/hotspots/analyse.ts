import { HOTSPOT_RULE, type HotspotRun } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import type { Env } from "../env";
import { database, type Db } from "../store/db";
import { countiesWithCases, hotspotsOfRun, monthCasePoints, runOf, saveRun } from "../store/hotspots";
import { readModels } from "../store/shards";
import { findClusters } from "./clusters";
import { dayOfMonth, monthRange, previousMonth } from "./months";

/**
 * Analyses a county's month (未诉先办): the same matter reported `minCount` times within `radiusMeters` inside
 * `windowDays` becomes a proposed proactive work order. Idempotent per county and month: a run after the month
 * ended is final and answers as stored; a run while it is still going on (on demand) proposes what has recurred so
 * far, and a later run adds only clusters of cases no proposal holds yet, so a proposal is never made twice.
 */
export async function analyseMonth(db: Db, countyCode: string, month: string, now: number): Promise<HotspotRun> {
  const range = monthRange(month);
  const run = await runOf(db, countyCode, month);
  if (run?.complete) return answer(db, countyCode, month);
  const existing = await hotspotsOfRun(db, countyCode, month);
  const taken = new Set(existing.flatMap((h) => h.caseIds));
  const points = (await monthCasePoints(db, countyCode, range.start, range.end)).filter((p) => !taken.has(p.id));
  const at = new Date(now).toISOString();
  const found = findClusters(points, HOTSPOT_RULE).map((c, i) => ({
    ...c,
    id: `hs-${month.replace("-", "")}-${countyCode}-${existing.length + i + 1}`,
    countyCode,
    month,
    count: c.caseIds.length,
    firstAt: new Date(c.firstAt).toISOString(),
    lastAt: new Date(c.lastAt).toISOString(),
    createdAt: at,
  }));
  try {
    await saveRun(db, { countyCode, month, complete: now >= range.endMs ? 1 : 0, analysedAt: at }, found);
  } catch (error) {
    // A run racing this one saved first (a proposal id or a case taken twice): its proposals stand.
    if (!String(error).includes("UNIQUE constraint failed")) throw error;
  }
  return answer(db, countyCode, month);
}

async function answer(db: Db, countyCode: string, month: string): Promise<HotspotRun> {
  const run = (await runOf(db, countyCode, month))!;
  return {
    countyCode,
    month,
    complete: run.complete === 1,
    analysedAt: run.analysedAt,
    hotspots: await hotspotsOfRun(db, countyCode, month),
  };
}

/** Local days of the month on which the monthly run looks back at the month before (later days retry a lost run). */
const RUN_DAYS = 3;

/**
 * The monthly analysis (cron, daily): on the first days of a month, every county with cases reported in the month
 * before is analysed once that month has ended, shard by shard (each county's cases and proposals are in its own);
 * counties already analysed in full answer from storage.
 */
export async function monthlyHotspots(
  env: Env,
  at: Date,
): Promise<{ month: string | null; counties: number; found: number }> {
  if (dayOfMonth(at.getTime()) > RUN_DAYS) return { month: null, counties: 0, found: 0 };
  const month = previousMonth(at.getTime());
  const range = monthRange(month);
  let counties = 0;
  let found = 0;
  for (const shard of readModels(env)) {
    const db = database(shard.db);
    for (const county of await countiesWithCases(db, range.start, range.end)) {
      counties += 1;
      found += (await analyseMonth(db, county, month, at.getTime())).hotspots.length;
    }
  }
  log("info", "hotspot analysis", { month, counties, found });
  return { month, counties, found };
}
