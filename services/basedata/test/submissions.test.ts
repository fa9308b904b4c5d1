import type { Submission } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { call, doorInGrid1, GRID_1, GRID_2, key, submitChange, VILLAGE, who, XINHUI } from "./helpers";

describe("submissions: collection (采集) and verification (核查)", () => {
  it("a grid worker's change waits for the agency; approved, it enters the base with its history", async () => {
    const { road } = await doorInGrid1();
    const res = await submitChange(who.gridWorker, {
      kind: "address.create",
      level: "door",
      parentId: road,
      name: "8号",
      ...GRID_1,
    });
    expect(res.status).toBe(201);
    const pending = await res.json<Submission>();
    expect(pending).toMatchObject({ status: "pending", gridCode: "440703001001001", recordId: null, conflicts: [] });

    const approved = await call(who.villageAgency, "POST", `/v1/basedata/submissions/${pending.id}/decision`, {
      decision: "approve",
    });
    expect(approved.status).toBe(200);
    const done = await approved.json<Submission>();
    expect(done).toMatchObject({ status: "approved", decidedBy: who.villageAgency.sub, version: 2 });
    expect(done.recordId).toMatch(/^ad-440703001001-\d{6}$/);

    const history = await call(who.villageAgency, "GET", `/v1/basedata/records/${done.recordId}/history`);
    const { items } = await history.json<{ items: { field: string; value: string; source: string; by: string }[] }>();
    expect(items.find((i) => i.field === "name")).toMatchObject({
      value: "8号",
      source: `submission:${pending.id}`,
      by: who.villageAgency.sub,
    });
  });

  it("the same address entered twice is found, not kept twice: a blocking conflict names the one already kept", async () => {
    const { road, door } = await doorInGrid1();
    // Full-width digits and a space: the same address once normalised.
    const res = await submitChange(who.gridWorker, {
      kind: "address.create",
      level: "door",
      parentId: road,
      name: "１ 号",
      ...GRID_1,
    });
    const dup = await res.json<Submission>();
    expect(dup.conflicts).toEqual([
      expect.objectContaining({ code: "duplicate_address", recordId: door, blocking: true }),
    ]);
    const approve = await call(who.villageAgency, "POST", `/v1/basedata/submissions/${dup.id}/decision`, {
      decision: "approve",
    });
    expect(approve.status).toBe(409);
  });

  it("a rejection says why; the submitter may withdraw, nobody else; nobody verifies their own later", async () => {
    const { road } = await doorInGrid1();
    const change = { kind: "address.create" as const, level: "door" as const, parentId: road, name: "9号", ...GRID_1 };
    const first = await (await submitChange(who.gridWorker, change)).json<Submission>();
    const noReason = await call(who.villageAgency, "POST", `/v1/basedata/submissions/${first.id}/decision`, {
      decision: "reject",
    });
    expect(noReason.status).toBe(422);
    expect((await noReason.json<{ errors: { field: string }[] }>()).errors[0]?.field).toBe("body.note");
    const rejected = await call(who.villageAgency, "POST", `/v1/basedata/submissions/${first.id}/decision`, {
      decision: "reject",
      note: "门牌号与实地不符",
    });
    expect((await rejected.json<Submission>()).status).toBe("rejected");

    const second = await (await submitChange(who.gridWorker, change)).json<Submission>();
    expect((await call(who.worker2, "POST", `/v1/basedata/submissions/${second.id}/withdraw`)).status).toBe(403);
    const withdrawn = await call(who.gridWorker, "POST", `/v1/basedata/submissions/${second.id}/withdraw`);
    expect((await withdrawn.json<Submission>()).status).toBe("withdrawn");

    const own = await (await submitChange(who.villageAgency, { ...change, name: "10号" })).json<Submission>();
    const self = await call(who.villageAgency, "POST", `/v1/basedata/submissions/${own.id}/decision`, {
      decision: "approve",
    });
    expect(self.status).toBe(403);
    const other = await call(who.villageClerk, "POST", `/v1/basedata/submissions/${own.id}/decision`, {
      decision: "approve",
    });
    expect(other.status).toBe(200);
  });

  it("a grid worker cannot verify, nor verify now; a stale If-Match is refused", async () => {
    const { road } = await doorInGrid1();
    const change = { kind: "address.create" as const, level: "door" as const, parentId: road, name: "11号", ...GRID_1 };
    expect((await submitChange(who.gridWorker, change, { verifyNow: true })).status).toBe(422);
    const s = await (await submitChange(who.gridWorker, change)).json<Submission>();
    expect(
      (await call(who.gridWorker, "POST", `/v1/basedata/submissions/${s.id}/decision`, { decision: "approve" })).status,
    ).toBe(403);
    const stale = await call(
      who.villageAgency,
      "POST",
      `/v1/basedata/submissions/${s.id}/decision`,
      { decision: "approve" },
      {
        "if-match": '"v7"',
      },
    );
    expect(stale.status).toBe(412);
  });

  it("an Idempotency-Key makes a retried submission one submission", async () => {
    const { road } = await doorInGrid1();
    const change = { kind: "address.create" as const, level: "door" as const, parentId: road, name: "12号", ...GRID_1 };
    const k = key();
    const body = { villageCode: VILLAGE, change, verifyNow: false };
    const a = await (
      await call(who.gridWorker, "POST", "/v1/basedata/submissions", body, { "idempotency-key": k })
    ).json<Submission>();
    const b = await (
      await call(who.gridWorker, "POST", "/v1/basedata/submissions", body, { "idempotency-key": k })
    ).json<Submission>();
    expect(b.id).toBe(a.id);
  });
});

describe("submissions: places and jurisdiction", () => {
  it("a point outside the village, outside every grid, or in a grid the worker does not serve is refused", async () => {
    const { road } = await doorInGrid1();
    const door = (name: string, point: { lng: number; lat: number }) =>
      submitChange(who.gridWorker, { kind: "address.create", level: "door", parentId: road, name, ...point });
    const xinhui = await door("20号", XINHUI);
    expect(xinhui.status).toBe(403);
    const nowhere = await submitChange(who.villageAgency, {
      kind: "address.create",
      level: "door",
      parentId: road,
      name: "21号",
      lng: 113.5,
      lat: 22.9,
    });
    expect(nowhere.status).toBe(422);
    expect((await nowhere.json<{ errors: { field: string }[] }>()).errors[0]?.field).toBe("body.change.lng");
    expect((await door("22号", GRID_2)).status).toBe(403);
  });

  it("ids of another village, of the wrong kind, unknown, or outside the caller's reach are refused naming the field", async () => {
    const foreign = await submitChange(who.villageAgency, {
      kind: "address.create",
      level: "door",
      parentId: "ad-440705001001-000001",
      name: "1号",
      ...GRID_1,
    });
    expect(foreign.status).toBe(422);
    expect((await foreign.json<{ errors: { field: string }[] }>()).errors[0]?.field).toBe("body.change.parentId");
    const unknown = await submitChange(who.villageAgency, {
      kind: "address.create",
      level: "door",
      parentId: "ad-440703001001-999999",
      name: "1号",
      ...GRID_1,
    });
    expect(unknown.status).toBe(422);
    const { road } = await doorInGrid1();
    const otherCounty = await submitChange(who.otherCountyAgency, {
      kind: "address.create",
      level: "door",
      parentId: road,
      name: "30号",
      ...GRID_1,
    });
    expect(otherCounty.status).toBe(403);
  });

  it("every role of another county, and roles without the right, are refused reading a village's submissions", async () => {
    await doorInGrid1();
    for (const p of [who.otherCountyAgency, who.hr, who.resident, who.department]) {
      const res = await call(p, "GET", `/v1/basedata/submissions?villageCode=${VILLAGE}`);
      expect(res.status, p.sub).toBe(403);
    }
    const mine = await call(who.gridWorker, "GET", `/v1/basedata/submissions?villageCode=${VILLAGE}`);
    const page = await mine.json<{ items: Submission[] }>();
    expect(page.items.every((s) => s.gridCode === "440703001001001")).toBe(true);
  });
});
