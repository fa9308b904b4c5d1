import { locate, locateInRing } from "./locate";
import { polygonPath, ringPath } from "./problems";
import type { GeometryProblem } from "./problems";
import { ringSignedArea } from "./polygons";
import type { Location, Position, Ring } from "./types";

/**
 * Where `ring` lies relative to `other`, judged by the first of its vertices (then edge midpoints) that is not
 * on `other`'s boundary. Only meaningful once rings are known not to cross. `boundary` when all of it is.
 */
function ringRelativeTo(ring: Ring, other: Ring): Location {
  for (const p of ring) {
    const where = locateInRing(p, other);
    if (where !== "boundary") return where;
  }
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i] as Position;
    const [bx, by] = ring[i + 1] as Position;
    const where = locateInRing([(ax + bx) / 2, (ay + by) / 2], other);
    if (where !== "boundary") return where;
  }
  return "boundary";
}

function boxesMeet(a: Ring, b: Ring): boolean {
  const box = (r: Ring) => {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of r) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    return [x0, y0, x1, y1] as const;
  };
  const [ax0, ay0, ax1, ay1] = box(a);
  const [bx0, by0, bx1, by1] = box(b);
  return ax0 <= bx1 && bx0 <= ax1 && ay0 <= by1 && by0 <= ay1;
}

/**
 * Ring degeneracy and nesting, assuming rings do not cross:
 * every ring encloses some area; each hole lies inside its shell and outside the other holes;
 * no polygon of a MultiPolygon lies inside another.
 */
export function checkContainment(polygons: readonly Ring[][], multi: boolean): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  polygons.forEach((rings, p) => {
    rings.forEach((ring, r) => {
      if (ringSignedArea(ring) === 0) problems.push({ path: ringPath(multi, p, r), message: "ring encloses no area" });
    });
  });
  if (problems.length > 0) return problems;

  polygons.forEach((rings, p) => {
    const [shell, ...holes] = rings;
    if (!shell) return;
    holes.forEach((hole, h) => {
      if (ringRelativeTo(hole, shell) !== "inside") {
        problems.push({ path: ringPath(multi, p, h + 1), message: "hole is not inside its outer ring" });
        return;
      }
      holes.forEach((other, o) => {
        if (o === h || !boxesMeet(hole, other)) return;
        if (ringRelativeTo(hole, other) === "inside") {
          problems.push({
            path: ringPath(multi, p, h + 1),
            message: `hole lies inside hole ${ringPath(multi, p, o + 1)}`,
          });
        }
      });
    });
  });
  if (!multi || problems.length > 0) return problems;

  polygons.forEach((rings, p) => {
    const shell = rings[0];
    if (!shell) return;
    polygons.forEach((other, o) => {
      const otherShell = other[0];
      if (o === p || !otherShell || !boxesMeet(shell, otherShell)) return;
      const sample = shell.find((v) => locate(v, { type: "Polygon", coordinates: other }) !== "boundary");
      if (sample && locate(sample, { type: "Polygon", coordinates: other }) === "inside") {
        problems.push({ path: polygonPath(multi, p), message: `polygon overlaps polygon ${polygonPath(multi, o)}` });
      }
    });
  });
  return problems;
}
