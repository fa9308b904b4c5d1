import type { Principal } from "@civicgrid/contracts";
import { jsonAs, principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

/**
 * Issue 12 item 1: the grid a subscription names is checked like every other named resource: another
 * county's grid is 403 and an unknown (or retired) grid 422, each naming body.gridCode. A grid's disclosure
 * is public, so a resident may follow any active grid, but not one that does not exist.
 */
const subscribe = async (p: Principal, gridCode: string) =>
  exports.default.fetch("http://notifications/v1/notifications/subscriptions", await jsonAs(p, "POST", { gridCode }));
const fields = async (res: Response) =>
  (await res.json<{ errors?: { field: string }[] }>()).errors?.map((e) => e.field);
const resident: Principal = { sub: "t-sub-resident", roles: ["resident"], divisionCode: "440700000000" };

describe("subscribing to a grid", () => {
  it("lets staff follow grids of their jurisdiction and residents any active grid", async () => {
    expect((await subscribe(principals.countyAgency, "440703001001002")).status).toBe(201);
    expect((await subscribe(principals.gridWorker, "440703001001001")).status).toBe(201);
    expect((await subscribe(principals.admin, "440705001001001")).status).toBe(201);
    expect((await subscribe(resident, "440705001001001")).status).toBe(201);
  });

  it("refuses another county's grid with 403 naming body.gridCode", async () => {
    for (const p of [principals.countyAgency, principals.townshipAgency, principals.department, principals.hr]) {
      const res = await subscribe(p, "440705001001001");
      expect(res.status, p.sub).toBe(403);
      expect(await fields(res), p.sub).toEqual(["body.gridCode"]);
    }
    // A grid worker follows the grids they serve, not the neighbouring grid of their village.
    const worker = await subscribe(principals.gridWorker, "440703001001002");
    expect(worker.status).toBe(403);
    expect(await fields(worker)).toEqual(["body.gridCode"]);
  });

  it("refuses an unknown or retired grid with 422 naming body.gridCode, for staff and residents alike", async () => {
    for (const [p, grid] of [
      [principals.countyAgency, "440703001001777"],
      [principals.countyAgency, "440703001001009"],
      [resident, "440703001001777"],
      [resident, "440703001001009"],
    ] as const) {
      const res = await subscribe(p, grid);
      expect(res.status, `${p.sub} ${grid}`).toBe(422);
      expect(await fields(res)).toEqual(["body.gridCode"]);
    }
  });
});
