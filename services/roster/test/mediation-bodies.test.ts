import { principals } from "@civicgrid/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "./helpers";
import { body, committee, departmentsOfTheCounty, justice } from "./mediation-helpers";

type Problem = { errors?: { field: string }[]; detail: string };
const fields = (p: Problem) => (p.errors ?? []).map((e) => e.field);
const agency = principals.countyAgency;

beforeAll(departmentsOfTheCounty);

describe("mediation bodies: committees of villages and townships, professional organisations of the county", () => {
  it("registers a village committee, a township committee and a professional organisation, and reads them", async () => {
    const village = await body(agency, committee("440703001001"));
    const township = await body(principals.townshipAgency, {
      ...committee("440703001000"),
      kind: "township_committee",
      name: "白沙街道人民调解委员会",
    });
    const pro = await body(justice, {
      ...committee("440703000000"),
      kind: "professional",
      name: "蓬江区劳动争议调解中心",
      fields: ["labour"],
    });
    expect(village).toMatchObject({ id: expect.stringMatching(/^mb-/), kind: "village_committee", active: true });
    expect(pro).toMatchObject({ fields: ["labour"], divisionCode: "440703000000" });
    const one = await call(principals.gridWorker, "GET", `/v1/mediation-bodies/${village.id}`);
    expect(one.status).toBe(200);
    const list = await call<{ items: { id: string }[] }>(agency, "GET", "/v1/mediation-bodies?kind=professional");
    expect(list.body.items.map((b) => b.id)).toContain(pro.id);
    expect(list.body.items.map((b) => b.id)).not.toContain(township.id);
    const within = await call<{ items: { id: string }[] }>(
      principals.townshipAgency,
      "GET",
      "/v1/mediation-bodies?divisionCode=440703001000",
    );
    expect(within.body.items.map((b) => b.id)).toEqual(expect.arrayContaining([village.id, township.id]));
    expect(within.body.items.map((b) => b.id)).not.toContain(pro.id);
  });

  it("refuses a body whose division does not fit its kind, and fields that do not fit, naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [committee("440703001000"), "body.divisionCode"],
      [{ ...committee("440703001001"), kind: "township_committee" }, "body.divisionCode"],
      [{ ...committee("440703001001"), kind: "professional", fields: ["labour"] }, "body.divisionCode"],
      [{ ...committee("440703000000"), kind: "professional" }, "body.fields"],
      [{ ...committee("440703001001"), fields: ["family"] }, "body.fields"],
    ];
    for (const [b, field] of cases) {
      const res = await call<Problem>(agency, "POST", "/v1/mediation-bodies", b);
      expect(res.status, JSON.stringify(b)).toBe(422);
      expect(fields(res.body)).toEqual([field]);
    }
    const bad = await call<Problem>(agency, "POST", "/v1/mediation-bodies", { ...committee("4407"), fields: ["x"] });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(expect.arrayContaining(["body.divisionCode", "body.fields.0"]));
  });

  it("refuses a second body with the same registration number", async () => {
    const b = committee("440703001001");
    await body(agency, b);
    const again = await call<Problem>(agency, "POST", "/v1/mediation-bodies", { ...b, name: "另一个" });
    expect(again.status).toBe(409);
    expect(fields(again.body)).toEqual(["body.registrationNumber"]);
  });

  it("changes a body with If-Match and stands it down", async () => {
    const b = await body(agency, committee("440703001001"));
    const path = `/v1/mediation-bodies/${b.id}`;
    expect((await call(agency, "PATCH", path, { name: "新名" })).status).toBe(428);
    const res = await call(
      justice,
      "PATCH",
      path,
      { name: "白沙社区人民调解委员会", active: false },
      { "if-match": '"v1"' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "白沙社区人民调解委员会", active: false, version: 2 });
    const stale = await call(agency, "PATCH", path, { name: "再改" }, { "if-match": '"v1"' });
    expect(stale.status).toBe(412);
    const wrong = await call<Problem>(agency, "PATCH", path, { fields: ["labour"] }, { "if-match": '"v2"' });
    expect(fields(wrong.body)).toEqual(["body.fields"]);
    const inactive = await call<{ items: { id: string }[] }>(agency, "GET", "/v1/mediation-bodies?active=false");
    expect(inactive.body.items.map((i) => i.id)).toContain(b.id);
  });

  it("refuses another county, roles without the right and a department other than justice", async () => {
    const b = await body(agency, committee("440703001001"));
    const path = `/v1/mediation-bodies/${b.id}`;
    const other = principals.otherCountyAgency;
    const refused = await call<Problem>(other, "POST", "/v1/mediation-bodies", committee("440703001002"));
    expect(refused.status).toBe(403);
    expect(fields(refused.body)).toEqual(["body.divisionCode"]);
    expect((await call(other, "GET", path)).status).toBe(403);
    expect((await call(other, "PATCH", path, { name: "改" }, { "if-match": '"v1"' })).status).toBe(403);
    const list = await call<{ items: { id: string }[] }>(other, "GET", "/v1/mediation-bodies");
    expect(list.body.items.map((i) => i.id)).not.toContain(b.id);
    expect((await call(other, "GET", "/v1/mediation-bodies?divisionCode=440703000000")).status).toBe(403);
    for (const p of [principals.department, principals.hr, principals.gridWorker, principals.resident]) {
      const res = await call(p, "POST", "/v1/mediation-bodies", committee("440703001001"));
      expect(res.status, p.sub).toBe(403);
      expect((await call(p, "PATCH", path, { name: "改" }, { "if-match": '"v1"' })).status, p.sub).toBe(403);
    }
    expect((await call(principals.resident, "GET", path)).status).toBe(403);
    expect((await call(principals.hr, "GET", path)).status).toBe(200);
  });
});
