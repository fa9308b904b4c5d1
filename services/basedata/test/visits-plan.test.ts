import type { BaseDataSettings, Principal, VisitPlan } from "@civicgrid/contracts";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { shanghaiDay } from "../src/domain/visit-plan";
import { call, deliverNow, VILLAGE, who } from "./helpers";
import { daysAgo, personWithTags, recorded, visitBody } from "./visits-fixtures";

const GRID_1 = "440703001001001";
const GRID_2 = "440703001001002";
const SETTINGS = "/v1/basedata/settings/440703000000";
const dayAgo = (n: number) => shanghaiDay(daysAgo(n));
const planOf = async (principal: Principal = who.gridWorker, query = `gridCode=${GRID_1}`) => {
  const res = await call(principal, "GET", `/v1/basedata/visit-plan?${query}`);
  expect(res.status).toBe(200);
  return res.json<VisitPlan>();
};

/** The county visits people under community correction weekly instead of monthly (its own rule). */
async function weeklyCorrection() {
  const current = await (await call(who.countyAgency, "GET", SETTINGS)).json<BaseDataSettings>();
  const body = { visitRules: { community_correction: { amount: 1, unit: "week" } }, retentionDays: 1095 };
  const res = await call(who.countyAgency, "PUT", SETTINGS, body, { "if-match": `"v${current.version}"` });
  expect(res.status).toBe(200);
}

describe("visit plans (走访计划)", () => {
  it("due and overdue under the county's rule; a visit makes the person ok again", async () => {
    await weeklyCorrection();
    const overdue = await personWithTags(GRID_1, [{ kind: "community_correction", start: dayAgo(10) }], "李四");
    const due = await personWithTags(GRID_1, [{ kind: "elderly_alone", start: dayAgo(5) }], "王老五");
    const ok = await personWithTags(GRID_1, [{ kind: "low_income", start: dayAgo(5) }]);
    const unplanned = await personWithTags(GRID_1, [{ kind: "veteran", start: dayAgo(400) }]);
    const plan = await planOf();
    const entry = (id: string) => plan.entries.find((e) => e.personId === id);
    expect(entry(overdue)).toMatchObject({ status: "overdue", dueOn: dayAgo(3), name: "李*" });
    expect(entry(due)).toMatchObject({ status: "due", dueOn: dayAgo(-2), name: "王*五", tagKind: "elderly_alone" });
    expect(entry(ok)?.status).toBe("ok");
    expect(entry(unplanned)).toBeUndefined();

    const visit = visitBody(overdue, { tagKind: "community_correction" });
    await recorded(visit);
    const after = (await planOf()).entries.find((e) => e.personId === overdue);
    // The visit's own day in Shanghai (an hour ago is yesterday in the first hour after midnight), and a week on.
    const visited = Date.parse(visit.visitedAt as string);
    expect(after).toMatchObject({
      status: "ok",
      lastVisitOn: shanghaiDay(new Date(visited).toISOString()),
      dueOn: shanghaiDay(new Date(visited + 7 * 86_400_000).toISOString()),
    });
  });

  it("a worker sees only their grids; an agency counts every kind but names only non-sensitive groups", async () => {
    const inGrid2 = await personWithTags(GRID_2, [{ kind: "elderly_alone", start: dayAgo(30) }]);
    const sensitive = await personWithTags(GRID_1, [{ kind: "drug_user", start: dayAgo(40) }]);
    const open = await personWithTags(GRID_1, [{ kind: "elderly_alone", start: dayAgo(30) }]);
    const worker = await planOf(who.gridWorker, `villageCode=${VILLAGE}`);
    expect(worker.entries.some((e) => e.personId === inGrid2)).toBe(false);
    expect(worker.entries.some((e) => e.personId === sensitive)).toBe(true);
    expect((await call(who.gridWorker, "GET", `/v1/basedata/visit-plan?gridCode=${GRID_2}`)).status).toBe(403);
    const agency = await planOf(who.countyAgency, `villageCode=${VILLAGE}`);
    expect(agency.entries.some((e) => e.personId === sensitive)).toBe(false);
    expect(agency.entries.some((e) => e.personId === open)).toBe(true);
    expect(agency.entries.some((e) => e.personId === inGrid2)).toBe(true);
    expect(agency.counts.find((c) => c.gridCode === GRID_1 && c.tagKind === "drug_user")?.overdue).toBeGreaterThan(0);
    for (const p of [who.otherCountyAgency, who.department, who.worker2])
      expect((await call(p, "GET", `/v1/basedata/visit-plan?gridCode=${GRID_1}`)).status).toBe(403);
  });
});

describe("the daily visit-plan job", () => {
  it("writes each grid's due and overdue into grid_counts, leaving the other counts alone, once per day", async () => {
    await personWithTags(GRID_1, [{ kind: "elderly_alone", start: dayAgo(30) }]);
    const select = "SELECT grid_code, registered, visits_due, visits_overdue, version FROM grid_counts";
    type CountRow = {
      grid_code: string;
      registered: number;
      visits_due: number;
      visits_overdue: number;
      version: number;
    };
    // The other count columns belong to the village's own count push: it lands first, and the job leaves it alone.
    await deliverNow(VILLAGE);
    const before = (await env.DB.prepare(select).all<CountRow>()).results;
    expect(before.find((r) => r.grid_code === GRID_1)!.registered).toBeGreaterThan(0);
    const first = await exports.default.runCron("0 19 * * *", Date.now());
    expect(first).toMatchObject({ ran: true, result: { "visit-plans": { villages: 1 } } });
    const counts = (await planOf(who.villageAgency, `villageCode=${VILLAGE}`)).counts;
    const expected = (grid: string) =>
      counts
        .filter((c) => c.gridCode === grid)
        .reduce((t, c) => ({ due: t.due + c.due, overdue: t.overdue + c.overdue }), { due: 0, overdue: 0 });
    const rows = (await env.DB.prepare(select).all<CountRow>()).results;
    for (const was of before) {
      const now = rows.find((r) => r.grid_code === was.grid_code)!;
      expect(now).toMatchObject({ registered: was.registered, version: was.version });
      expect(now).toMatchObject({
        visits_due: expected(was.grid_code).due,
        visits_overdue: expected(was.grid_code).overdue,
      });
    }
    expect(rows.find((r) => r.grid_code === GRID_1)!.visits_overdue).toBeGreaterThan(0);
    const again = await exports.default.runCron("0 19 * * *", Date.now());
    expect(again).toMatchObject({ ran: true, result: { "visit-plans": { villages: 1 } } });
  });
});
