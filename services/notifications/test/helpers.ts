import type { CaseEventData, EventEnvelope } from "@civicgrid/contracts";
import { createExecutionContext, getQueueResult } from "cloudflare:test";
import { watchedBatch } from "@civicgrid/testing";
import { env } from "cloudflare:workers";
import { pushChannels } from "../src/channels";
import type { Env } from "../src/env";
import { handleQueue } from "../src/queue";

let sequence = 0;

/** A case event as the cases service publishes it, with a fresh case id unless given. */
export function caseEvent(
  type: string,
  data: Partial<CaseEventData> = {},
  occurredAt = new Date().toISOString(),
): EventEnvelope {
  const caseId = data.caseId ?? `CASE-20260315-${String(++sequence).padStart(10, "A")}`;
  const body: CaseEventData = {
    caseId,
    status: "dispatched",
    previousStatus: "accepted",
    title: "占道经营影响通行",
    categoryCode: "urban.street",
    priority: "normal",
    source: "grid_worker",
    gridCode: "440703001001001",
    villageCode: "440703001001",
    townshipCode: "440703001000",
    countyCode: "440703000000",
    holderDivisionCode: "440703001000",
    leadDepartmentId: null,
    assistingDepartmentIds: [],
    actor: { sub: "t-township", role: "agency", unit: "440703001000" },
    step: "handle",
    dueAt: "2026-03-20T09:30:00.000Z",
    warnAt: "2026-03-19T09:30:00.000Z",
    responsibleUnit: null,
    ...data,
  };
  return {
    id: `${caseId}:${++sequence}`,
    type,
    source: "cases",
    aggregateId: caseId,
    version: sequence,
    occurredAt,
    data: body,
  };
}

/** Runs one queue batch through the service's queue handler and answers the acks and retries. */
export async function runBatch(queue: string, bodies: unknown[], overrides: Partial<Env> = {}) {
  const { batch, delays } = watchedBatch(queue, bodies);
  const ctx = createExecutionContext();
  const testEnv = { ...env, ...overrides };
  await handleQueue(batch, testEnv, pushChannels(testEnv));
  return { ...(await getQueueResult(batch, ctx)), delays };
}

export const publish = (...events: EventEnvelope[]) => runBatch("civicgrid-case-events-notifications", events);

/** The ids of pushes waiting to be sent (what the delivery queue holds). */
export async function pendingIds(eventId?: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT id FROM deliveries WHERE status IN ('pending', 'failed') AND (?1 IS NULL OR event_id = ?1) ORDER BY id",
  )
    .bind(eventId ?? null)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Sends what is pending through the delivery queue's consumer. */
export async function drain(eventId?: string, overrides: Partial<Env> = {}) {
  const ids = await pendingIds(eventId);
  return runBatch(
    "civicgrid-notifications-delivery",
    ids.map((deliveryId) => ({ deliveryId })),
    overrides,
  );
}

export async function deliveriesOf(eventId: string) {
  const { results } = await env.DB.prepare(
    "SELECT id, recipient_key, channel, status, urgent, address, due_at, attempts FROM deliveries WHERE event_id = ?1 ORDER BY recipient_key, channel",
  )
    .bind(eventId)
    .all<{
      id: string;
      recipient_key: string;
      channel: string;
      status: string;
      urgent: number;
      address: string | null;
      due_at: string | null;
      attempts: number;
    }>();
  return results;
}

export async function sinkFor(eventId: string) {
  const { results } = await env.DB.prepare(
    "SELECT s.phone, s.text FROM sms_sink s JOIN deliveries d ON d.id = s.delivery_id WHERE d.event_id = ?1 ORDER BY s.phone",
  )
    .bind(eventId)
    .all<{ phone: string; text: string }>();
  return results;
}
