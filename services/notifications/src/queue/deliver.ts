import { log, retryDelaySeconds } from "@civicgrid/http";
import type { ChannelRegistry, SendResult } from "../channels/channel";
import type { DeliveryJob, Env } from "../env";
import { dbOf } from "../store/db";
import { deliveryRow, recordAttempt } from "../store/deliveries";
import { clearFailures, recordFailure } from "./failures";

type Outcome = "sent" | "retry" | "dead" | "skipped";

/** Attempts a push gets per drive before it is dead (a redrive grants as many again). */
export const MAX_ATTEMPTS = 5;

/**
 * One push attempt. Only a pending or failed delivery is sent, so a job that arrives twice (a
 * redelivered event re-enqueues what is pending) finds it sent and does nothing. Each attempt is
 * logged; a retryable failure goes back on the queue with backoff until the drive's attempts are
 * spent, then the delivery is dead (the dead-letter list, redriven by an operator).
 */
export async function deliverOne(
  env: Env,
  channels: ChannelRegistry,
  deliveryId: string,
): Promise<{ outcome: Outcome; attempt: number; error?: string }> {
  const db = dbOf(env.DB);
  const row = await deliveryRow(db, deliveryId);
  if (!row || (row.status !== "pending" && row.status !== "failed"))
    return { outcome: "skipped", attempt: row?.attempts ?? 0 };
  const channel = channels[row.channel];
  const result: SendResult = channel
    ? await channel.send(row)
    : { ok: false, error: `no ${row.channel} channel is installed`, retryable: true };
  const attempt = row.attempts + 1;
  const dead = !result.ok && (!result.retryable || attempt - row.retryBase >= MAX_ATTEMPTS);
  const status = result.ok ? "sent" : dead ? "dead" : "failed";
  const error = result.ok ? null : result.error;
  await recordAttempt(db, { id: row.id, attempt, status, error, at: new Date().toISOString() });
  if (!result.ok) {
    const context = { deliveryId: row.id, channel: row.channel, attempt, error };
    log(dead ? "error" : "warn", dead ? "push dead-lettered" : "push failed; will retry", context);
  }
  return { outcome: result.ok ? "sent" : dead ? "dead" : "retry", attempt, error: error ?? undefined };
}

/**
 * The consumer of the delivery queue: each failure recorded, for the dead letter it may become. Not an event
 * consumer: it counts a push's attempts itself and retries with the shared backoff (30 s doubling, at most 1 h).
 */
export async function handleDeliveryBatch(
  batch: MessageBatch<DeliveryJob>,
  env: Env,
  channels: ChannelRegistry,
): Promise<void> {
  const db = dbOf(env.DB);
  for (const message of batch.messages) {
    try {
      const { outcome, attempt, error } = await deliverOne(env, channels, message.body.deliveryId);
      if (outcome === "retry") {
        await recordFailure(db, batch.queue, message.body, error);
        message.retry({ delaySeconds: retryDelaySeconds(attempt) });
        continue;
      }
      await clearFailures(db, batch.queue, message);
      message.ack();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log("error", "delivery job failed; will retry", { messageId: message.id, error: reason });
      await recordFailure(db, batch.queue, message.body, error).catch(() => undefined);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}
