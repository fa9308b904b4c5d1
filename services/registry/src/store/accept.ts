import type { DraftOp } from "../domain/draft";
import { closeVersion, insertVersion } from "./grid-rows";
import { outboxStatement, registryEvent } from "./outbox";

/**
 * The statements that make an accepted layout's changes part of grid history from `effectiveDate`: each
 * changed grid's open version ends that day and its new version (if any) starts; every change is recorded
 * in the grid's history and announced on the events queue.
 */
export function acceptStatements(db: D1Database, layoutId: string, countyCode: string, ops: Iterable<DraftOp>, effectiveDate: string): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  for (const op of ops) {
    if (op.op !== "create") out.push(closeVersion(db, op.code, effectiveDate));
    if (op.grid) out.push(insertVersion(db, op.grid, effectiveDate, layoutId, op.kind));
    out.push(
      db
        .prepare(
          `INSERT INTO grid_history (grid_code, layout_id, kind, effective_date, related, version_seq)
           VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 THEN (SELECT max(seq) FROM grid_versions WHERE code = ?1) END)`,
        )
        .bind(op.code, layoutId, op.kind, effectiveDate, JSON.stringify(op.related), op.grid ? 1 : 0),
    );
    const data = { gridCode: op.code, villageCode: op.villageCode, countyCode, kind: op.kind, related: op.related, effectiveDate, layoutId };
    out.push(outboxStatement(db, registryEvent("registry.grid.changed", op.code, 0, data, `registry.grid.changed:${op.code}:${layoutId}`)));
  }
  return out;
}
