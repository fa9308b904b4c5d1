import { isValidCreditCode } from "@civicgrid/contracts";
import { normaliseAddressText } from "../../domain/normalise";
import { addressRef, defined, placeholder, type KindSpec } from "./spec";

/** 类型 as unit ledgers write it (实有单位). */
export const UNIT_KINDS = {
  企业: "enterprise",
  公司: "enterprise",
  个体工商户: "shop",
  商铺: "shop",
  店铺: "shop",
  社会组织: "social_org",
  学校: "school",
  重点场所: "key_place",
  机关: "government",
  机关事业单位: "government",
  其他: "other",
} as const;

/**
 * A row of a unit ledger: a new unit at an address the village keeps. The credit code's check character is verified
 * here (GB 32100-2015) so that a mistyped code rejects the file instead of entering the base.
 */
export const unitsSpec: KindSpec = {
  aliases: { 单位名称: ["名称", "企业名称"], 统一社会信用代码: ["信用代码", "社会信用代码"], 从业人数: ["员工人数"] },
  required: ["单位名称", "类型", "地址"],
  columns: {
    name: "单位名称",
    unitKind: "类型",
    creditCode: "统一社会信用代码",
    addressId: "地址",
    legalRepName: "法定代表人",
    legalRepPhone: "法人电话",
    safetyContactName: "安全联系人",
    safetyContactPhone: "安全联系电话",
    staffCount: "从业人数",
    keyPlace: "重点场所",
  },
  map(cells, ctx) {
    const name = cells.required("单位名称");
    const unitKind = cells.label("类型", UNIT_KINDS, true);
    const address = cells.required("地址");
    const creditCode = cells.optional("统一社会信用代码")?.toUpperCase();
    if (creditCode !== undefined && !isValidCreditCode(creditCode))
      cells.fail("统一社会信用代码", "not a valid unified social credit code (GB 32100 check character)");
    const fields = defined({
      creditCode,
      legalRepName: cells.optional("法定代表人"),
      legalRepPhone: cells.optional("法人电话"),
      safetyContactName: cells.optional("安全联系人"),
      safetyContactPhone: cells.optional("安全联系电话"),
      staffCount: cells.number("从业人数"),
    });
    const keyPlace = cells.yesNo("重点场所") ?? unitKind === "key_place";
    if (name === undefined || unitKind === undefined || address === undefined || cells.errors.length > 0)
      return undefined;
    const change = {
      kind: "unit.create" as const,
      name,
      unitKind,
      addressId: placeholder("address", ctx.villageCode),
      keyPlace,
      ...fields,
    };
    const refs = [addressRef(cells, "地址", address)];
    // The same unit twice: its credit code, or (without one) its name at its address.
    const key = creditCode
      ? { column: cells.header("统一社会信用代码"), value: creditCode }
      : { column: cells.header("单位名称"), value: `${name}@${normaliseAddressText(address)}` };
    return { changes: [{ change, refs }], key };
  },
};
