import type { Division } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";

export interface DivisionRow {
  code: string;
  name: string;
  level: Division["level"];
  parent_code: string | null;
  urban: number | null;
  boundary: string | null;
  version: number;
}

export function divisionOf(row: DivisionRow, withBoundary = true): Division {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parent_code,
    urban: row.urban === null ? null : row.urban === 1,
    boundary: withBoundary && row.boundary ? (JSON.parse(row.boundary) as Division["boundary"]) : null,
    version: row.version,
  };
}

export async function divisionRow(db: D1Database, code: string): Promise<DivisionRow> {
  const row = await db.prepare("SELECT * FROM divisions WHERE code = ?1").bind(code).first<DivisionRow>();
  if (!row) throw new AppError("not_found", `no division ${code}`);
  return row;
}
