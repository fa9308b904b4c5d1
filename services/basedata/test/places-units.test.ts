import type { Submission, Unit, UnitDetail } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import {
  call,
  creditCode,
  doorInGrid1,
  enteredId,
  fieldsOf,
  submitChange,
  VILLAGE,
  who,
  XINHUI,
  XINHUI_VILLAGE,
} from "./helpers";

const PHONE = "13700001111";
let seq = 0;
/** A fresh valid code per call: organisation codes differ in their last digits. */
const freshCode = () =>
  creditCode(
    `91440703MA4U${String(Date.now() % 100000).padStart(5, "0")}`.slice(0, 12) + String(++seq).padStart(5, "0"),
  );

const shop = (addressId: string, code?: string) => ({
  kind: "unit.create" as const,
  name: "好邻居便利店",
  unitKind: "shop" as const,
  addressId,
  keyPlace: false,
  ...(code ? { creditCode: code } : {}),
});

describe("units (实有单位): the unified social credit code (GB 32100)", () => {
  it("a valid code is kept; a wrong check character or one outside the alphabet is refused naming it", async () => {
    const { door } = await doorInGrid1();
    expect(creditCode("91440703MA4UJ1XU2")).toBe("91440703MA4UJ1XU29");
    for (const bad of ["91440703MA4UJ1XU2Q", "91440703MA4UJ1XUI9", "91440703MA4UJ1XUO9"]) {
      const res = await submitChange(who.gridWorker, shop(door, bad));
      expect(res.status, bad).toBe(422);
      expect(await fieldsOf(res), bad).toEqual(["body.change.creditCode"]);
    }
    const id = await enteredId({ ...shop(door, freshCode()), legalRepName: "王老板", legalRepPhone: PHONE });
    const res = await call(who.gridWorker, "GET", `/v1/basedata/units/${id}`);
    const text = await res.clone().text();
    expect(await res.json<UnitDetail>()).toMatchObject({ legalRepPhone: "137****1111", gridCode: "440703001001001" });
    expect(text).not.toContain(PHONE);
    const history = await (await call(who.villageAgency, "GET", `/v1/basedata/records/${id}/history`)).text();
    expect(history).not.toContain(PHONE);
  });

  it("the same code on an open unit of the village blocks; once that unit closes, the code is free", async () => {
    const { door } = await doorInGrid1();
    const code = freshCode();
    const first = await enteredId(shop(door, code));
    const again = await submitChange(who.villageAgency, shop(door, code), { verifyNow: true });
    expect(again.status).toBe(409);
    const pending = await (await submitChange(who.gridWorker, shop(door, code))).json<Submission>();
    expect(pending.conflicts).toEqual([
      expect.objectContaining({ recordId: first, villageCode: VILLAGE, blocking: true }),
    ]);
    await enteredId({ kind: "unit.update", unitId: first, closed: true });
    const second = await enteredId(shop(door, code));
    expect(second).not.toBe(first);
    // Reopening the first would hold the code twice.
    const reopen = await submitChange(
      who.villageAgency,
      { kind: "unit.update", unitId: first, closed: false },
      { verifyNow: true },
    );
    expect(reopen.status).toBe(409);
  });

  it("an open unit of another village with the code blocks, naming the village; closed there, it is free", async () => {
    const xinhuiRoad = await enteredId(
      { kind: "address.create", level: "road", name: `新会路${Date.now() % 10000}` },
      who.otherCountyAgency,
      XINHUI_VILLAGE,
    );
    const xinhuiDoor = await enteredId(
      { kind: "address.create", level: "door", parentId: xinhuiRoad, name: "8号", ...XINHUI },
      who.otherCountyAgency,
      XINHUI_VILLAGE,
    );
    const code = freshCode();
    const there = await enteredId(shop(xinhuiDoor, code), who.otherCountyAgency, XINHUI_VILLAGE);
    const { door } = await doorInGrid1();
    const conflictsHere = async () =>
      (await (await submitChange(who.gridWorker, shop(door, code))).json<Submission>()).conflicts;
    // The identity index hears of the 新会 unit through its village's outbox, delivered right after the commit.
    const seen = await eventually(async () => (await conflictsHere()).length > 0);
    expect(seen).toBe(true);
    expect(await conflictsHere()).toEqual([
      expect.objectContaining({ code: "credit_code_elsewhere", villageCode: XINHUI_VILLAGE, blocking: true }),
    ]);
    await enteredId({ kind: "unit.update", unitId: there, closed: true }, who.otherCountyAgency, XINHUI_VILLAGE);
    expect(await eventually(async () => (await conflictsHere()).length === 0)).toBe(true);
  });
});

/** Polls `done` for up to two seconds. */
async function eventually(done: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe("units: who reads them", () => {
  it("lists by kind and key place; another county, a department, a worker of another grid are refused", async () => {
    const { door } = await doorInGrid1();
    const school = await enteredId({
      kind: "unit.create",
      name: "白沙小学",
      unitKind: "school",
      addressId: door,
      keyPlace: true,
    });
    const list = await call(
      who.gridWorker,
      "GET",
      `/v1/basedata/units?villageCode=${VILLAGE}&keyPlace=true&unitKind=school&limit=200`,
    );
    const items = (await list.json<{ items: Unit[] }>()).items;
    expect(items.map((u) => u.id)).toContain(school);
    expect(items.every((u) => u.keyPlace && u.unitKind === "school")).toBe(true);
    for (const p of [who.otherCountyAgency, who.department, who.worker2]) {
      expect((await call(p, "GET", `/v1/basedata/units/${school}`)).status, p.sub).toBe(403);
    }
    for (const p of [who.otherCountyAgency, who.department])
      expect((await call(p, "GET", `/v1/basedata/units?villageCode=${VILLAGE}`)).status, p.sub).toBe(403);
    const other = await call(who.worker2, "GET", `/v1/basedata/units?villageCode=${VILLAGE}&limit=200`);
    expect((await other.json<{ items: Unit[] }>()).items.some((u) => u.id === school)).toBe(false);
  });
});
