import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, toPage, type CursorKey } from "../src/cursor";
import { countyShards, reaches, shardOf, shardsUnder, UnknownCountyError } from "../src/shards";
import { mergedPage } from "../src/shards-merge";

/**
 * Issue 17: the county-shard routing the cases read model (CASES_*) and the assessments' facts (FACTS_*) share.
 * The demo city 江门 (4407) with its seven counties; a database handle stands for each binding (routing never
 * queries it, so which handle comes back is what is checked).
 */
const COUNTIES = ["440703", "440704", "440705", "440781", "440783", "440784", "440785"];
const handle = (binding: string) => ({ binding }) as unknown as D1Database;

/** An env as wrangler.toml binds it: `DB`, both stores' shards (declared out of order) and bindings of other shapes. */
function cityEnv(): Record<string, D1Database> {
  const env: Record<string, D1Database> = { DB: handle("DB") };
  for (const county6 of ["440781", "440703", "440785", "440704", "440784", "440705", "440783"]) {
    env[`CASES_${county6}`] = handle(`CASES_${county6}`);
    env[`FACTS_${county6}`] = handle(`FACTS_${county6}`);
  }
  for (const odd of ["CASES_4407", "CASES_4407030", "CASES_44070x", "CASES_", "XCASES_440703", "FACTS"])
    env[odd] = handle(odd);
  return env;
}
const nameOf = (db: D1Database) => (db as unknown as { binding: string }).binding;

describe("countyShards: a store's county databases, from the env's bindings", () => {
  it("lists the <STORE>_<6 digits> bindings in county order with their 12-digit county codes", () => {
    const env = cityEnv();
    const cases = countyShards(env, "CASES");
    expect(cases.map((s) => s.county6)).toEqual(COUNTIES);
    expect(cases.map((s) => s.countyCode)).toEqual(COUNTIES.map((c) => `${c}000000`));
    expect(cases.map((s) => nameOf(s.db))).toEqual(COUNTIES.map((c) => `CASES_${c}`));
    expect(countyShards(env, "FACTS").map((s) => nameOf(s.db))).toEqual(COUNTIES.map((c) => `FACTS_${c}`));
  });

  it("lists no shard for an env without that store's bindings", () => {
    const env: Record<string, D1Database> = { DB: handle("DB"), FACTS_440703: handle("FACTS_440703") };
    expect(countyShards(env, "CASES")).toEqual([]);
  });

  it("lists once per env object and store, and anew for another env", () => {
    const env = cityEnv();
    const first = countyShards(env, "CASES");
    expect(countyShards(env, "CASES")).toBe(first);
    expect(countyShards(env, "FACTS")).not.toBe(first);
    expect(countyShards(env, "FACTS")).toBe(countyShards(env, "FACTS"));
    // The bindings of an env do not change while it lives: a binding added later is not seen by the cached list...
    env.CASES_440106 = handle("CASES_440106");
    expect(countyShards(env, "CASES")).toHaveLength(7);
    // ...while another env object (another isolate's, a test's) is listed from its own bindings.
    const other = { ...env };
    expect(countyShards(other, "CASES").map((s) => s.county6)).toEqual(["440106", ...COUNTIES]);
  });
});

describe("shardOf: the shard of the county a code lies in", () => {
  const env = cityEnv();

  it("routes a county's code and every code under it (township, village, grid) to the county's shard", () => {
    for (const code of ["440705000000", "440705001000", "440705001001", "440705001001001"]) {
      expect(shardOf(env, "CASES", code)).toBe(countyShards(env, "CASES")[2]);
      expect(nameOf(shardOf(env, "FACTS", code).db)).toBe("FACTS_440705");
    }
  });

  it("throws UnknownCountyError for a county the deployment has no shard of, naming county, binding and the fix", () => {
    const unknown = (() => {
      try {
        shardOf(env, "CASES", "440106000000");
      } catch (error) {
        return error;
      }
    })();
    expect(unknown).toBeInstanceOf(UnknownCountyError);
    expect(unknown).toMatchObject({ store: "CASES", countyCode: "440106000000", name: "UnknownCountyError" });
    expect((unknown as Error).message).toBe(
      "no cases read-model database for county 440106000000 (binding CASES_440106): add the county to " +
        "infra/shards/counties.json and run npm run shards:generate",
    );
    expect(() => shardOf(env, "FACTS", "440106001001")).toThrow(/^no facts shard for county 440106001001 /);
  });

  it("throws for a city's or a province's code (no county of its own) and for a code that is no division code", () => {
    for (const code of ["440700000000", "440000000000", "", "4407", "abcdef000000", " 440705000000"])
      expect(() => shardOf(env, "CASES", code), code).toThrow(UnknownCountyError);
  });
});

describe("shardsUnder / reaches: the shards a division (or grid) prefix can hold rows under", () => {
  const shards = countyShards(cityEnv(), "FACTS");
  const under = (...prefixes: string[]) => shardsUnder(shards, prefixes).map((s) => s.county6);

  it("a province's or a city's prefix reaches every county it starts; '' every county", () => {
    expect(under("44")).toEqual(COUNTIES);
    expect(under("4407")).toEqual(COUNTIES);
    expect(under("")).toEqual(COUNTIES);
    expect(under("4401")).toEqual([]); // another city of the province
    expect(under("45")).toEqual([]); // another province
  });

  it("a county's prefix reaches that county; a township's, a village's or a grid's the county it lies in", () => {
    expect(under("440781")).toEqual(["440781"]);
    expect(under("440781003")).toEqual(["440781"]);
    expect(under("440781003012")).toEqual(["440781"]);
    expect(under("440781003012004")).toEqual(["440781"]);
    expect(under("440106001")).toEqual([]); // a township of a county not served
  });

  it("several prefixes reach the union of their counties, each once, in county order", () => {
    expect(under("440785", "440703001", "440703002", "440705001001001")).toEqual(["440703", "440705", "440785"]);
    expect(under()).toEqual([]);
  });

  it("reaches reads a county's 12-digit code as well as its 6 digits", () => {
    for (const county of ["440703", "440703000000"]) {
      expect(reaches(county, "4407")).toBe(true);
      expect(reaches(county, "440703")).toBe(true);
      expect(reaches(county, "440703001001")).toBe(true);
      expect(reaches(county, "440704001")).toBe(false);
      expect(reaches(county, "440704")).toBe(false);
    }
  });
});

describe("mergedPage: a keyset page over several shards", () => {
  type Row = { createdAt: string; id: string };
  const keyOf = (r: Row): CursorKey => [r.createdAt, r.id];
  /** Lexicographic order on (createdAt, id), as an ORDER BY on both columns gives it. */
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const cmp = (a: Row, b: Row) => text(a.createdAt, b.createdAt) || text(a.id, b.id);

  /** Three counties' cases, interleaved in time, with ties on created_at across counties. */
  const at = (minute: number) => `2026-11-03T08:${String(minute).padStart(2, "0")}:00Z`;
  const rowsOf: Record<string, Row[]> = {
    "440703": [0, 3, 4, 9, 12, 12].map((m, i) => ({ createdAt: at(m), id: `c-440703-${i}` })),
    "440705": [1, 3, 5, 6, 12].map((m, i) => ({ createdAt: at(m), id: `c-440705-${i}` })),
    "440781": [2, 7, 8].map((m, i) => ({ createdAt: at(m), id: `c-440781-${i}` })),
  };
  const all = Object.values(rowsOf).flat();

  /** What one shard's SQL answers: its rows after the cursor in the list's order, the first `take`. */
  const shardRead = (order: "asc" | "desc", after: CursorKey | undefined, take: number) => async (county6: string) => {
    const sign = order === "asc" ? 1 : -1;
    const from = after && { createdAt: String(after[0]), id: String(after[1]) };
    return [...rowsOf[county6]!]
      .sort((a, b) => sign * cmp(a, b))
      .filter((r) => !from || sign * cmp(r, from) > 0)
      .slice(0, take);
  };

  /** Every page of the list, following the cursor each page hands out, as a route does. */
  async function everyPage(order: "asc" | "desc", limit: number) {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const after = decodeCursor(cursor ?? undefined, 2);
      const rows = await mergedPage(Object.keys(rowsOf), shardRead(order, after, limit + 1), keyOf, order, limit + 1);
      const page = toPage(rows, limit, keyOf);
      pages.push(page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  }

  for (const order of ["desc", "asc"] as const) {
    it(`pages ${order} across the shards in the global key order, losing and repeating no row`, async () => {
      const expected = [...all].sort((a, b) => (order === "asc" ? cmp(a, b) : cmp(b, a))).map((r) => r.id);
      for (const limit of [1, 2, 3, 5, all.length, all.length + 4]) {
        const pages = await everyPage(order, limit);
        expect(pages.flat(), `limit ${limit}`).toEqual(expected);
        expect(pages.length, `limit ${limit}`).toBe(Math.max(1, Math.ceil(all.length / limit)));
        expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
      }
    });
  }

  it("keeps ties on the first key in the order of the second, across shards", async () => {
    const rows = await mergedPage(Object.keys(rowsOf), shardRead("desc", undefined, 4), keyOf, "desc", 4);
    expect(rows.map((r) => r.id)).toEqual(["c-440705-4", "c-440703-5", "c-440703-4", "c-440703-3"]);
  });

  it("reads one shard as it answers and no shard as an empty page", async () => {
    const one = await mergedPage(["440781"], async () => [...rowsOf["440781"]!], keyOf, "desc", 2);
    expect(one.map((r) => r.id)).toEqual(["c-440781-0", "c-440781-1", "c-440781-2"]);
    expect(await mergedPage([], shardRead("desc", undefined, 3), keyOf, "desc", 3)).toEqual([]);
  });

  it("hands out a cursor that is the last row's key, whichever shard it came from", async () => {
    const rows = await mergedPage(Object.keys(rowsOf), shardRead("asc", undefined, 4), keyOf, "asc", 4);
    expect(toPage(rows, 3, keyOf).nextCursor).toBe(encodeCursor([at(2), "c-440781-0"]));
  });
});
