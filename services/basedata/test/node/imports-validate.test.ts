import { describe, expect, it } from "vitest";
import type { SourceRecord } from "../../src/imports/csv";
import type { PlannedRow } from "../../src/imports/plan";
import { CHUNK_ROWS, MAX_ERRORS, validateRecords } from "../../src/imports/validate";

const HEADER = ["村/社区代码", "道路", "门牌号", "经度", "纬度"];
const input = {
  kind: "addresses" as const,
  division: "440703001000",
  township: true,
  today: "2026-12-01",
  fileName: "f",
};

async function* records(rows: string[][]): AsyncGenerator<SourceRecord> {
  for (const [i, values] of [HEADER, ...rows].entries()) yield { at: i + 1, values };
}

function sink() {
  const chunks: { chunk: number; village: string; rows: PlannedRow[] }[] = [];
  return {
    chunks,
    put: async (chunk: number, village: string, rows: PlannedRow[]) => void chunks.push({ chunk, village, rows }),
  };
}

const row = (village: string, i: number) => [village, `路${i}`, "1号", "113.08", "22.58"];

describe("validating a whole ledger", () => {
  it("chunks valid rows by village, at most CHUNK_ROWS rows each, in file order", async () => {
    const rows = Array.from({ length: CHUNK_ROWS + 10 }, (_, i) => row(i % 2 ? "440703001001" : "440703001002", i));
    const out = sink();
    const result = await validateRecords(records(rows), input, out);
    expect(result).toMatchObject({ rows: CHUNK_ROWS + 10, errorCount: 0, errors: [] });
    expect(result.chunks).toEqual(out.chunks.map((c) => c.village));
    expect(out.chunks.map((c) => c.rows.length).reduce((a, b) => a + b)).toBe(CHUNK_ROWS + 10);
    for (const c of out.chunks) expect(c.rows.every((r) => r.villageCode === c.village)).toBe(true);
    expect(out.chunks.map((c) => c.chunk)).toEqual(out.chunks.map((_, i) => i));
  });

  it("duplicates within the file, rows outside the township; every error counted, the first 1000 kept", async () => {
    const rows = [row("440703001001", 1), row("440703001001", 1), row("440705001001", 2), row("440703001002", 1)];
    const result = await validateRecords(records(rows), input, sink());
    expect(result.errors).toEqual([
      { row: 2, field: "门牌号", message: "the same record as row 1" },
      expect.objectContaining({ row: 3, field: "村/社区代码" }),
    ]);
    const many = Array.from({ length: MAX_ERRORS + 5 }, (_, i) => ["440703001001", `路${i}`, "1号", "x", "22.58"]);
    const capped = await validateRecords(records(many), input, sink());
    expect(capped).toMatchObject({ errorCount: MAX_ERRORS + 5, chunks: [] });
    expect(capped.errors).toHaveLength(MAX_ERRORS);
  });

  it("a file with only a header, or nothing, is an error of the file", async () => {
    expect((await validateRecords(records([]), input, sink())).errors).toEqual([
      { row: 0, field: "file", message: "the file has no data rows" },
    ]);
  });
});
