import { AppError, log, problemBody } from "@civicgrid/http";
import type { Env } from "../env";
import type { Platform } from "../platforms/store";
import { handleEvent, parseEvent } from "./events";

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

/** Processes a claimed payload and records the outcome with the answer given. */
export async function processInbound(env: Env, platform: Platform, id: number, webhookId: string, raw: string, instance: string): Promise<StoredAnswer> {
  let outcome: { status: "processed" | "rejected" | "failed"; answer: StoredAnswer; type: string | null; caseId: string | null; error: string | null };
  let type: string | null = null;
  try {
    const event = parseEvent(raw);
    type = event.type;
    const handled = await handleEvent(env, platform, webhookId, event);
    outcome = { status: "processed", type, caseId: handled.answer.caseId, error: null, answer: { status: handled.status, body: handled.answer, contentType: "application/json" } };
  } catch (error) {
    // A refusal of the payload is final (the platform must fix and resend); anything else failed on our side
    // or in the cases service and may be redelivered by the platform or replayed by an operator.
    const refusal = error instanceof AppError && error.status < 500;
    const appError = refusal ? error : new AppError("bad_gateway", "the case could not be updated now; retry later or ask for a replay");
    if (!refusal) log("error", "inbound webhook failed", { service: "integrations", platform: platform.id, webhookId, error: error instanceof Error ? error.message : String(error) });
    const body = problemBody(appError.code, { detail: appError.detail, instance, ...(appError.options.errors ? { errors: appError.options.errors } : {}), ...appError.options.extra });
    outcome = { status: refusal ? "rejected" : "failed", type, caseId: null, error: appError.detail ?? appError.code, answer: { status: appError.status, body, contentType: "application/problem+json" } };
  }
  await env.DB.prepare(
    `UPDATE inbound_webhooks SET status = ?2, event_type = ?3, case_id = ?4, error = ?5, answer_status = ?6, answer_body = ?7, processed_at = ?8 WHERE id = ?1`,
  )
    .bind(id, outcome.status, outcome.type, outcome.caseId, outcome.error, outcome.answer.status, JSON.stringify(outcome.answer.body), now())
    .run();
  return outcome.answer;
}
