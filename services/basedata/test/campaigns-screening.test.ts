import type { Principal, Visit } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { campaignAs, day, G1, G2, gridOf, opened } from "./campaigns-fixtures";
import { call, doorInGrid1, enteredId, fieldsOf, GRID_2, houseInGrid, who } from "./helpers";
import { deliverVillageOutbox, personWithTags, recorded, visitBody } from "./visits-fixtures";

const post = (body: unknown, principal: Principal = who.gridWorker) =>
  call(principal, "POST", "/v1/basedata/visits", body);
const reported = () =>
  (env.CASES as unknown as { reported(): Promise<{ caseId: string; input: { visitId: string } }[]> }).reported();
const workerOfBoth = { ...who.gridWorker, sub: "t-worker-both", grids: [G1, G2] };
const dispute = (title: string) => ({ text: title, openCase: { title, categoryCode: "A01" } });

/** An open unit (实有单位) at a new door of grid 1; answers its id. */
async function unitInGrid1(): Promise<string> {
  const { door } = await doorInGrid1();
  return enteredId({ kind: "unit.create", name: "白沙五金店", unitKind: "shop", addressId: door, keyPlace: false });
}

/** A house of grid 1 where someone lives. */
async function livedInHouse(): Promise<string> {
  const person = await personWithTags(G1);
  const res = await call(who.villageAgency, "GET", `/v1/basedata/people/${person}`);
  return (await res.json<{ residences: { houseId: string }[] }>()).residences[0]!.houseId;
}

describe("screening visits of a campaign (排查)", () => {
  it("coverage counts lived-in houses and units, each screened target once; disputes found keep their cases", async () => {
    const campaign = await opened({ gridCodes: [G1, G2] });
    const before = gridOf(await campaignAs(who.countyAgency, campaign.id), G1);
    const houseA = await livedInHouse();
    await livedInHouse(); // a household left unscreened
    const unit = await unitInGrid1();
    const empty = await houseInGrid(1);
    const fresh = gridOf(await campaignAs(who.countyAgency, campaign.id), G1);
    // Two lived-in houses and a unit more to screen; the empty house is no household.
    expect(fresh).toMatchObject({
      households: before.households + 2,
      units: before.units + 1,
      screened: 0,
      disputesFound: 0,
    });
    const screen = (targetId: string, targetKind: "house" | "unit", needs: unknown[] = []) =>
      recorded({ ...visitBody(targetId, { targetKind, needs: needs as never }), campaignId: campaign.id });
    const first = await screen(houseA, "house", [dispute("宅基地边界纠纷"), { text: "想了解医保" }]);
    expect(first.campaignId).toBe(campaign.id);
    await screen(houseA, "house", [dispute("相邻通行纠纷")]); // a second visit: disputes count, the house once
    await screen(unit, "unit");
    await screen(empty, "house");
    await deliverVillageOutbox();
    await deliverVillageOutbox(); // redelivery writes nothing twice
    const after = await campaignAs(who.countyAgency, campaign.id);
    const g1 = gridOf(after, G1);
    const cases = (await reported()).filter((r) => r.input.visitId === first.id).map((r) => r.caseId);
    expect(cases).toHaveLength(1);
    expect(g1).toMatchObject({ households: fresh.households, units: fresh.units, screened: 3, disputesFound: 2 });
    expect(g1.caseIds).toHaveLength(2);
    expect(g1.caseIds).toContain(cases[0]);
    // Covered: house A and the unit among those to screen (the empty house is screened but not a household).
    expect(g1.coverage).toBeCloseTo(2 / (fresh.households + fresh.units));
    expect(gridOf(after, G2)).toMatchObject({ screened: 0, disputesFound: 0, caseIds: [] });
    expect(after.totals).toMatchObject({ screened: 3, disputesFound: 2 });
    expect(after.totals.households).toBe(g1.households + gridOf(after, G2).households);
    // The grid's worker reads the same coverage; a screening visit is a visit like any other.
    expect(gridOf(await campaignAs(who.gridWorker, campaign.id), G1).screened).toBe(3);
    const visit = await call(who.gridWorker, "GET", `/v1/basedata/visits/${first.id}`);
    expect((await visit.json<Visit>()).campaignId).toBe(campaign.id);
  });

  it("a screening must be a house or unit, in the campaign's period and grids; each refusal names body.campaignId", async () => {
    const house = await houseInGrid(1);
    const both = await opened({ gridCodes: [G1, G2] });
    const person = await personWithTags(G1);
    const refusals = [
      visitBody(person, { campaignId: both.id }), // a person
      visitBody(house, { targetKind: "house", campaignId: (await opened({ from: day(1), to: day(3) })).id }),
      visitBody(house, { targetKind: "house", campaignId: (await opened({ from: day(-9), to: day(-2) })).id }),
      visitBody(house, { targetKind: "house", campaignId: "cp-00000000000000000000" }), // unknown
    ];
    for (const body of refusals) {
      const res = await post(body);
      expect(res.status).toBe(422);
      expect(await fieldsOf(res)).toEqual(["body.campaignId"]);
    }
    // A campaign over grid 2 only: a worker of both grids screening in grid 1 is refused (422); the worker of grid 1
    // alone does not reach that campaign at all (403).
    const onlyG2 = await opened({ gridCodes: [G2] });
    const inG1 = visitBody(house, { targetKind: "house", campaignId: onlyG2.id });
    const wrongGrid = await post(inG1, workerOfBoth);
    expect(wrongGrid.status).toBe(422);
    expect(await fieldsOf(wrongGrid)).toEqual(["body.campaignId"]);
    const outside = await post(inG1);
    expect(outside.status).toBe(403);
    expect(await fieldsOf(outside)).toEqual(["body.campaignId"]);
    // In grid 2, by grid 2's worker, it counts.
    const g2House = await houseInGrid(2);
    const ok = await post(
      { ...visitBody(g2House, { targetKind: "house", campaignId: onlyG2.id }), ...GRID_2 },
      who.worker2,
    );
    expect(ok.status).toBe(201);
    await deliverVillageOutbox();
    expect(gridOf(await campaignAs(who.countyAgency, onlyG2.id), G2).screened).toBe(1);
    expect(gridOf(await campaignAs(who.countyAgency, both.id), G1).screened).toBe(0);
  });
});
