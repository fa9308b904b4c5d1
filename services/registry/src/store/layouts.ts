import type { Layout } from "@civicgrid/contracts";
import { and, asc, eq, gt, inArray, like, max, sql, type SQL } from "drizzle-orm";
import type { DraftOp } from "../domain/draft";
import {
  LAYOUT_LIFECYCLE,
  OPEN_LAYOUT_STATUSES,
  type LayoutCommand,
  type LayoutEffect,
  type LayoutStatus,
} from "../domain/layout-lifecycle";
import { guard, type Db, type Statement } from "./db";
import { registryEvent, registryOutbox } from "./outbox";
import { grids, layoutOps, layouts } from "./schema";

export type LayoutRow = typeof layouts.$inferSelect;

export interface LoadedLayout {
  row: LayoutRow;
  ops: Map<string, DraftOp>;
}

/** A layout with its ops by grid code, or null when there is no such layout. */
export async function loadLayout(db: Db, id: string): Promise<LoadedLayout | null> {
  const [rows, opRows] = await db.batch([
    db.select().from(layouts).where(eq(layouts.id, id)),
    db.select().from(layoutOps).where(eq(layoutOps.layoutId, id)).orderBy(asc(layoutOps.gridCode)),
  ]);
  const row = rows[0];
  if (!row) return null;
  const ops = new Map<string, DraftOp>();
  for (const r of opRows) {
    ops.set(r.gridCode, {
      code: r.gridCode,
      villageCode: r.villageCode,
      op: r.op,
      kind: r.kind,
      grid: r.grid,
      related: r.related,
    });
  }
  return { row, ops };
}

/** The API's Layout: the row without who submitted and reviewed it, with the changes it files. */
export function layoutOf({ row, ops }: LoadedLayout): Layout {
  const { submittedBy: _s, reviewedBy: _r, ...layout } = row;
  return {
    ...layout,
    changes: [...ops.values()].map(({ code, villageCode, op, kind, related }) => ({
      code,
      villageCode,
      op,
      kind,
      related,
    })),
  };
}

/** The county's open layout (draft, submitted or returned), if it has one. */
export function openLayoutOf(db: Db, countyCode: string) {
  return db
    .select({ id: layouts.id })
    .from(layouts)
    .where(and(eq(layouts.countyCode, countyCode), inArray(layouts.status, [...OPEN_LAYOUT_STATUSES])))
    .get();
}

/** Opens a county's next layout as a draft; a concurrent open breaks the unique number or one-open rule. */
export async function openLayout(
  db: Db,
  input: { countyCode: string; note: string | null; createdBy: string; now: string },
) {
  const last = await db
    .select({ n: max(layouts.number) })
    .from(layouts)
    .where(eq(layouts.countyCode, input.countyCode))
    .get();
  const number = (last?.n ?? 0) + 1;
  const id = `${input.countyCode.slice(0, 6)}-${number}`;
  const { status } = LAYOUT_LIFECYCLE.open.effect({ actor: input.createdBy, now: input.now, today: "" });
  await db.insert(layouts).values({
    id,
    countyCode: input.countyCode,
    number,
    status: status ?? "draft",
    note: input.note,
    createdBy: input.createdBy,
    createdAt: input.now,
  });
  return id;
}

/** Layouts by id after `after`, within a county prefix (and county, status when given). */
export function layoutsPage(
  db: Db,
  page: {
    after: string;
    limit: number;
    prefix: string;
    countyCode?: string | undefined;
    status?: LayoutStatus | undefined;
  },
): Promise<LayoutRow[]> {
  return db
    .select()
    .from(layouts)
    .where(
      and(
        gt(layouts.id, page.after),
        like(layouts.countyCode, `${page.prefix}%`),
        page.countyCode ? eq(layouts.countyCode, page.countyCode) : undefined,
        page.status ? eq(layouts.status, page.status) : undefined,
      ),
    )
    .orderBy(asc(layouts.id))
    .limit(page.limit);
}

/** The effective date of the county's latest accepted layout, if any. */
export async function lastEffectiveDate(db: Db, countyCode: string): Promise<string | null> {
  const row = await db
    .select({ d: max(layouts.effectiveDate) })
    .from(layouts)
    .where(and(eq(layouts.countyCode, countyCode), eq(layouts.status, "accepted")))
    .get();
  return row?.d ?? null;
}

export function allocateGrid(
  db: Db,
  grid: { code: string; villageCode: string; sequence: number },
  layout: LayoutRow,
  now: string,
) {
  return db
    .insert(grids)
    .values({ ...grid, countyCode: layout.countyCode, createdLayoutId: layout.id, createdAt: now });
}

export function upsertOp(db: Db, layoutId: string, op: DraftOp): Statement {
  const values = { op: op.op, kind: op.kind, grid: op.grid, related: op.related };
  return db
    .insert(layoutOps)
    .values({ layoutId, gridCode: op.code, villageCode: op.villageCode, ...values })
    .onConflictDoUpdate({ target: [layoutOps.layoutId, layoutOps.gridCode], set: values });
}

export function deleteOp(db: Db, layoutId: string, code: string): Statement {
  return db.delete(layoutOps).where(and(eq(layoutOps.layoutId, layoutId), eq(layoutOps.gridCode, code)));
}

/** Still at the version read and in a status the command starts from, when the batch runs. */
const unchanged = (row: LayoutRow, command: LayoutCommand): SQL =>
  sql`SELECT 1 FROM ${layouts} WHERE ${layouts.id} = ${row.id} AND ${layouts.version} = ${row.version}
      AND ${inArray(layouts.status, [...LAYOUT_LIFECYCLE[command].from])}`;

/**
 * A lifecycle command on a layout, in one batch: the guard (version and `from` statuses), the command's own
 * statements (`extra`, e.g. an edit's ops or an acceptance's grid versions), the effect with the version
 * moved, and its event. A concurrent command that won first fails the guard, and this batch writes nothing.
 */
export function layoutCommand(
  db: Db,
  row: LayoutRow,
  command: LayoutCommand,
  effect: LayoutEffect,
  extra: Statement[] = [],
): Statement[] {
  const { event } = LAYOUT_LIFECYCLE[command];
  const data = { layoutId: row.id, countyCode: row.countyCode, number: row.number };
  return [
    guard(db, unchanged(row, command)),
    ...extra,
    db
      .update(layouts)
      .set({ ...effect, version: sql`${layouts.version} + 1` })
      .where(eq(layouts.id, row.id)),
    ...(event ? [registryOutbox(db, registryEvent(event, row.id, row.version + 1, data))] : []),
  ];
}
