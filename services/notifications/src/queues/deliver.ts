import { log } from "@civicgrid/http";
import type { ChannelRegistry, SendResult } from "../channels/channel";
import type { DeliveryJob, Env } from "../env";
import { MAX_ATTEMPTS, backoffSeconds } from "./backoff";
import { clearFailures, recordFailure } from "./failures";

interface DeliveryRow {
  id: string;
  channel: "in_app" | "sms" | "webhook";
  recipient_key: string;
  address: string | null;
  title: string;
  body: string;
  division_code: string;
  status: string;
  attempts: number;
  retry_base: number;
}

type Outcome = "sent" | "retry" | "dead" | "skipped";

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
  const row = await env.DB.prepare("SELECT * FROM deliveries WHERE id = ?1").bind(deliveryId).first<DeliveryRow>();
  if (!row || (row.status !== "pending" && row.status !== "failed")) return { outcome: "skipped", attempt: row?.attempts ?? 0 };
  const channel = channels[row.channel];
  const result: SendResult = channel
    ? await channel.send({ id: row.id, channel: row.channel, recipientKey: row.recipient_key, address: row.address, title: row.title, body: row.body, divisionCode: row.division_code })
    : { ok: false, error: `no ${row.channel} channel is installed`, retryable: true };
  const attempt = row.attempts + 1;
  const now = new Date().toISOString();
  const dead = !result.ok && (!result.retryable || attempt - row.retry_base >= MAX_ATTEMPTS);
  const status = result.ok ? "sent" : dead ? "dead" : "failed";
  const error = result.ok ? null : result.error;
  await env.DB.batch([
    env.DB.prepare("UPDATE deliveries SET status = ?2, attempts = ?3, last_error = ?4, updated_at = ?5 WHERE id = ?1 AND status IN ('pending', 'failed')").bind(row.id, status, attempt, error, now),
    env.DB.prepare("INSERT INTO delivery_attempts (delivery_id, attempt, status, error, at) VALUES (?1, ?2, ?3, ?4, ?5)").bind(row.id, attempt, result.ok ? "ok" : "error", error, now),
  ]);
  if (!result.ok) log(dead ? "error" : "warn", dead ? "push dead-lettered" : "push failed; will retry", { deliveryId: row.id, channel: row.channel, attempt, error });
  return { outcome: result.ok ? "sent" : dead ? "dead" : "retry", attempt, error: error ?? undefined };
}

/** The consumer of the delivery queue: each failure recorded, for the dead letter it may become. */
export async function handleDeliveryBatch(batch: MessageBatch<DeliveryJob>, env: Env, channels: ChannelRegistry): Promise<void> {
  for (const message of batch.messages) {
    try {
      const { outcome, attempt, error } = await deliverOne(env, channels, message.body.deliveryId);
      if (outcome === "retry") {
        await recordFailure(env.DB, batch.queue, message.body, error);
        message.retry({ delaySeconds: backoffSeconds(attempt) });
        continue;
      }
      await clearFailures(env.DB, batch.queue, message);
      message.ack();
    } catch (error) {
      log("error", "delivery job failed; will retry", { messageId: message.id, error: error instanceof Error ? error.message : String(error) });
      await recordFailure(env.DB, batch.queue, message.body, error).catch(() => undefined);
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
  }
}
