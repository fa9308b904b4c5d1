import { describe, expect, it } from "vitest";
import { generateCity } from "../src";
import { defaultCity, sha256 } from "./helpers";

describe("determinism", () => {
  it("gives the same city for the same seed", () => {
    const a = defaultCity();
    const b = generateCity({ seed: 440700, grids: 2954 });
    expect(sha256(b)).toBe(sha256(a));
  });

  it("gives a different city for another seed, with the same real divisions", () => {
    const a = defaultCity();
    const c = generateCity({ seed: 7 });
    expect(sha256(c)).not.toBe(sha256(a));
    expect(c.divisions.map((d) => d.code)).toEqual(a.divisions.map((d) => d.code));
    expect(c.grids).toHaveLength(2954);
  });

  it("keeps departments and demo principals stable whatever the grid count", () => {
    const a = defaultCity();
    const b = generateCity({ grids: 1348 });
    expect(sha256(b.departments)).toBe(sha256(a.departments));
    const subs = (users: { sub: string }[]) => users.filter((u) => u.sub.startsWith("demo-")).map((u) => u.sub);
    expect(subs(b.users)).toEqual(subs(a.users));
  });
});
