import type { Address, AddressDetail, Principal, Submission } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import {
  addressTree,
  call,
  doorInGrid1,
  entered,
  enteredId,
  fieldsOf,
  GRID_1,
  GRID_2,
  submitChange,
  VILLAGE,
  who,
  XINHUI,
} from "./helpers";

let n = 0;
const unique = (stem: string) => `${stem}${++n}${Date.now() % 100000}`;

const detail = async (id: string) =>
  (await call(who.villageAgency, "GET", `/v1/basedata/addresses/${id}`)).json<AddressDetail>();

describe("standard addresses: dedupe across ways of writing the same address", () => {
  it("full-width digits, 號/号, 幢/栋 and spaces give the same address: a blocking duplicate names it", async () => {
    const { door } = await doorInGrid1();
    const building = await enteredId({
      kind: "address.create",
      level: "building",
      parentId: door,
      name: "12号楼3栋",
      ...GRID_1,
    });
    for (const variant of ["１２號楼３幢", "12 号楼 3 栋", "12號樓3座".replace("樓", "楼")]) {
      const res = await submitChange(who.gridWorker, {
        kind: "address.create",
        level: "building",
        parentId: door,
        name: variant,
        ...GRID_1,
      });
      expect(res.status, variant).toBe(201);
      const s = await res.json<Submission>();
      expect(s.conflicts, variant).toEqual([
        expect.objectContaining({ code: "duplicate_address", recordId: building, blocking: true }),
      ]);
    }
  });
});

describe("standard addresses: address.update", () => {
  it("a rename gives the address and its whole subtree the new full name, and is found by the new text", async () => {
    const { road, room, unit } = await addressTree();
    const name = unique("更名路");
    const s = await entered({ kind: "address.update", addressId: road, name });
    expect(s.status).toBe("approved");
    expect((await detail(room)).fullName).toBe(`${name}1号3栋2单元301`);
    expect((await detail(unit)).fullName).toBe(`${name}1号3栋2单元`);
    // The normalised key moved too: the old path is free, the new one is a duplicate.
    const again = await submitChange(who.villageAgency, {
      kind: "address.create",
      level: "room",
      parentId: unit,
      name: "３０１",
    });
    expect((await again.json<Submission>()).conflicts[0]).toMatchObject({ code: "duplicate_address", recordId: room });
    const found = await call(
      who.villageAgency,
      "GET",
      `/v1/basedata/addresses?villageCode=${VILLAGE}&q=${encodeURIComponent(`${name}1号3栋`)}`,
    );
    const ids = (await found.json<{ items: Address[] }>()).items.map((a) => a.id);
    expect(ids).toContain(room);
    expect(ids).not.toContain(road);
    const history = await call(who.villageAgency, "GET", `/v1/basedata/records/${road}/history`);
    const items = (await history.json<{ items: { field: string; previous: string | null; value: string }[] }>()).items;
    expect(items.filter((i) => i.field === "name").at(-1)).toMatchObject({ value: name });
  });

  it("a rename onto an active address of the same parent is a blocking duplicate", async () => {
    const { road, door } = await doorInGrid1();
    await enteredId({ kind: "address.create", level: "door", parentId: road, name: "2号", ...GRID_1 });
    const res = await submitChange(
      who.villageAgency,
      { kind: "address.update", addressId: door, name: "２號" },
      { verifyNow: true },
    );
    expect(res.status).toBe(409);
    const pending = await (
      await submitChange(who.gridWorker, { kind: "address.update", addressId: door, name: "2号" })
    ).json<Submission>();
    expect(pending.conflicts).toEqual([expect.objectContaining({ code: "duplicate_address", blocking: true })]);
  });

  it("a moved door takes what lies below without a point of its own; a building keeps its own", async () => {
    const { door, building, unit, room } = await addressTree();
    const plain = await enteredId({ kind: "address.create", level: "room", parentId: door, name: "后座" });
    await entered({ kind: "address.update", addressId: door, ...GRID_2 });
    expect(await detail(door)).toMatchObject({ gridCode: "440703001001002", lng: GRID_2.lng });
    expect(await detail(plain)).toMatchObject({ gridCode: "440703001001002", lng: GRID_2.lng });
    for (const id of [building, unit, room]) expect((await detail(id)).gridCode).toBe("440703001001001");
  });

  it("a point outside the village, a point for a room, or half a point is refused naming the field", async () => {
    const { door, room } = await addressTree();
    const out = await submitChange(who.villageAgency, { kind: "address.update", addressId: door, ...XINHUI });
    expect(out.status).toBe(422);
    expect(await fieldsOf(out)).toEqual(["body.change.lng"]);
    // A grid worker may not even place it in a grid they do not serve.
    expect((await submitChange(who.gridWorker, { kind: "address.update", addressId: door, ...GRID_2 })).status).toBe(
      403,
    );
    const roomPoint = await submitChange(who.villageAgency, { kind: "address.update", addressId: room, ...GRID_1 });
    expect(await fieldsOf(roomPoint)).toEqual(["body.change.lng"]);
    const half = await submitChange(who.villageAgency, { kind: "address.update", addressId: door, lng: GRID_1.lng });
    expect(await fieldsOf(half)).toEqual(["body.change.lat"]);
    const nothing = await submitChange(who.villageAgency, { kind: "address.update", addressId: door });
    expect(await fieldsOf(nothing)).toEqual(["body.change"]);
  });

  it("retiring is refused while active addresses lie below or a unit is open; then allowed, and final", async () => {
    const { door, building, unit, room } = await addressTree();
    const res = await submitChange(
      who.villageAgency,
      { kind: "address.update", addressId: building, retired: true },
      { verifyNow: true },
    );
    expect(res.status).toBe(409);
    const body = await res.json<{ errors: { field: string; message: string }[] }>();
    expect(body.errors[0]).toMatchObject({ field: "body.change.retired" });
    expect(body.errors[0]!.message).toContain("1 active address(es) below it");

    const shop = await enteredId({
      kind: "unit.create",
      name: "小卖部",
      unitKind: "shop",
      addressId: room,
      keyPlace: false,
    });
    const withUnit = await submitChange(
      who.villageAgency,
      { kind: "address.update", addressId: room, retired: true },
      { verifyNow: true },
    );
    expect(withUnit.status).toBe(409);
    expect((await withUnit.json<{ detail: string }>()).detail).toContain("1 open unit(s)");
    await entered({ kind: "unit.update", unitId: shop, closed: true });

    for (const id of [room, unit, building]) await entered({ kind: "address.update", addressId: id, retired: true });
    expect((await detail(building)).status).toBe("retired");
    // The same room may be kept again under a new building; the retired one changes no more.
    const later = await submitChange(who.gridWorker, { kind: "address.update", addressId: room, name: "302" });
    expect((await later.json<Submission>()).conflicts).toEqual([
      expect.objectContaining({ code: "address_retired", recordId: room, blocking: true }),
    ]);
    const under = await submitChange(who.gridWorker, {
      kind: "address.create",
      level: "unit",
      parentId: building,
      name: "3单元",
    });
    expect((await under.json<Submission>()).conflicts[0]).toMatchObject({ code: "address_retired" });
    expect((await detail(door)).childrenCount).toBe(1);
  });
});

describe("standard addresses: reading and searching", () => {
  const list = (p: Principal = who.villageAgency, query = "") =>
    call(
      p,
      "GET",
      `/v1/basedata/addresses?villageCode=${VILLAGE}${query.includes("limit=") ? "" : "&limit=200"}${query}`,
    );
  const ids = async (res: Response) => (await res.json<{ items: Address[] }>()).items.map((a) => a.id);

  it("finds addresses by any part of their text, normalised, long or short; by parent, level; by page", async () => {
    const { road, door, building, room } = await addressTree();
    const roadName = (await detail(road)).name;
    expect(
      await ids(
        await list(who.villageAgency, `&q=${encodeURIComponent("３棟２單元".replace("棟", "幢").replace("單", "单"))}`),
      ),
    ).toContain((await detail(room)).parentId);
    expect(await ids(await list(who.villageAgency, `&q=${encodeURIComponent(roadName.slice(-2))}`))).toContain(road);
    const children = await ids(await list(who.villageAgency, `&parentId=${door}`));
    expect(children).toEqual([building]);
    const rooms = await ids(await list(who.villageAgency, `&level=room`));
    expect(rooms).toContain(room);
    expect(rooms).not.toContain(building);
    const first = await (await list(who.villageAgency, "&limit=1")).json<{ items: Address[]; nextCursor: string }>();
    const second = await (
      await list(who.villageAgency, `&limit=1&cursor=${first.nextCursor}`)
    ).json<{ items: Address[] }>();
    expect(second.items[0]!.id > first.items[0]!.id).toBe(true);
    const one = await detail(door);
    expect(one).toMatchObject({ id: door, childrenCount: 1, houseId: null, level: "door" });
  });

  it("a worker sees the roads of the village and the addresses of their grids; others are refused", async () => {
    const { road, door } = await addressTree();
    const theirs = await ids(await list(who.worker2));
    expect(theirs).toContain(road);
    expect(theirs).not.toContain(door);
    expect((await call(who.worker2, "GET", `/v1/basedata/addresses/${road}`)).status).toBe(200);
    expect((await call(who.worker2, "GET", `/v1/basedata/addresses/${door}`)).status).toBe(403);
    expect((await list(who.worker2, "&gridCode=440703001001001")).status).toBe(403);
    for (const p of [who.otherCountyAgency, who.department, who.hr, who.resident]) {
      expect((await list(p)).status, p.sub).toBe(403);
      expect((await call(p, "GET", `/v1/basedata/addresses/${door}`)).status, p.sub).toBe(403);
    }
    const foreignParent = await list(who.villageAgency, `&parentId=ad-440705001001-000001`);
    expect(foreignParent.status).toBe(422);
    expect(await fieldsOf(foreignParent)).toEqual(["query.parentId"]);
    const otherGrid = await list(who.villageAgency, "&gridCode=440705001001001");
    expect(await fieldsOf(otherGrid)).toEqual(["query.gridCode"]);
    const empty = await call(who.countyAgency, "GET", "/v1/basedata/addresses?villageCode=440703001009");
    expect(await empty.json()).toEqual({ items: [], nextCursor: null });
  });
});
