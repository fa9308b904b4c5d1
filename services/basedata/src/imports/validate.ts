import type { ImportError, ImportKind } from "@civicgrid/contracts";
import type { SourceRecord } from "./csv";
import { Unreadable } from "./decode";
import { isBlank, layoutOf, mapRow } from "./map";
import type { ColumnsOf, PlannedRow } from "./plan";

/** At most this many errors are kept for the report; the count goes on. */
export const MAX_ERRORS = 1000;
/**
 * Rows per chunk, and changes per chunk: a chunk is applied in one call of the village object, whose lookups
 * (registry, identity shards) are subrequests of that call, kept well under the 1,000 a request may make.
 */
export const CHUNK_ROWS = 250;
export const CHUNK_CHANGES = 500;

/** Where the validation puts the chunks of a file while it still may be accepted. */
export interface ChunkSink {
  put(chunk: number, villageCode: string, rows: PlannedRow[]): Promise<void>;
}

export interface Validation {
  rows: number;
  errorCount: number;
  errors: ImportError[];
  /** The village of each chunk, in the order they are applied. */
  chunks: string[];
  /** A change's field → the file's column (see Layout.columns). */
  columns: ColumnsOf;
}

export interface ValidateInput {
  kind: ImportKind;
  division: string;
  township: boolean;
  today: string;
  fileName: string;
}

/**
 * Phase 1 of an import: every row of the file through the ledger's columns and the contract's `Change` (check
 * digits, dates, labels), duplicates within the file found by their key (the same ID number, address or credit code
 * twice), errors kept with row and column. While no error has been found the valid rows go to the sink in chunks
 * by village; the caller discards them when the file is rejected, so nothing reaches the base from a bad file.
 */
export async function validateRecords(
  records: AsyncIterable<SourceRecord>,
  input: ValidateInput,
  sink: ChunkSink,
): Promise<Validation> {
  const result: Validation = { rows: 0, errorCount: 0, errors: [], chunks: [], columns: {} };
  const report = (errors: readonly ImportError[]) => {
    result.errorCount += errors.length;
    for (const e of errors) if (result.errors.length < MAX_ERRORS) result.errors.push(e);
  };
  const pending = new Map<string, { rows: PlannedRow[]; changes: number }>();
  const flush = async (village: string) => {
    const buffer = pending.get(village);
    pending.delete(village);
    if (!buffer || result.errorCount > 0) return;
    result.chunks.push(village);
    await sink.put(result.chunks.length - 1, village, buffer.rows);
  };
  const seen = new Map<string, number>();
  let layout: ReturnType<typeof layoutOf> | null = null;
  let headerAt = 0;
  try {
    for await (const record of records) {
      if (isBlank(record.values)) continue;
      if (!layout) {
        layout = layoutOf(input.kind, record.values, input.township);
        headerAt = record.at;
        result.columns = layout.columns;
        report(layout.errors);
        if (layout.errors.length > 0) return result;
        continue;
      }
      const row = record.at - headerAt;
      result.rows++;
      const mapped = mapRow(layout, row, record.values, input);
      if (!mapped.ok) {
        report(mapped.errors);
        continue;
      }
      const key = mapped.key && `${mapped.row.villageCode}|${mapped.key.value}`;
      const first = key ? seen.get(key) : undefined;
      if (key && first !== undefined) {
        report([{ row, field: mapped.key!.column, message: `the same record as row ${first}` }]);
        continue;
      }
      if (key) seen.set(key, row);
      if (result.errorCount > 0) continue;
      const village = mapped.row.villageCode;
      const buffer = pending.get(village) ?? { rows: [], changes: 0 };
      pending.set(village, buffer);
      if (buffer.changes + mapped.row.changes.length > CHUNK_CHANGES) await flush(village);
      const current = pending.get(village) ?? { rows: [], changes: 0 };
      current.rows.push(mapped.row);
      current.changes += mapped.row.changes.length;
      pending.set(village, current);
      if (current.rows.length >= CHUNK_ROWS) await flush(village);
    }
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error;
    report([{ row: result.rows + 1, field: "file", message: error.message }]);
  }
  if (!layout) report([{ row: 0, field: "file", message: "the file has no header row" }]);
  else if (result.rows === 0 && result.errorCount === 0)
    report([{ row: 0, field: "file", message: "the file has no data rows" }]);
  for (const village of [...pending.keys()]) await flush(village);
  return result;
}
