import { z } from "@hono/zod-openapi";
import { DivisionCode } from "../division";
import { GridCode, PublicGrid } from "../registry";

/**
 * 底数 (the item 10): what base data counts per grid, summed for a village, township, county or city.
 * Aggregates only, never who: fine for agencies (the plan's rule), and the registry's grid facts and public
 * disclosure are read from them.
 */
export const GRID_COUNTS_CHANGED = "basedata.grid-counts.changed";

/**
 * basedata.grid-counts.changed (basedata → registry): a grid's households and population (people present) from the
 * base data. The envelope's `version` is the village object's count version: the registry keeps the newest only.
 */
export const GridCountsChanged = z.object({
  gridCode: GridCode,
  villageCode: DivisionCode,
  population: z.number().int().nonnegative(),
  households: z.number().int().nonnegative(),
  version: z.number().int().positive(),
});
export type GridCountsChanged = z.infer<typeof GridCountsChanged>;

/** Figures of one grid or a sum of grids. A department sees `tagged` of the kinds it owns only (see Counts). */
export const CountFigures = z.object({
  people: z
    .object({
      registered: z.number().int(),
      floating: z.number().int(),
      foreign: z.number().int(),
      total: z.number().int(),
    })
    .optional(),
  households: z.number().int().optional(),
  houses: z.number().int().optional(),
  rentedHouses: z.number().int().optional(),
  units: z.number().int().optional(),
  /** Tag kind → people currently tagged with it (aggregate). */
  tagged: z.record(z.string(), z.number().int()),
  visits: z.object({ due: z.number().int(), overdue: z.number().int() }).optional(),
  /** Grids summed. */
  grids: z.number().int(),
  /** When the newest of the summed grids was counted; null when no grid has counts yet. */
  asOf: z.string().nullable(),
});
export type CountFigures = z.infer<typeof CountFigures>;

export const CountsBy = z.enum(["grid", "village", "township"]);
export type CountsBy = z.infer<typeof CountsBy>;

export const CountsQuery = z.object({
  divisionCode: DivisionCode.optional(),
  gridCode: GridCode.optional(),
  /** A breakdown per child (rankings): finer than the division asked for. */
  by: CountsBy.optional(),
});

export const Counts = CountFigures.extend({
  divisionCode: z.string(),
  level: z.enum(["grid", "village", "township", "county", "city", "province"]),
  /** "full" for agencies and grid workers; "tagged" for a department: only the tagged kinds it owns. */
  view: z.enum(["full", "tagged"]),
  breakdown: z.array(CountFigures.extend({ code: z.string() })).optional(),
}).openapi("BaseDataCounts");
export type Counts = z.infer<typeof Counts>;

/**
 * A grid's households and population as the public disclosure shows them once the base data has counted the grid:
 * aggregates only (never who), with when they were counted. Until then the disclosure shows none (the figures an
 * agency typed when filing the grid are an estimate, not disclosed).
 */
export const PublicGridCounts = z
  .object({ households: z.number().int(), population: z.number().int(), asOf: z.string() })
  .openapi("PublicGridCounts");
export type PublicGridCounts = z.infer<typeof PublicGridCounts>;

export const PublicGridWithCounts = PublicGrid.extend({ counts: PublicGridCounts.optional() }).openapi(
  "PublicGridWithCounts",
);
export type PublicGridWithCounts = z.infer<typeof PublicGridWithCounts>;
