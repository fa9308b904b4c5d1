import { describe, expect, it } from "vitest";
import {
  countyOf,
  divisionAncestors,
  divisionLevel,
  divisionPrefix,
  isWithinDivision,
  townshipOf,
} from "../src/division";

describe("division codes", () => {
  it("reads the level from the trailing zero groups", () => {
    expect(divisionLevel("440000000000")).toBe("province");
    expect(divisionLevel("440700000000")).toBe("city");
    expect(divisionLevel("440703000000")).toBe("county");
    expect(divisionLevel("440703001000")).toBe("township");
    expect(divisionLevel("440703001001")).toBe("village");
  });

  it("knows which codes lie inside a subtree", () => {
    expect(divisionPrefix("440703000000")).toBe("440703");
    expect(isWithinDivision("440703001001", "440703000000")).toBe(true);
    expect(isWithinDivision("440705001001", "440703000000")).toBe(false);
    expect(isWithinDivision("440703000000", "440703000000")).toBe(true);
    expect(isWithinDivision("440700000000", "440703000000")).toBe(false);
    expect(isWithinDivision("440703101001", "440703001000")).toBe(false);
  });

  it("lists ancestors nearest first", () => {
    expect(divisionAncestors("440703001001")).toEqual(["440703001000", "440703000000", "440700000000", "440000000000"]);
    expect(divisionAncestors("440700000000")).toEqual(["440000000000"]);
  });

  it("names the county and the township a division lies in", () => {
    expect(countyOf("440703001001")).toBe("440703000000");
    expect(countyOf("440703000000")).toBe("440703000000");
    expect(townshipOf("440703001001")).toBe("440703001000");
    expect(townshipOf("440703001000")).toBe("440703001000");
    expect(townshipOf("440703000000")).toBeUndefined();
    expect(townshipOf("440700000000")).toBeUndefined();
  });
});
