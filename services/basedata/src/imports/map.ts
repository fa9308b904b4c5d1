import {
  Change,
  divisionLevel,
  townshipOf,
  type ChangeKind,
  type ImportError,
  type ImportKind,
} from "@civicgrid/contracts";
import { Cells } from "./cells";
import { addressesSpec } from "./kinds/addresses";
import { housesSpec } from "./kinds/houses";
import { peopleSpec } from "./kinds/people";
import type { KindSpec } from "./kinds/spec";
import { unitsSpec } from "./kinds/units";
import type { ColumnsOf, MapContext, PlannedChange, RowOutcome } from "./plan";

export const SPECS: Readonly<Record<ImportKind, KindSpec>> = {
  addresses: addressesSpec,
  houses: housesSpec,
  people: peopleSpec,
  units: unitsSpec,
};

/** The kinds of change each ledger makes: an import is accepted only when the service handles them all. */
export const CHANGE_KINDS_OF: Readonly<Record<ImportKind, readonly ChangeKind[]>> = {
  addresses: ["address.create"],
  houses: ["house.upsert"],
  people: ["person.register", "tag.add"],
  units: ["unit.create"],
};

/** In a township's file, each row names its village (村/社区) by its 12-digit code. */
export const VILLAGE_COLUMN = "村/社区代码";
const VILLAGE_ALIASES = ["村社区代码", "村(社区)代码", "社区代码", "村代码", "村/社区"];

/** How the file's header row lays out a kind's columns. */
export interface Layout {
  kind: ImportKind;
  spec: KindSpec;
  /** Canonical column → this file's header for it. */
  headers: Map<string, string>;
  /** This file's header → its position. */
  positions: Map<string, number>;
  /** A change's field → this file's header for it (what a failure at apply names). */
  columns: ColumnsOf;
  errors: ImportError[];
}

const cleanHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, "")
    .normalize("NFKC")
    .replace(/\s/g, "");

/** Reads the header row; a required column missing is an error of row 0 naming the column. */
export function layoutOf(kind: ImportKind, headerRow: readonly string[], township: boolean): Layout {
  const spec = SPECS[kind];
  const positions = new Map(headerRow.map((h, i) => [cleanHeader(h), i] as const));
  const headers = new Map<string, string>();
  const aliases: Record<string, readonly string[]> = { ...spec.aliases, [VILLAGE_COLUMN]: VILLAGE_ALIASES };
  for (const column of new Set([...Object.values(spec.columns), ...spec.required, ...Object.keys(aliases)])) {
    const found = [column, ...(aliases[column] ?? [])].map(cleanHeader).find((h) => positions.has(h));
    if (found) headers.set(column, found);
  }
  for (const header of positions.keys()) if (!headers.has(header)) headers.set(header, header);
  const required = township ? [...spec.required, VILLAGE_COLUMN] : spec.required;
  const errors = required
    .filter((c) => !headers.has(c) || !positions.has(headers.get(c)!))
    .map((c) => ({ row: 0, field: c, message: "required column missing" }));
  const columns = Object.fromEntries(
    Object.entries(spec.columns).map(([path, column]) => [path, headers.get(column) ?? column]),
  );
  return { kind, spec, headers, positions, columns, errors };
}

/** The village a row goes to: the file's village, or in a township's file the row's own, under that township. */
function villageOf(cells: Cells, division: string, township: boolean): string | undefined {
  if (!township) return division;
  const code = cells.required(VILLAGE_COLUMN);
  if (code === undefined) return undefined;
  if (!/^\d{12}$/.test(code) || divisionLevel(code) !== "village" || townshipOf(code) !== division)
    return cells.fail(VILLAGE_COLUMN, `must be the 12-digit code of a village of ${division}`);
  return code;
}

/** Each change through the contract's `Change` schema (check digits, lengths, enums), errors named by column. */
function validated(cells: Cells, spec: KindSpec, planned: PlannedChange[]): PlannedChange[] {
  return planned.map((p) => {
    const own = p.columns && Object.fromEntries(Object.entries(p.columns).map(([k, c]) => [k, cells.header(c)]));
    const parsed = Change.safeParse(p.change);
    if (parsed.success) return { ...p, change: parsed.data, ...(own ? { columns: own } : {}) };
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      const column = p.columns?.[path] ?? spec.columns[path] ?? spec.columns[String(issue.path[0])] ?? path;
      cells.errors.push({ row: cells.row, field: cells.header(column), message: issue.message });
    }
    return p;
  });
}

/** One data row (1 = the first) of the file: its planned changes and dedupe key, or its errors. */
export function mapRow(
  layout: Layout,
  row: number,
  record: readonly string[],
  ctx: Omit<MapContext, "villageCode" | "kind"> & { division: string; township: boolean },
): RowOutcome {
  const values = new Map<string, string>();
  for (const [header, i] of layout.positions) values.set(header, record[i] ?? "");
  const cells = new Cells(row, values, layout.headers);
  const villageCode = villageOf(cells, ctx.division, ctx.township);
  const mapped = villageCode ? layout.spec.map(cells, { ...ctx, kind: layout.kind, villageCode }) : undefined;
  const changes = mapped ? validated(cells, layout.spec, mapped.changes) : [];
  if (!mapped || !villageCode || cells.errors.length > 0) return { ok: false, errors: cells.errors };
  return { ok: true, row: { row, villageCode, changes }, key: mapped.key };
}

/** Whether a record is empty (a trailing blank line, an Excel row with formatting only). */
export const isBlank = (record: readonly string[]) => record.every((v) => v.trim() === "");
