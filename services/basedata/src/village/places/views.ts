import type { Address, House, Unit } from "@civicgrid/contracts";
import { inArray, isNull, or, type Column } from "drizzle-orm";
import type { addresses, houses, units } from "../schema";
import { houseFields } from "./house-upsert";
import { unitFields } from "./unit-fields";

/** What a list of places is asked for: a grid, the caller's grids (null: the whole village), a keyset page. */
export interface PlacePage {
  gridCode?: string | undefined;
  grids: string[] | null;
  after?: string | undefined;
  limit: number;
}

/**
 * Rows a caller limited to some grids sees: those of their grids, and those lying in no grid (a road crosses grids
 * and is seen by every worker of the village).
 */
export function withinGrids(column: Column, grids: string[] | null) {
  return grids === null ? undefined : or(inArray(column, grids), isNull(column));
}

export function addressView(row: typeof addresses.$inferSelect, villageCode: string): Address {
  const { normKey: _k, ...rest } = row;
  return { ...rest, villageCode };
}

export function houseView(row: typeof houses.$inferSelect, villageCode: string): House {
  const { id, version, createdAt, updatedAt } = row;
  return { id, villageCode, ...houseFields(row), version, createdAt, updatedAt };
}

export function unitView(row: typeof units.$inferSelect, villageCode: string): Unit {
  const { id, version, createdAt, updatedAt } = row;
  return { id, villageCode, ...unitFields(row), version, createdAt, updatedAt };
}
