import { describe, expect, it } from "vitest";
import { isoDay } from "../../src/imports/cells";
import { csvRecords } from "../../src/imports/csv";
import { sniffEncoding, textOf } from "../../src/imports/decode";
import { xlsxRecords } from "../../src/imports/xlsx";
import { csv, GBK_ADDRESSES, xlsx } from "../fixtures/ledgers";

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Bytes in pieces of `size`, as R2 hands a body over. */
async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

describe("reading ledger files", () => {
  it("CSV: records cut across pieces, quoted commas and line breaks kept, a BOM dropped", async () => {
    const text =
      "\uFEFF" +
      csv([
        ["道路", "备注"],
        ["建设路", '他说"好",再见'],
        ["新路", "第一行\n第二行"],
        ["尾路", "x"],
      ]);
    const bytes = new TextEncoder().encode(text);
    const records = await all(csvRecords(textOf(pieces(bytes, 7))));
    expect(records.map((r) => r.values)).toEqual([
      ["道路", "备注"],
      ["建设路", '他说"好",再见'],
      ["新路", "第一行\n第二行"],
      ["尾路", "x"],
    ]);
    expect(records.map((r) => r.at)).toEqual([1, 2, 3, 4]);
  });

  it("GBK: bytes that are not UTF-8 are read as GBK", async () => {
    expect(sniffEncoding(GBK_ADDRESSES)).toBe("gbk");
    expect(sniffEncoding(new TextEncoder().encode("道路"))).toBe("utf-8");
    const records = await all(csvRecords(textOf(pieces(GBK_ADDRESSES, 5))));
    expect(records.map((r) => r.values)).toEqual([
      ["道路", "门牌号", "经度", "纬度"],
      ["国标路", "8号", "113.081", "22.581"],
      ["国标路", "9号", "113.081", "22.581"],
    ]);
  });

  it("XLSX: the first sheet's rows, shared and inline strings, numbers, gaps kept by column letter", async () => {
    const file = xlsx([
      ["道路", "门牌号", "经度"],
      ["建设路", "", 113.081],
      ["A&B路", "2号", 1],
    ]);
    const records = await all(xlsxRecords(() => pieces(file, 100)));
    expect(records).toEqual([
      { at: 1, values: ["道路", "门牌号", "经度"] },
      { at: 2, values: ["建设路", "", "113.081"] },
      { at: 3, values: ["A&B路", "2号", "1"] },
    ]);
  });

  it("dates as ledgers write them, and Excel serials", () => {
    expect(["2024-03-01", "2024/3/1", "2024.3.1", "20240301", "2024年3月1日", "45352"].map(isoDay)).toEqual(
      Array(6).fill("2024-03-01"),
    );
    expect(isoDay("2024-02-30")).toBeNull();
  });
});
