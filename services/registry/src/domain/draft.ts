import { unitMatchesType, type GridChange, type GridFields, type GridHistoryKind } from "@civicgrid/contracts";
import { checkedBoundary } from "./boundary";
import type { GridRecord } from "./grid";
import { fieldRefusal, isRefusal, type Refusal } from "./refusal";

/** What a layout does to one grid. `grid` is the proposed record (null when the grid is retired). */
export interface DraftOp {
  code: string;
  villageCode: string;
  op: "create" | "update" | "retire";
  kind: GridHistoryKind;
  grid: GridRecord | null;
  related: string[];
}

export interface DraftContext {
  countyCode: string;
  /** The layout's ops so far; applyChanges works on a copy. */
  ops: ReadonlyMap<string, DraftOp>;
  /** Open filed records of every grid the changes name. */
  filed: ReadonlyMap<string, GridRecord>;
  /** Village codes of the county that exist. */
  villages: ReadonlySet<string>;
  /** Hands out the next never-used grid code of a village, or refuses when the village has used them all. */
  allocate(villageCode: string): string | Refusal;
}

export interface DraftResult {
  ops: Map<string, DraftOp>;
  /** Grids created in this draft and removed again: their ops go, their codes stay used. */
  dropped: Set<string>;
  /** Grids whose proposed boundary or facts changed (checked against their neighbours). */
  changed: Set<string>;
  villages: Set<string>;
}

/** Carries a refusal out of the nested steps below to applyChanges, which returns it. */
class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

const fail = (field: string, message: string, code: Refusal["refused"] = "unprocessable") =>
  new Refused(fieldRefusal(field, message, code));

function boundaryOf(value: unknown, field: string) {
  const boundary = checkedBoundary(value, field);
  if (isRefusal(boundary)) throw new Refused(boundary);
  return boundary;
}

function recordOf(
  fields: GridFields,
  code: string,
  villageCode: string,
  countyCode: string,
  field: string,
): GridRecord {
  return {
    ...fields,
    unit: fields.unit ?? null,
    code,
    villageCode,
    countyCode,
    boundary: boundaryOf(fields.boundary, `${field}.boundary`),
  };
}

/**
 * Applies a list of changes to a draft layout, all or nothing; refuses (as a value) any change that does not
 * fit its current state. `allocate` may refuse too (a village out of grid codes).
 */
export function applyChanges(changes: readonly GridChange[], ctx: DraftContext): DraftResult | Refusal {
  try {
    return applied(changes, ctx);
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

function applied(changes: readonly GridChange[], ctx: DraftContext): DraftResult {
  const ops = new Map(ctx.ops);
  const result: DraftResult = { ops, dropped: new Set(), changed: new Set(), villages: new Set() };
  const current = (code: string): GridRecord | null => {
    const op = ops.get(code);
    if (op) return op.grid;
    return ctx.filed.get(code) ?? null;
  };
  const existing = (code: string, field: string): GridRecord => {
    if (!code.startsWith(ctx.countyCode.slice(0, 6)))
      throw fail(field, `grid ${code} is not in county ${ctx.countyCode}`, "validation_failed");
    const grid = current(code);
    if (!grid) throw fail(field, `grid ${code} is not part of this county's layout (unknown or retired)`);
    return grid;
  };
  const filedOnly = (code: string, field: string) => {
    if (ops.get(code)?.op === "create")
      throw fail(field, `grid ${code} was created in this draft: edit or remove it instead`, "conflict");
  };
  const create = (fields: GridFields, villageCode: string, field: string, kind: GridHistoryKind, related: string[]) => {
    const code = ctx.allocate(villageCode);
    if (isRefusal(code)) throw new Refused(code);
    ops.set(code, {
      code,
      villageCode,
      op: "create",
      kind,
      grid: recordOf(fields, code, villageCode, ctx.countyCode, field),
      related,
    });
    result.changed.add(code);
    result.villages.add(villageCode);
    return code;
  };
  const retire = (grid: GridRecord, kind: GridHistoryKind, related: string[]) => {
    if (ops.get(grid.code)?.op === "create") {
      ops.delete(grid.code);
      result.dropped.add(grid.code);
    } else {
      ops.set(grid.code, { code: grid.code, villageCode: grid.villageCode, op: "retire", kind, grid: null, related });
    }
    result.changed.delete(grid.code);
    result.villages.add(grid.villageCode);
  };

  changes.forEach((change, i) => {
    const at = `body.changes.${i}`;
    switch (change.op) {
      case "create": {
        if (!ctx.villages.has(change.villageCode))
          throw fail(`${at}.villageCode`, `no village ${change.villageCode} in county ${ctx.countyCode}`);
        create(change.grid, change.villageCode, `${at}.grid`, "created", []);
        break;
      }
      case "update": {
        const grid = existing(change.code, `${at}.code`);
        const { boundary, ...facts } = change.grid;
        const merged: GridRecord = {
          ...grid,
          ...facts,
          boundary: boundary ? boundaryOf(boundary, `${at}.grid.boundary`) : grid.boundary,
        };
        if (!unitMatchesType(merged))
          throw fail(
            `${at}.grid.unit`,
            "a dedicated grid names its unit; other grids have unit null",
            "validation_failed",
          );
        const before = ops.get(change.code);
        const redrawn = boundary !== undefined && JSON.stringify(boundary) !== JSON.stringify(grid.boundary);
        const kind: GridHistoryKind =
          before?.op === "create" ? before.kind : redrawn || before?.kind === "redrawn" ? "redrawn" : "updated";
        ops.set(change.code, {
          code: change.code,
          villageCode: grid.villageCode,
          op: before?.op === "create" ? "create" : "update",
          kind,
          grid: merged,
          related: before?.related ?? [],
        });
        result.changed.add(change.code);
        result.villages.add(grid.villageCode);
        break;
      }
      case "retire":
        retire(existing(change.code, `${at}.code`), "retired", []);
        break;
      case "split": {
        const grid = existing(change.code, `${at}.code`);
        filedOnly(change.code, `${at}.code`);
        const parts = change.parts.map((p, j) => create(p, grid.villageCode, `${at}.parts.${j}`, "split", [grid.code]));
        retire(grid, "split", parts);
        break;
      }
      case "merge": {
        if (new Set(change.codes).size !== change.codes.length)
          throw fail(`${at}.codes`, "names a grid twice", "validation_failed");
        const grids = change.codes.map((code, j) => existing(code, `${at}.codes.${j}`));
        change.codes.forEach((code, j) => filedOnly(code, `${at}.codes.${j}`));
        const villageCode = grids[0]?.villageCode ?? "";
        if (grids.some((g) => g.villageCode !== villageCode))
          throw fail(`${at}.codes`, "grids of different villages cannot merge: a grid belongs to one village");
        const merged = create(change.grid, villageCode, `${at}.grid`, "merged", [...change.codes]);
        for (const g of grids) retire(g, "merged", [merged]);
        break;
      }
    }
  });
  return result;
}

/** The grids a list of changes names (every one but a create's). */
export function namedGrids(changes: readonly GridChange[]): string[] {
  return changes.flatMap((ch) => (ch.op === "create" ? [] : ch.op === "merge" ? ch.codes : [ch.code]));
}

/** The villages a list of changes may hand out new grid codes in (creates, splits, merges). */
export function villagesNeedingCodes(changes: readonly GridChange[]): string[] {
  return changes.flatMap((ch) => {
    if (ch.op === "create") return [ch.villageCode];
    if (ch.op === "split") return [ch.code.slice(0, 12)];
    if (ch.op === "merge") return [ch.codes[0]?.slice(0, 12) ?? ""];
    return [];
  });
}
