import type { Grid, GridFields, GridStatus } from "@civicgrid/contracts";
import { areaM2, type Geometry } from "@civicgrid/geo";
import { placeOfGrid } from "./grid-code";

/** A grid's filed (or proposed) record with its boundary parsed. */
export type GridRecord = Omit<GridFields, "boundary"> & {
  code: string;
  villageCode: string;
  countyCode: string;
  boundary: Geometry;
};

/** The span a filed version is in force: from valid_from (inclusive) to valid_to (exclusive, null = open). */
export interface Validity {
  validFrom: string;
  validTo: string | null;
}

export const inForce = (v: Validity, date: string): boolean =>
  v.validFrom <= date && (v.validTo === null || v.validTo > date);

/**
 * A grid's status on `today` from its filed versions: active while a version is in force; draft while it
 * exists only in a layout or its first version is not yet in force; retired once its last version ended.
 */
export function statusOf(versions: readonly Validity[], today: string): GridStatus {
  if (versions.some((v) => inForce(v, today))) return "active";
  if (versions.length === 0 || versions.some((v) => v.validFrom > today)) return "draft";
  return "retired";
}

export interface GridMeta {
  status: GridStatus;
  version: number;
  validFrom: string | null;
  validTo: string | null;
  layoutId: string;
  areaM2?: number;
}

/** The API's Grid: the record with where it lies, its status and which filed version it is. */
export function gridOfRecord(record: GridRecord, meta: GridMeta): Grid {
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
