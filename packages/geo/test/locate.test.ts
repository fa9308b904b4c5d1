import { describe, expect, it } from "vitest";
import { locate } from "../src";
import type { Geometry } from "../src";
import { rect } from "./fixtures";

const withHole = rect(0, 0, 4, 4, [rect(1, 1, 3, 3).coordinates[0] ?? []]);

describe("locate", () => {
  it("tells inside, boundary and outside of a square", () => {
    const sq = rect(0, 0, 1, 1);
    expect(locate([0.5, 0.5], sq)).toBe("inside");
    expect(locate([0.5, 0], sq)).toBe("boundary");
    expect(locate([1, 1], sq)).toBe("boundary");
    expect(locate([0, 0.3], sq)).toBe("boundary");
    expect(locate([1.5, 0.5], sq)).toBe("outside");
    expect(locate([0.5, -1e-9], sq)).toBe("outside");
    expect(locate([0.5, -1e-13], sq)).toBe("boundary");
  });

  it("treats a point in a hole as outside and on a hole's ring as boundary", () => {
    expect(locate([2, 2], withHole)).toBe("outside");
    expect(locate([0.5, 2], withHole)).toBe("inside");
    expect(locate([1, 2], withHole)).toBe("boundary");
    expect(locate([3, 3], withHole)).toBe("boundary");
  });

  it("handles a diagonal edge within the epsilon", () => {
    const tri: Geometry = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [0, 7],
          [0, 0],
        ],
      ],
    };
    // (1, 7/3·2) lies on the hypotenuse 7x + 3y = 21 up to rounding
    expect(locate([1, 14 / 3], tri)).toBe("boundary");
    expect(locate([1, 14 / 3 - 1e-6], tri)).toBe("inside");
    expect(locate([1, 14 / 3 + 1e-6], tri)).toBe("outside");
  });

  it("handles a MultiPolygon with a hole and an island in it", () => {
    const multi: Geometry = {
      type: "MultiPolygon",
      coordinates: [withHole.coordinates, rect(1.5, 1.5, 2.5, 2.5).coordinates, rect(10, 10, 11, 11).coordinates],
    };
    expect(locate([2, 2], multi)).toBe("inside");
    expect(locate([1.2, 1.2], multi)).toBe("outside");
    expect(locate([10.5, 10.5], multi)).toBe("inside");
    expect(locate([11, 10.5], multi)).toBe("boundary");
    expect(locate([5, 5], multi)).toBe("outside");
  });

  it("does not double count a ray through a vertex", () => {
    const diamond: Geometry = {
      type: "Polygon",
      coordinates: [
        [
          [0, -1],
          [1, 0],
          [0, 1],
          [-1, 0],
          [0, -1],
        ],
      ],
    };
    expect(locate([-0.5, 0], diamond)).toBe("inside");
    expect(locate([-2, 0], diamond)).toBe("outside");
    expect(locate([0, 0.999], diamond)).toBe("inside");
    expect(locate([0.5, 1], diamond)).toBe("outside");
  });
});
