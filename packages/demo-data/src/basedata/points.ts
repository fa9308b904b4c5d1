/**
 * Points inside a grid's polygon, so that the registry's point lookup places each door in the grid it was drawn for.
 * The generated grid polygons are convex (see ../layout.ts): a point drawn uniformly in a fan triangle and pulled
 * toward the centre by a margin stays strictly inside, away from the edges (no boundary ties).
 */
import type { Rng } from "../random";
import type { Grid } from "../types";

type Point = [number, number];

/** Keeps the point this share of the way from the centre to where it was drawn (10% margin to every edge). */
const SPREAD = 0.9;

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function triangleArea(a: Point, b: Point, c: Point): number {
  return Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2;
}

export interface PointSampler {
  (rng: Rng): Point;
}

/** A sampler of points inside `grid`, uniform over its area (shrunk toward its centre). */
export function pointsIn(grid: Pick<Grid, "geometry" | "center">): PointSampler {
  const ring = (grid.geometry.coordinates[0] ?? []).slice(0, -1) as Point[];
  const origin = ring[0];
  if (!origin || ring.length < 3) throw new Error("a grid polygon needs at least three corners");
  const triangles: [Point, Point, Point][] = [];
  for (let i = 1; i + 1 < ring.length; i++) triangles.push([origin, ring[i]!, ring[i + 1]!]);
  const weights = triangles.map(([a, b, c]) => triangleArea(a, b, c));
  const [cx, cy] = grid.center;
  return (rng) => {
    const [a, b, c] = triangles[rng.weighted(weights)]!;
    let u = rng.next();
    let v = rng.next();
    if (u + v > 1) [u, v] = [1 - u, 1 - v];
    const x = a[0] + u * (b[0] - a[0]) + v * (c[0] - a[0]);
    const y = a[1] + u * (b[1] - a[1]) + v * (c[1] - a[1]);
    return [round6(cx + SPREAD * (x - cx)), round6(cy + SPREAD * (y - cy))];
  };
}
