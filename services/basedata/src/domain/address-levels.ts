import type { AddressLevel } from "@civicgrid/contracts";

/**
 * Which level an address may hang under: a door number under a road; a building under a road (an estate's
 * buildings) or a door number; a unit (单元) under a building; a room under a building, a unit or a door number
 * (a house at a door). A road stands alone under the village.
 */
export const PARENT_LEVELS: Record<AddressLevel, readonly AddressLevel[]> = {
  road: [],
  door: ["road"],
  building: ["road", "door"],
  unit: ["building"],
  room: ["building", "unit", "door"],
};

/** Door numbers and buildings carry their own point (it places them in a grid); units and rooms take their parent's. */
export const LOCATED_LEVELS: readonly AddressLevel[] = ["door", "building"];
