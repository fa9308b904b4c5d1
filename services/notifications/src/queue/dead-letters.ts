import { EventEnvelope, QUEUES, type DeadLetterAlertData } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import type { Env } from "../env";
import { backoffSeconds } from "./backoff";
import { handleEvent } from "./events";
import { dbOf } from "../store/db";
import { failuresOf, keepDeadLetter as keep } from "../store/dead-letters";
import { contentKey } from "./failures";

/** Where this service's consumers send what they give up on (wrangler.toml `dead_letter_queue`). */
export const DEAD_LETTER_QUEUE = "civicgrid-notifications-dlq";
/** This service's own queue of push sends (its consumer and producer are in wrangler.toml). */
export const DELIVERY_QUEUE = "civicgrid-notifications-delivery";
/** A dead letter whose shape is none of our queues' messages: kept and shown, never redriven. */
export const UNKNOWN_QUEUE = "unknown";

/**
 * The queue a dead message came from, read from its shape: Queues does not say. A delivery job names a
 * delivery; an event envelope is a case event (the case events queue) or a registry event.
 */
export function originalQueue(body: unknown): string {
  const job = typeof body === "object" && body !== null ? (body as { deliveryId?: unknown }) : {};
  if (typeof job.deliveryId === "string") return DELIVERY_QUEUE;
  const event = EventEnvelope.safeParse(body);
  if (event.success && event.data.type.startsWith("case.")) return QUEUES.caseEventsNotifications;
  if (event.success && event.data.type.startsWith("registry.")) return QUEUES.registryEvents;
  return UNKNOWN_QUEUE;
}

/**
 * One dead message: kept (a redelivery of the same message changes nothing; the same content dead again
 * after a redrive is the same row, back to `dead` and counted), then the platform administrators are told
 * in their inbox, once per queue message (the alert's event id is the message id).
 */
export async function keepDeadLetter(env: Env, message: Message): Promise<string> {
  const db = dbOf(env.DB);
  const queue = originalQueue(message.body);
  const id = await contentKey(queue, message.body);
  const failures = await failuresOf(db, id);
  const now = new Date().toISOString();
  await keep(db, {
    id,
    messageId: message.id,
    queue,
    body: JSON.stringify(message.body),
    attempts: failures?.failures ?? 0,
    firstFailedAt: failures?.firstFailedAt ?? now,
    lastFailedAt: failures?.lastFailedAt ?? now,
    error: failures?.error ?? null,
  });
  const alert: DeadLetterAlertData = {
    deadLetterId: id, messageId: message.id, queue, error: failures?.error ?? null, audience: "platform_admin",
  };
  const event = { id: `dead-letter:${message.id}`, type: "notifications.dead_lettered", source: "notifications" };
  await handleEvent({ ...event, aggregateId: id, version: 1, occurredAt: now, data: alert }, env);
  return id;
}

/** The consumer of the dead-letter queue. Keeping a dead letter can itself fail (D1 down): then it is retried. */
export async function handleDeadLetterBatch(batch: MessageBatch, env: Env): Promise<void> {
  for (const message of batch.messages) {
    try {
      const id = await keepDeadLetter(env, message);
      log("error", "message dead-lettered; kept for redrive", { messageId: message.id, deadLetterId: id });
      message.ack();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log("error", "dead letter not kept; will retry", { messageId: message.id, error: reason });
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
  }
}
