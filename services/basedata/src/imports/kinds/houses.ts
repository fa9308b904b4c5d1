import { normaliseAddressText } from "../../domain/normalise";
import { addressRef, defined, placeholder, type KindSpec } from "./spec";

/** 用途 as house ledgers write it (实有房屋). */
export const HOUSE_USES = {
  住宅: "residential",
  自住: "residential",
  商铺: "shop",
  商业: "shop",
  门面: "shop",
  厂房: "factory",
  工业: "factory",
  出租: "rented",
  出租屋: "rented",
  空置: "vacant",
  办公: "office",
  其他: "other",
} as const;

/** A row of a house ledger: the house at an address the village keeps (by its full text), created or updated. */
export const housesSpec: KindSpec = {
  aliases: {
    地址: ["房屋地址", "标准地址"],
    面积: ["建筑面积", "面积(㎡)", "面积（平方米）"],
    房主: ["产权人", "房屋所有人"],
  },
  required: ["地址", "用途"],
  columns: {
    addressId: "地址",
    use: "用途",
    areaM2: "面积",
    ownerName: "房主",
    ownerPhone: "房主电话",
    rented: "是否出租",
    landlordName: "房东",
    landlordPhone: "房东电话",
  },
  map(cells, ctx) {
    const address = cells.required("地址");
    const use = cells.label("用途", HOUSE_USES, true);
    const fields = defined({
      areaM2: cells.number("面积"),
      ownerName: cells.optional("房主"),
      ownerPhone: cells.optional("房主电话"),
      landlordName: cells.optional("房东"),
      landlordPhone: cells.optional("房东电话"),
    });
    const rented = cells.yesNo("是否出租") ?? use === "rented";
    if (address === undefined || use === undefined || cells.errors.length > 0) return undefined;
    const change = {
      kind: "house.upsert" as const,
      addressId: placeholder("address", ctx.villageCode),
      use,
      rented,
      ...fields,
    };
    const refs = [addressRef(cells, "地址", address)];
    return { changes: [{ change, refs }], key: { column: cells.header("地址"), value: normaliseAddressText(address) } };
  },
};
