import type { PointLocation } from "@civicgrid/contracts";
import { GridIndex } from "@civicgrid/geo";
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
 */
interface Entry {
  layoutVersion: number;
  /** The set of versions is the same for every date in [from, until). */
  from: string;
  until: string | null;
  index: GridIndex;
  names: Map<string, string>;
}

const MAX_ENTRIES = 4;
let entries: Promise<Entry>[] = [];
const settled = new Map<Promise<Entry>, Entry>();

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

/** The index of the grids in force on `date`; one cheap read of the layout version when it is cached. */
export async function indexOn(db: Db, date: string): Promise<Entry> {
  const version = await layoutVersion(db);
  for (const pending of entries) {
    const entry = settled.get(pending);
    if (entry && covers(entry, version, date)) return entry;
  }
  const pending = build(db, version, date);
  entries = [pending, ...entries.filter((p) => settled.get(p)?.layoutVersion === version)].slice(0, MAX_ENTRIES);
  try {
    const entry = await pending;
    settled.set(pending, entry);
    return entry;
  } catch (error) {
    entries = entries.filter((p) => p !== pending);
    throw error;
  } finally {
    for (const key of settled.keys()) if (!entries.includes(key)) settled.delete(key);
  }
}

export function locationIn(entry: Entry, lng: number, lat: number): PointLocation | null {
  const code = entry.index.lookup(lng, lat);
  if (code === null) return null;
  return { gridCode: code, gridName: entry.names.get(code) ?? code, ...placeOfGrid(code) };
}
