// Where the demo city's grids are, from the same deterministic generator the demo data came from.
import { generateCity } from "@civicgrid/demo-data";

const city = generateCity({});

/** A point inside the grid (its interior point), for reports that must route there. */
export function pointIn(gridCode: string): { lng: number; lat: number } {
  const grid = city.grids.find((g) => g.code === gridCode);
  if (!grid) throw new Error(`no demo grid ${gridCode}`);
  return { lng: grid.center[0], lat: grid.center[1] };
}

export const WORKER_GRID = "440703002101001";
