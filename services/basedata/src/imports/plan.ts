import type { Change, ImportError, ImportKind } from "@civicgrid/contracts";

/**
 * What one ledger row asks of the village, before the village resolves it: changes whose record ids are still
 * placeholders (`ad-<village>-000000`: sequence 0 is never issued), each with references by text that the village
 * object resolves inside the transaction, so a row sees the records the rows before it created.
 */
export type RefTarget =
  /** An address by its full text (建设路12号3栋2单元301), matched on the normalised key (domain/normalise.ts). */
  | { to: "address"; text: string }
  /** The house kept at the address of that full text. */
  | { to: "house-at"; text: string }
  /** A household by its number (户号): joined when kept, otherwise the change starts it. */
  | { to: "household"; number: string }
  /** The record an earlier change of the same row created or found (a door's road, a tag's person). */
  | { to: "created"; index: number };

export interface Ref {
  /** Where the resolved id goes in the change: "parentId", "addressId", "residence.houseId", "household", "personId". */
  path: string;
  /** The ledger column the reference came from, for the report. */
  column: string;
  target: RefTarget;
}

export interface PlannedChange {
  change: Change;
  refs: Ref[];
  /** Find the same record (by its normalised key) instead of creating it again: an address level of a ledger. */
  ensure?: boolean;
  /** Columns of this change's own fields, over the row's (an address level's name comes from its level's column). */
  columns?: Record<string, string>;
}

export interface PlannedRow {
  /** 1 = the first data row of the file. */
  row: number;
  villageCode: string;
  changes: PlannedChange[];
}

/** Change field (as zod paths join, without "body.change.") → the file's column, to name a failure's column. */
export type ColumnsOf = Record<string, string>;

/** What the validation keeps of a file: its kind and where each row goes. */
export interface MapContext {
  kind: ImportKind;
  villageCode: string;
  /** The day the file is imported (Asia/Shanghai), for tags without their own start. */
  today: string;
  fileName: string;
}

export type RowOutcome =
  | { ok: true; row: PlannedRow; key: { column: string; value: string } | null }
  | {
      ok: false;
      errors: ImportError[];
    };
