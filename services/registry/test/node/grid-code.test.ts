import { describe, expect, it } from "vitest";
import { allocator, gridCodeOf, placeOfGrid } from "../../src/domain/grid-code";

describe("grid codes (网格编码)", () => {
  it("are the village code and a 3-digit sequence, and name where the grid lies", () => {
    expect(gridCodeOf("440703001001", 7)).toBe("440703001001007");
    expect(() => gridCodeOf("440703001001", 1000)).toThrow(RangeError);
    expect(placeOfGrid("440703001001007")).toEqual({
      villageCode: "440703001001",
      townshipCode: "440703001000",
      countyCode: "440703000000",
    });
  });

  it("are handed out after the village's highest sequence ever used, until 999 are used", () => {
    const codes = allocator(
      new Map([
        ["440703001001", 2],
        ["440703001002", 999],
      ]),
    );
    expect(codes.next("440703001001")).toBe("440703001001003");
    expect(codes.next("440703001001")).toBe("440703001001004");
    expect(codes.next("440703001003")).toBe("440703001003001");
    expect(codes.next("440703001002")).toMatchObject({ refused: "unprocessable" });
    expect(codes.handedOut.map((g) => g.sequence)).toEqual([3, 4, 1]);
  });
});
