import type { NotificationChannel } from "@civicgrid/contracts";
import { sha256Hex } from "@civicgrid/http";
import { deferUntil } from "../domain/quiet-hours";
import { matchRules, type MessageTemplate, type NotificationRule } from "../domain/rules";
import type { Variables } from "../domain/template";
import type { Env } from "../env";
import type { Db } from "../store/db";
import { preferencesOf } from "../store/preferences";
import { smsTargets } from "./recipients";

/** What one event means for one recipient on one channel, before it is written. */
export interface PlannedDelivery {
  id: string;
  recipientKey: string;
  channel: NotificationChannel;
  address: string | null;
  templateCode: string;
  title: string;
  body: string;
  urgent: boolean;
  status: "sent" | "pending" | "deferred";
  dueAt: string | null;
}

export interface EventFacts {
  eventId: string;
  data: Record<string, unknown>;
  variables: Variables;
  now: Date;
}

/** The id of a delivery is a function of its dedupe key, so every redelivery of an event names the same rows. */
export async function deliveryId(eventId: string, recipientKey: string, channel: string): Promise<string> {
  return `dlv_${(await sha256Hex(`${eventId}\n${recipientKey}\n${channel}`)).slice(0, 32)}`;
}

/**
 * Every delivery the enabled rules ask for: SMS numbers from the roster, pushes deferred by the recipient's quiet
 * hours. Rules run in id order and the first to claim an (event, recipient, channel) wins, so two rules naming the
 * same person on one channel send once.
 */
export async function planDeliveries(
  env: Env,
  db: Db,
  rules: readonly NotificationRule[],
  templates: ReadonlyMap<string, MessageTemplate>,
  facts: EventFacts,
): Promise<PlannedDelivery[]> {
  const planned = new Map<string, PlannedDelivery>();
  for (const { keys, ...match } of matchRules(rules, templates, facts.data, facts.variables)) {
    for (const key of keys) {
      const targets = match.channel === "sms" ? await smsTargets(env, key) : [{ recipientKey: key, address: null }];
      for (const target of targets) {
        const id = await deliveryId(facts.eventId, target.recipientKey, match.channel);
        if (planned.has(id)) continue;
        if (match.channel === "in_app") {
          planned.set(id, { ...match, id, ...target, address: null, status: "sent", dueAt: null });
          continue;
        }
        const due = deferUntil(await preferencesOf(db, target.recipientKey), match.urgent, facts.now);
        const status = due ? "deferred" : "pending";
        planned.set(id, { ...match, id, ...target, status, dueAt: due?.toISOString() ?? null });
      }
    }
  }
  return [...planned.values()];
}
