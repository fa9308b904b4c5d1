import { describe, expect, it } from "vitest";
import { isValidGeometry, validateGeometry } from "../src";
import { rect } from "./fixtures";

const paths = (g: unknown, opts = {}) => validateGeometry(g, opts).map((p) => p.path);

describe("validateGeometry", () => {
  it("accepts a square, a square with a hole and a MultiPolygon", () => {
    expect(validateGeometry(rect(0, 0, 1, 1))).toEqual([]);
    const hole = [
      [0.2, 0.2],
      [0.2, 0.8],
      [0.8, 0.8],
      [0.8, 0.2],
      [0.2, 0.2],
    ];
    expect(validateGeometry({ type: "Polygon", coordinates: [rect(0, 0, 1, 1).coordinates[0], hole] })).toEqual([]);
    const multi = { type: "MultiPolygon", coordinates: [rect(0, 0, 1, 1).coordinates, rect(2, 0, 3, 1).coordinates] };
    expect(validateGeometry(multi)).toEqual([]);
    expect(isValidGeometry(multi)).toBe(true);
  });

  it("rejects wrong types and shapes", () => {
    expect(validateGeometry(null)).toEqual([{ path: "", message: "geometry must be an object" }]);
    expect(paths({ type: "Point", coordinates: [0, 0] })).toEqual(["type"]);
    expect(paths({ type: "LineString", coordinates: [] })).toEqual(["type"]);
    expect(paths({ type: "Polygon", coordinates: "x" })).toEqual(["coordinates"]);
    expect(paths({ type: "Polygon", coordinates: [] })).toEqual(["coordinates"]);
    expect(paths({ type: "MultiPolygon", coordinates: [] })).toEqual(["coordinates"]);
    expect(paths({ type: "MultiPolygon", coordinates: [[], rect(0, 0, 1, 1).coordinates] })).toEqual(["coordinates/0"]);
  });

  it("rejects an unclosed ring, naming the last position", () => {
    const g = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    };
    expect(validateGeometry(g)).toEqual([
      { path: "coordinates/0/3", message: "ring is not closed: last position must equal the first" },
    ]);
  });

  it("rejects a ring with too few positions", () => {
    const g = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0, 0],
        ],
      ],
    };
    expect(validateGeometry(g)).toEqual([
      { path: "coordinates/0", message: "a ring needs at least 4 positions, got 3" },
    ]);
  });

  it("rejects out-of-range and non-finite numbers with the coordinate's path", () => {
    const g = {
      type: "MultiPolygon",
      coordinates: [
        rect(0, 0, 1, 1).coordinates,
        [
          [
            [0, 0],
            [181, 0],
            [1, 91],
            [Number.NaN, 1],
            [0, 0],
          ],
        ],
      ],
    };
    expect(validateGeometry(g)).toEqual([
      { path: "coordinates/1/0/1/0", message: "longitude 181 is outside -180..180" },
      { path: "coordinates/1/0/2/1", message: "latitude 91 is outside -90..90" },
      { path: "coordinates/1/0/3/0", message: "longitude must be a finite number" },
    ]);
    expect(paths({ type: "Polygon", coordinates: [[[0, 0], [1, 0], "x", [0, 0]]] })).toEqual(["coordinates/0/2"]);
  });

  it("rejects a self-intersecting bow-tie", () => {
    const bowTie = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const problems = validateGeometry(bowTie);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe("coordinates/0/0");
    expect(problems[0]?.message).toMatch(/ring intersects itself.*coordinates\/0\/2/);
  });

  it("rejects a ring touching itself at a vertex and a spike folding back", () => {
    const figure8 = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [1, 1],
          [2, 2],
          [0, 2],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(validateGeometry(figure8).length).toBeGreaterThan(0);
    const spike = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [3, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    expect(validateGeometry(spike)[0]?.message).toMatch(/ring intersects itself/);
  });

  it("tolerates repeated consecutive positions", () => {
    const g = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    expect(validateGeometry(g)).toEqual([]);
  });

  it("rejects a hole outside its shell, naming the hole", () => {
    const shell = rect(0, 0, 1, 1).coordinates[0];
    const hole = rect(2, 2, 3, 3).coordinates[0];
    expect(validateGeometry({ type: "Polygon", coordinates: [shell, hole] })).toEqual([
      { path: "coordinates/1", message: "hole is not inside its outer ring" },
    ]);
  });

  it("rejects a hole crossing its shell and nested holes", () => {
    const shell = rect(0, 0, 4, 4).coordinates[0];
    const crossing = rect(3, 1, 5, 2).coordinates[0];
    const [crossed] = validateGeometry({ type: "Polygon", coordinates: [shell, crossing] });
    expect(crossed?.message).toMatch(/rings cross/);
    const nested = [shell, rect(1, 1, 3, 3).coordinates[0], rect(1.5, 1.5, 2.5, 2.5).coordinates[0]];
    expect(paths({ type: "Polygon", coordinates: nested })).toEqual(["coordinates/2"]);
  });

  it("rejects MultiPolygon parts that cross or nest", () => {
    const crossing = {
      type: "MultiPolygon",
      coordinates: [rect(0, 0, 2, 2).coordinates, rect(1, 1, 3, 3).coordinates],
    };
    expect(validateGeometry(crossing)[0]?.message).toMatch(/polygons cross/);
    const nested = { type: "MultiPolygon", coordinates: [rect(0, 0, 3, 3).coordinates, rect(1, 1, 2, 2).coordinates] };
    expect(paths(nested)).toEqual(["coordinates/1"]);
  });

  it("enforces the vertex limit before anything else", () => {
    const n = 100;
    const ring = Array.from({ length: n }, (_, i) => [
      Math.cos((2 * Math.PI * i) / n),
      Math.sin((2 * Math.PI * i) / n),
    ]);
    ring.push(ring[0] as number[]);
    const circle = { type: "Polygon", coordinates: [ring] };
    expect(validateGeometry(circle)).toEqual([]);
    expect(validateGeometry(circle, { maxVertices: 101 })).toEqual([]);
    expect(validateGeometry(circle, { maxVertices: 100 })).toEqual([
      { path: "coordinates", message: "too many vertices: 101 > 100" },
    ]);
  });

  it("checks a 5000-vertex ring quickly", () => {
    const n = 4999;
    const ring = Array.from({ length: n }, (_, i) => {
      const r = i % 2 === 0 ? 1 : 0.9; // star: many short edges, no crossings
      return [r * Math.cos((2 * Math.PI * i) / n), r * Math.sin((2 * Math.PI * i) / n)];
    });
    ring.push(ring[0] as number[]);
    const started = performance.now();
    expect(validateGeometry({ type: "Polygon", coordinates: [ring] })).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
