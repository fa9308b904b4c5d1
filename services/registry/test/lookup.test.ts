import { exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  PJ,
  V1,
  V2,
  call,
  fileLayout,
  gridFields,
  json,
  principals,
  rect,
  resetRegistry,
  seedDivisions,
  shanghaiDay,
} from "./fixtures";

const [G1, G2, G3] = [`${V1}001`, `${V1}002`, `${V2}001`];
// G1 is the village with a hole (a courtyard) in its middle; G2 fills the courtyard; G3 is village 2 whole.
const courtyard: [number, number][] = [
  [113.008, 22.508],
  [113.008, 22.512],
  [113.012, 22.512],
  [113.012, 22.508],
  [113.008, 22.508],
];

beforeAll(seedDivisions);
beforeEach(async () => {
  await resetRegistry();
  await fileLayout(
    PJ,
    [
      { op: "create", villageCode: V1, grid: gridFields(rect(113.0, 22.5, 113.02, 22.52, [courtyard])) },
      {
        op: "create",
        villageCode: V1,
        grid: gridFields(rect(113.008, 22.508, 113.012, 22.512), {
          type: "dedicated",
          unit: { kind: "campus", name: "一号中学" },
        }),
      },
      { op: "create", villageCode: V2, grid: gridFields(rect(113.02, 22.5, 113.04, 22.52), { type: "rural" }) },
    ],
    shanghaiDay(),
  );
});

describe("point lookup", () => {
  it("is correct in holes and on shared edges (the smallest code of the grids whose closure holds the point)", async () => {
    expect((await exports.default.locate(113.01, 22.51))?.gridCode).toBe(G2); // inside the courtyard, which is G1's hole
    expect((await exports.default.locate(113.005, 22.51))?.gridCode).toBe(G1);
    expect((await exports.default.locate(113.008, 22.51))?.gridCode).toBe(G1); // on the hole's ring: G1 and G2 share it
    expect(await exports.default.locate(113.02, 22.51)).toMatchObject({ gridCode: G1, villageCode: V1 }); // village border shared by G1 and G3
    expect((await exports.default.locate(113.03, 22.51))?.gridCode).toBe(G3);
    expect(await exports.default.locate(113.05, 22.51)).toBeNull();
  });

  it("answers over HTTP one by one and in a batch, and refuses bad input naming the field", async () => {
    expect(await json(await call(principals.department, "GET", "/v1/lookup?lng=113.03&lat=22.51"), 200)).toEqual({
      gridCode: G3,
      gridName: "测试网格",
      villageCode: V2,
      townshipCode: "440703001000",
      countyCode: PJ,
    });
    const batch = await json<{ results: ({ gridCode: string } | null)[] }>(
      await call(principals.gridWorker, "POST", "/v1/lookup/batch", {
        points: [
          { lng: 113.01, lat: 22.51 },
          { lng: 0, lat: 0 },
        ],
      }),
      200,
    );
    expect(batch.results.map((r) => r?.gridCode ?? null)).toEqual([G2, null]);
    expect((await call(principals.department, "GET", "/v1/lookup?lng=113.05&lat=22.51")).status).toBe(404);
    const bad = await json<{ errors: { field: string }[] }>(
      await call(principals.department, "GET", "/v1/lookup?lng=113&lat=95"),
      400,
    );
    expect(bad.errors[0]?.field).toBe("query.lat");
    const badDate = await json<{ errors: { field: string }[] }>(
      await call(principals.department, "POST", "/v1/lookup/batch", {
        points: [{ lng: 113, lat: 22.5 }],
        onDate: "2026-02-30",
      }),
      400,
    );
    expect(badDate.errors[0]?.field).toBe("body.onDate");
    expect((await call(principals.resident, "GET", "/v1/lookup?lng=113.03&lat=22.51")).status).toBe(403);
  });

  it("serves the grid RPC other services check codes with", async () => {
    expect(await exports.default.grid(G2)).toEqual({ code: G2, name: "测试网格", villageCode: V1, status: "active" });
    expect(await exports.default.grid(`${V1}099`)).toBeNull();
  });
});

describe("reading grids", () => {
  it("lists the grids in the caller's jurisdiction, a grid worker only their own", async () => {
    const county = await json<{ items: { code: string }[] }>(
      await call(principals.countyAgency, "GET", "/v1/grids"),
      200,
    );
    expect(county.items.map((g) => g.code)).toEqual([G1, G2, G3]);
    const village = await json<{ items: { code: string }[] }>(
      await call(principals.countyAgency, "GET", `/v1/grids?divisionCode=${V2}`),
      200,
    );
    expect(village.items.map((g) => g.code)).toEqual([G3]);
    const worker = await json<{ items: { code: string }[] }>(
      await call({ ...principals.gridWorker, grids: [G2] }, "GET", "/v1/grids"),
      200,
    );
    expect(worker.items.map((g) => g.code)).toEqual([G2]);
    const other = await json<{ items: unknown[] }>(await call(principals.otherCountyAgency, "GET", "/v1/grids"), 200);
    expect(other.items).toEqual([]);
  });

  it("refuses a grid outside the caller's jurisdiction and answers 304 to a current ETag", async () => {
    expect((await call(principals.otherCountyAgency, "GET", `/v1/grids/${G1}`)).status).toBe(403);
    expect((await call({ ...principals.gridWorker, grids: [G2] }, "GET", `/v1/grids/${G1}`)).status).toBe(403);
    expect((await call(principals.resident, "GET", `/v1/grids/${G1}`)).status).toBe(403);
    const first = await call(principals.department, "GET", `/v1/grids/${G1}`);
    expect(first.status).toBe(200);
    expect(
      (
        await call(principals.department, "GET", `/v1/grids/${G1}`, undefined, {
          "if-none-match": first.headers.get("etag") as string,
        })
      ).status,
    ).toBe(304);
  });
});
