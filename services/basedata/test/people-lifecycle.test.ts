import type { FieldChange, PersonView, Submission } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { call, houseInGrid, idNumberOf, registered, submitChange, who } from "./helpers";

const person = async (id: string) =>
  (await call(who.villageAgency, "GET", `/v1/basedata/people/${id}`)).json<PersonView>();
const history = async (id: string) =>
  (await (await call(who.villageAgency, "GET", `/v1/basedata/records/${id}/history`)).json<{ items: FieldChange[] }>())
    .items;
const enter = async (change: Parameters<typeof submitChange>[1]) => {
  const res = await submitChange(who.villageAgency, change, { verifyNow: true });
  return { status: res.status, body: await res.json<Submission & { errors?: { field: string }[] }>() };
};

describe("people: moves, departures and deaths keep their history", () => {
  it("a move ends the residence the day before, starts the new one, and the grid follows", async () => {
    const [from, to] = [await houseInGrid(1), await houseInGrid(2)];
    const id = await registered(idNumberOf("440703", "19700303", "131"), from);
    const early = await enter({
      kind: "person.move",
      personId: id,
      residence: { houseId: to, mode: "rent", since: "2019-12-31" },
    });
    expect(early.status).toBe(422);
    expect(early.body.errors?.[0]?.field).toBe("body.change.residence.since");
    const moved = await enter({
      kind: "person.move",
      personId: id,
      residence: { houseId: to, mode: "rent", since: "2026-05-01" },
    });
    expect(moved.status).toBe(201);
    expect(moved.body.gridCode).toBe("440703001001002");
    const p = await person(id);
    expect(p.gridCode).toBe("440703001001002");
    expect(p.residences).toEqual([
      { houseId: from, mode: "own", since: "2020-01-01", until: "2026-04-30" },
      { houseId: to, mode: "rent", since: "2026-05-01", until: null },
    ]);
    const grid = (await history(id)).filter((h) => h.field === "gridCode");
    expect(grid.map((h) => [h.previous, h.value])).toEqual([
      [null, "440703001001001"],
      ["440703001001001", "440703001001002"],
    ]);
    // The worker of grid 1 no longer reaches the person; the worker of grid 2 does.
    expect((await call(who.gridWorker, "GET", `/v1/basedata/people/${id}`)).status).toBe(403);
    expect((await call(who.worker2, "GET", `/v1/basedata/people/${id}`)).status).toBe(200);
  });

  it("moving out and dying: status, day, residence ended, history kept; a second departure is blocked", async () => {
    const house = await houseInGrid();
    const a = await registered(idNumberOf("440703", "19500101", "141"), house);
    const b = await registered(idNumberOf("440703", "19520101", "152"), house);
    expect(
      (await enter({ kind: "person.move-out", personId: a, date: "2026-07-01", destination: "广州" })).status,
    ).toBe(201);
    expect((await enter({ kind: "person.death", personId: b, date: "2026-08-15" })).status).toBe(201);
    expect(await person(a)).toMatchObject({ status: "moved_out", goneOn: "2026-07-01", destination: "广州" });
    const dead = await person(b);
    expect(dead).toMatchObject({ status: "deceased", goneOn: "2026-08-15" });
    expect(dead.residences[0]?.until).toBe("2026-08-15");
    expect((await history(b)).find((h) => h.field === "status")).toBeDefined();
    expect((await history(b)).filter((h) => h.field === "status").map((h) => h.value)).toEqual(["present", "deceased"]);
    const again = await submitChange(who.gridWorker, { kind: "person.death", personId: a, date: "2026-09-01" });
    expect((await again.json<Submission>()).conflicts).toEqual([
      expect.objectContaining({ code: "person_gone", blocking: true }),
    ]);
  });

  it("a new phone is sealed again and answered masked; the history keeps masks only", async () => {
    const house = await houseInGrid();
    const id = await registered(idNumberOf("440703", "19800808", "181"), house, { phone: "13900001111" });
    const res = await enter({ kind: "person.update", personId: id, phone: "13900002222", name: "陈改名" });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain("13900002222");
    expect(await person(id)).toMatchObject({ phone: "139****2222", name: "陈改名" });
    const phones = (await history(id)).filter((h) => h.field === "phone");
    expect(phones.map((h) => [h.previous, h.value])).toEqual([
      [null, "139****1111"],
      ["139****1111", "139****2222"],
    ]);
  });

  it("tags: one open tag of a kind, a reason and a source; ended with its reason", async () => {
    const house = await houseInGrid();
    const id = await registered(idNumberOf("440703", "19400404", "191"), house);
    const tag = { kind: "tag.add" as const, personId: id, tagKind: "elderly_alone" as const, reason: "子女在外地" };
    const first = await enter({ ...tag, source: "网格员走访", start: "2026-01-01" });
    expect(first.status).toBe(201);
    const second = await submitChange(who.gridWorker, { ...tag, source: "社区登记", start: "2026-02-01" });
    expect((await second.json<Submission>()).conflicts).toEqual([
      expect.objectContaining({ code: "tag_open", recordId: first.body.recordId, blocking: true }),
    ]);
    const ended = await enter({ kind: "tag.end", tagId: first.body.recordId!, end: "2026-06-30", reason: "子女返乡" });
    expect(ended.status).toBe(201);
    const endedTwice = await enter({ kind: "tag.end", tagId: first.body.recordId!, end: "2026-07-30", reason: "重复" });
    expect(endedTwice.status).toBe(422);
    expect((await person(id)).tags).toEqual([
      expect.objectContaining({ kind: "elderly_alone", end: "2026-06-30", endReason: "子女返乡" }),
    ]);
    expect((await enter({ ...tag, source: "社区登记", start: "2026-08-01" })).status).toBe(201);
  });
});
