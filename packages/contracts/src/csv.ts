type Cell = string | number | boolean | null;

/** Excel reads a CSV as UTF-8 (and so shows Chinese) only when the file starts with a byte-order mark. */
export const BOM = "\uFEFF";

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text starting with = + - @ or a
 * tab is prefixed with ' so that a spreadsheet never runs it as a formula (OWASP "CSV injection").
 */
export function csvField(value: Cell): string {
  if (value === null) return "";
  let text = typeof value === "boolean" ? (value ? "1" : "0") : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated (RFC 4180). */
export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvField).join(",")}\r\n`;
