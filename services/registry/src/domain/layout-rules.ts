import type { LayoutFindings } from "@civicgrid/contracts";
import { bbox, findGaps, findOverlaps, outside, type BBox, type Geometry } from "@civicgrid/geo";

/** What the rules need of a grid. */
export interface GridShape {
  code: string;
  type: "urban" | "rural" | "dedicated";
  households: number;
  population: number;
  boundary: Geometry;
}

export interface VillageLayout {
  villageCode: string;
  /** The village's boundary, when it is on file; without it coverage and containment cannot be checked. */
  boundary: Geometry | null;
  /** Every grid of the village in the proposed layout. */
  grids: readonly GridShape[];
  /** Codes of the grids whose boundary or facts this change touches. */
  changed: ReadonlySet<string>;
}

/** Pieces smaller than this (m²) are rounding slivers of shared edges, not findings. */
export const SLIVER_M2 = 1;
/** Urban grid norm (Gansu 一(一)): 300-500 households, or about 1,000 people. */
export const URBAN_HOUSEHOLDS = [300, 500] as const;
export const URBAN_POPULATION = [800, 1200] as const;

const boxesMeet = (p: BBox, q: BBox) => p[0] <= q[2] && q[0] <= p[2] && p[1] <= q[3] && q[1] <= p[3];
const asArea = (g: Geometry) => g as LayoutFindings["gaps"][number]["geometry"];

export function emptyFindings(): LayoutFindings {
  return { overlaps: [], outside: [], gaps: [], warnings: [], unchecked: [] };
}

/**
 * The layout rules for one village, checking only what changed: each changed grid against the village's other
 * grids whose boxes meet it (not every pair of the county: polygon clipping costs ~20 ms a pair), each changed
 * grid against the village boundary, and the village's coverage. Overlaps and grids reaching outside their
 * village block a change; gaps are reported with their area; size norms are warnings.
 */
export function checkVillage(village: VillageLayout, findings: LayoutFindings = emptyFindings()): LayoutFindings {
  const boxes = new Map(village.grids.map((g) => [g.code, bbox(g.boundary)]));
  const changed = village.grids.filter((g) => village.changed.has(g.code));
  for (const grid of changed) {
    const box = boxes.get(grid.code) as BBox;
    for (const other of village.grids) {
      if (other.code === grid.code || !boxesMeet(box, boxes.get(other.code) as BBox)) continue;
      if (village.changed.has(other.code) && other.code < grid.code) continue; // that pair was checked from the other side
      for (const o of findOverlaps(
        [
          { id: grid.code, geometry: grid.boundary },
          { id: other.code, geometry: other.boundary },
        ],
        { minAreaM2: SLIVER_M2 },
      )) {
        findings.overlaps.push({ a: o.a, b: o.b, areaM2: Math.round(o.areaM2), geometry: asArea(o.geometry) });
      }
    }
    if (village.boundary) {
      const out = outside(village.boundary, grid.boundary, { minAreaM2: SLIVER_M2 });
      if (out.geometry)
        findings.outside.push({
          code: grid.code,
          villageCode: village.villageCode,
          areaM2: Math.round(out.areaM2),
          geometry: asArea(out.geometry),
        });
    }
    findings.warnings.push(...sizeWarnings(grid, village.villageCode));
  }
  if (!village.boundary) {
    findings.unchecked.push({
      villageCode: village.villageCode,
      reason: "the village has no boundary on file, so coverage and containment were not checked",
    });
  } else {
    const gap = findGaps(
      village.boundary,
      village.grids.map((g) => ({ id: g.code, geometry: g.boundary })),
      { minAreaM2: SLIVER_M2 },
    );
    if (gap.geometry)
      findings.gaps.push({
        villageCode: village.villageCode,
        areaM2: Math.round(gap.areaM2),
        geometry: asArea(gap.geometry),
      });
  }
  const rural = village.grids.filter((g) => g.type === "rural");
  if (rural.length > 1 && changed.some((g) => g.type === "rural")) {
    findings.warnings.push({
      code: null,
      villageCode: village.villageCode,
      rule: "rural_one_per_village",
      message: `a rural village normally forms one grid; this one has ${rural.length}`,
    });
  }
  return findings;
}

function sizeWarnings(grid: GridShape, villageCode: string): LayoutFindings["warnings"] {
  if (grid.type !== "urban") return [];
  const [hMin, hMax] = URBAN_HOUSEHOLDS;
  const [pMin, pMax] = URBAN_POPULATION;
  const householdsOk = grid.households >= hMin && grid.households <= hMax;
  const populationOk = grid.population >= pMin && grid.population <= pMax;
  if (householdsOk || populationOk) return [];
  return [
    {
      code: grid.code,
      villageCode,
      rule: "urban_size",
      message: `an urban grid normally holds ${hMin}-${hMax} households or about 1,000 people; this one has ${grid.households} households and ${grid.population} people`,
    },
  ];
}

/** True when the findings forbid the change (overlaps, or grids reaching outside their village). */
export function blocksChange(findings: LayoutFindings): boolean {
  return findings.overlaps.length > 0 || findings.outside.length > 0;
}
