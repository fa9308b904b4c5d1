import Flatbush from "flatbush";
import { ringPath } from "./problems";
import type { GeometryProblem } from "./problems";
import { segmentContact } from "./segments";
import type { Position, Ring } from "./types";

const MAX_REPORTED = 20;

interface Segment {
  a: Position;
  b: Position;
  polygon: number;
  ring: number;
  /** Index in the ring of the segment's start position (for the problem path). */
  start: number;
  /** Rank among the ring's non-degenerate segments, and how many the ring has. */
  rank: number;
  ringSize: number;
}

function collectSegments(polygons: readonly Ring[][]): Segment[] {
  const segments: Segment[] = [];
  polygons.forEach((rings, polygon) =>
    rings.forEach((ring, r) => {
      const own: Segment[] = [];
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i] as Position;
        const b = ring[i + 1] as Position;
        if (a[0] === b[0] && a[1] === b[1]) continue; // repeated position: not a segment
        own.push({ a, b, polygon, ring: r, start: i, rank: own.length, ringSize: 0 });
      }
      for (const s of own) s.ringSize = own.length;
      segments.push(...own);
    }),
  );
  return segments;
}

function adjacent(s: Segment, t: Segment): boolean {
  const d = Math.abs(s.rank - t.rank);
  return d === 1 || d === s.ringSize - 1;
}

/**
 * Self-intersections of rings and crossings between rings, found with a flatbush index over the segments'
 * boxes, so the cost is about n log n plus the number of box overlaps rather than n².
 * - within one ring, non-adjacent segments must not meet at all, adjacent ones must not fold back;
 * - rings of one polygon, and polygons of a MultiPolygon, may touch at points but not cross or share a stretch
 *   (between polygons of a MultiPolygon only crossings are reported).
 */
export function findIntersections(polygons: readonly Ring[][], multi: boolean): GeometryProblem[] {
  const segments = collectSegments(polygons);
  if (segments.length === 0) return [];
  const index = new Flatbush(segments.length);
  for (const { a, b } of segments) {
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  }
  index.finish();

  const problems: GeometryProblem[] = [];
  const path = (s: Segment) => `${ringPath(multi, s.polygon, s.ring)}/${s.start}`;
  for (let i = 0; i < segments.length && problems.length < MAX_REPORTED; i++) {
    const s = segments[i] as Segment;
    const hits = index.search(
      Math.min(s.a[0], s.b[0]),
      Math.min(s.a[1], s.b[1]),
      Math.max(s.a[0], s.b[0]),
      Math.max(s.a[1], s.b[1]),
    );
    for (const j of hits) {
      if (j <= i) continue;
      const t = segments[j] as Segment;
      const contact = segmentContact(s.a, s.b, t.a, t.b);
      if (contact === "disjoint") continue;
      let message: string | null = null;
      if (s.polygon === t.polygon && s.ring === t.ring) {
        if (!adjacent(s, t) || contact === "overlap" || contact === "cross") {
          message = `ring intersects itself: segment meets segment at ${path(t)}`;
        }
      } else if (s.polygon === t.polygon) {
        if (contact === "cross" || contact === "overlap") message = `rings cross: segment meets segment at ${path(t)}`;
      } else if (contact === "cross") {
        message = `polygons cross: segment crosses segment at ${path(t)}`;
      }
      if (message) problems.push({ path: path(s), message });
      if (problems.length >= MAX_REPORTED) break;
    }
  }
  return problems;
}
