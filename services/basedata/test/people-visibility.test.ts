import type { PersonHit, PersonView, Principal } from "@civicgrid/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { call, deliverNow, entered, houseInGrid, idNumberOf, registered, VILLAGE, who } from "./helpers";

const justice = {
  sub: "t-dept-justice",
  roles: ["department"],
  divisionCode: "440703000000",
  departmentId: "dept-440703-justice",
} satisfies Principal;
const xhPolice = {
  sub: "t-dept-xh",
  roles: ["department"],
  divisionCode: "440705000000",
  departmentId: "dept-440705-police",
} satisfies Principal;

const ids = { drug: "", correction: "", elderly: "", plain: "" };
const numbers = {
  drug: idNumberOf("440703", "19880101", "211"),
  correction: idNumberOf("440703", "19890101", "221"),
  elderly: idNumberOf("440703", "19400101", "231"),
  plain: idNumberOf("440703", "19910101", "241"),
};

const tag = (personId: string, tagKind: "drug_user" | "community_correction" | "elderly_alone") =>
  entered({ kind: "tag.add", personId, tagKind, reason: "依据名单", source: "部门名单", start: "2026-01-01" });
const read = (p: Principal, id: string) => call(p, "GET", `/v1/basedata/people/${id}`);
const kinds = async (p: Principal, id: string) =>
  (await (await read(p, id)).json<PersonView>()).tags.map((t) => t.kind);
const search = async (p: Principal, query: string) => {
  const res = await call(p, "GET", `/v1/basedata/people?${query}`);
  return { status: res.status, body: res.status === 200 ? await res.json<{ items: PersonHit[] }>() : null, res };
};

beforeAll(async () => {
  const house = await houseInGrid(1);
  ids.drug = await registered(numbers.drug, house, { name: "赵毒品", phone: "13700001111" });
  ids.correction = await registered(numbers.correction, house, { name: "钱矫正" });
  ids.elderly = await registered(numbers.elderly, house, { name: "孙独居" });
  ids.plain = await registered(numbers.plain, await houseInGrid(2), { name: "李普通" });
  await tag(ids.drug, "drug_user");
  await tag(ids.drug, "elderly_alone");
  await tag(ids.correction, "community_correction");
  await tag(ids.elderly, "elderly_alone");
  await deliverNow(VILLAGE);
});

describe("tags are shown only to those entitled (PIPL art. 28)", () => {
  it("agency staff see the person and the care tags, never a special group", async () => {
    for (const agency of [who.villageAgency, who.countyAgency, who.townshipAgency]) {
      expect(await kinds(agency, ids.drug)).toEqual(["elderly_alone"]);
      expect(await kinds(agency, ids.correction)).toEqual([]);
    }
  });

  it("the grid's worker sees every tag of their grid's people; another grid's worker reads none of them", async () => {
    expect(await kinds(who.gridWorker, ids.drug)).toEqual(["drug_user", "elderly_alone"]);
    expect(await kinds(who.gridWorker, ids.correction)).toEqual(["community_correction"]);
    expect((await read(who.worker2, ids.drug)).status).toBe(403);
  });

  it("the police (公安) read drug users, justice (司法行政) community correction, housing nobody", async () => {
    expect(await kinds(who.department, ids.drug)).toEqual(["drug_user"]);
    expect((await read(who.department, ids.correction)).status).toBe(403);
    expect((await read(who.department, ids.plain)).status).toBe(403);
    expect(await kinds(justice, ids.correction)).toEqual(["community_correction"]);
    expect((await read(justice, ids.drug)).status).toBe(403);
    for (const id of Object.values(ids)) expect((await read(who.otherDepartment, id)).status).toBe(403);
    expect((await read(xhPolice, ids.drug)).status).toBe(403);
  });

  it("searching by a special group: refused to agencies; the owning department finds its own, masked", async () => {
    const refused = await search(who.countyAgency, "townshipCode=440703001000&tag=drug_user");
    expect(refused.status).toBe(403);
    expect(await refused.res.text()).toContain("query.tag");
    const police = await search(who.department, "townshipCode=440703001000&tag=drug_user");
    expect(police.body?.items.map((h) => [h.id, h.name, h.tags])).toEqual([[ids.drug, "赵*品", ["drug_user"]]]);
    const all = await search(who.department, "villageCode=440703001001");
    expect(all.body?.items.map((h) => h.id)).toEqual([ids.drug]);
    const housing = await search(who.otherDepartment, "villageCode=440703001001");
    expect(housing.body?.items).toEqual([]);
    const agencyList = await search(who.villageAgency, "villageCode=440703001001");
    expect(agencyList.body?.items.length).toBe(4);
    expect(agencyList.body?.items.flatMap((h) => h.tags).sort()).toEqual(["elderly_alone", "elderly_alone"]);
  });

  it("a worker's search covers their grids; search by ID number, phone and name is exact and masked", async () => {
    const mine = await search(who.gridWorker, "villageCode=440703001001");
    expect(mine.body?.items.map((h) => h.id).sort()).toEqual([ids.drug, ids.correction, ids.elderly].sort());
    expect((await search(who.worker2, "gridCode=440703001001001")).status).toBe(403);
    const byId = await search(who.countyAgency, `countyCode=440703000000&idNumber=${numbers.correction}`);
    expect(byId.body?.items.map((h) => [h.id, h.idNumber, h.tags])).toEqual([
      [ids.correction, `440703********${numbers.correction.slice(14)}`, []],
    ]);
    expect(JSON.stringify(byId.body)).not.toContain(numbers.correction);
    const byPhone = await search(who.countyAgency, "townshipCode=440703001000&phone=13700001111");
    expect(byPhone.body?.items.map((h) => h.id)).toEqual([ids.drug]);
    const byName = await search(who.countyAgency, `countyCode=440703000000&name=${encodeURIComponent("孙独居")}`);
    expect(byName.body?.items.map((h) => [h.id, h.name])).toEqual([[ids.elderly, "孙*居"]]);
    const prefix = await search(who.villageAgency, `villageCode=440703001001&name=${encodeURIComponent("李")}`);
    expect(prefix.body?.items.map((h) => h.id)).toEqual([ids.plain]);
    const county = await search(who.countyAgency, "countyCode=440703000000&tag=elderly_alone");
    expect(county.status).toBe(422);
    expect(await county.res.text()).toContain("query.countyCode");
  });

  it("another county's staff reach none of it", async () => {
    expect((await read(who.otherCountyAgency, ids.elderly)).status).toBe(403);
    const xh = await search(who.otherCountyAgency, `countyCode=440703000000&idNumber=${numbers.elderly}`);
    expect(xh.status).toBe(403);
    expect((await search(who.otherCountyAgency, "villageCode=440703001001")).status).toBe(403);
  });
});

describe("collecting a special group does not show it to the verifying agency", () => {
  it("the submission answers the kind, reason and source masked; the approval applies the sealed change", async () => {
    const res = await call(who.gridWorker, "POST", "/v1/basedata/submissions", {
      villageCode: "440703001001",
      change: {
        kind: "tag.add",
        personId: ids.elderly,
        tagKind: "community_correction",
        reason: "判决书(2026)粤0703刑初1号",
        source: "司法所名单",
        start: "2026-03-01",
      },
    });
    const text = await res.text();
    expect(res.status).toBe(201);
    expect(text).not.toContain("community_correction");
    expect(text).not.toContain("判决书");
    const { id } = JSON.parse(text) as { id: string };
    const list = await call(who.villageAgency, "GET", "/v1/basedata/submissions?villageCode=440703001001");
    expect(await list.text()).not.toContain("community_correction");
    const approved = await call(who.villageAgency, "POST", `/v1/basedata/submissions/${id}/decision`, {
      decision: "approve",
    });
    expect(approved.status).toBe(200);
    expect(await kinds(justice, ids.elderly)).toContain("community_correction");
    const tagId = (await approved.json<{ recordId: string }>()).recordId;
    const history = await (await call(who.villageAgency, "GET", `/v1/basedata/records/${tagId}/history`)).text();
    expect(history).toContain('"value":"sensitive"');
    expect(history).not.toContain("community_correction");
  });
});
