import type { FieldChange, PersonView, Principal, SubjectAccess } from "@civicgrid/contracts";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, deliverNow, entered, houseInGrid, idNumberOf, registered, VILLAGE, who } from "./helpers";

const unmask = (
  p: Principal,
  id: string,
  body: unknown = { purpose: "核实身份办理低保", fields: ["idNumber", "phone"] },
) => call(p, "POST", `/v1/basedata/people/${id}/unmasked`, body);
const accessLog = async (p: Principal, division = "440703000000") =>
  call(p, "GET", `/v1/basedata/access-log?divisionCode=${division}`);
const search = (query: string) => call(who.countyAgency, "GET", `/v1/basedata/people?${query}`);

describe("privacy: unmasked reads are audited", () => {
  it("an agency in jurisdiction and the grid's worker read the values with a purpose; each read is logged", async () => {
    const number = idNumberOf("440703", "19770707", "311");
    const id = await registered(number, await houseInGrid(1), { phone: "13600003333" });
    const noPurpose = await unmask(who.villageAgency, id, { purpose: "看", fields: ["idNumber"] });
    expect(noPurpose.status).toBe(400);
    expect(await noPurpose.text()).toContain("body.purpose");
    const res = await unmask(who.villageAgency, id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ personId: id, idNumber: number, phone: "13600003333" });
    const worker = await unmask(who.gridWorker, id, { purpose: "走访核对电话", fields: ["phone"] });
    const phoneOnly = await worker.json();
    expect(phoneOnly).toEqual(expect.objectContaining({ phone: "13600003333" }));
    expect(phoneOnly).not.toHaveProperty("idNumber");

    for (const p of [who.worker2, who.otherCountyAgency, who.department, who.otherDepartment, who.resident])
      expect((await unmask(p, id)).status).toBe(403);

    const log = await (await accessLog(who.countyAgency)).json<{ items: Record<string, unknown>[] }>();
    const mine = log.items.filter((e) => e.recordId === id);
    expect(mine.map((e) => [e.bySub, e.byRole, e.fields, e.purpose])).toEqual([
      [who.gridWorker.sub, "grid_worker", ["phone"], "走访核对电话"],
      [who.villageAgency.sub, "agency", ["idNumber", "phone"], "核实身份办理低保"],
    ]);
    expect((await accessLog(who.otherCountyAgency)).status).toBe(403);
    expect((await accessLog(who.gridWorker, VILLAGE)).status).toBe(403);
    const xh = await (await accessLog(who.otherCountyAgency, "440705000000")).json<{ items: unknown[] }>();
    expect(xh.items).toEqual([]);
  });

  it("the owning department unmasks only the people of its groups", async () => {
    const id = await registered(idNumberOf("440703", "19920202", "321"), await houseInGrid(1));
    expect((await unmask(who.department, id)).status).toBe(403);
    await entered({
      kind: "tag.add",
      personId: id,
      tagKind: "drug_user",
      reason: "名单",
      source: "公安",
      start: "2026-01-01",
    });
    expect((await unmask(who.department, id)).status).toBe(200);
    expect((await unmask(who.otherDepartment, id)).status).toBe(403);
  });
});

describe("privacy: a person's own requests (PIPL art. 45, 47)", () => {
  it("access produces everything kept, unmasked and logged; erasure anonymises now and is recorded", async () => {
    const number = idNumberOf("440703", "19810101", "331");
    const id = await registered(number, await houseInGrid(1), { name: "周本人", phone: "13500004444" });
    await deliverNow(VILLAGE);
    const body = { kind: "access", reference: "申请2026-001", reason: "本人申请查阅" };
    expect((await call(who.gridWorker, "POST", `/v1/basedata/people/${id}/subject-requests`, body)).status).toBe(403);
    expect((await call(who.otherCountyAgency, "POST", `/v1/basedata/people/${id}/subject-requests`, body)).status).toBe(
      403,
    );
    const access = await call(who.villageAgency, "POST", `/v1/basedata/people/${id}/subject-requests`, body);
    expect(access.status).toBe(200);
    const record = await access.json<SubjectAccess>();
    expect(record.person).toMatchObject({
      idNumber: number,
      phone: "13500004444",
      name: "周本人",
      birthDate: "1981-01-01",
    });
    expect(record.history.length).toBeGreaterThan(5);

    const pending = await call(who.gridWorker, "POST", "/v1/basedata/submissions", {
      villageCode: VILLAGE,
      change: { kind: "person.update", personId: id, phone: "13500009999" },
    });
    const pendingId = (await pending.json<{ id: string }>()).id;
    const erase = await call(who.villageAgency, "POST", `/v1/basedata/people/${id}/subject-requests`, {
      kind: "erasure",
      reference: "申请2026-002",
      reason: "本人申请删除",
    });
    expect(erase.status).toBe(201);
    expect(await erase.json()).toMatchObject({ kind: "erasure", outcome: "anonymised", personId: id });
    const person = await (await call(who.villageAgency, "GET", `/v1/basedata/people/${id}`)).json<PersonView>();
    expect(person).toMatchObject({
      name: "已匿名",
      idNumber: null,
      phone: null,
      birthYear: null,
      status: "anonymised",
    });
    const history = await (
      await call(who.villageAgency, "GET", `/v1/basedata/records/${id}/history`)
    ).json<{ items: FieldChange[] }>();
    const names = history.items.filter((h) => ["name", "idNumber", "phone", "birthYear"].includes(h.field));
    expect(names.every((h) => h.previous === null && h.value === null)).toBe(true);
    const erased = await call(who.villageAgency, "GET", `/v1/basedata/submissions/${pendingId}`);
    expect(await erased.json()).toMatchObject({
      change: { erased: true },
      status: "withdrawn",
      note: "the person's data was erased on request",
    });
    await deliverNow(VILLAGE);
    const found = await search(`countyCode=440703000000&idNumber=${number}`);
    expect((await found.json<{ items: unknown[] }>()).items).toEqual([]);

    const list = await call(who.countyAgency, "GET", "/v1/basedata/subject-requests?divisionCode=440703000000");
    const rows = (await list.json<{ items: { personId: string; kind: string; outcome: string }[] }>()).items;
    expect(rows.filter((r) => r.personId === id).map((r) => [r.kind, r.outcome])).toEqual([
      ["erasure", "anonymised"],
      ["access", "produced"],
    ]);
    const log = await (await accessLog(who.countyAgency)).json<{ items: { recordId: string; fields: string[] }[] }>();
    expect(log.items.find((e) => e.recordId === id)?.fields).toEqual(["subject-access"]);
    expect(
      (await call(who.otherCountyAgency, "GET", "/v1/basedata/subject-requests?divisionCode=440703000000")).status,
    ).toBe(403);
  });
});

describe("privacy: people gone longer than their county's retention are anonymised by the daily job", () => {
  it("anonymises those past the retention and keeps the others", async () => {
    const put = await call(
      who.countyAgency,
      "PUT",
      "/v1/basedata/settings/440703000000",
      { visitRules: {}, retentionDays: 30 },
      { "if-match": '"v0"' },
    );
    expect(put.status).toBe(200);
    const house = await houseInGrid(2);
    const old = await registered(idNumberOf("440703", "19300101", "341"), house, { name: "吴过去" });
    const recent = await registered(idNumberOf("440703", "19310101", "351"), house, { name: "郑最近" });
    const stays = await registered(idNumberOf("440703", "19320101", "361"), house, { name: "冯在住" });
    await entered({ kind: "person.death", personId: old, date: "2026-09-01" });
    await entered({ kind: "person.move-out", personId: recent, date: "2026-11-20" });
    const outcome = await exports.default.runCron("0 19 * * *", Date.parse("2026-12-01T19:00:00Z"));
    expect(outcome).toMatchObject({ ran: true, result: { anonymise: { anonymised: 1, failed: 0 } } });
    const view = async (id: string) =>
      (await call(who.villageAgency, "GET", `/v1/basedata/people/${id}`)).json<PersonView>();
    expect(await view(old)).toMatchObject({
      name: "已匿名",
      status: "anonymised",
      idNumber: null,
      goneOn: "2026-09-01",
    });
    expect(await view(recent)).toMatchObject({ name: "郑最近", status: "moved_out" });
    expect(await view(stays)).toMatchObject({ name: "冯在住", status: "present" });
  });
});
