import type { HouseholdView, PersonView, Submission } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import {
  call,
  deliverNow,
  houseIn,
  houseInGrid,
  idNumberOf,
  registered,
  submitChange,
  VILLAGE,
  who,
  XINHUI,
} from "./helpers";

const XH_VILLAGE = "440705001001";
const register = (number: string, houseId: string, extra: Record<string, unknown> = {}) => ({
  kind: "person.register" as const,
  identity: { document: "resident_id" as const, number },
  name: "李登记",
  personType: "registered" as const,
  household: { newHousehold: {} },
  relation: "head" as const,
  residence: { houseId, mode: "own" as const, since: "2021-03-01" },
  ...extra,
});
const errorsOf = async (res: Response) =>
  (await res.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field);

describe("people: registration (实有人口登记)", () => {
  it("refuses an ID number with a wrong check digit or a date that does not exist, naming the field", async () => {
    const house = await houseInGrid();
    const good = idNumberOf("440703", "19850412", "321");
    const wrongCheck = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    const badDate = idNumberOf("440703", "19990230", "123");
    for (const number of [wrongCheck, badDate]) {
      const res = await submitChange(who.gridWorker, register(number, house));
      expect(res.status).toBe(400);
      expect(await errorsOf(res)).toContain("body.change.identity.number");
    }
  });

  it("a foreign person registers with a passport, a resident with an ID number", async () => {
    const house = await houseInGrid();
    const res = await submitChange(
      who.gridWorker,
      register(idNumberOf("440703", "19900101", "111"), house, { personType: "foreign" }),
    );
    expect(res.status).toBe(422);
    expect(await errorsOf(res)).toEqual(["body.change.identity.document"]);
    const passport = await submitChange(
      who.villageAgency,
      register("E12345678", house, {
        personType: "foreign",
        identity: { document: "passport", number: "E12345678", nationality: "USA" },
      }),
      { verifyNow: true },
    );
    expect(passport.status).toBe(201);
    const person = await call(
      who.villageAgency,
      "GET",
      `/v1/basedata/people/${(await passport.json<Submission>()).recordId}`,
    );
    const body = await person.json<PersonView>();
    expect(body).toMatchObject({ document: "passport", idNumber: "E1*****78", nationality: "USA", gender: "unknown" });
  });

  it("takes gender and birth year from the ID number, lives in the house's grid, answers masked", async () => {
    const house = await houseInGrid(2);
    const number = idNumberOf("440703", "19851230", "322");
    const id = await registered(number, house, { phone: "13812345678" });
    const res = await call(who.villageAgency, "GET", `/v1/basedata/people/${id}`);
    const text = await res.text();
    expect(text).not.toContain(number);
    expect(text).not.toContain("13812345678");
    expect(JSON.parse(text)).toMatchObject({
      gender: "female",
      birthYear: 1985,
      idNumber: "440703********3222".slice(0, 14) + number.slice(14),
      phone: "138****5678",
      gridCode: "440703001001002",
      status: "present",
      residences: [{ houseId: house, mode: "own", since: "2020-01-01", until: null }],
    });
  });

  it("the house must exist", async () => {
    const res = await submitChange(
      who.gridWorker,
      register(idNumberOf("440703", "19700101", "101"), `ho-${VILLAGE}-999999`),
    );
    expect(res.status).toBe(422);
    expect(await errorsOf(res)).toEqual(["body.change.residence.houseId"]);
  });

  it("the same identity twice in the village is a blocking conflict naming the record kept", async () => {
    const house = await houseInGrid();
    const number = idNumberOf("440703", "19760505", "551");
    const first = await registered(number, house);
    const res = await submitChange(who.gridWorker, register(number, house, { relation: "other" }));
    const dup = await res.json<Submission>();
    expect(dup.conflicts).toEqual([
      expect.objectContaining({ code: "identity_in_village", recordId: first, blocking: true }),
    ]);
    expect(JSON.stringify(dup)).not.toContain(number);
    const approve = await call(who.villageAgency, "POST", `/v1/basedata/submissions/${dup.id}/decision`, {
      decision: "approve",
    });
    expect(approve.status).toBe(409);
  });

  it("an identity active in another village blocks, naming that village, until it moves out there", async () => {
    const house = await houseInGrid();
    const number = idNumberOf("440703", "19660606", "661");
    const first = await registered(number, house);
    await deliverNow(VILLAGE);
    const xhRoad = await submitChange(
      who.otherCountyAgency,
      { kind: "address.create", level: "road", name: "会城大道" },
      { village: XH_VILLAGE, verifyNow: true },
    );
    const xhDoor = await submitChange(
      who.otherCountyAgency,
      {
        kind: "address.create",
        level: "door",
        name: "8号",
        parentId: (await xhRoad.json<Submission>()).recordId!,
        ...XINHUI,
      },
      { village: XH_VILLAGE, verifyNow: true },
    );
    const xhHouse = await houseIn(XH_VILLAGE, (await xhDoor.json<Submission>()).recordId!);
    const blocked = await submitChange(who.otherCountyAgency, register(number, xhHouse), {
      village: XH_VILLAGE,
      verifyNow: true,
    });
    expect(blocked.status).toBe(409);
    const problem = await blocked.json<{ conflicts: { code: string; villageCode: string }[] }>();
    expect(problem.conflicts).toEqual([expect.objectContaining({ code: "identity_elsewhere", villageCode: VILLAGE })]);

    const out = await submitChange(
      who.villageAgency,
      { kind: "person.move-out", personId: first, date: "2026-06-30", destination: "江门市新会区" },
      { verifyNow: true },
    );
    expect(out.status).toBe(201);
    await deliverNow(VILLAGE);
    const moved = await submitChange(who.otherCountyAgency, register(number, xhHouse), {
      village: XH_VILLAGE,
      verifyNow: true,
    });
    expect(moved.status).toBe(201);
  });

  it("households: join one, at most one head; members answered masked", async () => {
    const house = await houseInGrid();
    const head = await registered(idNumberOf("440703", "19600101", "011"), house, { name: "王大明" });
    const person = await (await call(who.villageAgency, "GET", `/v1/basedata/people/${head}`)).json<PersonView>();
    const householdId = person.householdId!;
    const second = await submitChange(
      who.villageAgency,
      register(idNumberOf("440703", "19620202", "022"), house, { household: { householdId }, relation: "head" }),
      { verifyNow: true },
    );
    expect(second.status).toBe(409);
    expect(await errorsOf(second)).toEqual(["body.change.relation"]);
    const spouse = await submitChange(
      who.villageAgency,
      register(idNumberOf("440703", "19620202", "022"), house, {
        name: "刘小红",
        household: { householdId },
        relation: "spouse",
      }),
      { verifyNow: true },
    );
    expect(spouse.status).toBe(201);
    const res = await call(who.gridWorker, "GET", `/v1/basedata/households/${householdId}`);
    expect(res.status).toBe(200);
    const household = await res.json<HouseholdView>();
    expect(household.headPersonId).toBe(head);
    expect(household.members.map((m) => [m.name, m.relation])).toEqual([
      ["王*明", "head"],
      ["刘*红", "spouse"],
    ]);
    expect((await call(who.worker2, "GET", `/v1/basedata/households/${householdId}`)).status).toBe(403);
    expect((await call(who.department, "GET", `/v1/basedata/households/${householdId}`)).status).toBe(403);
  });
});
