import { CaseEventData, EventEnvelope } from "@civicgrid/contracts";
import { consumeEventBatch, sha256Hex } from "@civicgrid/http";
import { callbackOf, type PlatformCallback } from "../domain/callback";
import { SERVICE, type Env } from "../env";
import { insertDeliveries } from "../store/deliveries";

/** A delivery's id is derived from (event, platform), so a redelivered case event finds its delivery again. */
export async function deliveryIdOf(eventId: string, platform: string): Promise<string> {
  return `msg_${(await sha256Hex(`${eventId}|${platform}`)).slice(0, 26)}`;
}

/** A case event, read strictly (one that is not is retried until it is dead-lettered); null: no platform's case. */
function readCaseEvent(body: unknown): PlatformCallback | null {
  const envelope = EventEnvelope.parse(body);
  return callbackOf(envelope, CaseEventData.parse(envelope.data));
}

/** The callbacks as delivery rows, in one D1 batch, then a message on our callback queue for each still pending. */
async function deliver(env: Env, callbacks: PlatformCallback[]): Promise<void> {
  const createdAt = new Date().toISOString();
  const rows = await Promise.all(
    callbacks.map(async ({ payload, ...callback }) => ({
      id: await deliveryIdOf(callback.eventId, callback.platform),
      ...callback,
      payload: JSON.stringify(payload),
      createdAt,
    })),
  );
  const pending = await insertDeliveries(env.DB, rows);
  if (pending.length > 0) await env.CALLBACKS.sendBatch(pending.map((deliveryId) => ({ body: { deliveryId } })));
}

/**
 * Case events → deliveries, through the shared consumer policy (unreadable: retried, then dead-lettered; a failed
 * write: every message retried with backoff). Each callback becomes one delivery row (unique per event and
 * platform); rows still pending are (re)queued on every redelivery, so a send lost after the insert is made good,
 * and the sender skips deliveries already delivered, so a second message is harmless.
 */
export function consumeCaseEvents(env: Env, batch: MessageBatch<unknown>): Promise<void> {
  return consumeEventBatch(batch, {
    service: SERVICE,
    parse: readCaseEvent,
    handleAll: (callbacks) => deliver(env, callbacks),
  });
}
