import { log, sha256Hex } from "@civicgrid/http";
import { callbackOf } from "../domain/callback";
import type { Env } from "../env";
import { insertDeliveries, type NewDelivery } from "../store/deliveries";

/** A delivery's id is derived from (event, platform), so a redelivered case event finds its delivery again. */
export async function deliveryIdOf(eventId: string, platform: string): Promise<string> {
  return `msg_${(await sha256Hex(`${eventId}|${platform}`)).slice(0, 26)}`;
}

/**
 * Case events → deliveries. Only events of cases a platform pushed (data.external) concern a platform. Each
 * becomes one delivery row (unique per event and platform), then a message on our callback queue. Rows still
 * pending are (re)queued on every redelivery, so a send lost after the insert is made good; the sender skips
 * deliveries already delivered, so a second message is harmless.
 */
export async function consumeCaseEvents(env: Env, batch: MessageBatch<unknown>): Promise<void> {
  const rows: NewDelivery[] = [];
  const createdAt = new Date().toISOString();
  for (const message of batch.messages) {
    const meaning = callbackOf(message.body);
    if (meaning.kind === "unreadable") {
      log("warn", "case event ignored: not a case event", { service: "integrations", messageId: message.id });
      continue;
    }
    if (meaning.kind === "none") continue;
    const { payload, ...callback } = meaning.callback;
    const id = await deliveryIdOf(callback.eventId, callback.platform);
    rows.push({ id, ...callback, payload: JSON.stringify(payload), createdAt });
  }
  try {
    if (rows.length > 0) {
      const pending = await insertDeliveries(env.DB, rows);
      if (pending.length > 0) await env.CALLBACKS.sendBatch(pending.map((deliveryId) => ({ body: { deliveryId } })));
    }
    batch.ackAll();
  } catch (error) {
    const context = { service: "integrations", messages: batch.messages.length, error: String(error) };
    log("error", "case events not turned into deliveries; retrying the batch", context);
    batch.retryAll({ delaySeconds: 5 });
  }
}
