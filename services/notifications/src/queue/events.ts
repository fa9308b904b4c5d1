import {
  CaseEventData,
  countyOf,
  DeadLetterAlertData,
  RegistryChangeData,
  type EventEnvelope,
} from "@civicgrid/contracts";
import { consumeEvents, log } from "@civicgrid/http";
import { caseVariables, deadLetterVariables, gridVariables } from "../domain/event-variables";
import type { Env } from "../env";
import { dbOf } from "../store/db";
import { pendingOfEvent, writePlanned } from "../store/deliveries";
import { ruleLookups, type RuleLookups } from "../store/rules";
import { isCaseEventType } from "./case-event-type";
import { planDeliveries, type EventFacts, type PlannedDelivery } from "./plan";
import { clearFailures, recordFailure } from "./failures";

/** The division code of what belongs to no division (the platform's own alerts). */
export const NO_DIVISION = "000000000000";

/** What an event means to the rules: its data and template variables, its jurisdiction and its case if any. */
export type Subject = { facts: Omit<EventFacts, "eventId" | "now">; divisionCode: string; caseId: string | null };

/** Case and registry events as template variables and a jurisdiction; null for what is not ours to read. */
function subjectOf(event: EventEnvelope): Subject | null {
  if (isCaseEventType(event.type)) {
    const data = CaseEventData.safeParse(event.data);
    if (!data.success) return null;
    return {
      facts: { data: data.data, variables: caseVariables(data.data) },
      divisionCode: data.data.countyCode,
      caseId: data.data.caseId,
    };
  }
  if (event.type.startsWith("registry.")) {
    const data = RegistryChangeData.safeParse(event.data);
    if (!data.success) return null;
    const facts = { data: data.data, variables: gridVariables(data.data) };
    return { facts, divisionCode: countyOf(data.data.gridCode), caseId: null };
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

/** The rows one planned delivery writes: the delivery, and for an in-app one its inbox message (same id). */
function rowsOf(event: EventEnvelope, subject: Subject, d: PlannedDelivery, now: string) {
  const { id, recipientKey, channel, title, body, urgent } = d;
  const delivery = {
    ...d,
    eventId: event.id,
    eventType: event.type,
    divisionCode: subject.divisionCode,
    createdAt: now,
    updatedAt: now,
  };
  if (channel !== "in_app") return { delivery, message: null };
  const createdAt = occurredAt(event, now);
  const message = { id, eventType: event.type, recipientKey, title, body, urgent, caseId: subject.caseId, createdAt };
  return { delivery, message };
}

/**
 * One event: the rules of its type, the deliveries they ask for written in one batch (INSERT OR
 * IGNORE on (event, recipient, channel), so a redelivered event adds nothing), then every push of
 * this event still pending put on the delivery queue (again on redelivery, in case the first run
 * stopped before enqueueing; the sender skips what is already sent).
 */
export async function handleEvent(
  event: EventEnvelope,
  env: Env,
  now = new Date(),
  lookups: RuleLookups = ruleLookups(dbOf(env.DB)),
): Promise<{ planned: number }> {
  const subject = subjectOf(event);
  if (!subject) {
    log("info", "event type not read by notifications, or data not understood; no-op", {
      eventId: event.id,
      type: event.type,
    });
    return { planned: 0 };
  }
  return deliverEvent(event, subject, env, now, lookups);
}

/** The deliveries the rules ask for one event read as `subject` (see handleEvent): written once, pushes queued. */
export async function deliverEvent(
  event: EventEnvelope,
  subject: Subject,
  env: Env,
  now = new Date(),
  lookups: RuleLookups = ruleLookups(dbOf(env.DB)),
): Promise<{ planned: number }> {
  const db = dbOf(env.DB);
  const rules = await lookups.rules(event.type);
  if (rules.length === 0) return { planned: 0 };
  const templates = await lookups.templates();
  const planned = await planDeliveries(env, db, rules, templates, { ...subject.facts, eventId: event.id, now });
  await writePlanned(
    db,
    planned.map((d) => rowsOf(event, subject, d, now.toISOString())),
  );
  const pending = await pendingOfEvent(db, event.id);
  if (pending.length > 0) await env.DELIVERY.sendBatch(pending.map((deliveryId) => ({ body: { deliveryId } })));
  return { planned: planned.length };
}

/**
 * The consumer of the case and registry event queues, on the shared policy (an unreadable message is retried until
 * it is dead-lettered; a failure is retried with backoff). Each failure is recorded by content, for the dead letter
 * it may become (see dead-letters.ts). `handle` reads one event (base data's reminders have their own), with the
 * batch's one reading of the rules and templates.
 */
export function handleEventBatch(
  batch: MessageBatch,
  env: Env,
  handle: (event: EventEnvelope, env: Env, lookups: RuleLookups) => Promise<unknown> = (event, env, lookups) =>
    handleEvent(event, env, new Date(), lookups),
): Promise<void> {
  const db = dbOf(env.DB);
  const lookups = ruleLookups(db);
  return consumeEvents(batch, {
    service: "notifications",
    handle: async (event, message) => {
      try {
        await handle(event, env, lookups);
      } catch (error) {
        await recordFailure(db, batch.queue, message.body, error).catch(() => undefined);
        throw error;
      }
      await clearFailures(db, batch.queue, message);
    },
  });
}
