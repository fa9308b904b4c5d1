import type { Counts, Import } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { call, deliverNow, GRID_1, VILLAGE, who } from "./helpers";
import { ADDRESS_HEADER, csv, GBK_ADDRESSES, xlsx } from "./fixtures/ledgers";
import { imported, roadKept, XLSX } from "./fixtures/imports";

const { lng, lat } = GRID_1;

describe("ledger imports (台账导入): addresses end to end", () => {
  it("a CSV ledger builds the hierarchy, finding the levels it shares instead of duplicating them", async () => {
    const file = csv([
      [...ADDRESS_HEADER],
      ["导入路", "12号", "3栋", "2单元", "301", lng, lat],
      ["导入路", "12号", "3栋", "2单元", "302", lng, lat],
      ["导入路", "14号", "", "", "", lng, lat],
    ]);
    const done = await imported(file);
    expect(done).toMatchObject({ status: "applied", rows: 3, appliedRows: 3, chunks: 1, appliedChunks: 1, errors: [] });
    const road = await roadKept("导入路");
    expect(road).toMatch(/^ad-440703001001-\d{6}$/);

    // The same ledger again, with 號 for 号: every level is found, none is kept twice.
    const again = await imported(file.replaceAll("12号", "12號"));
    expect(again).toMatchObject({ status: "applied", appliedRows: 3 });
    expect(await roadKept("导入路")).toBe(road);
    const history = await call(who.villageAgency, "GET", `/v1/basedata/records/${road}/history`);
    const { items } = await history.json<{ items: { field: string; source: string }[] }>();
    expect(items.filter((i) => i.field === "name")).toEqual([expect.objectContaining({ source: `import:${done.id}` })]);
  });

  it("houses imported count in the grid's 底数, as verified submissions do", async () => {
    const grid = "440703001001001";
    const housesIn = async () => {
      await deliverNow(VILLAGE);
      const res = await call(who.villageAgency, "GET", `/v1/basedata/counts?gridCode=${grid}`);
      return (await res.json<Counts>()).houses ?? 0;
    };
    await imported(csv([[...ADDRESS_HEADER], ["计数路", "1号", "", "", "", lng, lat]]));
    const before = await housesIn();
    const done = await imported(
      csv([
        ["地址", "用途"],
        ["计数路1号", "住宅"],
      ]),
      "houses",
    );
    expect(done).toMatchObject({ status: "applied", appliedRows: 1 });
    expect(await housesIn()).toBe(before + 1);
  });

  it("an XLSX ledger (shared strings after the sheet, inline strings, numbers) is read from its first sheet", async () => {
    const file = xlsx([
      [...ADDRESS_HEADER],
      ["表格路", "1号", "", "", "", lng, lat],
      ["表格路", "2号", "", "", "", lng, lat],
    ]);
    const done = await imported(file, "addresses", XLSX);
    expect(done).toMatchObject({ status: "applied", format: "xlsx", rows: 2, appliedRows: 2 });
    expect(await roadKept("表格路")).not.toBeNull();
  });

  it("a GBK CSV (Excel's plain CSV on Chinese Windows) is decoded, not garbled", async () => {
    const done = await imported(GBK_ADDRESSES);
    expect(done).toMatchObject({ status: "applied", rows: 2, appliedRows: 2 });
    expect(await roadKept("国标路")).not.toBeNull();
  });

  it("a file with a bad row is rejected with row and column, and nothing of it is written", async () => {
    const done = await imported(
      csv([
        [...ADDRESS_HEADER],
        ["坏行路", "1号", "", "", "", lng, lat],
        ["坏行路", "2号", "", "", "", "东经113", lat],
        ["坏行路", "3号", "", "2单元", "", lng, lat],
      ]),
    );
    expect(done.status).toBe("rejected");
    expect(done.errors).toEqual([
      { row: 2, field: "经度", message: "must be a number" },
      expect.objectContaining({ row: 3, field: "单元" }),
    ]);
    expect(done).toMatchObject({ errorCount: 2, appliedRows: 0, appliedChunks: 0 });
    expect(await roadKept("坏行路")).toBeNull();
  });

  it("the same address twice in one file is an error of the second row", async () => {
    const done = await imported(
      csv([
        [...ADDRESS_HEADER],
        ["重复路", "5号", "1栋", "", "101", lng, lat],
        ["重复路", "5号", "1栋", "", "102", lng, lat],
        ["重复路", "5号", "1栋", "", "１０１", lng, lat],
      ]),
    );
    expect(done.status).toBe("rejected");
    expect(done.errors).toEqual([{ row: 3, field: "房号", message: "the same record as row 1" }]);
    expect(await roadKept("重复路")).toBeNull();
  });

  it("a missing required column is reported against the header (row 0)", async () => {
    const done = await imported(
      csv([
        ["门牌号", "经度", "纬度"],
        ["1号", lng, lat],
      ]),
    );
    expect(done).toMatchObject({ status: "rejected", errors: [{ row: 0, field: "道路" }] });
  });

  it("a township's ledger names each row's village; a village outside the township is refused", async () => {
    const header = ["村/社区代码", ...ADDRESS_HEADER];
    const res = await call(who.townshipAgency, "GET", `/v1/basedata/imports?divisionCode=440703001000`);
    expect(res.status).toBe(200);
    const { upload, settled } = await import("./fixtures/imports");
    const bad = await upload(
      who.townshipAgency,
      "kind=addresses&townshipCode=440703001000",
      csv([
        header,
        [VILLAGE, "镇级路", "1号", "", "", "", lng, lat],
        ["440705001001", "镇级路", "2号", "", "", "", lng, lat],
      ]),
    );
    const rejected = await settled((await bad.json<Import>()).id, who.townshipAgency);
    expect(rejected.errors).toEqual([expect.objectContaining({ row: 2, field: "村/社区代码" })]);
    const good = await upload(
      who.townshipAgency,
      "kind=addresses&townshipCode=440703001000",
      csv([header, [VILLAGE, "镇级路", "1号", "", "", "", lng, lat]]),
    );
    expect(await settled((await good.json<Import>()).id, who.townshipAgency)).toMatchObject({ status: "applied" });
    const list = await call(who.townshipAgency, "GET", `/v1/basedata/imports?divisionCode=440703001000`);
    const { items } = await list.json<{ items: Import[] }>();
    expect(items.map((i) => i.status).slice(0, 2)).toEqual(["applied", "rejected"]);
  });
});
