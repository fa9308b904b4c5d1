// Run with `npx vitest bench` inside packages/geo: index lookup against a scan of every grid.
import { bench, describe } from "vitest";
import { GridIndex, naiveLookup } from "../src";
import { jitteredTiling, rng } from "./fixtures";

const { items, bounds } = jitteredTiling(50, 50, 11);
const index = new GridIndex(items);
const rand = rng(5);
const [x0, y0, x1, y1] = bounds;
const points = Array.from({ length: 1000 }, () => [x0 + rand() * (x1 - x0), y0 + rand() * (y1 - y0)] as const);

describe(`lookup over ${items.length} grids, 1000 points`, () => {
  bench("GridIndex.lookup", () => {
    for (const [lng, lat] of points) index.lookup(lng, lat);
  });
  bench("naiveLookup", () => {
    for (const [lng, lat] of points) naiveLookup(items, lng, lat);
  });
});
