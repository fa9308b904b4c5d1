import { principals } from "@civicgrid/testing";
import type { Patrol, PatrolDay } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { get, send } from "./helpers";

const worker = principals.gridWorker; // serves 440703001001001
const isoMinusMin = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function startPatrol(startMinAgo: number, principal = worker): Promise<Patrol> {
  const res = await send(principal, "POST", "/v1/patrols", { at: isoMinusMin(startMinAgo) });
  expect(res.status).toBe(201);
  return res.json<Patrol>();
}

describe("check-in", () => {
  it("checks a worker in once a day; a second check-in answers the first", async () => {
    const first = await send(worker, "POST", "/v1/checkins", { lng: 113.005, lat: 22.505 });
    expect(first.status).toBe(201);
    const again = await send(worker, "POST", "/v1/checkins", {});
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
  });

  it("refuses check-in to a role that does not patrol", async () => {
    const res = await send(principals.department, "POST", "/v1/checkins", {});
    expect(res.status).toBe(403);
  });
});

describe("patrols", () => {
  it("counts a walk through the served grid via the registry, and refuses a second open patrol", async () => {
    const patrol = await startPatrol(40);
    expect((await send(worker, "POST", "/v1/patrols", {})).status).toBe(409);
    const points = Array.from({ length: 31 }, (_, i) => ({
      lng: 113.001 + i * 0.0002,
      lat: 22.505,
      at: isoMinusMin(35 - i),
    }));
    const res = await send(worker, "POST", `/v1/patrols/${patrol.id}/points`, { points });
    expect(res.status).toBe(200);
    const after = await res.json<Patrol>();
    expect(after).toMatchObject({ pointCount: 31, countedMinutes: 30, coveredGrids: ["440703001001001"], flags: [] });
    // The same batch again (a retried upload under a new key) adds nothing.
    const replay = await (await send(worker, "POST", `/v1/patrols/${patrol.id}/points`, { points })).json<Patrol>();
    expect(replay).toMatchObject({ pointCount: 31, countedMinutes: 30 });
    const ended = await (await send(worker, "POST", `/v1/patrols/${patrol.id}/end`, {})).json<Patrol>();
    expect(ended.status).toBe("ended");
    expect((await send(worker, "POST", `/v1/patrols/${patrol.id}/points`, { points })).status).toBe(409);

    const day = await (await get(worker, `/v1/patrols/days/${patrol.day}`)).json<PatrolDay>();
    expect(day).toMatchObject({
      checkedIn: patrol.day === today(),
      minimumMinutes: 120,
      metMinimum: false,
      coveredGrids: ["440703001001001"],
    });
    expect(day.patrolMinutes).toBeGreaterThanOrEqual(30);
  });

  it("flags a jump and points outside the served grids instead of counting them", async () => {
    const patrol = await startPatrol(20);
    const points = [
      { lng: 113.002, lat: 22.505, at: isoMinusMin(15) },
      { lng: 113.003, lat: 22.505, at: isoMinusMin(14) },
      { lng: 113.105, lat: 22.505, at: isoMinusMin(13) }, // ~10 km in a minute, in another county's grid
      { lng: 113.106, lat: 22.505, at: isoMinusMin(12) },
      { lng: 113.5, lat: 23.5, at: isoMinusMin(11) }, // outside every grid
    ];
    const after = await (await send(worker, "POST", `/v1/patrols/${patrol.id}/points`, { points })).json<Patrol>();
    expect(after.countedMinutes).toBe(1);
    expect(after.flags).toEqual([
      { flag: "outside_grids", segments: 1 },
      { flag: "speed", segments: 2 },
    ]);
    await send(worker, "POST", `/v1/patrols/${patrol.id}/end`, {});
  });

  it("names the bad field, and keeps patrols to their worker and the agencies over them", async () => {
    const patrol = await startPatrol(5);
    const bad = await send(worker, "POST", `/v1/patrols/${patrol.id}/points`, {
      points: [{ lng: 113, lat: 95, at: isoMinusMin(1) }],
    });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ errors: { field: string }[] }>()).errors[0]?.field).toBe("body.points.0.lat");
    const early = await send(worker, "POST", `/v1/patrols/${patrol.id}/points`, {
      points: [{ lng: 113, lat: 22.5, at: isoMinusMin(60) }],
    });
    expect((await early.json<{ errors: { field: string }[] }>()).errors[0]?.field).toBe("body.points.0.at");

    const other = { ...worker, sub: "t-worker-2" };
    expect((await send(other, "POST", `/v1/patrols/${patrol.id}/end`, {})).status).toBe(403);
    expect((await get(principals.countyAgency, `/v1/patrols/${patrol.id}`)).status).toBe(200);
    expect((await get(principals.otherCountyAgency, `/v1/patrols/${patrol.id}`)).status).toBe(403);
    expect((await get(principals.department, `/v1/patrols/${patrol.id}`)).status).toBe(403);
    expect((await get(principals.otherCountyAgency, `/v1/patrols/days/${today()}?sub=${worker.sub}`)).status).toBe(403);
    await send(worker, "POST", `/v1/patrols/${patrol.id}/end`, {});
  });

  it("flags a device left on a table as stationary", async () => {
    const patrol = await startPatrol(40);
    const points = Array.from({ length: 30 }, (_, i) => ({
      lng: 113.005 + (i % 2) * 0.00003,
      lat: 22.505,
      at: isoMinusMin(35 - i),
    }));
    const after = await (await send(worker, "POST", `/v1/patrols/${patrol.id}/points`, { points })).json<Patrol>();
    expect(after).toMatchObject({ countedMinutes: 0, flags: [{ flag: "stationary", segments: 29 }] });
    await send(worker, "POST", `/v1/patrols/${patrol.id}/end`, {});
  });
});
