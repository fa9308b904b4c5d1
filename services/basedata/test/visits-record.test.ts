import type { Principal, Visit } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, GRID_2, VILLAGE, who, XINHUI } from "./helpers";
import {
  daysAgo,
  deliverVillageOutbox,
  houseInGrid1,
  personWithTags,
  recorded,
  villageObject,
  visitBody,
} from "./visits-fixtures";

type Reported = { caseId: string; input: { visitId: string; needIndex: number; principal: Principal; links: unknown } };
const reported = () => (env.CASES as unknown as { reported(): Promise<Reported[]> }).reported();
const post = (body: unknown, principal: Principal = who.gridWorker) =>
  call(principal, "POST", "/v1/basedata/visits", body);
const problem = async (res: Response) => (await res.json()) as { errors?: { field: string }[] };
const GRID_1_CODE = "440703001001001";
const workerOfBoth = { ...who.gridWorker, sub: "t-worker-both", grids: [GRID_1_CODE, "440703001001002"] };

describe("recording a visit (走访)", () => {
  it("a worker records a visit to a person of their grid; it is listed for them and for the agency", async () => {
    const person = await personWithTags(GRID_1_CODE);
    const visit = await recorded(visitBody(person));
    expect(visit).toMatchObject({
      villageCode: VILLAGE,
      gridCode: GRID_1_CODE,
      workerSub: "t-worker",
      targetId: person,
    });
    expect(visit.id).toMatch(/^vi-440703001001-\d{6}$/);
    for (const reader of [who.gridWorker, who.villageAgency, who.countyAgency]) {
      const res = await call(reader, "GET", `/v1/basedata/visits?villageCode=${VILLAGE}&targetId=${person}`);
      expect(res.status).toBe(200);
      expect((await res.json<{ items: Visit[] }>()).items.map((v) => v.id)).toEqual([visit.id]);
    }
    expect((await call(who.gridWorker, "GET", `/v1/basedata/visits/${visit.id}`)).status).toBe(200);
  });

  it("each need with openCase opens exactly one case, written back on the visit; a house target links it", async () => {
    const house = await houseInGrid1();
    const before = (await reported()).length;
    const visit = await recorded(
      visitBody(house, {
        targetKind: "house",
        needs: [
          { text: "楼道灭火器过期", openCase: { title: "灭火器过期", categoryCode: "A01" } },
          { text: "老人想了解低保政策" },
          { text: "电线私拉乱接", openCase: { title: "电线私拉", categoryCode: "A02", description: "三楼" } },
        ],
      }),
    );
    await deliverVillageOutbox();
    await deliverVillageOutbox(); // a second delivery run opens nothing more
    const mine = (await reported()).filter((r) => r.input.visitId === visit.id);
    expect((await reported()).length - before).toBe(2);
    expect(mine.map((r) => r.input.needIndex).sort()).toEqual([0, 2]);
    expect(mine[0]!.input.principal.sub).toBe("t-worker");
    expect(mine[0]!.input.links).toEqual([
      { kind: "visit", id: visit.id },
      { kind: "house", id: house },
    ]);
    const after = await (await call(who.gridWorker, "GET", `/v1/basedata/visits/${visit.id}`)).json<Visit>();
    expect(after.needs.map((n) => n.caseId)).toEqual([
      mine.find((r) => r.input.needIndex === 0)!.caseId,
      null,
      mine.find((r) => r.input.needIndex === 2)!.caseId,
    ]);
    const linked = await runInDurableObject(villageObject(), (_i, s) =>
      s.storage.sql.exec<{ case_id: string }>("SELECT case_id FROM house_cases WHERE house_id = ?", house).toArray(),
    );
    expect(linked.map((r) => r.case_id).sort()).toEqual(mine.map((r) => r.caseId).sort());
  });

  it("a need cases refuses keeps the refusal on the visit and leaves the outbox", async () => {
    const person = await personWithTags(GRID_1_CODE);
    const openCase = { title: "代收税费", categoryCode: "F01" };
    const visit = await recorded(visitBody(person, { needs: [{ text: "请网格员代收税费", openCase }] }));
    await deliverVillageOutbox();
    const after = await (await call(who.gridWorker, "GET", `/v1/basedata/visits/${visit.id}`)).json<Visit>();
    expect(after.needs[0]).toMatchObject({ caseId: null, caseRefusal: expect.stringContaining("forbidden list") });
  });

  it("a worker's sync retried with the same Idempotency-Key records the visit once", async () => {
    const person = await personWithTags(GRID_1_CODE);
    const body = visitBody(person);
    const headers = { "idempotency-key": `visit-sync-${person}` };
    const first = await call(who.gridWorker, "POST", "/v1/basedata/visits", body, headers);
    const again = await call(who.gridWorker, "POST", "/v1/basedata/visits", body, headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect((await again.json<Visit>()).id).toBe((await first.json<Visit>()).id);
    const list = await call(who.gridWorker, "GET", `/v1/basedata/visits?villageCode=${VILLAGE}&targetId=${person}`);
    expect((await list.json<{ items: Visit[] }>()).items).toHaveLength(1);
  });

  it("refuses a point outside the worker's grids (403) or outside every grid (422), naming body.lng", async () => {
    const person = await personWithTags(GRID_1_CODE);
    const other = await post(visitBody(person, GRID_2));
    expect(other.status).toBe(403);
    expect((await problem(other)).errors?.[0]?.field).toBe("body.lng");
    const nowhere = await post(visitBody(person, { lng: 100, lat: 30 }));
    expect(nowhere.status).toBe(422);
    expect((await problem(nowhere)).errors?.[0]?.field).toBe("body.lng");
  });

  it("refuses a target in another grid than the worker's (403 on body.targetId), an unknown one (422)", async () => {
    const inGrid2 = await personWithTags("440703001001002");
    const res = await post(visitBody(inGrid2));
    expect(res.status).toBe(403);
    expect((await problem(res)).errors?.[0]?.field).toBe("body.targetId");
    const unknown = await post(visitBody(`pe-${VILLAGE}-899999`));
    expect(unknown.status).toBe(422);
    expect((await problem(unknown)).errors?.[0]?.field).toBe("body.targetId");
  });

  it("refuses a visit 8 days old or in the future, and a target id of the wrong kind, naming the field", async () => {
    const person = await personWithTags(GRID_1_CODE);
    for (const visitedAt of [daysAgo(8), daysAgo(-1)]) {
      const res = await post(visitBody(person, { visitedAt }));
      expect(res.status).toBe(422);
      expect((await problem(res)).errors?.[0]?.field).toBe("body.visitedAt");
    }
    expect((await post(visitBody(person, { visitedAt: daysAgo(6.9) }))).status).toBe(201);
    const wrongKind = await post(visitBody(person, { targetKind: "house" }));
    expect((await problem(wrongKind)).errors?.[0]?.field).toBe("body.targetId");
  });

  it("a planned visit names a tag the person holds", async () => {
    const person = await personWithTags(GRID_1_CODE, [{ kind: "elderly_alone", start: "2026-01-01" }]);
    expect((await post(visitBody(person, { tagKind: "elderly_alone" }))).status).toBe(201);
    const res = await post(visitBody(person, { tagKind: "community_correction" }));
    expect(res.status).toBe(422);
    expect((await problem(res)).errors?.[0]?.field).toBe("body.tagKind");
  });
});

describe("who may record and read visits", () => {
  it("only grid workers record visits (no agency, department or administrator); others cannot read them", async () => {
    const person = await personWithTags(GRID_1_CODE);
    for (const p of [who.villageAgency, who.countyAgency, who.department, who.resident, who.admin])
      expect((await post(visitBody(person), p)).status).toBe(403);
    const visit = await recorded(visitBody(person));
    for (const p of [who.otherCountyAgency, who.worker2, who.department, who.resident])
      expect((await call(p, "GET", `/v1/basedata/visits/${visit.id}`)).status).toBe(403);
    expect((await call(who.otherCountyAgency, "GET", `/v1/basedata/visits?villageCode=${VILLAGE}`)).status).toBe(403);
    expect((await call(who.worker2, "GET", `/v1/basedata/visits?gridCode=${GRID_1_CODE}`)).status).toBe(403);
    const own = await call(who.worker2, "GET", `/v1/basedata/visits?villageCode=${VILLAGE}`);
    expect((await own.json<{ items: Visit[] }>()).items.filter((v) => v.gridCode === GRID_1_CODE)).toEqual([]);
  });

  it("a worker of 新会 cannot visit 蓬江 records, nor record at a 新会 point against them", async () => {
    const person = await personWithTags(GRID_1_CODE);
    const xinhuiWorker = {
      sub: "t-xh",
      roles: ["grid_worker"],
      divisionCode: "440705001001",
      grids: ["440705001001001"],
    };
    const res = await post(visitBody(person, XINHUI), xinhuiWorker as Principal);
    expect(res.status).toBe(403);
    expect((await problem(res)).errors?.[0]?.field).toBe("body.targetId");
    const both = await post(visitBody(person, XINHUI), { ...workerOfBoth, grids: [GRID_1_CODE, "440705001001001"] });
    expect(both.status).toBe(422);
    expect((await problem(both)).errors?.[0]?.field).toBe("body.lng");
  });

  it("a sensitive group's tag kind is shown to the grid's workers, never to agency staff", async () => {
    const person = await personWithTags(GRID_1_CODE, [{ kind: "community_correction", start: "2026-01-01" }]);
    const visit = await recorded(visitBody(person, { tagKind: "community_correction" }));
    expect(visit.tagKind).toBe("community_correction");
    const asWorker = await (await call(who.gridWorker, "GET", `/v1/basedata/visits/${visit.id}`)).json<Visit>();
    expect(asWorker.tagKind).toBe("community_correction");
    for (const agency of [who.villageAgency, who.countyAgency]) {
      const one = await (await call(agency, "GET", `/v1/basedata/visits/${visit.id}`)).json<Visit>();
      expect(one.tagKind).toBeNull();
      const list = await call(agency, "GET", `/v1/basedata/visits?villageCode=${VILLAGE}&targetId=${person}`);
      expect(JSON.stringify(await list.json())).not.toContain("community_correction");
    }
  });
});
