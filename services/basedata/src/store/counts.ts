import type { CountFigures, CountsBy } from "@civicgrid/contracts";
import { eq, like, sql, type SQL } from "drizzle-orm";
import type { GridFigures } from "../domain/counts-compute";
import type { CountLevel } from "../domain/counts-scope";
import { database } from "./db";
import { gridCounts } from "./schema";

/** A grid's counts as its village object pushes them (visits due and overdue are the daily job's, not these). */
export type PushedCounts = GridFigures & {
  gridCode: string;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
  version: number;
  asOf: string;
};

/** The counts D1 holds for each grid of a village. */
export async function gridCountsOfVillage(d1: D1Database, villageCode: string): Promise<Map<string, GridFigures>> {
  const rows = await database(d1).select().from(gridCounts).where(eq(gridCounts.villageCode, villageCode));
  return new Map(rows.map((r) => [r.gridCode, { ...r, tagged: JSON.parse(r.tagged) as Record<string, number> }]));
}

/**
 * Writes each grid's counts unless D1 already holds a newer version (a late push never wins); visits_due and
 * visits_overdue are left as the daily visit job wrote them.
 */
export async function pushGridCounts(d1: D1Database, rows: readonly PushedCounts[]): Promise<void> {
  const db = database(d1);
  const statements = rows.map((row) => {
    const values = { ...row, tagged: JSON.stringify(row.tagged) };
    const { gridCode: _g, ...set } = values;
    return db
      .insert(gridCounts)
      .values(values)
      .onConflictDoUpdate({
        target: gridCounts.gridCode,
        set,
        setWhere: sql`excluded.version > ${gridCounts.version}`,
      });
  });
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** The rows of a division: by its own column where it has one, by code prefix for a city or province. */
function within(level: CountLevel, code: string, prefix: string): SQL {
  switch (level) {
    case "grid":
      return eq(gridCounts.gridCode, code);
    case "village":
      return eq(gridCounts.villageCode, code);
    case "township":
      return eq(gridCounts.townshipCode, code);
    case "county":
      return eq(gridCounts.countyCode, code);
    default:
      return like(gridCounts.countyCode, `${prefix}%`);
  }
}

const COLUMN_OF = { grid: gridCounts.gridCode, village: gridCounts.villageCode, township: gridCounts.townshipCode };

type Summed = Required<Omit<CountFigures, "tagged">> & { tagged: Record<string, number> };

/**
 * Sums of the grids of a division, whole and (with `by`) per child: figures in SQL, tagged kinds through json_each,
 * so a city's thousands of grids are summed by D1, never loaded.
 */
export async function sumCounts(
  d1: D1Database,
  division: { level: CountLevel; code: string; prefix: string },
  by: CountsBy | undefined,
): Promise<{ total: Summed; children: (Summed & { code: string })[] }> {
  const where = within(division.level, division.code, division.prefix);
  const key = by ? COLUMN_OF[by] : sql<string>`''`;
  const db = database(d1);
  const [figures, tagged] = await Promise.all([
    db
      .select({
        key: sql<string>`${key}`,
        registered: sql<number>`coalesce(sum(${gridCounts.registered}), 0)`,
        floating: sql<number>`coalesce(sum(${gridCounts.floating}), 0)`,
        foreign: sql<number>`coalesce(sum(${gridCounts.foreign}), 0)`,
        households: sql<number>`coalesce(sum(${gridCounts.households}), 0)`,
        houses: sql<number>`coalesce(sum(${gridCounts.houses}), 0)`,
        rentedHouses: sql<number>`coalesce(sum(${gridCounts.rentedHouses}), 0)`,
        units: sql<number>`coalesce(sum(${gridCounts.units}), 0)`,
        due: sql<number>`coalesce(sum(${gridCounts.visitsDue}), 0)`,
        overdue: sql<number>`coalesce(sum(${gridCounts.visitsOverdue}), 0)`,
        grids: sql<number>`count(*)`,
        asOf: sql<string | null>`max(${gridCounts.asOf})`,
      })
      .from(gridCounts)
      .where(where)
      .groupBy(key),
    db.all<{ key: string; kind: string; people: number }>(
      sql`SELECT ${key} AS key, t.key AS kind, sum(t.value) AS people
          FROM ${gridCounts}, json_each(${gridCounts.tagged}) AS t WHERE ${where} GROUP BY 1, 2`,
    ),
  ]);
  const children = figures.map((f) => ({
    code: f.key,
    people: {
      registered: f.registered,
      floating: f.floating,
      foreign: f.foreign,
      total: f.registered + f.floating + f.foreign,
    },
    households: f.households,
    houses: f.houses,
    rentedHouses: f.rentedHouses,
    units: f.units,
    tagged: Object.fromEntries(tagged.filter((t) => t.key === f.key).map((t) => [t.kind, t.people])),
    visits: { due: f.due, overdue: f.overdue },
    grids: f.grids,
    asOf: f.asOf,
  }));
  return { total: addUp(children), children: by ? children : [] };
}

/** The sum of children's figures (the whole division). */
function addUp(children: readonly Summed[]): Summed {
  const total: Summed = {
    people: { registered: 0, floating: 0, foreign: 0, total: 0 },
    households: 0,
    houses: 0,
    rentedHouses: 0,
    units: 0,
    tagged: {},
    visits: { due: 0, overdue: 0 },
    grids: 0,
    asOf: null,
  };
  for (const c of children) {
    for (const k of ["registered", "floating", "foreign", "total"] as const) total.people[k] += c.people[k];
    for (const k of ["households", "houses", "rentedHouses", "units", "grids"] as const) total[k] += c[k];
    for (const [kind, n] of Object.entries(c.tagged)) total.tagged[kind] = (total.tagged[kind] ?? 0) + n;
    total.visits.due += c.visits.due;
    total.visits.overdue += c.visits.overdue;
    if (c.asOf && (!total.asOf || c.asOf > total.asOf)) total.asOf = c.asOf;
  }
  return total;
}
