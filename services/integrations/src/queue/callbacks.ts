import { log } from "@civicgrid/http";
import { backoffSeconds } from "../domain/backoff";
import { sign } from "../domain/signature";
import { CALLBACK_MAX_RETRIES, SERVICE, type CallbackMessage, type Env } from "../env";
import { activeSecrets } from "../secrets";
import { deliveryToSend, markDead, recordAttempt, type DeliveryToSend } from "../store/deliveries";
import { findPlatform } from "../store/platforms";

/** Callback URLs on this origin are answered by this worker itself (the local demo receiver). */
export const INTERNAL_ORIGIN = "https://integrations.internal";
const TIMEOUT_MS = 10_000;

export type LocalFetch = (request: Request) => Promise<Response>;

/** One attempt: signs the payload with every active secret of the platform (activeSecrets), POSTs it, logs it. */
async function attempt(env: Env, delivery: DeliveryToSend, local: LocalFetch): Promise<{ ok: boolean }> {
  const platform = await findPlatform(env.DB, delivery.platform);
  const secrets = platform ? (await activeSecrets(env, platform)).map((s) => s.value) : [];
  const number = delivery.attempts + 1;
  const started = Date.now();
  let httpStatus: number | null = null;
  let error: string | null = null;
  if (!platform || secrets.length === 0) {
    error = !platform ? "platform no longer configured" : "no secret configured to sign with";
  } else {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = sign(secrets, delivery.id, timestamp, delivery.payload);
    const request = new Request(platform.callbackUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": delivery.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signature,
      },
      body: delivery.payload,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    try {
      const res = platform.callbackUrl.startsWith(`${INTERNAL_ORIGIN}/`) ? await local(request) : await fetch(request);
      httpStatus = res.status;
      await res.body?.cancel();
      if (!res.ok) error = `answered ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
  }
  const ok = error === null;
  const at = new Date().toISOString();
  const ms = Date.now() - started;
  await recordAttempt(env.DB, { deliveryId: delivery.id, attempt: number, at, httpStatus, error, ms }, ok);
  return { ok };
}

/**
 * Our callback queue: each message one delivery; a failure is retried with its own backoff (a platform may be down
 * for a while). When the last attempt the queue allows fails, the delivery is marked dead (to be replayed by hand)
 * and the message goes on to the shared dead-letter queue, which keeps it and can redrive it.
 */
export async function consumeCallbacks(
  env: Env,
  batch: MessageBatch<CallbackMessage>,
  local: LocalFetch,
): Promise<void> {
  for (const message of batch.messages) {
    const delivery = await deliveryToSend(env.DB, message.body.deliveryId);
    if (!delivery || delivery.status === "delivered") {
      message.ack();
      continue;
    }
    const result = await attempt(env, delivery, local);
    if (result.ok) {
      message.ack();
      continue;
    }
    const context = {
      service: SERVICE,
      deliveryId: delivery.id,
      platform: delivery.platform,
      attempt: delivery.attempts + 1,
    };
    if (message.attempts > CALLBACK_MAX_RETRIES) {
      await markDead(env.DB, delivery.id);
      log("error", "callback dead-lettered: its retries ran out", context);
    } else {
      log("warn", "callback failed; retrying", context);
    }
    message.retry({ delaySeconds: backoffSeconds(delivery.attempts + 1) });
  }
}
