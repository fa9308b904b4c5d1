import { CaseEventData, DeadLetterAlertData, EventEnvelope, RegistryChangeData } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import { caseVariables, deadLetterVariables, gridVariables } from "../domain/event-variables";
import type { RuleRow, TemplateRow } from "../domain/rules";
import type { Env } from "../env";
import { planDeliveries, type EventFacts, type PlannedDelivery } from "./plan";
import { backoffSeconds } from "./backoff";
import { clearFailures, recordFailure } from "./failures";

/** The division code of what belongs to no division (the platform's own alerts). */
export const NO_DIVISION = "000000000000";

type Subject = { facts: Omit<EventFacts, "eventId" | "now">; divisionCode: string; caseId: string | null };

/** Case and registry events as template variables and a jurisdiction; null for what is not ours to read. */
function subjectOf(event: EventEnvelope): Subject | null {
  if (event.type.startsWith("case.")) {
    const data = CaseEventData.safeParse(event.data);
    if (!data.success) return null;
    return { facts: { data: data.data, variables: caseVariables(data.data) }, divisionCode: data.data.countyCode, caseId: data.data.caseId };
  }
  if (event.type.startsWith("registry.")) {
    const data = RegistryChangeData.safeParse(event.data);
    if (!data.success) return null;
    return { facts: { data: data.data, variables: gridVariables(data.data) }, divisionCode: `${data.data.gridCode.slice(0, 6)}000000`, caseId: null };
  }
  if (event.type === "notifications.dead_lettered") {
    const data = DeadLetterAlertData.safeParse(event.data);
    // Of no division: operators' delivery logs (cut by division) do not list it; the platform's does.
    if (!data.success) return null;
    const facts = { data: data.data, variables: deadLetterVariables(data.data) };
    return { facts, divisionCode: NO_DIVISION, caseId: null };
  }
  return null;
}

/** Inbox order is when things happened, not when this consumer got to them (queues may lag or reorder). */
function occurredAt(event: EventEnvelope, now: string): string {
  const at = Date.parse(event.occurredAt);
  return Number.isNaN(at) ? now : new Date(at).toISOString();
}

function statementsFor(db: D1Database, event: EventEnvelope, subject: Subject, d: PlannedDelivery, now: string): D1PreparedStatement[] {
  const insert = db
    .prepare(
      `INSERT OR IGNORE INTO deliveries (id, event_id, event_type, recipient_key, channel, address, template_code, title, body, urgent, division_code, status, due_at, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)`,
    )
    .bind(d.id, event.id, event.type, d.recipientKey, d.channel, d.address, d.templateCode, d.title, d.body, d.urgent ? 1 : 0, subject.divisionCode, d.status, d.dueAt, now);
  if (d.channel !== "in_app") return [insert];
  const message = db
    .prepare("INSERT OR IGNORE INTO messages (id, event_type, recipient_key, title, body, urgent, case_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
    .bind(d.id, event.type, d.recipientKey, d.title, d.body, d.urgent ? 1 : 0, subject.caseId, occurredAt(event, now));
  return [insert, message];
}

/**
 * One event: the rules of its type, the deliveries they ask for written in one batch (INSERT OR
 * IGNORE on (event, recipient, channel), so a redelivered event adds nothing), then every push of
 * this event still pending put on the delivery queue (again on redelivery, in case the first run
 * stopped before enqueueing; the sender skips what is already sent).
 */
export async function handleEvent(body: unknown, env: Env, now = new Date()): Promise<{ planned: number }> {
  const envelope = EventEnvelope.safeParse(body);
  if (!envelope.success) {
    log("warn", "not an event envelope; dropped", { issues: envelope.error.issues.length });
    return { planned: 0 };
  }
  const event = envelope.data;
  const subject = subjectOf(event);
  if (!subject) {
    log("info", "event type not read by notifications, or data not understood; no-op", { eventId: event.id, type: event.type });
    return { planned: 0 };
  }
  const { results: rules } = await env.DB.prepare("SELECT * FROM rules WHERE event_type = ?1 AND enabled = 1 ORDER BY id").bind(event.type).all<RuleRow>();
  if (rules.length === 0) return { planned: 0 };
  const { results: templateRows } = await env.DB.prepare("SELECT * FROM templates").all<TemplateRow>();
  const templates = new Map(templateRows.map((t) => [t.code, t]));
  const planned = await planDeliveries(env, rules, templates, { ...subject.facts, eventId: event.id, now });
  if (planned.length > 0) await env.DB.batch(planned.flatMap((d) => statementsFor(env.DB, event, subject, d, now.toISOString())));
  const { results: pending } = await env.DB.prepare("SELECT id FROM deliveries WHERE event_id = ?1 AND status = 'pending'").bind(event.id).all<{ id: string }>();
  if (pending.length > 0) await env.DELIVERY.sendBatch(pending.map((p) => ({ body: { deliveryId: p.id } })));
  return { planned: planned.length };
}

/**
 * The consumer of the case and registry event queues: a failure is recorded and retried, then Queues
 * dead-letters it (see dead-letters.ts).
 */
export async function handleEventBatch(batch: MessageBatch, env: Env): Promise<void> {
  for (const message of batch.messages) {
    try {
      await handleEvent(message.body, env);
      await clearFailures(env.DB, batch.queue, message);
      message.ack();
    } catch (error) {
      log("error", "event not processed; will retry", { messageId: message.id, attempts: message.attempts, error: error instanceof Error ? error.message : String(error) });
      await recordFailure(env.DB, batch.queue, message.body, error).catch(() => undefined);
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
  }
}
