import { and, asc, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { dbOf, inJson } from "./db";
import { open311Clients, open311Jurisdictions, open311Places, open311RateWindows, open311Reports } from "./schema";

export type Open311Client = Pick<typeof open311Clients.$inferSelect, "id" | "name" | "requestsPerMinute">;

/** The active trusted app holding the api_key of this hash. */
export function clientByKeyHash(d1: D1Database, keyHash: string): Promise<Open311Client | undefined> {
  const { id, name, requestsPerMinute } = open311Clients;
  return dbOf(d1)
    .select({ id, name, requestsPerMinute })
    .from(open311Clients)
    .where(and(eq(open311Clients.keyHash, keyHash), eq(open311Clients.active, true)))
    .get();
}

/** Counts one request in the client's window (starting at `windowStart`, epoch ms); the count so far. */
export async function countInWindow(d1: D1Database, clientId: string, windowStart: number): Promise<number> {
  const row = await dbOf(d1)
    .insert(open311RateWindows)
    .values({ clientId, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [open311RateWindows.clientId, open311RateWindows.windowStart],
      set: { count: sql`${open311RateWindows.count} + 1` },
    })
    .returning({ count: open311RateWindows.count })
    .get();
  return row?.count ?? 0;
}

const jurisdictionColumns = { countyCode: open311Jurisdictions.countyCode, name: open311Jurisdictions.name };
export type Jurisdiction = Pick<typeof open311Jurisdictions.$inferSelect, "countyCode" | "name">;

/** The counties that opened the Open311 door, as discovery.json lists them. */
export function listJurisdictions(d1: D1Database): Promise<Jurisdiction[]> {
  const db = dbOf(d1);
  return db.select(jurisdictionColumns).from(open311Jurisdictions).orderBy(asc(open311Jurisdictions.countyCode)).all();
}

export async function findJurisdiction(d1: D1Database, countyCode: string): Promise<Jurisdiction | null> {
  const where = eq(open311Jurisdictions.countyCode, countyCode);
  const row = await dbOf(d1).select(jurisdictionColumns).from(open311Jurisdictions).where(where).get();
  return row ?? null;
}

export type NewReport = Omit<typeof open311Reports.$inferInsert, "createdAt">;
/** What a report carried that the case itself does not keep, returned with the request (address, media_url). */
export type ReportExtras = Pick<typeof open311Reports.$inferSelect, "address" | "addressId" | "mediaUrl">;

export async function saveReport(d1: D1Database, report: NewReport): Promise<void> {
  const createdAt = new Date().toISOString();
  await dbOf(d1)
    .insert(open311Reports)
    .values({ ...report, createdAt })
    .onConflictDoNothing()
    .run();
}

/** The extras of the given cases, by case id (cases reported some other way have none). */
export async function extrasOf(d1: D1Database, caseIds: readonly string[]): Promise<Map<string, ReportExtras>> {
  if (caseIds.length === 0) return new Map();
  const { caseId, address, addressId, mediaUrl } = open311Reports;
  const rows = await dbOf(d1)
    .select({ caseId, address, addressId, mediaUrl })
    .from(open311Reports)
    .where(inJson(caseId, caseIds))
    .all();
  return new Map(rows.map(({ caseId: id, ...extras }) => [id, extras]));
}

/** The request a token (by its hash) was given for, within the jurisdiction it was reported in. */
export async function caseOfTokenHash(d1: D1Database, countyCode: string, tokenHash: string): Promise<string | null> {
  const row = await dbOf(d1)
    .select({ caseId: open311Reports.caseId })
    .from(open311Reports)
    .where(and(eq(open311Reports.tokenHash, tokenHash), eq(open311Reports.countyCode, countyCode)))
    .get();
  return row?.caseId ?? null;
}

export type Place = Omit<typeof open311Places.$inferSelect, "countyCode">;
const { countyCode: _county, ...placeColumns } = getTableColumns(open311Places);

/** A known place of the county by its id (a grid code or a village division code). */
export async function placeById(d1: D1Database, countyCode: string, addressId: string): Promise<Place | null> {
  const where = and(eq(open311Places.countyCode, countyCode), eq(open311Places.addressId, addressId));
  return (await dbOf(d1).select(placeColumns).from(open311Places).where(where).get()) ?? null;
}

/** The two longest place names of the county that an address string contains (to tell the best from a tie). */
export function placesNamedIn(d1: D1Database, countyCode: string, text: string): Promise<Place[]> {
  return dbOf(d1)
    .select(placeColumns)
    .from(open311Places)
    .where(and(eq(open311Places.countyCode, countyCode), sql`instr(${text}, ${open311Places.name}) > 0`))
    .orderBy(desc(sql`length(${open311Places.name})`))
    .limit(2)
    .all();
}
