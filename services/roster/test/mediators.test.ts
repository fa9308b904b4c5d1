import { principals } from "@civicgrid/testing";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "./helpers";
import {
  body,
  committee,
  departmentsOfTheCounty,
  gridWorker,
  justice,
  mediator,
  newMediator,
  qualification,
} from "./mediation-helpers";

type Problem = { errors?: { field: string }[] };
type M = { id: string; name: string; phoneMasked: string; divisionCode: string; active: boolean; version: number };
const fields = (p: Problem) => (p.errors ?? []).map((e) => e.field);
const agency = principals.countyAgency;
const V1 = { "if-match": '"v1"' };
let village: { id: string };

beforeAll(async () => {
  await departmentsOfTheCounty();
  village = await body(agency, committee("440703001001"));
});

describe("mediators: registered with their qualification, phone sealed and masked", () => {
  it("registers a committee mediator and a grid worker, masks the phone and seals it at rest", async () => {
    const m = newMediator("village_committee", village.id);
    const res = await call<M>(justice, "POST", "/v1/mediators", m);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^med-[a-z0-9-]{4,60}$/),
      divisionCode: "440703001001",
    });
    expect(res.body.phoneMasked).toBe(`${m.phone.slice(0, 3)}****${m.phone.slice(7)}`);
    expect(JSON.stringify(res.body)).not.toContain(m.phone);
    const stored = await env.DB.prepare("SELECT * FROM mediators WHERE id = ?1").bind(res.body.id).first();
    expect(JSON.stringify(stored)).not.toContain(m.phone);
    const w = await gridWorker();
    const g = await mediator(agency, { ...newMediator("grid_worker", undefined, { name: undefined }), workerId: w.id });
    expect(g).toMatchObject({ name: "陈志明", divisionCode: "440703001001", workerId: w.id, bodyId: null });
    const read = await call<M>(principals.gridWorker, "GET", `/v1/mediators/${res.body.id}`);
    expect(read.body.phoneMasked).toBe(res.body.phoneMasked);
    const list = await call<{ items: M[] }>(agency, "GET", `/v1/mediators?bodyId=${village.id}`);
    expect(list.body.items.map((i) => i.id)).toEqual([res.body.id]);
    const workers = await call<{ items: M[] }>(agency, "GET", "/v1/mediators?kind=grid_worker");
    expect(workers.body.items.map((i) => i.id)).toContain(g.id);
  });

  it("registers once under one Idempotency-Key, answering the first registration again", async () => {
    const m = newMediator("village_committee", village.id);
    const headers = { "idempotency-key": `k-${crypto.randomUUID()}` };
    const first = await call<M>(agency, "POST", "/v1/mediators", m, headers);
    const again = await call<M>(agency, "POST", "/v1/mediators", m, headers);
    expect([first.status, again.status, again.body.id]).toEqual([201, 201, first.body.id]);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM mediators WHERE certificate_number = ?1")
      .bind(m.qualification.certificateNumber)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("refuses each broken rule, naming the field", async () => {
    const w = await gridWorker();
    const township = await body(agency, { ...committee("440703001000"), kind: "township_committee" });
    const closed = await body(agency, committee("440703001001"));
    await call(agency, "PATCH", `/v1/mediation-bodies/${closed.id}`, { active: false }, V1);
    const suspended = await gridWorker();
    await call(agency, "POST", `/v1/workers/${suspended.id}/status`, { status: "suspended", reason: "停职" }, V1);
    const cases: [Record<string, unknown>, string][] = [
      [newMediator("village_committee", undefined), "body.bodyId"],
      [newMediator("village_committee", village.id, { name: undefined }), "body.name"],
      [newMediator("township_committee", village.id), "body.kind"],
      [newMediator("village_committee", township.id), "body.kind"],
      [newMediator("village_committee", closed.id), "body.bodyId"],
      [{ ...newMediator("village_committee", village.id), workerId: w.id }, "body.workerId"],
      [newMediator("grid_worker", undefined), "body.workerId"],
      [{ ...newMediator("grid_worker", village.id), workerId: w.id }, "body.bodyId"],
      [{ ...newMediator("grid_worker", undefined), workerId: suspended.id }, "body.workerId"],
      [
        newMediator("village_committee", village.id, { qualification: qualification({ validUntil: "2020-06-30" }) }),
        "body.qualification.validUntil",
      ],
      [newMediator("village_committee", village.id, { trainedOn: "2099-01-01" }), "body.trainedOn"],
    ];
    for (const [m, field] of cases) {
      const res = await call<Problem>(agency, "POST", "/v1/mediators", m);
      expect(res.status, JSON.stringify(m)).toBe(422);
      expect(fields(res.body), JSON.stringify(m)).toEqual([field]);
    }
    const unknown = await call<Problem>(agency, "POST", "/v1/mediators", newMediator("village_committee", "mb-nobody"));
    expect([unknown.status, fields(unknown.body)]).toEqual([422, ["body.bodyId"]]);
    const badPhone = await call<Problem>(
      agency,
      "POST",
      "/v1/mediators",
      newMediator("village_committee", village.id, { phone: "12" }),
    );
    expect([badPhone.status, fields(badPhone.body)]).toEqual([400, ["body.phone"]]);
  });

  it("refuses a second mediator with the same certificate number", async () => {
    const first = newMediator("village_committee", village.id);
    await mediator(agency, first);
    const again = await call<Problem>(agency, "POST", "/v1/mediators", {
      ...newMediator("village_committee", village.id),
      qualification: first.qualification,
    });
    expect([again.status, fields(again.body)]).toEqual([409, ["body.qualification.certificateNumber"]]);
  });

  it("renews a qualification, changes the phone and deactivates with a reason (If-Match)", async () => {
    const m = await mediator(agency, newMediator("village_committee", village.id));
    const path = `/v1/mediators/${m.id}`;
    const expired = { qualification: qualification({ validUntil: "2021-01-01" }) };
    const refused = await call<Problem>(justice, "PATCH", path, expired, V1);
    expect([refused.status, fields(refused.body)]).toEqual([422, ["body.qualification.validUntil"]]);
    const renewed = await call<M>(justice, "PATCH", path, { phone: "13911112222", qualification: qualification() }, V1);
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ phoneMasked: "139****2222", version: 2 });
    expect((await call(agency, "POST", `${path}/deactivate`, { reason: "调离" }, V1)).status).toBe(412);
    const off = await call<M>(agency, "POST", `${path}/deactivate`, { reason: "调离本村" }, { "if-match": '"v2"' });
    expect(off.body).toMatchObject({ active: false, deactivationReason: "调离本村", version: 3 });
    const twice = await call(agency, "POST", `${path}/deactivate`, { reason: "再次" }, { "if-match": '"v3"' });
    expect(twice.status).toBe(409);
    const inactive = await call<{ items: M[] }>(agency, "GET", "/v1/mediators?active=false");
    expect(inactive.body.items.map((i) => i.id)).toContain(m.id);
    const g = await mediator(agency, { ...newMediator("grid_worker", undefined), workerId: (await gridWorker()).id });
    const renamed = await call<Problem>(agency, "PATCH", `/v1/mediators/${g.id}`, { name: "别名" }, V1);
    expect([renamed.status, fields(renamed.body)]).toEqual([422, ["body.name"]]);
  });

  it("refuses another county, roles without the right and a department other than justice", async () => {
    const m = await mediator(agency, newMediator("village_committee", village.id));
    const path = `/v1/mediators/${m.id}`;
    const other = principals.otherCountyAgency;
    const into = await call<Problem>(other, "POST", "/v1/mediators", newMediator("village_committee", village.id));
    expect([into.status, fields(into.body)]).toEqual([403, ["body.bodyId"]]);
    const foreignWorker = await call<Problem>(other, "POST", "/v1/mediators", {
      ...newMediator("grid_worker", undefined),
      workerId: (await gridWorker()).id,
    });
    expect([foreignWorker.status, fields(foreignWorker.body)]).toEqual([403, ["body.workerId"]]);
    expect((await call(other, "GET", path)).status).toBe(403);
    expect((await call(other, "PATCH", path, { phone: "13900000000" }, V1)).status).toBe(403);
    expect((await call(other, "POST", `${path}/deactivate`, { reason: "越权" }, V1)).status).toBe(403);
    expect((await call(other, "GET", `/v1/mediators?bodyId=${village.id}`)).status).toBe(403);
    const theirs = await call<{ items: M[] }>(other, "GET", "/v1/mediators");
    expect(theirs.body.items.map((i) => i.id)).not.toContain(m.id);
    for (const p of [principals.department, principals.otherDepartment, principals.hr, principals.gridWorker]) {
      const res = await call(p, "POST", "/v1/mediators", newMediator("village_committee", village.id));
      expect(res.status, p.sub).toBe(403);
      expect((await call(p, "POST", `${path}/deactivate`, { reason: "越权" }, V1)).status, p.sub).toBe(403);
    }
    expect((await call(principals.resident, "GET", path)).status).toBe(403);
    expect((await call(principals.resident, "GET", "/v1/mediators")).status).toBe(403);
  });
});
