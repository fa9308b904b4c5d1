import type { PointLocation } from "@civicgrid/contracts";
import { GridIndex, type Geometry } from "@civicgrid/geo";
import { placeOfGrid } from "../domain/grid-code";
import { layoutVersion } from "../store/state";

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

async function build(db: D1Database, version: number, date: string): Promise<Entry> {
  const [grids, span] = await db.batch([
    db.prepare("SELECT code, name, boundary FROM grid_versions WHERE valid_from <= ?1 AND (valid_to IS NULL OR valid_to > ?1)").bind(date),
    db.prepare(
      `SELECT (SELECT max(d) FROM (SELECT max(valid_from) AS d FROM grid_versions WHERE valid_from <= ?1
                                   UNION ALL SELECT max(valid_to) FROM grid_versions WHERE valid_to <= ?1)) AS since,
              (SELECT min(d) FROM (SELECT min(valid_from) AS d FROM grid_versions WHERE valid_from > ?1
                                   UNION ALL SELECT min(valid_to) FROM grid_versions WHERE valid_to > ?1)) AS until`,
    ).bind(date),
  ]);
  const rows = (grids?.results ?? []) as { code: string; name: string; boundary: string }[];
  const bounds = (span?.results?.[0] ?? {}) as { since: string | null; until: string | null };
  return {
    layoutVersion: version,
    from: bounds.since ?? "0000-00-00",
    until: bounds.until,
    index: new GridIndex(rows.map((r) => ({ id: r.code, geometry: JSON.parse(r.boundary) as Geometry }))),
    names: new Map(rows.map((r) => [r.code, r.name])),
  };
}

const covers = (e: Entry, version: number, date: string) => e.layoutVersion === version && e.from <= date && (e.until === null || date < e.until);

/** The index of the grids in force on `date`; one cheap read of the layout version when it is cached. */
export async function indexOn(db: D1Database, date: string): Promise<Entry> {
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
