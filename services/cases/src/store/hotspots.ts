import type { Hotspot, HotspotStatus } from "@civicgrid/contracts";
import type { CursorKey } from "@civicgrid/http";
import { and, asc, desc, eq, gte, isNotNull, isNull, like, lt, notInArray } from "drizzle-orm";
import type { CasePoint } from "../hotspots/clusters";
import type { Db } from "./db";
import { before } from "./keyset";
import { cases, hotspotCases, hotspotRuns, hotspots } from "./schema";

/** Statuses whose case is no occurrence of its own: closed as invalid, or merged into the case it repeats. */
const NOT_OCCURRENCES = ["invalid", "merged"];

/** The located cases of a county reported in [start, end), over cases_county_created. */
export async function monthCasePoints(db: Db, countyCode: string, start: string, end: string): Promise<CasePoint[]> {
  const rows = await db
    .select({
      id: cases.id,
      categoryCode: cases.categoryCode,
      gridCode: cases.gridCode,
      villageCode: cases.villageCode,
      lng: cases.lng,
      lat: cases.lat,
      createdAt: cases.createdAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.countyCode, countyCode),
        gte(cases.createdAt, start),
        lt(cases.createdAt, end),
        isNotNull(cases.lng),
        isNotNull(cases.gridCode),
        notInArray(cases.status, NOT_OCCURRENCES),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    categoryCode: r.categoryCode,
    gridCode: r.gridCode!,
    villageCode: r.villageCode ?? r.gridCode!.slice(0, 12),
    lng: r.lng!,
    lat: r.lat!,
    at: Date.parse(r.createdAt),
  }));
}

/** The counties with cases reported in [start, end): those the monthly run analyses. */
export async function countiesWithCases(db: Db, start: string, end: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ countyCode: cases.countyCode })
    .from(cases)
    .where(and(gte(cases.createdAt, start), lt(cases.createdAt, end)));
  return rows.map((r) => r.countyCode);
}

export function runOf(db: Db, countyCode: string, month: string) {
  return db
    .select()
    .from(hotspotRuns)
    .where(and(eq(hotspotRuns.countyCode, countyCode), eq(hotspotRuns.month, month)))
    .get();
}

type Row = typeof hotspots.$inferSelect;
export type NewHotspot = Omit<Hotspot, "status" | "caseId" | "decidedBy" | "decidedAt" | "dismissReason">;

/** D1 binds at most 100 parameters a statement: the proposal's cases go in rows of 40 (2 each). */
const CASE_ROWS = 40;

function hotspotOf(row: Row): Hotspot {
  return { ...row, caseIds: JSON.parse(row.caseIds) as string[] };
}

export async function hotspotsOfRun(db: Db, countyCode: string, month: string): Promise<Hotspot[]> {
  const rows = await db
    .select()
    .from(hotspots)
    .where(and(eq(hotspots.countyCode, countyCode), eq(hotspots.month, month)))
    .orderBy(asc(hotspots.createdAt), asc(hotspots.id));
  return rows.map(hotspotOf);
}

/**
 * Records a run and its new proposals in one transaction. Each case may sit in one proposal only (hotspot_cases'
 * key), so a second run racing this one fails whole and leaves this one's proposals as they are.
 */
export async function saveRun(db: Db, run: typeof hotspotRuns.$inferInsert, found: NewHotspot[]): Promise<void> {
  await db.batch([
    db
      .insert(hotspotRuns)
      .values(run)
      .onConflictDoUpdate({
        target: [hotspotRuns.countyCode, hotspotRuns.month],
        set: { complete: run.complete, analysedAt: run.analysedAt },
      }),
    ...found.flatMap((h) => [
      db.insert(hotspots).values({ ...h, caseIds: JSON.stringify(h.caseIds), status: "proposed" as const }),
      ...chunks(h.caseIds, CASE_ROWS).map((ids) =>
        db.insert(hotspotCases).values(ids.map((caseId) => ({ caseId, hotspotId: h.id }))),
      ),
    ]),
  ]);
}

/** One more than a page of a county's proposals the caller sees (those in their division), newest first. */
export async function hotspotsPage(
  db: Db,
  countyCode: string,
  status: HotspotStatus | undefined,
  divisionPrefix: string | null,
  limit: number,
  after: CursorKey | undefined,
): Promise<Hotspot[]> {
  const rows = await db
    .select()
    .from(hotspots)
    .where(
      and(
        eq(hotspots.countyCode, countyCode),
        status ? eq(hotspots.status, status) : undefined,
        divisionPrefix ? like(hotspots.villageCode, `${divisionPrefix}%`) : undefined,
        before(hotspots.createdAt, hotspots.id, after),
      ),
    )
    .orderBy(desc(hotspots.createdAt), desc(hotspots.id))
    .limit(limit + 1);
  return rows.map(hotspotOf);
}

export async function hotspotById(db: Db, id: string): Promise<Hotspot | null> {
  const row = await db.select().from(hotspots).where(eq(hotspots.id, id)).get();
  return row ? hotspotOf(row) : null;
}

/** Claims the work order's case id for a proposal still open; the first claim stays. Answers the claimed id. */
export async function claimWorkOrderId(db: Db, id: string, caseId: string): Promise<string | null> {
  await db
    .update(hotspots)
    .set({ caseId })
    .where(and(eq(hotspots.id, id), eq(hotspots.status, "proposed"), isNull(hotspots.caseId)));
  return (await hotspotById(db, id))?.caseId ?? null;
}

export async function markIssued(db: Db, id: string, by: string, at: string): Promise<void> {
  await db
    .update(hotspots)
    .set({ status: "issued", decidedBy: by, decidedAt: at })
    .where(and(eq(hotspots.id, id), eq(hotspots.status, "proposed")));
}

/** Dismisses a proposal nobody has begun to issue; false when it was no longer open. */
export async function dismissHotspot(db: Db, id: string, by: string, at: string, reason: string): Promise<boolean> {
  const rows = await db
    .update(hotspots)
    .set({ status: "dismissed", decidedBy: by, decidedAt: at, dismissReason: reason })
    .where(and(eq(hotspots.id, id), eq(hotspots.status, "proposed"), isNull(hotspots.caseId)))
    .returning({ id: hotspots.id });
  return rows.length > 0;
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
