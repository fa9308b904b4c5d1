import type { AddressLevel, Change } from "@civicgrid/contracts";
import { LOCATED_LEVELS, PARENT_LEVELS } from "../../domain/address-levels";
import { normaliseAddressText } from "../../domain/normalise";
import type { PlannedChange } from "../plan";
import { placeholder, type KindSpec } from "./spec";

/** The columns of an address ledger (标准地址台账), from the road down; each names one level. */
const LEVEL_COLUMNS: readonly (readonly [string, AddressLevel])[] = [
  ["道路", "road"],
  ["门牌号", "door"],
  ["楼栋", "building"],
  ["单元", "unit"],
  ["房号", "room"],
];

/**
 * A row of an address ledger: the levels it fills, from the road down, each found when the village (or an earlier
 * row) already keeps it and created otherwise, so a ledger builds the hierarchy without duplicating a level. Door
 * numbers and buildings carry the row's point (经度, 纬度), which places them in a grid through the registry.
 */
export const addressesSpec: KindSpec = {
  aliases: {
    道路: ["街路巷", "道路名称", "街路巷名称"],
    门牌号: ["门牌"],
    楼栋: ["楼栋号", "栋"],
    房号: ["室号", "房间号"],
  },
  required: ["道路"],
  columns: { name: "道路", lng: "经度", lat: "纬度", parentId: "道路" },
  map(cells, ctx) {
    const road = cells.required("道路");
    const lng = cells.number("经度");
    const lat = cells.number("纬度");
    if (road === undefined || cells.errors.length > 0) return undefined;
    const filled = LEVEL_COLUMNS.map(([column, level]) => ({ column, level, name: cells.optional(column) })).filter(
      (l): l is { column: string; level: AddressLevel; name: string } => l.name !== undefined,
    );
    const changes: PlannedChange[] = [];
    for (const [i, { column, level, name }] of filled.entries()) {
      const above = filled[i - 1];
      if (above && !PARENT_LEVELS[level].includes(above.level))
        return cells.fail(column, `a ${column} cannot stand under a ${above.column} (fill the levels between)`);
      const located = LOCATED_LEVELS.includes(level);
      if (located && (lng === undefined || lat === undefined))
        return cells.fail(lng === undefined ? "经度" : "纬度", `a row with a ${column} needs its point`);
      const change: Change = {
        kind: "address.create",
        level,
        name,
        ...(above ? { parentId: placeholder("address", ctx.villageCode) } : {}),
        ...(located ? { lng: lng!, lat: lat! } : {}),
      };
      const refs = above ? [{ path: "parentId", column, target: { to: "created" as const, index: i - 1 } }] : [];
      changes.push({ change, refs, ensure: true, columns: { name: column, parentId: column } });
    }
    const leaf = filled[filled.length - 1]!;
    const key = filled.map((l) => normaliseAddressText(l.name)).join("/");
    return { changes, key: { column: leaf.column, value: key } };
  },
};
