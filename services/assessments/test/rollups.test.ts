// Issue 17: a day's rollup recomputes the whole day of a county, so the consumers roll a day up at most once per
// ROLLUP_EVERY_S and leave the rest to the minute cron (rollups.ts rollupSoon). The suites run with 0 (see
// vitest.config.ts); here the consumer gets an interval of a minute, as deployed.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { consumeCaseEvents } from "../src/queue/case-events";
import { rollupEveryMs } from "../src/rollups";
import { caseEvent } from "./helpers";
import { shardOf } from "./shards";

const DAY = "2026-10-05";
const PJ = shardOf("440703000000");
const asDeployed = { ...env, ROLLUP_EVERY_S: "60" };

async function deliver(events: unknown[], over = asDeployed) {
  const batch = createMessageBatch(
    "civicgrid-case-events-assessments",
    events.map((body, i) => ({ id: `r-${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await consumeCaseEvents(over, batch);
  return getQueueResult(batch, ctx);
}

const reported = (caseId: string, hour: number) =>
  caseEvent("case.reported", 1, `${DAY}T0${hour}:00:00Z`, {
    caseId,
    actor: { sub: "t-rollup-worker", role: "grid_worker", unit: "440703001001" },
  });

async function workerFacts(): Promise<{ reported: number } | null> {
  return PJ.prepare("SELECT cases_reported AS reported FROM worker_day_facts WHERE sub = 't-rollup-worker' AND day = ?")
    .bind(DAY)
    .first<{ reported: number }>();
}

const run = () =>
  PJ.prepare("SELECT computed_at, dirty_since FROM fact_runs WHERE day = ?")
    .bind(DAY)
    .first<{ computed_at: string; dirty_since: string | null }>();

describe("the consumers' rollups, at most one a day per interval (issue 17)", () => {
  it("rolls up a day at once the first time, marks it after that, and the minute cron rolls up what was marked", async () => {
    expect((await deliver([reported("rl-1", 1)])).outcome).toBe("ok");
    // Never rolled up before: rolled up now.
    expect(await workerFacts()).toMatchObject({ reported: 1 });
    const first = await run();
    expect(first?.dirty_since).toBeNull();

    // Within the interval: stored and marked, not rolled up (the facts still say one).
    expect((await deliver([reported("rl-2", 2), reported("rl-3", 3)])).outcome).toBe("ok");
    expect(await workerFacts()).toMatchObject({ reported: 1 });
    const marked = await run();
    expect(marked?.computed_at).toBe(first?.computed_at);
    expect(marked?.dirty_since).not.toBeNull();
    // A second mark keeps the first one's time.
    expect((await deliver([reported("rl-4", 4)])).outcome).toBe("ok");
    expect((await run())?.dirty_since).toBe(marked?.dirty_since);

    // The minute cron rolls up every marked day and clears the mark.
    const cron = await exports.default.runCron("* * * * *", Date.now());
    expect(cron).toMatchObject({ ran: true, result: { days: expect.arrayContaining([DAY]) } });
    expect(await workerFacts()).toMatchObject({ reported: 4 });
    expect((await run())?.dirty_since).toBeNull();

    // Nothing marked: the cron has nothing to do for the day.
    const idle = await exports.default.runCron("* * * * *", Date.now());
    expect(idle).toMatchObject({ ran: true, result: { days: expect.not.arrayContaining([DAY]) } });
  });

  it("rolls up again from a consumer once the interval has passed", async () => {
    const day = "2026-10-06";
    const event = (caseId: string) =>
      caseEvent("case.reported", 1, `${day}T01:00:00Z`, {
        caseId,
        actor: { sub: "t-rollup-later", role: "grid_worker", unit: "440703001001" },
      });
    const facts = () =>
      PJ.prepare("SELECT cases_reported AS reported FROM worker_day_facts WHERE sub = 't-rollup-later' AND day = ?")
        .bind(day)
        .first<{ reported: number }>();
    await deliver([event("rl-a")]);
    expect(await facts()).toMatchObject({ reported: 1 });
    // The day's last rollup made two minutes ago: the next batch rolls it up itself.
    await PJ.prepare("UPDATE fact_runs SET computed_at = ? WHERE day = ?")
      .bind(new Date(Date.now() - 120_000).toISOString(), day)
      .run();
    await deliver([event("rl-b")]);
    expect(await facts()).toMatchObject({ reported: 2 });
  });

  it("reads the interval from ROLLUP_EVERY_S (default 30 s; a value that is not a number of seconds falls back)", () => {
    expect(rollupEveryMs({})).toBe(30_000);
    expect(rollupEveryMs({ ROLLUP_EVERY_S: "0" })).toBe(0);
    expect(rollupEveryMs({ ROLLUP_EVERY_S: "90" })).toBe(90_000);
    expect(rollupEveryMs({ ROLLUP_EVERY_S: "soon" })).toBe(30_000);
    expect(rollupEveryMs({ ROLLUP_EVERY_S: "-5" })).toBe(30_000);
  });
});
