import { creditCodeCheckChar, idCheckDigit, type ImportKind } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { layoutOf, mapRow } from "../../src/imports/map";

/**
 * The row → Change mapping of the four ledgers, as pure functions: columns as agencies name them, labels in
 * Chinese, check digits through the contract, references by address text left for the village to resolve.
 */
const VILLAGE = "440703001001";
const ctx = { division: VILLAGE, township: false, today: "2026-12-01", fileName: "台账.xlsx" };
const id17 = "44070319800101123";
const ID = id17 + idCheckDigit(id17);
const credit17 = "91440703MA5ABCDE1";
const CREDIT = credit17 + creditCodeCheckChar(credit17);

function map(kind: ImportKind, header: string[], row: string[]) {
  return mapRow(layoutOf(kind, header, false), 1, row, ctx);
}

describe("ledger rows → changes", () => {
  it("addresses: each filled level from the road down, found-or-created, the point on doors and buildings", () => {
    const out = map(
      "addresses",
      ["道路", "门牌号", "楼栋", "单元", "房号", "经度", "纬度"],
      ["建设路", "12号", "3栋", "2单元", "301", "113.081", "22.581"],
    );
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    expect(out.row.changes.map((c) => [c.change, c.ensure, c.refs.map((r) => r.target)])).toEqual([
      [{ kind: "address.create", level: "road", name: "建设路" }, true, []],
      [
        {
          kind: "address.create",
          level: "door",
          name: "12号",
          parentId: "ad-440703001001-000000",
          lng: 113.081,
          lat: 22.581,
        },
        true,
        [{ to: "created", index: 0 }],
      ],
      [
        {
          kind: "address.create",
          level: "building",
          name: "3栋",
          parentId: "ad-440703001001-000000",
          lng: 113.081,
          lat: 22.581,
        },
        true,
        [{ to: "created", index: 1 }],
      ],
      [
        { kind: "address.create", level: "unit", name: "2单元", parentId: "ad-440703001001-000000" },
        true,
        [{ to: "created", index: 2 }],
      ],
      [
        { kind: "address.create", level: "room", name: "301", parentId: "ad-440703001001-000000" },
        true,
        [{ to: "created", index: 3 }],
      ],
    ]);
    expect(out.key).toEqual({ column: "房号", value: "建设路/12号/3栋/2单元/301" });
  });

  it("houses: 用途 and 是否出租 in the ledger's words, the address by its text", () => {
    const header = ["地址", "用途", "面积", "房主", "房主电话", "是否出租", "房东", "房东电话"];
    const out = map("houses", header, [
      "建设路12号3栋2单元301",
      "出租屋",
      "86.5",
      "李四",
      "13800138000",
      "是",
      "李四",
      "13800138000",
    ]);
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    expect(out.row.changes).toEqual([
      {
        change: {
          kind: "house.upsert",
          addressId: "ad-440703001001-000000",
          use: "rented",
          rented: true,
          areaM2: 86.5,
          ownerName: "李四",
          ownerPhone: "13800138000",
          landlordName: "李四",
          landlordPhone: "13800138000",
        },
        refs: [{ path: "addressId", column: "地址", target: { to: "address", text: "建设路12号3栋2单元301" } }],
      },
    ]);
  });

  it("people: 证件号码 for 身份证号, household by 户号, residence at the house of the address, tags split", () => {
    const header = [
      "证件号码",
      "姓名",
      "人口类型",
      "联系电话",
      "户号",
      "与户主关系",
      "居住地址",
      "居住方式",
      "起始日期",
      "标签",
    ];
    const out = map("people", header, [
      ID.toLowerCase(),
      "王五",
      "流动",
      "13900139000",
      "H-7",
      "配偶",
      "建设路12号301",
      "租住",
      "2024/3/1",
      "独居老人;低保",
    ]);
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    const [person, ...tags] = out.row.changes;
    expect(person!.change).toEqual({
      kind: "person.register",
      identity: { document: "resident_id", number: ID },
      name: "王五",
      personType: "floating",
      phone: "13900139000",
      household: { newHousehold: { number: "H-7" } },
      relation: "spouse",
      residence: { houseId: "ho-440703001001-000000", mode: "rent", since: "2024-03-01" },
    });
    expect(person!.refs.map((r) => [r.path, r.column, r.target.to])).toEqual([
      ["residence.houseId", "居住地址", "house-at"],
      ["household", "户号", "household"],
    ]);
    expect(tags.map((t) => t.change)).toEqual([
      expect.objectContaining({
        kind: "tag.add",
        tagKind: "elderly_alone",
        start: "2026-12-01",
        source: "台账 台账.xlsx",
      }),
      expect.objectContaining({ kind: "tag.add", tagKind: "low_income" }),
    ]);
    expect(out.key).toEqual({ column: "证件号码", value: `resident_id:${ID}` });
  });

  it("people: a wrong check digit, an unknown tag and a member without 户号 are errors of their columns", () => {
    const header = ["身份证号", "姓名", "人口类型", "户号", "与户主关系", "居住地址", "居住方式", "起始日期", "标签"];
    const wrong = id17 + (idCheckDigit(id17) === "1" ? "2" : "1");
    const out = map("people", header, [wrong, "王五", "户籍", "", "子女", "建设路12号", "自住", "2024-02-30", "富豪"]);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors.map((e) => e.field).sort()).toEqual(["户号", "标签", "起始日期"].sort());
    const again = map("people", header, [wrong, "王五", "户籍", "H1", "户主", "建设路12号", "自住", "2024-02-01", ""]);
    expect(again.ok ? [] : again.errors.map((e) => e.field)).toEqual(["身份证号"]);
  });

  it("units: 类型 in Chinese, the credit code checked per GB 32100, 从业人数 a number", () => {
    const header = [
      "单位名称",
      "类型",
      "统一社会信用代码",
      "地址",
      "法定代表人",
      "法人电话",
      "安全联系人",
      "安全联系电话",
      "从业人数",
      "重点场所",
    ];
    const out = map("units", header, [
      "白沙五金店",
      "个体工商户",
      CREDIT,
      "建设路14号",
      "赵六",
      "13700137000",
      "钱七",
      "13600136000",
      "5",
      "否",
    ]);
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    expect(out.row.changes[0]!.change).toEqual({
      kind: "unit.create",
      name: "白沙五金店",
      unitKind: "shop",
      creditCode: CREDIT,
      addressId: "ad-440703001001-000000",
      legalRepName: "赵六",
      legalRepPhone: "13700137000",
      safetyContactName: "钱七",
      safetyContactPhone: "13600136000",
      staffCount: 5,
      keyPlace: false,
    });
    const bad = map("units", header, [
      "白沙五金店",
      "个体",
      CREDIT.slice(0, 17) + "0",
      "建设路14号",
      "",
      "",
      "",
      "",
      "五",
      "",
    ]);
    expect(bad.ok ? [] : bad.errors.map((e) => e.field).sort()).toEqual(
      ["从业人数", "类型", "统一社会信用代码"].sort(),
    );
  });
});
