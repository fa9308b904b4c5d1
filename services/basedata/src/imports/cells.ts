import type { ImportError } from "@civicgrid/contracts";

/**
 * One ledger row's cells by column header, read with the conversions agencies' ledgers need (是/否, 2020/1/5,
 * Excel date serials, labels in Chinese); every failure is collected with its row and column, never thrown.
 */
export class Cells {
  readonly errors: ImportError[] = [];

  constructor(
    readonly row: number,
    private readonly cells: ReadonlyMap<string, string>,
    /** Canonical column → the header this file uses for it (身份证号 or 证件号码). */
    readonly headers: ReadonlyMap<string, string>,
  ) {}

  /** The header of a canonical column in this file. */
  header(column: string): string {
    return this.headers.get(column) ?? column;
  }

  fail(column: string, message: string): undefined {
    this.errors.push({ row: this.row, field: this.header(column), message });
    return undefined;
  }

  optional(column: string): string | undefined {
    const value = this.cells.get(this.header(column))?.trim();
    return value ? value : undefined;
  }

  required(column: string): string | undefined {
    return this.optional(column) ?? this.fail(column, "required");
  }

  number(column: string): number | undefined {
    const text = this.optional(column);
    if (text === undefined) return undefined;
    const value = Number(text.replace(/[,，]/g, ""));
    return Number.isFinite(value) ? value : this.fail(column, "must be a number");
  }

  yesNo(column: string): boolean | undefined {
    const text = this.optional(column);
    if (text === undefined) return undefined;
    if (/^(是|有|y|yes|true|1|√)$/i.test(text)) return true;
    if (/^(否|无|n|no|false|0)$/i.test(text)) return false;
    return this.fail(column, "must be 是 or 否");
  }

  /** One of the labels of `labels` (the ledger's words), or the code itself. */
  label<T extends string>(column: string, labels: Readonly<Record<string, T>>, required = false): T | undefined {
    const text = required ? this.required(column) : this.optional(column);
    if (text === undefined) return undefined;
    const codes = Object.values(labels);
    const found = labels[text] ?? codes.find((c) => c === text);
    return found ?? this.fail(column, `must be one of ${Object.keys(labels).join("、")}`);
  }

  date(column: string, required = false): string | undefined {
    const text = required ? this.required(column) : this.optional(column);
    if (text === undefined) return undefined;
    return isoDay(text) ?? this.fail(column, "must be a date like 2024-03-01");
  }
}

/** Days from 1899-12-30 to 1970-01-01: Excel's 1900 date system (its 1900-02-29 is before every useful date). */
const EXCEL_EPOCH_DAYS = 25569;

/** A day as ledgers write it: 2024-03-01, 2024/3/1, 2024.3.1, 20240301, 2024年3月1日, or an Excel serial. */
export function isoDay(text: string): string | null {
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Math.floor(Number(text));
    return new Date((serial - EXCEL_EPOCH_DAYS) * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  const day = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === iso ? iso : null;
}
