import type { Counts, Principal } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { G1, G2, deliverNow, outboxOf, recount, recountsAsked, seedVillageRecords } from "./counts-fixture";
import { VILLAGE, call, doorInGrid1, who } from "./helpers";

const counts = async (query: string, principal: Principal = who.villageAgency) =>
  call(principal, "GET", `/v1/basedata/counts?${query}`);
const countsOk = async (query: string, principal: Principal = who.villageAgency) => {
  const res = await counts(query, principal);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<Counts>();
};

const sent: { body: { type: string; aggregateId: string; version: number; data: Record<string, unknown> } }[] = [];

beforeAll(async () => {
  vi.spyOn(env.REGISTRY_QUEUE, "sendBatch").mockImplementation(async (messages) => {
    sent.push(...([...messages] as typeof sent));
    return {} as QueueSendBatchResponse;
  });
  // An address entered through the public API: the applied change asks for a recount.
  const before = await recountsAsked();
  await doorInGrid1();
  // Asked in the change's own transaction (the object's alarm, set for now, may already have delivered it).
  expect(await recountsAsked()).toBeGreaterThan(before);
  await seedVillageRecords();
  // The alarm set for now may be running already (then running it again finds nothing to do): wait for the outbox.
  await vi.waitFor(async () => {
    await deliverNow();
    expect(await outboxOf("counts")).toEqual([]);
  });
});

describe("counts (底数) after changes", () => {
  it("pushes a grid's people by type, households, houses, rented houses, open units and tagged people", async () => {
    expect(await outboxOf("counts")).toEqual([]);
    const grid1 = await countsOk(`gridCode=${G1}`);
    expect(grid1).toMatchObject({
      divisionCode: G1,
      level: "grid",
      view: "full",
      people: { registered: 2, floating: 1, foreign: 0, total: 3 },
      households: 1,
      houses: 2,
      rentedHouses: 1,
      units: 0,
      // The 社区矫正 tag ended: only the 独居老人 tag counts.
      tagged: { elderly_alone: 1 },
      visits: { due: 0, overdue: 0 },
      grids: 1,
    });
    expect(grid1.asOf).not.toBeNull();
    expect(await countsOk(`gridCode=${G2}`)).toMatchObject({
      people: { registered: 0, floating: 0, foreign: 1, total: 1 },
      households: 1,
      units: 1,
    });
  });

  it("tells the registry the households and population of each grid whose figures moved, with the count version", async () => {
    const events = sent.map((m) => m.body).filter((b) => b.type === "basedata.grid-counts.changed");
    const last = (grid: string) => events.filter((e) => e.aggregateId === grid).at(-1)!;
    expect(last(G1).data).toEqual({
      gridCode: G1,
      villageCode: VILLAGE,
      population: 3,
      households: 1,
      version: last(G1).version,
    });
    expect(last(G2).data).toMatchObject({ population: 1, households: 1 });
    const before = events.length;
    // A recount with nothing changed writes D1 again but tells the registry nothing.
    await recount();
    expect(sent.length).toBe(before);
  });

  it("sums a village, township and county, with a breakdown per grid or village for rankings", async () => {
    for (const [code, principal] of [
      [VILLAGE, who.villageAgency],
      ["440703001000", who.townshipAgency],
      ["440703000000", who.countyAgency],
    ] as const) {
      const sum = await countsOk(`divisionCode=${code}&by=grid`, principal);
      expect(sum).toMatchObject({ people: { total: 4 }, households: 2, houses: 2, units: 1, grids: 2 });
      expect(sum.breakdown!.map((b) => [b.code, b.people!.total])).toEqual([
        [G1, 3],
        [G2, 1],
      ]);
    }
    const byVillage = await countsOk(`divisionCode=440703000000&by=village`, who.countyAgency);
    expect(byVillage.breakdown).toEqual([expect.objectContaining({ code: VILLAGE, grids: 2 })]);
  });

  it("keeps visits due and overdue as the daily job wrote them when counts are pushed again", async () => {
    await env.DB.prepare("UPDATE grid_counts SET visits_due = 4, visits_overdue = 1 WHERE grid_code = ?")
      .bind(G1)
      .run();
    await recount();
    expect((await countsOk(`gridCode=${G1}`)).visits).toEqual({ due: 4, overdue: 1 });
  });
});

describe("counts: refusals and who sees what", () => {
  it("names the query field at fault", async () => {
    const none = await counts("");
    expect(none.status).toBe(422);
    expect((await none.json<{ errors: { field: string }[] }>()).errors[0]!.field).toBe("query.divisionCode");
    const coarse = await counts(`divisionCode=${VILLAGE}&by=township`);
    expect(coarse.status).toBe(422);
    expect((await coarse.json<{ errors: { field: string }[] }>()).errors[0]!.field).toBe("query.by");
  });

  it("refuses another county's agency and a grid worker outside their grid or village", async () => {
    expect((await counts(`divisionCode=${VILLAGE}`, who.otherCountyAgency)).status).toBe(403);
    expect((await counts(`gridCode=${G2}`, who.gridWorker)).status).toBe(403);
    expect((await counts(`divisionCode=440703001000`, who.gridWorker)).status).toBe(403);
    expect((await countsOk(`gridCode=${G1}`, who.gridWorker)).view).toBe("full");
    expect((await countsOk(`divisionCode=${VILLAGE}`, who.worker2)).people!.total).toBe(4);
  });

  it("answers a department only the tagged counts of kinds it owns, and refuses one that owns none", async () => {
    const police = await countsOk(`divisionCode=440703000000`, who.department);
    expect(police.view).toBe("tagged");
    expect(police.people).toBeUndefined();
    expect(police.households).toBeUndefined();
    expect(Object.keys(police.tagged).sort()).toEqual(["drug_user", "key_youth"]);
    expect((await counts(`divisionCode=440703000000`, who.otherDepartment)).status).toBe(403);
  });
});
