import { CaseEventData, EventEnvelope, type CallbackPayload } from "@civicgrid/contracts";
import { log, sha256Hex } from "@civicgrid/http";
import type { Env } from "../env";

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
  const inserts: D1PreparedStatement[] = [];
  const ids: string[] = [];
  const createdAt = new Date().toISOString();
  for (const message of batch.messages) {
    const envelope = EventEnvelope.safeParse(message.body);
    const data = envelope.success ? CaseEventData.safeParse(envelope.data.data) : undefined;
    if (!envelope.success || !data?.success) {
      log("warn", "case event ignored: not a case event", { service: "integrations", messageId: message.id });
      continue;
    }
    const external = data.data.external;
    if (!external) continue;
    const payload: CallbackPayload = {
      type: "work_order.progress",
      timestamp: envelope.data.occurredAt,
      data: {
        orderId: external.orderId,
        caseId: data.data.caseId,
        event: envelope.data.type,
        status: data.data.status,
        previousStatus: data.data.previousStatus,
        version: envelope.data.version,
        occurredAt: envelope.data.occurredAt,
        rating: data.data.rating ?? null,
      },
    };
    const id = await deliveryIdOf(envelope.data.id, external.platform);
    ids.push(id);
    inserts.push(
      env.DB.prepare(
        `INSERT OR IGNORE INTO deliveries (id, event_id, platform, case_id, order_id, payload, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7)`,
      ).bind(id, envelope.data.id, external.platform, data.data.caseId, external.orderId, JSON.stringify(payload), createdAt),
    );
  }
  try {
    if (inserts.length > 0) {
      await env.DB.batch(inserts);
      const { results } = await env.DB.prepare(`SELECT id FROM deliveries WHERE status = 'pending' AND id IN (SELECT value FROM json_each(?1))`)
        .bind(JSON.stringify(ids))
        .all<{ id: string }>();
      if (results.length > 0) await env.CALLBACKS.sendBatch(results.map((r) => ({ body: { deliveryId: r.id } })));
    }
    batch.ackAll();
  } catch (error) {
    log("error", "case events not turned into deliveries; retrying the batch", { service: "integrations", messages: batch.messages.length, error: String(error) });
    batch.retryAll({ delaySeconds: 5 });
  }
}
