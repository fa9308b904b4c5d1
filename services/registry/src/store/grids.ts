import type { Geometry } from "@civicgrid/geo";
import type { DraftOp } from "../domain/draft";
import type { VillageLayout } from "../domain/layout-rules";
import { recordOfRow, VERSION_SELECT, type GridRecord, type GridVersionRow } from "./grid-rows";

/** Arrays travel as one JSON parameter (D1 allows 100 bound parameters per statement). */
const IN_JSON = "(SELECT value FROM json_each(?1))";

/** The open (latest filed) record of each named grid that has one. */
export async function openRecords(db: D1Database, codes: readonly string[]): Promise<Map<string, GridRecord>> {
  if (codes.length === 0) return new Map();
  const { results } = await db.prepare(`${VERSION_SELECT} WHERE valid_to IS NULL AND code IN ${IN_JSON}`).bind(JSON.stringify(codes)).all<GridVersionRow>();
  return new Map(results.map((r) => [r.code, recordOfRow(r)]));
}

export async function versionsOf(db: D1Database, code: string): Promise<GridVersionRow[]> {
  const { results } = await db.prepare(`${VERSION_SELECT} WHERE code = ?1 ORDER BY seq`).bind(code).all<GridVersionRow>();
  return results;
}

/** Village codes of a county that are on file. */
export async function villagesOfCounty(db: D1Database, countyCode: string): Promise<Set<string>> {
  const { results } = await db
    .prepare("SELECT code FROM divisions WHERE level = 'village' AND code LIKE ?1")
    .bind(`${countyCode.slice(0, 6)}%`)
    .all<{ code: string }>();
  return new Set(results.map((r) => r.code));
}

/** The highest sequence ever handed out in each village (0 when none). */
export async function lastSequences(db: D1Database, villages: readonly string[]): Promise<Map<string, number>> {
  const { results } = await db
    .prepare(`SELECT village_code, max(sequence) AS last FROM grids WHERE village_code IN ${IN_JSON} GROUP BY village_code`)
    .bind(JSON.stringify(villages))
    .all<{ village_code: string; last: number }>();
  return new Map(results.map((r) => [r.village_code, r.last]));
}

/**
 * The proposed layout of each village: its open filed grids with the layout's ops laid over them, plus the
 * village boundary. `changed` names the grids the rules must check against their neighbours.
 */
export async function villageLayouts(db: D1Database, villages: ReadonlySet<string>, ops: ReadonlyMap<string, DraftOp>, changed: ReadonlySet<string>): Promise<VillageLayout[]> {
  if (villages.size === 0) return [];
  const list = JSON.stringify([...villages]);
  const [versions, divisions] = await db.batch([
    db.prepare(`${VERSION_SELECT} WHERE valid_to IS NULL AND village_code IN ${IN_JSON}`).bind(list),
    db.prepare(`SELECT code, boundary FROM divisions WHERE code IN ${IN_JSON}`).bind(list),
  ]);
  const byVillage = new Map<string, Map<string, GridRecord>>([...villages].map((v) => [v, new Map()]));
  for (const row of (versions?.results ?? []) as GridVersionRow[]) byVillage.get(row.village_code)?.set(row.code, recordOfRow(row));
  for (const op of ops.values()) {
    const grids = byVillage.get(op.villageCode);
    if (!grids) continue;
    if (op.grid) grids.set(op.code, op.grid);
    else grids.delete(op.code);
  }
  const boundaries = new Map(((divisions?.results ?? []) as { code: string; boundary: string | null }[]).map((d) => [d.code, d.boundary]));
  return [...byVillage].map(([villageCode, grids]) => {
    const boundary = boundaries.get(villageCode);
    return {
      villageCode,
      boundary: boundary ? (JSON.parse(boundary) as Geometry) : null,
      grids: [...grids.values()],
      changed: new Set([...grids.keys()].filter((code) => changed.has(code))),
    };
  });
}

/** The newest filed version of each named grid: its number and the facts the roster keeps (name, type). */
export async function lastFiled(db: D1Database, codes: readonly string[]): Promise<Map<string, { seq: number; name: string; type: GridRecord["type"] }>> {
  if (codes.length === 0) return new Map();
  const { results } = await db
    // SQLite takes the bare columns of a max() aggregate from the row holding the maximum.
    .prepare(`SELECT code, max(seq) AS seq, name, type FROM grid_versions WHERE code IN ${IN_JSON} GROUP BY code`)
    .bind(JSON.stringify(codes))
    .all<{ code: string; seq: number; name: string; type: GridRecord["type"] }>();
  return new Map(results.map((r) => [r.code, { seq: r.seq, name: r.name, type: r.type }]));
}
