import { principals } from "@civicgrid/testing";
import type { NearbyCases, PublicNearbyCases } from "@civicgrid/contracts";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, caseShard, HERE, report, step } from "./helpers";

/** A matter code of its own per test, so that the cases of other tests are never nearby. */
let n = 0;
const matter = () => `T${Date.now() % 1e6}-${++n}`;
/** About `m` metres north of HERE. */
const north = (m: number) => ({ lng: HERE.lng, lat: HERE.lat + m / 111_195 });
const query = (m: string, at: { lng: number; lat: number }) => `categoryCode=${m}&lng=${at.lng}&lat=${at.lat}`;

async function nearby(categoryCode: string, at = HERE) {
  const res = await call(principals.gridWorker, "GET", `/v1/cases/nearby?${query(categoryCode, at)}`);
  expect(res.status).toBe(200);
  return res.json<NearbyCases>();
}

describe("nearby duplicates while reporting", () => {
  it("finds the open case of the same matter within the radius, nearest first, with its distance", async () => {
    const m = matter();
    const far = await report(principals.gridWorker, { categoryCode: m, ...north(40) });
    const near = await report(principals.gridWorker, { categoryCode: m, ...north(10) });
    const answer = await nearby(m);
    expect(answer.settings).toEqual({ radiusMeters: 50, windowDays: 7 });
    expect(answer.cases.map((c) => [c.id, c.distanceMeters])).toEqual([
      [near.id, 10],
      [far.id, 40],
    ]);
    expect(answer.cases[0]).toMatchObject({ status: "reported", categoryCode: m, gridCode: "440703001001001" });
  });

  it("leaves out another matter, a case outside the radius, a closed case and one older than the window", async () => {
    const m = matter();
    await report(principals.gridWorker, { categoryCode: matter(), ...north(5) });
    await report(principals.gridWorker, { categoryCode: m, ...north(80) });
    const closed = await report(principals.gridWorker, { categoryCode: m, ...north(5) });
    await step(principals.townshipAgency, closed, "invalidate", { reason: "重复上报" });
    const old = await report(principals.gridWorker, { categoryCode: m, ...north(5) });
    // Reported eight days ago (the window is seven): the read model's instant moved back behind the API.
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
    await (
      await caseShard(old.id)
    )
      .prepare("UPDATE open_case_points SET created_at = ? WHERE case_id = ?")
      .bind(eightDaysAgo, old.id)
      .run();
    expect((await nearby(m)).cases).toEqual([]);
  });

  it("reads the radius and window the county's matter list sets for the matter", async () => {
    const c = await report(principals.gridWorker, { categoryCode: "N01", ...north(250) });
    const answer = await nearby("N01");
    expect(answer.settings).toEqual({ radiusMeters: 300, windowDays: 7 });
    expect(answer.cases.map((x) => x.id)).toContain(c.id);
  });

  it("answers anyone the public fields only, with the reporter's phone masked", async () => {
    const m = matter();
    const c = await report(principals.gridWorker, {
      categoryCode: m,
      description: "井盖缺失，请联系13812345678",
      ...north(20),
    });
    const res = await exports.default.fetch(`http://cases/v1/public/cases/nearby?${query(m, HERE)}`);
    expect(res.status).toBe(200);
    const answer = await res.json<PublicNearbyCases>();
    expect(answer.cases).toHaveLength(1);
    expect(Object.keys(answer.cases[0]!).sort()).toEqual([
      "address",
      "categoryCode",
      "categoryName",
      "description",
      "distanceMeters",
      "id",
      "requestedAt",
      "status",
    ]);
    expect(answer.cases[0]).toMatchObject({ id: c.id, distanceMeters: 20 });
    expect(answer.cases[0]!.description).not.toContain("13812345678");
  });

  it("refuses a point outside every grid naming the query's coordinates", async () => {
    const res = await call(principals.gridWorker, "GET", `/v1/cases/nearby?${query("A01", { lng: 100, lat: 30 })}`);
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain("query.lng");
  });

  it("refuses bad query values with problem+json naming the field", async () => {
    const res = await call(principals.gridWorker, "GET", `/v1/cases/nearby?categoryCode=A01&lng=abc&lat=22.5`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.stringify(await res.json())).toContain("lng");
  });

  it("refuses a worker of another grid, a department and a resident the signed-in list", async () => {
    const other = { ...principals.gridWorker, sub: "t-worker-2", grids: ["440703001001002"] };
    for (const p of [other, principals.department, principals.resident, principals.otherCountyAgency]) {
      const res = await call(p, "GET", `/v1/cases/nearby?${query("A01", HERE)}`);
      expect(res.status).toBe(403);
    }
  });
});
