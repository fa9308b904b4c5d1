import type { RegistryGridChanged } from "@civicgrid/contracts";
import type { DraftOp } from "../domain/draft";
import { closeVersion, insertVersion } from "./grid-rows";
import type { lastFiled } from "./grids";
import { outboxStatement, registryEvent } from "./outbox";

type LastFiled = Awaited<ReturnType<typeof lastFiled>>;

/**
 * The statements that make an accepted layout's changes part of grid history from `effectiveDate`: each
 * changed grid's open version ends that day and its new version (if any) starts; every change is recorded
 * in the grid's history and announced as `registry.grid.changed` to notifications and the roster.
 *
 * The event carries the grid's facts as they are from `effectiveDate` (RegistryGridChanged) and, as its
 * version, the grid's version number from then on: the new filed version, or for a retirement one past the
 * last filed version, so that a consumer keeping the newest version takes the retirement over what it had.
 */
export function acceptStatements(
  db: D1Database,
  layout: { id: string; countyCode: string },
  ops: Iterable<DraftOp>,
  effectiveDate: string,
  filed: LastFiled,
): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  for (const op of ops) {
    if (op.op !== "create") out.push(closeVersion(db, op.code, effectiveDate));
    if (op.grid) out.push(insertVersion(db, op.grid, effectiveDate, layout.id, op.kind));
    out.push(
      db
        .prepare(
          `INSERT INTO grid_history (grid_code, layout_id, kind, effective_date, related, version_seq)
           VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 THEN (SELECT max(seq) FROM grid_versions WHERE code = ?1) END)`,
        )
        .bind(op.code, layout.id, op.kind, effectiveDate, JSON.stringify(op.related), op.grid ? 1 : 0),
    );
    const before = filed.get(op.code);
    const facts: RegistryGridChanged = {
      gridCode: op.code,
      name: op.grid?.name ?? before?.name ?? op.code,
      villageCode: op.villageCode,
      type: op.grid?.type ?? before?.type ?? "urban",
      status: op.grid ? "active" : "retired",
    };
    const data = { ...facts, countyCode: layout.countyCode, kind: op.kind, related: op.related, effectiveDate, layoutId: layout.id };
    const version = (before?.seq ?? 0) + 1;
    out.push(outboxStatement(db, registryEvent("registry.grid.changed", op.code, version, data, `registry.grid.changed:${op.code}:${layout.id}`)));
  }
  return out;
}
