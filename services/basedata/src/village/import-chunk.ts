import type { Conflict } from "@civicgrid/contracts";
import { and, eq } from "drizzle-orm";
import type { ColumnsOf, PlannedRow } from "../imports/plan";
import { Resolver } from "../imports/resolve";
import { ok, refused, type Outcome, type Refusal } from "../domain/refusal";
import { handlerOf } from "./changes";
import type { ChangeContext } from "./changes/types";
import { enqueueCounts } from "./counts";
import { importChunksApplied } from "./schema";

export interface ChunkInput {
  importId: string;
  chunk: number;
  /** The file's columns, to name the column of a failure. */
  columns: ColumnsOf;
  rows: PlannedRow[];
}

export interface ChunkApplied {
  rows: number;
  /** Records created, changed or found, row after row. */
  records: string[];
  /** The chunk had been applied before (a redelivery): nothing was done again. */
  replayed: boolean;
}

/** A row's failure: the refusal names the ledger column, `extra.row` the row. */
function rowRefusal(row: PlannedRow, refusal: Refusal, columns: ColumnsOf): Refusal {
  const errors = (refusal.errors ?? [{ field: "row", message: refusal.detail }]).map((e) => {
    const path = e.field.replace(/^body\.change\./, "");
    return { field: columns[path] ?? columns[path.split(".")[0]!] ?? e.field, message: e.message };
  });
  const detail = `row ${row.row}: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`;
  return { code: refusal.code, detail, errors, extra: { row: row.row } };
}

/** Thrown inside the transaction to roll the whole chunk back. */
class RowFailed extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail);
  }
}

function appliedBefore(ctx: ChangeContext, input: ChunkInput) {
  return ctx.db
    .select()
    .from(importChunksApplied)
    .where(and(eq(importChunksApplied.importId, input.importId), eq(importChunksApplied.chunk, input.chunk)))
    .get();
}

/**
 * Applies one chunk of a validated import in ONE transaction: every row or none. The handlers' async lookups run
 * first for the whole chunk (outside the transaction: registry, identity index); then, inside it and in row
 * order, each change's references are resolved against the base as the rows before left it, found instead of
 * created when it exists (ensure), checked (a blocking conflict fails the row) and applied with the source
 * "import:<id>" — the agency's import is its verification, so the changes are approved as they are applied.
 * Idempotent on (import, chunk): a redelivered chunk answers what it did the first time.
 */
export async function applyImportChunk(
  ctx: ChangeContext,
  storage: DurableObjectStorage,
  input: ChunkInput,
): Promise<Outcome<ChunkApplied>> {
  const before = appliedBefore(ctx, input);
  if (before) return ok({ rows: before.rows, records: JSON.parse(before.records) as string[], replayed: true });
  // A refused lookup of a change that finds before it creates fails only if the record is not found after all
  // (a ledger that lists a door already kept needs no point for it).
  // Rows of a ledger repeat their upper levels (the same door for every room): a lookup depends only on the change,
  // so the same change is looked up once per chunk.
  const looked: Outcome<unknown>[][] = [];
  const memo = new Map<string, Outcome<unknown>>();
  for (const row of input.rows) {
    const values: Outcome<unknown>[] = [];
    for (const planned of row.changes) {
      const handler = handlerOf(planned.change.kind);
      const key = JSON.stringify(planned.change);
      const outcome = memo.get(key) ?? (await handler.lookup(ctx, planned.change));
      memo.set(key, outcome);
      if (!outcome.ok && !planned.ensure)
        return refused(rowRefusal(row, outcome.refusal, { ...input.columns, ...planned.columns }));
      values.push(outcome);
    }
    looked.push(values);
  }
  const source = `import:${input.importId}`;
  try {
    return storage.transactionSync(() => {
      const again = appliedBefore(ctx, input);
      if (again) return ok({ rows: again.rows, records: JSON.parse(again.records) as string[], replayed: true });
      const resolver = new Resolver(ctx.db);
      const records: string[] = [];
      input.rows.forEach((row, r) => {
        const created: string[] = [];
        row.changes.forEach((planned, i) => {
          const fail = (refusal: Refusal) =>
            new RowFailed(rowRefusal(row, refusal, { ...input.columns, ...planned.columns }));
          const change = resolver.resolve(planned, created);
          if (!change.ok) throw fail(change.refusal);
          const found = planned.ensure ? resolver.existing(change.value) : null;
          if (found) return void created.push(found);
          const handler = handlerOf(change.value.kind);
          const lookup = looked[r]![i]!;
          if (!lookup.ok) throw fail(lookup.refusal);
          const checked = handler.check(ctx, change.value, lookup.value);
          if (!checked.ok) throw fail(checked.refusal);
          const blocking = checked.value.conflicts.filter((c) => c.blocking);
          if (blocking.length) throw fail(conflictRefusal(blocking));
          const { recordId } = handler.apply(ctx, change.value, lookup.value, checked.value, source);
          if (change.value.kind === "address.create") resolver.invalidate();
          created.push(recordId);
        });
        records.push(...created);
      });
      ctx.db
        .insert(importChunksApplied)
        .values({
          importId: input.importId,
          chunk: input.chunk,
          rows: input.rows.length,
          records: JSON.stringify(records),
          appliedAt: ctx.now.toISOString(),
        })
        .run();
      // The village's counts (底数) follow an import as they follow a verified submission.
      if (records.length > 0) enqueueCounts(ctx.db);
      return ok({ rows: input.rows.length, records, replayed: false });
    });
  } catch (error) {
    if (error instanceof RowFailed) return refused(error.refusal);
    throw error;
  }
}

/** The field of the change each kind of conflict is about, so the report names its column. */
const CONFLICT_FIELDS: Record<Conflict["code"], string> = {
  duplicate_address: "name",
  identity_elsewhere: "identity.number",
  identity_in_village: "identity.number",
  credit_code_elsewhere: "creditCode",
  duplicate_unit: "creditCode",
  house_occupied: "residence.houseId",
  address_retired: "parentId",
  person_gone: "personId",
  tag_open: "tagKind",
};

function conflictRefusal(conflicts: readonly Conflict[]): Refusal {
  const errors = conflicts.map((c) => ({ field: `body.change.${CONFLICT_FIELDS[c.code]}`, message: c.message }));
  return { code: "conflict", detail: errors.map((e) => e.message).join("; "), errors };
}
