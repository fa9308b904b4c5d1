import type { PersonView, Principal } from "@civicgrid/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { call, houseInGrid, idNumberOf, registered, submitChange, who } from "./helpers";

/** Every people, household and privacy route, refused to another county's staff and to roles without the right. */
let person = "";
let household = "";
let house = "";
beforeAll(async () => {
  house = await houseInGrid(1);
  person = await registered(idNumberOf("440703", "19830303", "411"), house, { phone: "13300005555" });
  household = (await (await call(who.villageAgency, "GET", `/v1/basedata/people/${person}`)).json<PersonView>())
    .householdId!;
});

const routes = (): [string, string, unknown?][] => [
  ["GET", `/v1/basedata/people/${person}`],
  ["GET", `/v1/basedata/households/${household}`],
  ["GET", "/v1/basedata/people?villageCode=440703001001"],
  ["GET", "/v1/basedata/people?gridCode=440703001001001"],
  ["GET", "/v1/basedata/people?townshipCode=440703001000&status=present"],
  ["GET", `/v1/basedata/people?countyCode=440703000000&phone=13300005555`],
  ["POST", `/v1/basedata/people/${person}/unmasked`, { purpose: "越权尝试", fields: ["idNumber"] }],
  ["POST", `/v1/basedata/people/${person}/subject-requests`, { kind: "access", reference: "x", reason: "越权" }],
  ["GET", "/v1/basedata/access-log?divisionCode=440703000000"],
  ["GET", "/v1/basedata/subject-requests?divisionCode=440703000000"],
];

const refusedTo = async (p: Principal) => {
  const statuses: string[] = [];
  for (const [method, path, body] of routes()) {
    const res = await call(p, method, path, body);
    statuses.push(`${res.status} ${method} ${path.split("?")[0]}`);
    expect(res.status, `${method} ${path}`).toBe(403);
  }
  return statuses;
};

describe("people routes: jurisdiction", () => {
  it("another county's agency is refused on every route", async () => {
    await refusedTo(who.otherCountyAgency);
  });

  it("another county's department is refused on every route", async () => {
    await refusedTo({
      sub: "t-dept-xh",
      roles: ["department"],
      divisionCode: "440705000000",
      departmentId: "dept-440705-police",
    });
  });

  it("residents and hr have no base-data role at all", async () => {
    await refusedTo(who.resident);
    await refusedTo(who.hr);
  });

  it("another county's agency cannot change a person of this village, nor name its records from its own", async () => {
    const move = await submitChange(
      who.otherCountyAgency,
      { kind: "person.move-out", personId: person, date: "2026-10-01" },
      { verifyNow: true },
    );
    expect(move.status).toBe(403);
    const foreign = await submitChange(
      who.otherCountyAgency,
      { kind: "person.move", personId: person, residence: { houseId: house, mode: "own", since: "2026-10-01" } },
      { village: "440705001001", verifyNow: true },
    );
    expect(foreign.status).toBe(422);
    const fields = (await foreign.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field);
    expect(fields).toEqual(["body.change.personId", "body.change.residence.houseId"]);
  });

  it("a worker of another grid of the same village reaches neither the person nor their household", async () => {
    expect((await call(who.worker2, "GET", `/v1/basedata/people/${person}`)).status).toBe(403);
    expect((await call(who.worker2, "GET", `/v1/basedata/households/${household}`)).status).toBe(403);
    const tag = await submitChange(who.worker2, {
      kind: "tag.add",
      personId: person,
      tagKind: "disabled",
      reason: "x",
      source: "y",
      start: "2026-01-01",
    });
    expect(tag.status).toBe(403);
  });

  it("unknown records answer 404, malformed ids and scopes name their field", async () => {
    expect((await call(who.villageAgency, "GET", "/v1/basedata/people/pe-440703001001-999999")).status).toBe(404);
    const bad = await call(who.villageAgency, "GET", "/v1/basedata/people?villageCode=440703001000");
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("query.villageCode");
    const grid = await call(who.villageAgency, "GET", "/v1/basedata/people?gridCode=440703001001009");
    expect(grid.status).toBe(422);
    expect(await grid.text()).toContain("query.gridCode");
  });
});
