import type { Grid, GridFields, GridStatus } from "@civicgrid/contracts";
import { areaM2, bbox, type Geometry } from "@civicgrid/geo";
import { placeOfGrid } from "../domain/grid-code";

/** A grid's filed (or proposed) record with its boundary parsed. */
export type GridRecord = Omit<GridFields, "boundary"> & { code: string; villageCode: string; countyCode: string; boundary: Geometry };

export interface GridVersionRow {
  code: string;
  seq: number;
  county_code: string;
  village_code: string;
  name: string;
  type: "urban" | "rural" | "dedicated";
  unit_kind: "campus" | "park" | "factory" | "office_tower" | null;
  unit_name: string | null;
  households: number;
  population: number;
  party_organisation: string;
  supervision_phone: string;
  area_description: string;
  boundary: string;
  area_m2: number;
  valid_from: string;
  valid_to: string | null;
  layout_id: string;
  change: string;
}

export function recordOfRow(row: GridVersionRow): GridRecord {
  return {
    code: row.code,
    villageCode: row.village_code,
    countyCode: row.county_code,
    name: row.name,
    type: row.type,
    unit: row.unit_kind && row.unit_name ? { kind: row.unit_kind, name: row.unit_name } : null,
    households: row.households,
    population: row.population,
    partyOrganisation: row.party_organisation,
    supervisionPhone: row.supervision_phone,
    areaDescription: row.area_description,
    boundary: JSON.parse(row.boundary) as Geometry,
  };
}

/**
 * A grid's status on `today` from its filed versions: active while a version is in force; draft while it
 * exists only in a layout or its first version is not yet in force; retired once its last version ended.
 */
export function statusOf(versions: readonly Pick<GridVersionRow, "valid_from" | "valid_to">[], today: string): GridStatus {
  if (versions.some((v) => v.valid_from <= today && (v.valid_to === null || v.valid_to > today))) return "active";
  if (versions.length === 0 || versions.some((v) => v.valid_from > today)) return "draft";
  return "retired";
}

export function gridOfRecord(record: GridRecord, meta: { status: GridStatus; version: number; validFrom: string | null; validTo: string | null; layoutId: string; areaM2?: number }): Grid {
  const { townshipCode } = placeOfGrid(record.code);
  return {
    ...record,
    unit: record.unit ?? null,
    boundary: record.boundary as Grid["boundary"],
    townshipCode,
    status: meta.status,
    version: meta.version,
    validFrom: meta.validFrom,
    validTo: meta.validTo,
    areaM2: Math.round(meta.areaM2 ?? areaM2(record.boundary)),
    layoutId: meta.layoutId,
  };
}

const COLUMNS = `code, seq, county_code, village_code, name, type, unit_kind, unit_name, households, population,
  party_organisation, supervision_phone, area_description, boundary, min_lng, min_lat, max_lng, max_lat, area_m2,
  valid_from, valid_to, layout_id, change`;

/** The values of a grid_versions row for a record, in COLUMNS order (the statement supplies seq). */
function versionValues(record: GridRecord) {
  const [minLng, minLat, maxLng, maxLat] = bbox(record.boundary);
  return [
    record.code, record.countyCode, record.villageCode, record.name, record.type, record.unit?.kind ?? null, record.unit?.name ?? null,
    record.households, record.population, record.partyOrganisation, record.supervisionPhone, record.areaDescription ?? "",
    JSON.stringify(record.boundary), minLng, minLat, maxLng, maxLat, areaM2(record.boundary),
  ];
}

/** Inserts the next version of a grid, valid from `validFrom`; seq follows the grid's last version. */
export function insertVersion(db: D1Database, record: GridRecord, validFrom: string, layoutId: string, change: string): D1PreparedStatement {
  const values = versionValues(record);
  const placeholders = values.map((_, i) => `?${i + 1}`);
  const n = values.length;
  return db
    .prepare(
      `INSERT INTO grid_versions (${COLUMNS}) VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM grid_versions WHERE code = ?1),
       ${placeholders.slice(1).join(", ")}, ?${n + 1}, NULL, ?${n + 2}, ?${n + 3})`,
    )
    .bind(...values, validFrom, layoutId, change);
}

/** Closes the open version of a grid on `validTo` (the day its successor, or nothing, takes over). */
export function closeVersion(db: D1Database, code: string, validTo: string): D1PreparedStatement {
  return db.prepare("UPDATE grid_versions SET valid_to = ?2 WHERE code = ?1 AND valid_to IS NULL").bind(code, validTo);
}

export const VERSION_SELECT = `SELECT ${COLUMNS} FROM grid_versions`;
