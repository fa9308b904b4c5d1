import type { CaseEventData, EventEnvelope } from "@civicgrid/contracts";
import { jsonAs } from "@civicgrid/testing";
import type { Principal } from "@civicgrid/contracts";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import AssessmentsService from "../src/index";

let key = 0;
/** A command as the gateway forwards it, with a fresh Idempotency-Key. */
export async function send(
  principal: Principal,
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
) {
  const init = await jsonAs(principal, method, body, {
    "idempotency-key": `test-key-${Date.now()}-${++key}`,
    ...extra,
  });
  return exports.default.fetch(`http://assessments${path}`, init);
}

export async function get(principal: Principal, path: string) {
  return exports.default.fetch(`http://assessments${path}`, await jsonAs(principal, "GET"));
}

const BASE: CaseEventData = {
  caseId: "c-1",
  status: "reported",
  previousStatus: null,
  title: "路灯故障",
  categoryCode: "0802",
  priority: "normal",
  source: "grid_worker",
  gridCode: "440703001001001",
  villageCode: "440703001001",
  townshipCode: "440703001000",
  countyCode: "440703000000",
  holderDivisionCode: "440703001001",
  leadDepartmentId: null,
  assistingDepartmentIds: [],
  actor: { sub: "t-worker", role: "grid_worker", unit: "440703001001" },
  step: null,
  dueAt: null,
  warnAt: null,
  responsibleUnit: null,
};

/** A case event as the cases service publishes it (id `<caseId>:<version>`). */
export function caseEvent(
  type: string,
  version: number,
  occurredAt: string,
  data: Partial<CaseEventData> = {},
): EventEnvelope {
  const d = { ...BASE, ...data };
  return { id: `${d.caseId}:${version}`, type, source: "cases", aggregateId: d.caseId, version, occurredAt, data: d };
}

/** A valid 考核细则 body's weights: every kind weighs one indicator. */
export const SAMPLE_WEIGHTS = {
  worker: { cases_reported: 1 },
  grid: { cases_reported: 1 },
  township: { cases_reported: 1 },
  department: { satisfaction: 1 },
};

/** Hands case events to the service's queue handler as one batch, as the runtime would; what it acked or retried. */
export async function deliverCaseEvents(events: unknown[]) {
  const messages = events.map((body, i) => ({
    id: `m-${i}-${Math.random()}`,
    timestamp: new Date(),
    attempts: 1,
    body,
  }));
  const batch = createMessageBatch("civicgrid-case-events-assessments", messages);
  const ctx = createExecutionContext();
  await new AssessmentsService(ctx, env).queue(batch);
  return getQueueResult(batch, ctx);
}

/** {@link deliverCaseEvents}, expecting every event acked. */
export async function queueCaseEvents(events: unknown[]): Promise<void> {
  expect((await deliverCaseEvents(events)).explicitAcks).toHaveLength(events.length);
}
