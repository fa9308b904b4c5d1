import { BOM, csvLine, INDICATOR_FORMULAS, type IndicatorTable } from "@civicgrid/contracts";

/**
 * The indicator table as CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark so that Excel shows the Chinese
 * headings): one line per subject; for each indicator its value, numerator and denominator.
 */
export function indicatorCsv(table: IndicatorTable): string {
  const head = ["level", "subject", "county", "period", "from", "to"];
  for (const f of INDICATOR_FORMULAS) head.push(`${f.nameZh} ${f.key}`, `${f.key} numerator`, `${f.key} denominator`);
  const lines = table.items.map((row) => {
    const cells: (string | number | null)[] = [
      row.level,
      row.subjectId,
      row.countyCode,
      table.period,
      table.from,
      table.to,
    ];
    for (const f of INDICATOR_FORMULAS) {
      const v = row.indicators[f.key];
      cells.push(v.value, v.numerator, v.denominator);
    }
    return csvLine(cells);
  });
  return BOM + csvLine(head) + lines.join("");
}
