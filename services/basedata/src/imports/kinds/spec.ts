import { baseDataId, type BaseDataKind } from "@civicgrid/contracts";
import type { Cells } from "../cells";
import type { MapContext, PlannedChange, Ref } from "../plan";

/** What a row means once mapped: its changes, and the key that finds the same record twice in one file. */
export interface Mapped {
  changes: PlannedChange[];
  key: { column: string; value: string } | null;
}

/** One kind of ledger: its columns as agencies name them, which are required, and how a row becomes changes. */
export interface KindSpec {
  /** Canonical column → other headers ledgers use for it (证件号码 for 身份证号). */
  aliases: Readonly<Record<string, readonly string[]>>;
  required: readonly string[];
  /** A change's field (zod path joined by ".") → the column it comes from, to name the column of an error. */
  columns: Readonly<Record<string, string>>;
  /** The row's changes, or undefined when a cell could not be read (the errors are in `cells`). */
  map(cells: Cells, ctx: MapContext): Mapped | undefined;
}

/** An id that stands for a record the village resolves at apply time: sequence 0 is never issued (village/ids.ts). */
export function placeholder(kind: BaseDataKind, villageCode: string): string {
  return baseDataId(kind, villageCode, 0);
}

/** The defined entries of `fields` only: a change carries no key for an empty cell. */
export function defined<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

/** The change's address, named by its full text in `column`, for the village to resolve. */
export function addressRef(cells: Cells, column: string, text: string): Ref {
  return { path: "addressId", column: cells.header(column), target: { to: "address", text } };
}
