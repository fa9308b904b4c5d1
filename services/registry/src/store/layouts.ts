import type { Layout } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import type { DraftOp } from "../domain/draft";
import type { GridRecord } from "./grid-rows";

export interface LayoutRow {
  id: string;
  county_code: string;
  number: number;
  status: Layout["status"];
  note: string | null;
  effective_date: string | null;
  review_reasons: string;
  created_by: string;
  created_at: string;
  submitted_at: string | null;
  reviewed_at: string | null;
  version: number;
}

interface OpRow {
  grid_code: string;
  village_code: string;
  op: DraftOp["op"];
  kind: DraftOp["kind"];
  grid: string | null;
  related: string;
}

export interface LoadedLayout {
  row: LayoutRow;
  ops: Map<string, DraftOp>;
}

export async function loadLayout(db: D1Database, id: string): Promise<LoadedLayout> {
  const [rows, opRows] = await db.batch([
    db.prepare("SELECT * FROM layouts WHERE id = ?1").bind(id),
    db.prepare("SELECT grid_code, village_code, op, kind, grid, related FROM layout_ops WHERE layout_id = ?1 ORDER BY grid_code").bind(id),
  ]);
  const row = (rows?.results as LayoutRow[] | undefined)?.[0];
  if (!row) throw new AppError("not_found", `no layout ${id}`);
  const ops = new Map<string, DraftOp>();
  for (const r of (opRows?.results ?? []) as OpRow[]) {
    ops.set(r.grid_code, {
      code: r.grid_code,
      villageCode: r.village_code,
      op: r.op,
      kind: r.kind,
      grid: r.grid ? (JSON.parse(r.grid) as GridRecord) : null,
      related: JSON.parse(r.related) as string[],
    });
  }
  return { row, ops };
}

export function layoutOf({ row, ops }: LoadedLayout): Layout {
  return {
    id: row.id,
    countyCode: row.county_code,
    number: row.number,
    status: row.status,
    note: row.note,
    effectiveDate: row.effective_date,
    reviewReasons: JSON.parse(row.review_reasons) as string[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    reviewedAt: row.reviewed_at,
    version: row.version,
    changes: [...ops.values()].map(({ code, villageCode, op, kind, related }) => ({ code, villageCode, op, kind, related })),
  };
}

export function upsertOp(db: D1Database, layoutId: string, op: DraftOp): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO layout_ops (layout_id, grid_code, village_code, op, kind, grid, related) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (layout_id, grid_code) DO UPDATE SET op = excluded.op, kind = excluded.kind, grid = excluded.grid, related = excluded.related`,
    )
    .bind(layoutId, op.code, op.villageCode, op.op, op.kind, op.grid ? JSON.stringify(op.grid) : null, JSON.stringify(op.related));
}

export function deleteOp(db: D1Database, layoutId: string, code: string): D1PreparedStatement {
  return db.prepare("DELETE FROM layout_ops WHERE layout_id = ?1 AND grid_code = ?2").bind(layoutId, code);
}

/** Moves a layout to its next version; pair it with a versionGuard earlier in the same batch. */
export function bumpLayout(db: D1Database, id: string, set: string, ...values: unknown[]): D1PreparedStatement {
  const assignments = set ? `, ${set}` : "";
  return db.prepare(`UPDATE layouts SET version = version + 1${assignments} WHERE id = ?1`).bind(id, ...values);
}
