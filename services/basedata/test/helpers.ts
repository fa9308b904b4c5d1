import { jsonAs, principals } from "@civicgrid/testing";
import { creditCodeCheckChar, idCheckDigit, type Change, type Principal, type Submission } from "@civicgrid/contracts";
import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { villageDb } from "../src/village/db";
import { deliverOutbox } from "../src/village/delivery";

/** The village of the tests (白沙, 蓬江 440703) and points inside its two grids and in 新会. */
export const VILLAGE = "440703001001";
export const GRID_1 = { lng: 113.081, lat: 22.581 }; // 440703001001001
export const GRID_2 = { lng: 113.101, lat: 22.581 }; // 440703001001002
export const XINHUI = { lng: 113.031, lat: 22.461 }; // 440705001001001

/** Callers: the village's agency, the worker of grid 1, and a second agency clerk of the same village. */
export const who = {
  ...principals,
  villageAgency: { sub: "t-village", roles: ["agency"], divisionCode: VILLAGE } satisfies Principal,
  villageClerk: { sub: "t-village-2", roles: ["agency"], divisionCode: VILLAGE } satisfies Principal,
  worker2: {
    sub: "t-worker-2",
    roles: ["grid_worker"],
    divisionCode: VILLAGE,
    grids: ["440703001001002"],
  } satisfies Principal,
};

let seq = 0;
export const key = () => `test-key-${Date.now()}-${++seq}`;

export async function call(
  principal: Principal,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return exports.default.fetch(`http://basedata${path}`, await jsonAs(principal, method, body, headers));
}

/** Submits a change to the test village; answers the response. */
export function submitChange(
  principal: Principal,
  change: Change,
  options: { verifyNow?: boolean; village?: string } = {},
) {
  return call(principal, "POST", "/v1/basedata/submissions", {
    villageCode: options.village ?? VILLAGE,
    change,
    verifyNow: options.verifyNow ?? false,
  });
}

/** A change the village's agency enters and verifies at once; answers the submission (throws when refused). */
export async function entered(change: Change, principal: Principal = who.villageAgency): Promise<Submission> {
  const res = await submitChange(principal, change, { verifyNow: true });
  if (res.status !== 201) throw new Error(`submission refused ${res.status}: ${await res.text()}`);
  return res.json<Submission>();
}

let roads = 0;
/** A new road and door number in grid 1 (unique names per call, or the road named); answers their ids. */
export async function doorInGrid1(roadName = `测试路${++roads}`): Promise<{ road: string; door: string }> {
  const road = await entered({ kind: "address.create", level: "road", name: roadName });
  const door = await entered({
    kind: "address.create",
    level: "door",
    parentId: road.recordId!,
    name: "1号",
    ...GRID_1,
  });
  return { road: road.recordId!, door: door.recordId! };
}

/** A road, a door in grid 1, a building (own point) and a unit and room below it: 〈road〉1号3栋2单元301. */
export async function addressTree(roadName?: string) {
  const { road, door } = await doorInGrid1(roadName);
  const building = await enteredId({
    kind: "address.create",
    level: "building",
    parentId: door,
    name: "3栋",
    ...GRID_1,
  });
  const unit = await enteredId({ kind: "address.create", level: "unit", parentId: building, name: "2单元" });
  const room = await enteredId({ kind: "address.create", level: "room", parentId: unit, name: "301" });
  return { road, door, building, unit, room };
}

// ---- places (addresses, houses, units) ----

/** 会城 village of 新会 (440705): its grid's point is XINHUI; who.otherCountyAgency is an agency of 新会. */
export const XINHUI_VILLAGE = "440705001001";

/** A valid unified social credit code (GB 32100) from its first 17 characters: the check character computed. */
export function creditCode(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (check === null) throw new Error(`${first17} holds a character outside the GB 32100 alphabet`);
  return first17 + check;
}

/** The field names of a problem+json answer's errors. */
export async function fieldsOf(res: Response): Promise<string[]> {
  return ((await res.json<{ errors?: { field: string }[] }>()).errors ?? []).map((e) => e.field);
}

/** The record id of a change the village's agency enters and verifies at once. */
export async function enteredId(
  change: Change,
  principal: Principal = who.villageAgency,
  village: string = VILLAGE,
): Promise<string> {
  const res = await submitChange(principal, change, { verifyNow: true, village });
  if (res.status !== 201) throw new Error(`submission refused ${res.status}: ${await res.text()}`);
  return (await res.json<Submission>()).recordId!;
}

// ---- people, households, tags and privacy (issue items 4, 6, 9, 12) ----

/** A valid resident ID number (GB 11643) of a region, birth day (YYYYMMDD) and 3-digit sequence. */
export function idNumberOf(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + idCheckDigit(first17);
}

let houses = 0;
/** A house (residential, owner-occupied) at an address, entered and verified by the village's agency; its id. */
export async function houseIn(villageCode: string, addressId: string): Promise<string> {
  houses++;
  const agency = villageCode === VILLAGE ? who.villageAgency : who.otherCountyAgency;
  return enteredId({ kind: "house.upsert", addressId, use: "residential", rented: false }, agency, villageCode);
}

/** A new house on a new door number in grid 1 (or grid 2) of the test village. */
export async function houseInGrid(grid: 1 | 2 = 1): Promise<string> {
  const { road } = await doorInGrid1();
  const door = await entered({
    kind: "address.create",
    level: "door",
    parentId: road,
    name: `${grid === 1 ? "" : "二"}${++houses}0号`,
    ...(grid === 1 ? GRID_1 : GRID_2),
  });
  return houseIn(VILLAGE, door.recordId!);
}

/** Delivers a village object's outbox now (identity index updates), as its alarm would. */
export async function deliverNow(villageCode: string): Promise<void> {
  const stub = env.VILLAGE.get(env.VILLAGE.idFromName(villageCode));
  await runInDurableObject(stub, async (_instance: unknown, state: DurableObjectState) => {
    // Batch after batch until the outbox is empty (or a destination fails), as the alarm would.
    for (;;) {
      const { failed, more } = await deliverOutbox(villageDb(state.storage), env, villageCode);
      if (failed || !more) break;
    }
  });
}

/** A person registered and verified at once by the village's agency in a new household; answers the person id. */
export async function registered(
  idNumber: string,
  houseId: string,
  extra: { name?: string; phone?: string; village?: string; principal?: Principal } = {},
): Promise<string> {
  const res = await submitChange(
    extra.principal ?? who.villageAgency,
    {
      kind: "person.register",
      identity: { document: "resident_id", number: idNumber },
      name: extra.name ?? "陈测试",
      personType: "registered",
      ...(extra.phone ? { phone: extra.phone } : {}),
      household: { newHousehold: {} },
      relation: "head",
      residence: { houseId, mode: "own", since: "2020-01-01" },
    },
    { verifyNow: true, ...(extra.village ? { village: extra.village } : {}) },
  );
  if (res.status !== 201) throw new Error(`registration refused ${res.status}: ${await res.text()}`);
  return (await res.json<Submission>()).recordId!;
}
