/** `generateCity`: the whole deterministic demo city of Jiangmen from a seed. */
import { CITY_CODE, attribution, divisionsAt, jiangmenDivisions } from "./data";
import { generateDepartments } from "./departments";
import { areaKm2, centroid } from "./geometry/measure";
import type { Topology } from "./geometry/topology";
import { round7 } from "./geometry/topology";
import { allocateGrids } from "./grid-counts";
import { generateGridFacts } from "./grids";
import { layoutCity } from "./layout";
import type { City, Division, Grid, Polygon } from "./types";
import { generateUsers } from "./users";
import { generateWorkers } from "./workers";

export interface CityOptions {
  /** Seed of every random choice; the same seed gives the same city. Default 440700. */
  seed?: number;
  /** Number of grids, at least one per village (1,348). Default 2,954, Jiangmen's real count. */
  grids?: number;
  /** Date the workers' ages (22-60) are reckoned on, YYYY-MM-DD. Default 2025-06-30. */
  asOf?: string;
}

export const DEFAULT_SEED = 440700;
export const DEFAULT_GRIDS = 2954;

function shape(topo: Topology, ringId: number): { geometry: Polygon; center: [number, number]; areaKm2: number } {
  const ring = topo.coordinates(ringId);
  const open = ring.slice(0, -1);
  const [x, y] = centroid(open);
  return {
    geometry: { type: "Polygon", coordinates: [ring] },
    center: [round7(x), round7(y)],
    areaKm2: Math.round(areaKm2(open) * 1e4) / 1e4,
  };
}

export function generateCity(options: CityOptions = {}): City {
  const seed = options.seed ?? DEFAULT_SEED;
  const total = options.grids ?? DEFAULT_GRIDS;
  const asOf = options.asOf ?? "2025-06-30";
  const city = jiangmenDivisions.find((d) => d.code === CITY_CODE);
  if (!city) throw new Error("the city record is missing");
  const counties = divisionsAt("county");
  const townships = divisionsAt("township");
  const villages = divisionsAt("village");

  const counts = allocateGrids(seed, villages, total);
  const layout = layoutCity(seed, counts);
  const divisions: Division[] = jiangmenDivisions.map((d) => {
    const ringId = layout.divisionRings.get(d.code);
    if (ringId === undefined) throw new Error(`no boundary for ${d.code}`);
    return { ...d, ...shape(layout.topo, ringId) };
  });

  const facts = generateGridFacts(seed, villages, new Map(townships.map((t) => [t.code, t])), counts);
  const grids: Grid[] = facts.map((f) => {
    const ringId = layout.gridRings.get(f.code);
    if (ringId === undefined) throw new Error(`no boundary for grid ${f.code}`);
    return { ...f, ...shape(layout.topo, ringId) };
  });

  const departments = generateDepartments(seed, city, counties);
  const workers = generateWorkers(seed, facts, asOf);
  const users = generateUsers(seed, counties, townships, villages, departments, workers);
  return { seed, attribution, divisions, grids, departments, workers, users };
}
