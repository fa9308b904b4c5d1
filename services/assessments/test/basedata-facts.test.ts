import { QUEUES, type EventEnvelope, type MonthlyReport, type RankingRow } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { consumeBasedataEvents } from "../src/queue/basedata-events";
import { get, send } from "./helpers";
import { shardOf } from "./shards";

let seq = 0;
function visit(workerSub: string, visitedAt: string, village = "440703001001"): EventEnvelope {
  const visitId = `vi-${village}-${String(++seq).padStart(6, "0")}`;
  return {
    id: `basedata.visit.recorded:${visitId}:1`,
    type: "basedata.visit.recorded",
    source: `basedata/${village}`,
    aggregateId: visitId,
    version: 1,
    occurredAt: visitedAt,
    data: {
      visitId,
      workerSub,
      gridCode: `${village}001`,
      villageCode: village,
      targetKind: "person",
      tagKind: null,
      visitedAt,
    },
  };
}
function approved(submittedBy: string, at: string): EventEnvelope {
  const id = `su-440703001001-${String(++seq).padStart(6, "0")}`;
  return {
    id: `basedata.submission.approved:${id}:2`,
    type: "basedata.submission.approved",
    source: "basedata/440703001001",
    aggregateId: id,
    version: 2,
    occurredAt: at,
    data: { submissionId: id, kind: "address.create", recordId: null, gridCode: "440703001001001", submittedBy },
  };
}

async function consume(bodies: unknown[]) {
  const batch = createMessageBatch(
    QUEUES.basedataAssessments,
    bodies.map((body, i) => ({ id: `m-${i}-${++seq}`, timestamp: new Date(), attempts: 1, body })),
  );
  await consumeBasedataEvents(env, batch);
  return getQueueResult(batch, createExecutionContext());
}

const facts = (sub: string) =>
  shardOf("440703000000")
    .prepare("SELECT day, visits, collection_approved FROM worker_day_facts WHERE sub = ? ORDER BY day")
    .bind(sub)
    .all<{ day: string; visits: number; collection_approved: number }>();

describe("base data in the assessments (Gansu 四: 走访, 采集上报)", () => {
  it("counts visits per worker and Shanghai day, and approved submissions for their submitter, once", async () => {
    const events = [
      visit("t-worker", "2026-10-12T01:00:00Z"),
      visit("t-worker", "2026-10-12T15:30:00Z"), // 23:30 in Shanghai, still the 12th
      visit("t-worker", "2026-10-12T16:30:00Z"), // 00:30 on the 13th
      approved("t-worker", "2026-10-12T03:00:00Z"),
    ];
    const result = await consume([...events, events[0]]);
    expect(result.explicitAcks).toHaveLength(5);
    await consume(events); // redelivered: nothing counted twice
    expect((await facts("t-worker")).results).toEqual([
      { day: "2026-10-12", visits: 2, collection_approved: 1 },
      { day: "2026-10-13", visits: 1, collection_approved: 0 },
    ]);
  });

  it("the monthly ranking and the monthly report show the figures, leaving the scores as they were", async () => {
    await consume([
      visit("t-worker-2", "2026-10-20T02:00:00Z"),
      visit("t-worker-xh", "2026-10-20T02:00:00Z", "440705001001"),
    ]);
    const res = await send(principals.countyAgency, "POST", "/v1/assessments/recompute", {
      kind: "month",
      period: "2026-10",
    });
    expect(res.status).toBe(200);
    const page = await (
      await get(principals.countyAgency, "/v1/rankings?kind=worker&period=2026-10&divisionCode=440703000000")
    ).json<{ items: RankingRow[] }>();
    const row = page.items.find((r) => r.subjectId === "t-worker")!;
    expect(row.components.find((c) => c.indicator === "visits")).toMatchObject({ value: 3, weight: 0 });
    expect(row.components.find((c) => c.indicator === "collection_approved")).toMatchObject({ value: 1, weight: 0 });
    const weighted = row.components.filter((c) => c.weight > 0);
    const weights = weighted.reduce((t, c) => t + c.weight, 0);
    const score = weighted.reduce((t, c) => t + c.score * c.weight, 0) / weights;
    expect(row.score).toBeCloseTo(score, 1); // the figures weigh nothing (yet): scores move only with indicators
    expect(page.items.some((r) => r.subjectId === "t-worker-xh")).toBe(false);
    const report = await (
      await get(principals.countyAgency, "/v1/reports/monthly?divisionCode=440703000000&month=2026-10")
    ).json<MonthlyReport>();
    expect(report.collection).toEqual({ visits: 4, collectionApproved: 1 });
    const other = await (
      await get(principals.otherCountyAgency, "/v1/reports/monthly?divisionCode=440705000000&month=2026-10")
    ).json<MonthlyReport>();
    expect(other.collection).toEqual({ visits: 1, collectionApproved: 0 });
    expect(
      (await get(principals.otherCountyAgency, "/v1/reports/monthly?divisionCode=440703000000&month=2026-10")).status,
    ).toBe(403);
  });

  it("an unreadable base-data event is retried toward the dead letters; other types are acknowledged", async () => {
    const bad = { ...visit("t-worker", "2026-10-21T02:00:00Z"), data: { visitId: "x" } };
    const other = { ...visit("t-worker", "2026-10-21T02:00:00Z"), type: "basedata.visit.reminder" };
    const result = await consume([bad, other]);
    expect(result.retryMessages).toHaveLength(1);
    expect(result.explicitAcks).toHaveLength(1);
  });
});
