import type { Position } from "./types";

/** Twice the signed area of triangle abc: > 0 when c is left of a→b, < 0 right, 0 collinear. */
export function orient(a: Position, b: Position, c: Position): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** Planar distance (degrees) from p to segment ab. */
export function distanceToSegment(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return Math.hypot(x, y);
}

/**
 * How two segments meet:
 * - `disjoint`: no common point;
 * - `touch`: exactly one common point that is an endpoint of at least one of them;
 * - `cross`: one common point interior to both;
 * - `overlap`: collinear with a common stretch of positive length.
 */
export type SegmentContact = "disjoint" | "touch" | "cross" | "overlap";

export function segmentContact(a: Position, b: Position, c: Position, d: Position): SegmentContact {
  const o1 = Math.sign(orient(a, b, c));
  const o2 = Math.sign(orient(a, b, d));
  const o3 = Math.sign(orient(c, d, a));
  const o4 = Math.sign(orient(c, d, b));
  if (o1 === 0 && o2 === 0) return collinearContact(a, b, c, d);
  if (o1 * o2 < 0 && o3 * o4 < 0) return "cross";
  if (
    (o1 === 0 && withinBox(c, a, b)) ||
    (o2 === 0 && withinBox(d, a, b)) ||
    (o3 === 0 && withinBox(a, c, d)) ||
    (o4 === 0 && withinBox(b, c, d))
  ) {
    return "touch";
  }
  return "disjoint";
}

function collinearContact(a: Position, b: Position, c: Position, d: Position): SegmentContact {
  // Project on the axis along which ab extends most.
  const axis = Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1]) ? 0 : 1;
  const lo = Math.max(Math.min(a[axis], b[axis]), Math.min(c[axis], d[axis]));
  const hi = Math.min(Math.max(a[axis], b[axis]), Math.max(c[axis], d[axis]));
  if (lo < hi) return "overlap";
  if (lo === hi) return "touch";
  return "disjoint";
}

/** p (known collinear with ab) lies within the box spanned by ab. */
function withinBox(p: Position, a: Position, b: Position): boolean {
  return (
    p[0] >= Math.min(a[0], b[0]) &&
    p[0] <= Math.max(a[0], b[0]) &&
    p[1] >= Math.min(a[1], b[1]) &&
    p[1] <= Math.max(a[1], b[1])
  );
}
