import type { RegistryGridChanged } from "@civicgrid/contracts";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DraftOp } from "../domain/draft";
import type { GridRecord } from "../domain/grid";
import type { Db, Statement } from "./db";
import type { LastFiled } from "./grids";
import { registryEvent, registryOutbox } from "./outbox";
import { gridHistory, gridVersions } from "./schema";
import { versionRow } from "./version-row";

const lastSeq = (code: string) => sql`(SELECT max(seq) FROM ${gridVersions} WHERE code = ${code})`;

/** Inserts the next version of a grid, valid from `validFrom`; seq follows the grid's last version. */
function insertVersion(db: Db, record: GridRecord, validFrom: string, layoutId: string, change: string): Statement {
  const seq = sql<number>`coalesce(${lastSeq(record.code)}, 0) + 1`;
  return db.insert(gridVersions).values({ ...versionRow(record, { validFrom, layoutId, change }), seq });
}

/** Closes the open version of a grid on `validTo` (the day its successor, or nothing, takes over). */
function closeVersion(db: Db, code: string, validTo: string): Statement {
  return db
    .update(gridVersions)
    .set({ validTo })
    .where(and(eq(gridVersions.code, code), isNull(gridVersions.validTo)));
}

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
  db: Db,
  layout: { id: string; countyCode: string },
  ops: Iterable<DraftOp>,
  effectiveDate: string,
  filed: LastFiled,
): Statement[] {
  const out: Statement[] = [];
  for (const op of ops) {
    if (op.op !== "create") out.push(closeVersion(db, op.code, effectiveDate));
    if (op.grid) out.push(insertVersion(db, op.grid, effectiveDate, layout.id, op.kind));
    out.push(
      db.insert(gridHistory).values({
        gridCode: op.code,
        layoutId: layout.id,
        kind: op.kind,
        effectiveDate,
        related: op.related,
        versionSeq: op.grid ? lastSeq(op.code) : null,
      }),
    );
    const before = filed.get(op.code);
    const facts: RegistryGridChanged = {
      gridCode: op.code,
      name: op.grid?.name ?? before?.name ?? op.code,
      villageCode: op.villageCode,
      type: op.grid?.type ?? before?.type ?? "urban",
      status: op.grid ? "active" : "retired",
    };
    const data = {
      ...facts,
      countyCode: layout.countyCode,
      kind: op.kind,
      related: op.related,
      effectiveDate,
      layoutId: layout.id,
    };
    const version = (before?.seq ?? 0) + 1;
    const id = `registry.grid.changed:${op.code}:${layout.id}`;
    out.push(registryOutbox(db, registryEvent("registry.grid.changed", op.code, version, data, id)));
  }
  return out;
}
