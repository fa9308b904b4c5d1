import type { House, HouseCaseLink, HouseDetail, Principal, Submission } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { STUB_CASES } from "./stub-services";
import { call, doorInGrid1, entered, enteredId, fieldsOf, idNumberOf, submitChange, VILLAGE, who } from "./helpers";

const OWNER_PHONE = "13812345678";
const LANDLORD_PHONE = "13987654321";

async function roomInGrid1(name = "101") {
  const { road, door } = await doorInGrid1();
  return { road, door, room: await enteredId({ kind: "address.create", level: "room", parentId: door, name }) };
}

/** A floating resident renting the house, registered and verified through the public API; answers the person. */
async function resident(houseId: string, name: string): Promise<string> {
  const res = await submitChange(
    who.villageAgency,
    {
      kind: "person.register",
      identity: { document: "resident_id", number: idNumberOf("440703", "19900101", houseId.slice(-3)) },
      name,
      personType: "floating",
      household: { newHousehold: {} },
      relation: "head",
      residence: { houseId, mode: "rent", since: "2026-01-01" },
    },
    { verifyNow: true },
  );
  if (res.status !== 201) throw new Error(`registration refused ${res.status}: ${await res.text()}`);
  return (await res.json<Submission>()).recordId!;
}

const house = async (id: string) => call(who.villageAgency, "GET", `/v1/basedata/houses/${id}`);

describe("houses (实有房屋): one per address", () => {
  it("upserting twice keeps one house whose history shows the previous use; phones never unmasked", async () => {
    const { room } = await roomInGrid1();
    const first = await entered({
      kind: "house.upsert",
      addressId: room,
      use: "residential",
      ownerName: "陈大文",
      ownerPhone: OWNER_PHONE,
      rented: false,
    });
    const second = await entered({
      kind: "house.upsert",
      addressId: room,
      use: "shop",
      ownerName: "陈大文",
      ownerPhone: OWNER_PHONE,
      rented: false,
    });
    expect(second.recordId).toBe(first.recordId);
    const res = await house(first.recordId!);
    const text = await res.clone().text();
    const detail = await res.json<HouseDetail>();
    expect(detail).toMatchObject({ use: "shop", ownerPhone: "138****5678", gridCode: "440703001001001", version: 2 });
    expect(detail.addressFullName).toMatch(/1号101$/);
    const history = await call(who.villageAgency, "GET", `/v1/basedata/records/${first.recordId}/history`);
    const historyText = await history.clone().text();
    const items = (await history.json<{ items: { field: string; previous: string | null; value: string }[] }>()).items;
    expect(items.filter((i) => i.field === "use").at(-1)).toMatchObject({ previous: "residential", value: "shop" });
    const submissionText = JSON.stringify(second);
    for (const t of [text, historyText, submissionText]) expect(t).not.toContain(OWNER_PHONE);
  });

  it("a rented house needs its landlord, named in the error; with one it is listed as rented", async () => {
    const { room } = await roomInGrid1("202");
    for (const change of [
      { kind: "house.upsert" as const, addressId: room, use: "rented" as const, rented: false },
      { kind: "house.upsert" as const, addressId: room, use: "residential" as const, rented: true },
    ]) {
      const res = await submitChange(who.gridWorker, change);
      expect(res.status).toBe(422);
      expect(await fieldsOf(res)).toEqual(["body.change.landlordName"]);
    }
    const id = await enteredId({
      kind: "house.upsert",
      addressId: room,
      use: "rented",
      rented: false,
      landlordName: "林房东",
      landlordPhone: LANDLORD_PHONE,
    });
    const list = await call(who.gridWorker, "GET", `/v1/basedata/houses?villageCode=${VILLAGE}&rented=true&limit=200`);
    const text = await list.clone().text();
    const items = (await list.json<{ items: House[] }>()).items;
    expect(items.find((h) => h.id === id)).toMatchObject({ rented: true, landlordPhone: "139****4321" });
    expect(items.every((h) => h.rented)).toBe(true);
    expect(text).not.toContain(LANDLORD_PHONE);
  });

  it("a road, a retired address or a person of no record is refused naming the field", async () => {
    const { road, room } = await roomInGrid1("303");
    const onRoad = await submitChange(who.villageAgency, {
      kind: "house.upsert",
      addressId: road,
      use: "residential",
      rented: false,
    });
    expect(await fieldsOf(onRoad)).toEqual(["body.change.addressId"]);
    const owner = await submitChange(who.villageAgency, {
      kind: "house.upsert",
      addressId: room,
      use: "residential",
      rented: false,
      ownerPersonId: `pe-${VILLAGE}-099999`,
    });
    expect(owner.status).toBe(422);
    expect(await fieldsOf(owner)).toEqual(["body.change.ownerPersonId"]);
    await entered({ kind: "address.update", addressId: room, retired: true });
    const retired = await submitChange(who.villageAgency, {
      kind: "house.upsert",
      addressId: room,
      use: "vacant",
      rented: false,
    });
    expect(retired.status).toBe(422);
    expect(await fieldsOf(retired)).toEqual(["body.change.addressId"]);
  });

  it("shows who lives there now with masked names, and its address cannot be retired while they do", async () => {
    const { room } = await roomInGrid1("404");
    const id = await enteredId({
      kind: "house.upsert",
      addressId: room,
      use: "rented",
      rented: true,
      landlordName: "林房东",
    });
    const personId = await resident(id, "欧阳晓娜");
    const detail = await (await house(id)).json<HouseDetail>();
    expect(detail.residents).toEqual([{ personId, name: "欧阳*娜", mode: "rent", since: "2026-01-01" }]);
    const retire = await submitChange(
      who.villageAgency,
      { kind: "address.update", addressId: room, retired: true },
      { verifyNow: true },
    );
    expect(retire.status).toBe(409);
    expect((await retire.json<{ detail: string }>()).detail).toContain("1 current resident(s)");
    // The owner may be a person of the village.
    const owned = await entered({
      kind: "house.upsert",
      addressId: room,
      use: "rented",
      rented: true,
      ownerPersonId: personId,
    });
    expect((await (await house(owned.recordId!)).json<HouseDetail>()).ownerPersonId).toBe(personId);
  });
});

describe("houses: hazard cases", () => {
  it("links a case once; an unknown case is 422, a 新会 case 403, each naming body.caseId", async () => {
    const { room } = await roomInGrid1("505");
    const id = await enteredId({ kind: "house.upsert", addressId: room, use: "residential", rented: false });
    const link = (caseId: string, p: Principal = who.villageAgency) =>
      call(p, "POST", `/v1/basedata/houses/${id}/cases`, { caseId });
    const unknown = await link("CASE-20261201-CCCCCCCCCC");
    expect(unknown.status).toBe(422);
    expect(await fieldsOf(unknown)).toEqual(["body.caseId"]);
    const xinhui = await link(STUB_CASES.xinhui);
    expect(xinhui.status).toBe(403);
    expect(await fieldsOf(xinhui)).toEqual(["body.caseId"]);
    const first = await link(STUB_CASES.baisha, who.gridWorker);
    expect(first.status).toBe(201);
    expect(await first.json<HouseCaseLink>()).toMatchObject({
      houseId: id,
      caseId: STUB_CASES.baisha,
      linkedBy: who.gridWorker.sub,
    });
    expect((await link(STUB_CASES.baisha)).status).toBe(200);
    expect((await (await house(id)).json<HouseDetail>()).cases).toHaveLength(1);
    expect((await link(STUB_CASES.baisha, who.worker2)).status).toBe(403);
    expect((await link(STUB_CASES.baisha, who.otherCountyAgency)).status).toBe(403);
  });
});

describe("houses: who reads them", () => {
  it("another county, a department, a worker of another grid are refused; a worker sees only their grids", async () => {
    const { room } = await roomInGrid1("606");
    const id = await enteredId({ kind: "house.upsert", addressId: room, use: "residential", rented: false });
    for (const p of [who.otherCountyAgency, who.department, who.worker2, who.resident, who.hr]) {
      expect((await call(p, "GET", `/v1/basedata/houses/${id}`)).status, p.sub).toBe(403);
      expect((await call(p, "GET", `/v1/basedata/houses?villageCode=${VILLAGE}`)).status, p.sub).toBe(
        p === who.worker2 ? 200 : 403,
      );
    }
    const grid1 = `/v1/basedata/houses?villageCode=${VILLAGE}&gridCode=440703001001001`;
    expect((await call(who.worker2, "GET", grid1)).status).toBe(403);
    const mine = await (
      await call(who.worker2, "GET", `/v1/basedata/houses?villageCode=${VILLAGE}&limit=200`)
    ).json<{ items: House[] }>();
    expect(mine.items.some((h) => h.id === id)).toBe(false);
    const theirs = await (await call(who.gridWorker, "GET", `${grid1}&limit=200`)).json<{ items: House[] }>();
    expect(theirs.items.some((h) => h.id === id)).toBe(true);
    const pending = await (
      await submitChange(who.gridWorker, { kind: "house.upsert", addressId: room, use: "vacant", rented: false })
    ).json<Submission>();
    expect(pending.status).toBe("pending");
  });
});
