import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { dbOf, runBatch } from "../src/store/db";
import { MAX_INDEXES, MAX_LAYOUT_VERSIONS, cachedIndexes, indexOn, locationIn } from "../src/store/locator";
import { bumpLayoutVersion, layoutVersion } from "../src/store/state";
import { PJ, V1, V2, fileLayout, gridFields, rect, resetRegistry, seedDivisions, shanghaiDay } from "./fixtures";

// Three spans of grid versions: nothing before today, village 1's grid from today, village 2's grid too from day 5.
const [before, today, later] = [shanghaiDay(-3), shanghaiDay(1), shanghaiDay(7)];
const db = () => dbOf(env.DB);
const bump = () => runBatch(db(), [bumpLayoutVersion(db())]);
const spans = (version: number) => cachedIndexes().filter((e) => e.layoutVersion === version);

beforeAll(async () => {
  await seedDivisions();
  await resetRegistry();
  await fileLayout(
    PJ,
    [{ op: "create", villageCode: V1, grid: gridFields(rect(113.0, 22.5, 113.02, 22.52)) }],
    shanghaiDay(),
  );
  await fileLayout(
    PJ,
    [{ op: "create", villageCode: V2, grid: gridFields(rect(113.02, 22.5, 113.04, 22.52)) }],
    shanghaiDay(5),
  );
});

describe("the point index cache of an isolate", () => {
  it("holds at most MAX_INDEXES indexes and drops the least recently used", async () => {
    await bump();
    const first = await layoutVersion(db());
    for (const date of [before, today, later]) await indexOn(db(), date);
    expect(spans(first).map((e) => e.until === null)).toEqual([false, false, true]);
    await indexOn(db(), before); // used again: now the most recent of the three

    await bump();
    const second = await layoutVersion(db());
    for (const date of [before, today, later]) await indexOn(db(), date);
    expect(cachedIndexes()).toHaveLength(MAX_INDEXES);
    // Of the first version's three, only the one used last is left; the second's three are all there.
    expect(spans(first)).toEqual([expect.objectContaining({ from: "0000-00-00" })]);
    expect(spans(second)).toHaveLength(3);
    expect(locationIn(await indexOn(db(), later), 113.03, 22.51)).toMatchObject({ villageCode: V2 });
    expect(locationIn(await indexOn(db(), today), 113.03, 22.51)).toBeNull(); // village 2's grid starts on day 5
  });

  it("keeps only the latest MAX_LAYOUT_VERSIONS layout versions, however many pass", async () => {
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      await bump();
      seen.push(await layoutVersion(db()));
      expect(locationIn(await indexOn(db(), today), 113.01, 22.51)).toMatchObject({ villageCode: V1 });
      const versions = new Set(cachedIndexes().map((e) => e.layoutVersion));
      expect(versions.size).toBeLessThanOrEqual(MAX_LAYOUT_VERSIONS);
      expect(cachedIndexes().length).toBeLessThanOrEqual(MAX_INDEXES);
    }
    expect([...new Set(cachedIndexes().map((e) => e.layoutVersion))].sort()).toEqual(seen.slice(-MAX_LAYOUT_VERSIONS));
  });

  it("builds one index for concurrent misses of one version and date", async () => {
    await bump();
    const version = await layoutVersion(db());
    const [a, b, c] = await Promise.all([indexOn(db(), today), indexOn(db(), today), indexOn(db(), today)]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(spans(version)).toHaveLength(1);
  });
});
