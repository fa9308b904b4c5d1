import type { PointLocation } from "@civicgrid/contracts";
import { GridIndex } from "@civicgrid/geo";
import { Lru } from "@civicgrid/auth";
import { gt, lte, max, min } from "drizzle-orm";
import { placeOfGrid } from "../domain/grid-code";
import type { Db } from "./db";
import { inForceOn } from "./grids";
import { gridVersions as v } from "./schema";
import { layoutVersion } from "./state";

/**
 * Point lookup over the grids in force on a date. The GridIndex (flatbush over bounding boxes, exact test on
 * the few candidates) is built from D1 once per isolate and reused while the layout version stays the same
 * and the date stays inside the span in which the same set of grid versions is in force; a past date is
 * answered from grid history the same way.
 *
 * Bounded per isolate: at most MAX_INDEXES indexes (least recently used dropped first), and only those of the
 * latest MAX_LAYOUT_VERSIONS layout versions seen (an index of an older layout is never asked for again once a
 * newer version is read; the one before the latest is kept for the requests that read the version just before a
 * change). The demo city's index of 2,954 grids holds their boundaries: a few MB each.
 */
interface Entry {
  layoutVersion: number;
  /** The set of versions is the same for every date in [from, until). */
  from: string;
  until: string | null;
  index: GridIndex;
  names: Map<string, string>;
}

export const MAX_INDEXES = 4;
export const MAX_LAYOUT_VERSIONS = 2;
const indexes = new Lru<string, Entry>(MAX_INDEXES);
/** Builds under way, by version and date, so concurrent misses share one (settled ones leave at once). */
const building = new Map<string, Promise<Entry>>();

/** The indexes this isolate holds, least recently used first (for the tests of the bound). */
export function cachedIndexes(): { layoutVersion: number; from: string; until: string | null }[] {
  return [...indexes.entries()].map(([, e]) => ({ layoutVersion: e.layoutVersion, from: e.from, until: e.until }));
}

/**
 * The grids in force on `date` and the span around it in which that set stays the same: since the latest
 * start or end on or before it, until the earliest after it. One round trip; each bound is one index probe
 * (grid_versions_from, grid_versions_to).
 */
async function build(db: Db, version: number, date: string): Promise<Entry> {
  const bound = (fn: typeof max, column: typeof v.validFrom | typeof v.validTo, where: typeof lte) =>
    db
      .select({ d: fn(column) })
      .from(v)
      .where(where(column, date));
  const [rows, fromBefore, toBefore, fromAfter, toAfter] = await db.batch([
    db.select({ code: v.code, name: v.name, boundary: v.boundary }).from(v).where(inForceOn(date)),
    bound(max, v.validFrom, lte),
    bound(max, v.validTo, lte),
    bound(min, v.validFrom, gt),
    bound(min, v.validTo, gt),
  ]);
  const dates = (...found: { d: string | null }[][]) =>
    found
      .map((r) => r[0]?.d)
      .filter((d): d is string => !!d)
      .sort();
  return {
    layoutVersion: version,
    from: dates(fromBefore, toBefore).at(-1) ?? "0000-00-00",
    until: dates(fromAfter, toAfter)[0] ?? null,
    index: new GridIndex(rows.map((r) => ({ id: r.code, geometry: r.boundary }))),
    names: new Map(rows.map((r) => [r.code, r.name])),
  };
}

const covers = (e: Entry, version: number, date: string) =>
  e.layoutVersion === version && e.from <= date && (e.until === null || date < e.until);

/** Keeps the new index, and drops every index older than the latest MAX_LAYOUT_VERSIONS versions. */
function keep(entry: Entry): void {
  indexes.set(`${entry.layoutVersion}/${entry.from}`, entry);
  const versions = [...new Set([...indexes.entries()].map(([, e]) => e.layoutVersion))].sort((a, b) => b - a);
  const oldest = versions[MAX_LAYOUT_VERSIONS - 1] ?? -Infinity;
  for (const [key, e] of [...indexes.entries()]) if (e.layoutVersion < oldest) indexes.delete(key);
}

/** The index of the grids in force on `date`; one cheap read of the layout version when it is cached. */
export async function indexOn(db: Db, date: string): Promise<Entry> {
  const version = await layoutVersion(db);
  for (const [key, entry] of [...indexes.entries()]) if (covers(entry, version, date)) return indexes.get(key)!;
  const key = `${version}/${date}`;
  let pending = building.get(key);
  if (!pending) {
    pending = build(db, version, date)
      .then((entry) => {
        keep(entry);
        return entry;
      })
      .finally(() => building.delete(key));
    building.set(key, pending);
  }
  return pending;
}

export function locationIn(entry: Entry, lng: number, lat: number): PointLocation | null {
  const code = entry.index.lookup(lng, lat);
  if (code === null) return null;
  return { gridCode: code, gridName: entry.names.get(code) ?? code, ...placeOfGrid(code) };
}
