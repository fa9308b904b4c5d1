import { AppError, log, problemBody } from "@civicgrid/http";
import type { Env } from "../env";
import type { Platform } from "../platforms/store";
import { CasesRefusal, handleEvent, parseEvent } from "./events";

/** A stored answer: what the platform was (or will again be) told for this webhook-id. */
export interface StoredAnswer {
  status: number;
  body: unknown;
  contentType: string;
}

export type Claim =
  | { kind: "claimed"; id: number }
  | { kind: "replay"; answer: StoredAnswer }
  | { kind: "in_flight" }
  | { kind: "body_differs" };

interface InboundRow {
  id: number;
  status: string;
  raw_body: string;
  answer_status: number | null;
  answer_body: string | null;
}

const now = () => new Date().toISOString();

/**
 * Stores the payload before anything else happens, keyed by (platform, webhook-id): a first delivery is
 * claimed; a redelivery of a failed one is claimed again (the platform retries); any other redelivery gets
 * the stored answer, so each webhook-id has one effect.
 */
export async function claimInbound(db: D1Database, platform: string, webhookId: string, raw: string): Promise<Claim> {
  const claimed = await db
    .prepare(
      `INSERT INTO inbound_webhooks (platform, webhook_id, raw_body, status, received_at) VALUES (?1, ?2, ?3, 'processing', ?4)
       ON CONFLICT (platform, webhook_id) DO UPDATE SET status = 'processing', attempts = attempts + 1
       WHERE inbound_webhooks.status = 'failed' AND inbound_webhooks.raw_body = excluded.raw_body
       RETURNING id`,
    )
    .bind(platform, webhookId, raw, now())
    .first<{ id: number }>();
  if (claimed) return { kind: "claimed", id: claimed.id };
  const row = await db.prepare("SELECT id, status, raw_body, answer_status, answer_body FROM inbound_webhooks WHERE platform = ?1 AND webhook_id = ?2").bind(platform, webhookId).first<InboundRow>();
  if (!row) throw new AppError("conflict", "the webhook was released while this request ran; send it again");
  if (row.raw_body !== raw) return { kind: "body_differs" };
  if (row.status === "processing") return { kind: "in_flight" };
  return { kind: "replay", answer: storedAnswer(row) };
}

function storedAnswer(row: InboundRow): StoredAnswer {
  const body: unknown = JSON.parse(row.answer_body ?? "null");
  const problem = (row.answer_status ?? 200) >= 400;
  return { status: row.answer_status ?? 200, body, contentType: problem ? "application/problem+json" : "application/json" };
}

type Outcome = { status: "processed" | "rejected" | "refused" | "failed"; answer: StoredAnswer; caseId: string | null; error: string | null };

const problemAnswer = (e: AppError, instance: string): StoredAnswer => ({
  status: e.status,
  body: problemBody(e.code, { detail: e.detail, instance, ...(e.options.errors ? { errors: e.options.errors } : {}), ...e.options.extra }),
  contentType: "application/problem+json",
});

/**
 * What became of a payload that threw. Our refusal of the payload (a 4xx AppError) is `rejected`: the platform
 * must fix and resend. The cases service's permanent refusal is `refused` with its reason (422, not retried).
 * Anything else failed on our side or in the cases service and may be redelivered or replayed.
 */
function outcomeOfError(error: unknown, platform: string, webhookId: string, instance: string): Outcome {
  if (error instanceof AppError && error.status < 500) {
    return { status: "rejected", caseId: null, error: error.detail ?? error.code, answer: problemAnswer(error, instance) };
  }
  if (error instanceof CasesRefusal) {
    const refusal = new AppError("unprocessable", `the case service refused the work order: ${error.message}`, { extra: { reason: error.message } });
    return { status: "refused", caseId: null, error: error.message, answer: problemAnswer(refusal, instance) };
  }
  log("error", "inbound webhook failed", { service: "integrations", platform, webhookId, error: error instanceof Error ? error.message : String(error) });
  const failure = new AppError("bad_gateway", "the case could not be updated now; retry later or ask for a replay");
  return { status: "failed", caseId: null, error: failure.detail ?? failure.code, answer: problemAnswer(failure, instance) };
}

/** Processes a claimed payload and records the outcome with the answer given. */
export async function processInbound(env: Env, platform: Platform, id: number, webhookId: string, raw: string, instance: string): Promise<StoredAnswer> {
  let outcome: Outcome;
  let type: string | null = null;
  try {
    const event = parseEvent(raw);
    type = event.type;
    const handled = await handleEvent(env, platform, webhookId, event);
    outcome = { status: "processed", caseId: handled.answer.caseId, error: null, answer: { status: handled.status, body: handled.answer, contentType: "application/json" } };
  } catch (error) {
    outcome = outcomeOfError(error, platform.id, webhookId, instance);
  }
  await env.DB.prepare(
    `UPDATE inbound_webhooks SET status = ?2, event_type = ?3, case_id = ?4, error = ?5, answer_status = ?6, answer_body = ?7, processed_at = ?8 WHERE id = ?1`,
  )
    .bind(id, outcome.status, type, outcome.caseId, outcome.error, outcome.answer.status, JSON.stringify(outcome.answer.body), now())
    .run();
  return outcome.answer;
}
