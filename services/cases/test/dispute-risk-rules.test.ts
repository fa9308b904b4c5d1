import type { CountyRiskRules, Principal, RiskRulesBody } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { describe, expect, it } from "vitest";
import { call } from "./helpers";

type Problem = { status: number; errors?: { field: string }[] };
const fieldsOf = async (res: Response) => ((await res.json<Problem>()).errors ?? []).map((e) => e.field);
const path = (county: string) => `/v1/disputes/risk-rules/${county}`;
const read = (p: Principal, county: string) => call(p, "GET", path(county));
const write = (p: Principal, county: string, body: unknown) => call(p, "PUT", path(county), body);

/** 鹤山 (440784): a county no other suite writes, so its defaults and its own rules are this suite's alone. */
const HESHAN = "440784000000";
const body = (changes: Partial<RiskRulesBody> = {}): RiskRulesBody => ({
  rules: [
    { id: "again", when: "repeat_parties", withinDays: 30, atLeast: 2, raiseTo: "major" },
    { id: "kids", when: "party_tag", tagKinds: ["left_behind_child"], raiseTo: "larger" },
  ],
  policeDepartmentIds: ["dept-440784-police"],
  ...changes,
});
const heshanAgency: Principal = { sub: "t-county-hs", roles: ["agency"], divisionCode: HESHAN };
const heshanTownship: Principal = { sub: "t-township-hs", roles: ["agency"], divisionCode: "440784001000" };

describe("GET /v1/disputes/risk-rules/{countyCode}", () => {
  it("answers the defaults while the county has set none, the police being the county's", async () => {
    const res = await read(principals.countyAgency, "440703000000");
    expect(res.status).toBe(200);
    const rules = await res.json<CountyRiskRules>();
    expect(rules).toMatchObject({ countyCode: "440703000000", custom: false, updatedBy: null });
    expect(rules.policeDepartmentIds).toEqual(["dept-440703-police"]);
    expect(rules.rules.map((r) => r.when)).toEqual(["repeat_parties", "threat", "violence", "party_tag", "amount"]);
  });

  it("is read by the county's handlers at every level and by the city; never by another county or hr", async () => {
    for (const p of [principals.townshipAgency, principals.gridWorker, principals.department, principals.cityAgency])
      expect((await read(p, "440703000000")).status).toBe(200);
    expect((await read(principals.otherCountyAgency, "440703000000")).status).toBe(403);
    expect((await read(principals.hr, "440703000000")).status).toBe(403);
    expect((await read(principals.resident, "440703000000")).status).toBe(403);
  });

  it("refuses a code that is not a county's, naming it", async () => {
    for (const code of ["440703001000", "440700000000", "4407"]) {
      const res = await read(principals.cityAgency, code);
      expect(res.status).toBe(400);
      expect(await fieldsOf(res)).toEqual(["path.countyCode"]);
    }
  });
});

describe("PUT /v1/disputes/risk-rules/{countyCode}", () => {
  it("the county's agency sets them; they are read back as the county's own", async () => {
    const res = await write(heshanAgency, HESHAN, body());
    expect(res.status).toBe(200);
    expect(await res.json<CountyRiskRules>()).toMatchObject({ custom: true, updatedBy: heshanAgency.sub, ...body() });
    const back = await (await read(heshanTownship, HESHAN)).json<CountyRiskRules>();
    expect(back).toMatchObject({ countyCode: HESHAN, custom: true, ...body() });
    expect(back.updatedAt).not.toBeNull();
    // Another county's rules are untouched.
    expect((await (await read(principals.countyAgency, "440703000000")).json<CountyRiskRules>()).custom).toBe(false);
  });

  it("is refused to a township's agency, departments, grid workers and another county's agency", async () => {
    for (const p of [heshanTownship, principals.department, principals.gridWorker, principals.otherCountyAgency]) {
      expect((await write(p, HESHAN, body())).status).toBe(403);
      expect((await write(p, "440703000000", body({ policeDepartmentIds: ["dept-440703-police"] }))).status).toBe(403);
    }
  });

  it("the city's agency may set them for a county under it (开平 440783), even to no rules at all", async () => {
    const res = await write(principals.cityAgency, "440783000000", { rules: [], policeDepartmentIds: [] });
    expect(res.status).toBe(200);
    expect(await res.json<CountyRiskRules>()).toMatchObject({ rules: [], updatedBy: principals.cityAgency.sub });
  });

  it("names a police department of another county: out of reach 403, within reach but not the county's 422", async () => {
    const other = await write(heshanAgency, HESHAN, body({ policeDepartmentIds: ["dept-440705-police"] }));
    expect(other.status).toBe(403);
    expect(await fieldsOf(other)).toEqual(["body.policeDepartmentIds[0]"]);
    const city = await write(principals.cityAgency, HESHAN, body({ policeDepartmentIds: ["dept-440705-police"] }));
    expect(city.status).toBe(422);
    expect(await fieldsOf(city)).toEqual(["body.policeDepartmentIds[0]"]);
    const cityLevel = await write(principals.cityAgency, HESHAN, body({ policeDepartmentIds: ["dept-440700-police"] }));
    expect(cityLevel.status).toBe(422);
  });

  it("an unknown police department is 422 naming its index", async () => {
    const res = await write(heshanAgency, HESHAN, {
      ...body(),
      policeDepartmentIds: ["dept-440784-police", "dept-440784-astrology"],
    });
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual(["body.policeDepartmentIds[1]"]);
  });

  it("refuses malformed rules naming the field: tag kinds, rule kinds, duplicate ids, bounds", async () => {
    const cases: [unknown, string][] = [
      [
        { rules: [{ id: "t", when: "party_tag", tagKinds: ["astrology"], raiseTo: "larger" }] },
        "body.rules.0.tagKinds.0",
      ],
      [{ rules: [{ id: "x", when: "moon_phase", raiseTo: "larger" }] }, "body.rules.0.when"],
      [{ rules: [{ id: "t", when: "threat", raiseTo: "extreme" }] }, "body.rules.0.raiseTo"],
      [
        { rules: [{ id: "r", when: "repeat_parties", withinDays: 0, atLeast: 1, raiseTo: "larger" }] },
        "body.rules.0.withinDays",
      ],
      [
        {
          rules: [
            { id: "t", when: "threat", raiseTo: "larger" },
            { id: "t", when: "violence", raiseTo: "major" },
          ],
        },
        "body.rules",
      ],
      [{ policeDepartmentIds: ["police"] }, "body.policeDepartmentIds.0"],
    ];
    for (const [changes, field] of cases) {
      const res = await write(heshanAgency, HESHAN, { ...body(), ...(changes as object) });
      expect(res.status, field).toBe(400);
      expect(await fieldsOf(res)).toContain(field);
    }
  });
});
