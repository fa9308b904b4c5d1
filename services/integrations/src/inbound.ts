import { AppError, log, problemBody } from "@civicgrid/http";
import type { Env } from "./env";
import { CasesRefusal, handleEvent, parseEvent } from "./platform-events";
import {
  claimInbound as claim,
  inboundByKey,
  recordOutcome,
  type InboundOutcome,
  type InboundRow,
} from "./store/inbound";
import type { Platform } from "./store/platforms";

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

/**
 * Stores the payload before anything else happens, keyed by (platform, webhook-id): a first delivery is
 * claimed; a redelivery of a failed one is claimed again (the platform retries); any other redelivery gets
 * the stored answer, so each webhook-id has one effect.
 */
export async function claimInbound(db: D1Database, platform: string, webhookId: string, raw: string): Promise<Claim> {
  const claimed = await claim(db, platform, webhookId, raw);
  if (claimed !== null) return { kind: "claimed", id: claimed };
  const row = await inboundByKey(db, platform, webhookId);
  if (!row) throw new AppError("conflict", "the webhook was released while this request ran; send it again");
  if (row.rawBody !== raw) return { kind: "body_differs" };
  if (row.status === "processing") return { kind: "in_flight" };
  return { kind: "replay", answer: storedAnswer(row) };
}

function storedAnswer(row: InboundRow): StoredAnswer {
  const problem = (row.answerStatus ?? 200) >= 400;
  return {
    status: row.answerStatus ?? 200,
    body: row.answerBody ?? null,
    contentType: problem ? "application/problem+json" : "application/json",
  };
}

type Outcome = { status: InboundOutcome["status"]; answer: StoredAnswer; caseId: string | null; error: string | null };

const problemAnswer = (e: AppError, instance: string): StoredAnswer => ({
  status: e.status,
  body: problemBody(e.code, {
    detail: e.detail,
    instance,
    ...(e.options.errors ? { errors: e.options.errors } : {}),
    ...e.options.extra,
  }),
  contentType: "application/problem+json",
});

/**
 * What became of a payload that threw. Our refusal of the payload (a 4xx AppError) is `rejected`: the platform
 * must fix and resend. The cases service's permanent refusal is `refused` with its reason (422, not retried).
 * Anything else failed on our side or in the cases service and may be redelivered or replayed.
 */
function outcomeOfError(error: unknown, platform: string, webhookId: string, instance: string): Outcome {
  if (error instanceof AppError && error.status < 500) {
    return {
      status: "rejected",
      caseId: null,
      error: error.detail ?? error.code,
      answer: problemAnswer(error, instance),
    };
  }
  if (error instanceof CasesRefusal) {
    const refusal = new AppError("unprocessable", `the case service refused the work order: ${error.message}`, {
      extra: { reason: error.message },
    });
    return { status: "refused", caseId: null, error: error.message, answer: problemAnswer(refusal, instance) };
  }
  log("error", "inbound webhook failed", {
    service: "integrations",
    platform,
    webhookId,
    error: error instanceof Error ? error.message : String(error),
  });
  const failure = new AppError("bad_gateway", "the case could not be updated now; retry later or ask for a replay");
  return {
    status: "failed",
    caseId: null,
    error: failure.detail ?? failure.code,
    answer: problemAnswer(failure, instance),
  };
}

/** Processes a claimed payload and records the outcome with the answer given. */
export async function processInbound(
  env: Env,
  platform: Platform,
  id: number,
  webhookId: string,
  raw: string,
  instance: string,
): Promise<StoredAnswer> {
  let outcome: Outcome;
  let type: string | null = null;
  try {
    const event = parseEvent(raw);
    type = event.type;
    const handled = await handleEvent(env, platform, webhookId, event);
    outcome = {
      status: "processed",
      caseId: handled.answer.caseId,
      error: null,
      answer: { status: handled.status, body: handled.answer, contentType: "application/json" },
    };
  } catch (error) {
    outcome = outcomeOfError(error, platform.id, webhookId, instance);
  }
  const { status, caseId, error, answer } = outcome;
  await recordOutcome(env.DB, id, {
    status,
    eventType: type,
    caseId,
    error,
    answerStatus: answer.status,
    answerBody: answer.body,
  });
  return outcome.answer;
}
