import { EventEnvelope, QUEUES, REGISTRY_TO_ROSTER_QUEUE, type DeadLetterAlertData } from "@civicgrid/contracts";
import { log, retryDelaySeconds } from "@civicgrid/http";
import type { Env } from "../env";
import { dbOf } from "../store/db";
import { failuresOf, keepDeadLetter as keep } from "../store/dead-letters";
import { isCaseEventType } from "./case-event-type";
import { handleEvent } from "./events";
import { contentKey } from "./failures";

/**
 * The one dead-letter queue of the platform: every event consumer of every service, and this service's delivery
 * queue, send what they give up on here (wrangler.toml `dead_letter_queue`); this service keeps it.
 */
export const DEAD_LETTER_QUEUE = QUEUES.deadLetters;
/** This service's own queue of push sends (its consumer and producer are in wrangler.toml). */
export const DELIVERY_QUEUE = "civicgrid-notifications-delivery";
/** A dead letter whose shape is none of the platform's queue messages: kept and shown, never redriven. */
export const UNKNOWN_QUEUE = "unknown";

/**
 * The queues a message of each shape travels, this service's own first. Cloudflare Queues deliver a queue to one
 * consumer, so an event several services read is sent once per queue (case events to notifications, assessments
 * and integrations; registry events to notifications and roster).
 */
const ROUTES: readonly (readonly string[])[] = [
  [DELIVERY_QUEUE],
  [QUEUES.caseEventsNotifications, QUEUES.caseEventsAssessments, QUEUES.caseEventsIntegrations],
  [QUEUES.registryEvents, REGISTRY_TO_ROSTER_QUEUE],
  [QUEUES.rosterToRegistry],
  [QUEUES.basedataNotifications, QUEUES.basedataAssessments],
];

/**
 * The queue a dead message came from, read from its shape: Queues does not say, and every consumer shares the
 * dead-letter queue. A delivery job names a delivery; an event envelope is a case, registry or roster event.
 * Where several queues carry one shape, the first (ours, where we read it) names the dead letter.
 */
export function originalQueue(body: unknown): string {
  const job = typeof body === "object" && body !== null ? (body as { deliveryId?: unknown }) : {};
  if (typeof job.deliveryId === "string") return DELIVERY_QUEUE;
  const event = EventEnvelope.safeParse(body);
  if (!event.success) return UNKNOWN_QUEUE;
  if (isCaseEventType(event.data.type)) return QUEUES.caseEventsNotifications;
  if (event.data.type.startsWith("registry.")) return QUEUES.registryEvents;
  if (event.data.type.startsWith("roster.")) return QUEUES.rosterToRegistry;
  if (event.data.type.startsWith("basedata.")) return QUEUES.basedataNotifications;
  return UNKNOWN_QUEUE;
}

/**
 * Where a redrive sends a dead letter: every queue its shape travels, since which one gave up on it cannot be
 * told. The consumers that had handled it already dedupe on the event id, so only the one that failed acts.
 */
function redriveQueues(queue: string): readonly string[] {
  return ROUTES.find((route) => route[0] === queue) ?? [];
}

/** The producer of each queue a dead letter can go back to. */
function producers(env: Env): Record<string, Queue<unknown>> {
  return {
    [DELIVERY_QUEUE]: env.DELIVERY,
    [QUEUES.caseEventsNotifications]: env.CASE_EVENTS,
    [QUEUES.caseEventsAssessments]: env.CASE_EVENTS_ASSESSMENTS,
    [QUEUES.caseEventsIntegrations]: env.CASE_EVENTS_INTEGRATIONS,
    [QUEUES.registryEvents]: env.REGISTRY_EVENTS,
    [REGISTRY_TO_ROSTER_QUEUE]: env.REGISTRY_EVENTS_ROSTER,
    [QUEUES.rosterToRegistry]: env.ROSTER_EVENTS,
    [QUEUES.basedataNotifications]: env.BASEDATA_EVENTS,
    [QUEUES.basedataAssessments]: env.BASEDATA_EVENTS_ASSESSMENTS,
  };
}

/** Sends a dead letter's message back to the queues it travels; false when it came from no queue we know. */
export async function redriveMessage(env: Env, queue: string, body: unknown): Promise<boolean> {
  const targets = redriveQueues(queue).map((q) => producers(env)[q]!);
  for (const producer of targets) await producer.send(body);
  return targets.length > 0;
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
    deadLetterId: id,
    messageId: message.id,
    queue,
    error: failures?.error ?? null,
    audience: "platform_admin",
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
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
