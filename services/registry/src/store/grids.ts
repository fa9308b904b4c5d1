import type { Geometry } from "@civicgrid/geo";
import { and, asc, eq, gt, isNotNull, isNull, like, lte, max, ne, or, type SQL } from "drizzle-orm";
import type { DraftOp } from "../domain/draft";
import type { GridRecord } from "../domain/grid";
import type { VillageLayout } from "../domain/layout-rules";
import { inJson, type Db } from "./db";
import { divisions, gridHistory, grids, gridVersions, layoutOps, layouts } from "./schema";

export type GridVersion = typeof gridVersions.$inferSelect;

/** The record a filed version holds (its unit, when it has one, as one value). */
export function recordOf(row: GridVersion): GridRecord {
  return {
    code: row.code,
    villageCode: row.villageCode,
    countyCode: row.countyCode,
    name: row.name,
    type: row.type,
    unit: row.unitKind && row.unitName ? { kind: row.unitKind, name: row.unitName } : null,
    households: row.households,
    population: row.population,
    partyOrganisation: row.partyOrganisation,
    supervisionPhone: row.supervisionPhone,
    areaDescription: row.areaDescription,
    boundary: row.boundary,
  };
}

/** Versions in force on `date`: valid from it or earlier, not yet ended. */
export const inForceOn = (date: string): SQL =>
  and(lte(gridVersions.validFrom, date), or(isNull(gridVersions.validTo), gt(gridVersions.validTo, date))) as SQL;

/** The open (latest filed) record of each named grid that has one. */
export async function openRecords(db: Db, codes: readonly string[]): Promise<Map<string, GridRecord>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select()
    .from(gridVersions)
    .where(and(isNull(gridVersions.validTo), inJson(gridVersions.code, codes)));
  return new Map(rows.map((r) => [r.code, recordOf(r)]));
}

export function versionsOf(db: Db, code: string): Promise<GridVersion[]> {
  return db.select().from(gridVersions).where(eq(gridVersions.code, code)).orderBy(asc(gridVersions.seq));
}

/** Grids in force on `date` whose codes start with both prefixes (and are among `only`), by code. */
export function gridsInForce(
  db: Db,
  page: { date: string; after: string; limit: number; prefixes: readonly string[]; only: readonly string[] | null },
): Promise<GridVersion[]> {
  const { date, after, limit, prefixes, only } = page;
  return db
    .select()
    .from(gridVersions)
    .where(
      and(
        inForceOn(date),
        gt(gridVersions.code, after),
        ...prefixes.map((p) => like(gridVersions.code, `${p}%`)),
        only ? inJson(gridVersions.code, only) : undefined,
      ),
    )
    .orderBy(asc(gridVersions.code))
    .limit(limit);
}

/** A grid that exists only in a layout not yet accepted: the record it proposes. */
export function draftGrid(db: Db, code: string) {
  return db
    .select({ grid: layoutOps.grid, layoutId: layoutOps.layoutId })
    .from(layoutOps)
    .innerJoin(layouts, eq(layouts.id, layoutOps.layoutId))
    .where(and(eq(layoutOps.gridCode, code), isNotNull(layoutOps.grid), ne(layouts.status, "accepted")))
    .get();
}

/** What happened to a grid, in the order it took effect. */
export function historyOf(db: Db, code: string) {
  return db
    .select({
      kind: gridHistory.kind,
      effectiveDate: gridHistory.effectiveDate,
      layoutId: gridHistory.layoutId,
      related: gridHistory.related,
      version: gridHistory.versionSeq,
    })
    .from(gridHistory)
    .where(eq(gridHistory.gridCode, code))
    .orderBy(asc(gridHistory.effectiveDate), asc(gridHistory.layoutId));
}

/** Village codes of a county that are on file. */
export async function villagesOfCounty(db: Db, countyCode: string): Promise<Set<string>> {
  const rows = await db
    .select({ code: divisions.code })
    .from(divisions)
    .where(and(eq(divisions.level, "village"), like(divisions.code, `${countyCode.slice(0, 6)}%`)));
  return new Set(rows.map((r) => r.code));
}

/** The highest sequence ever handed out in each village (0 when none). */
export async function lastSequences(db: Db, villages: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ villageCode: grids.villageCode, last: max(grids.sequence) })
    .from(grids)
    .where(inJson(grids.villageCode, villages))
    .groupBy(grids.villageCode);
  return new Map(rows.map((r) => [r.villageCode, r.last ?? 0]));
}

/**
 * The proposed layout of each village: its open filed grids with the layout's ops laid over them, plus the
 * village boundary. `changed` names the grids the rules must check against their neighbours.
 */
export async function villageLayouts(
  db: Db,
  villages: ReadonlySet<string>,
  ops: ReadonlyMap<string, DraftOp>,
  changed: ReadonlySet<string>,
): Promise<VillageLayout[]> {
  if (villages.size === 0) return [];
  const list = [...villages];
  const [versions, bounds] = await db.batch([
    db
      .select()
      .from(gridVersions)
      .where(and(isNull(gridVersions.validTo), inJson(gridVersions.villageCode, list))),
    db
      .select({ code: divisions.code, boundary: divisions.boundary })
      .from(divisions)
      .where(inJson(divisions.code, list)),
  ]);
  const byVillage = new Map<string, Map<string, GridRecord>>(list.map((v) => [v, new Map()]));
  for (const row of versions) byVillage.get(row.villageCode)?.set(row.code, recordOf(row));
  for (const op of ops.values()) {
    const inVillage = byVillage.get(op.villageCode);
    if (!inVillage) continue;
    if (op.grid) inVillage.set(op.code, op.grid);
    else inVillage.delete(op.code);
  }
  const boundaries = new Map(bounds.map((d) => [d.code, d.boundary]));
  return [...byVillage].map(([villageCode, records]) => ({
    villageCode,
    boundary: (boundaries.get(villageCode) as Geometry | null | undefined) ?? null,
    grids: [...records.values()],
    changed: new Set([...records.keys()].filter((code) => changed.has(code))),
  }));
}

export type LastFiled = Map<string, { seq: number; name: string; type: GridRecord["type"] }>;

/** The newest filed version of each named grid: its number and the facts the roster keeps (name, type). */
export async function lastFiled(db: Db, codes: readonly string[]): Promise<LastFiled> {
  if (codes.length === 0) return new Map();
  // SQLite takes the bare columns of a max() aggregate from the row holding the maximum.
  const rows = await db
    .select({ code: gridVersions.code, seq: max(gridVersions.seq), name: gridVersions.name, type: gridVersions.type })
    .from(gridVersions)
    .where(inJson(gridVersions.code, codes))
    .groupBy(gridVersions.code);
  return new Map(rows.map((r) => [r.code, { seq: r.seq ?? 0, name: r.name, type: r.type }]));
}
