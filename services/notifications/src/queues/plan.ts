import { sha256Hex } from "@civicgrid/http";
import { conditionHolds, parseAudience, resolveAudience } from "../domain/audience";
import { deferUntil, type QuietPreference } from "../domain/quiet-hours";
import type { RuleRow, TemplateRow } from "../domain/rules";
import { render, type Variables } from "../domain/template";
import type { Env } from "../env";
import { smsTargets } from "./recipients";

/** What one event means for one recipient on one channel, before it is written. */
export interface PlannedDelivery {
  id: string;
  recipientKey: string;
  channel: RuleRow["channel"];
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

async function preferenceOf(env: Env, key: string): Promise<QuietPreference | null> {
  const row = await env.DB.prepare("SELECT quiet_start, quiet_end, digest FROM preferences WHERE owner_key = ?1")
    .bind(key)
    .first<{ quiet_start: string | null; quiet_end: string | null; digest: number }>();
  return row ? { quietStart: row.quiet_start, quietEnd: row.quiet_end, digest: row.digest === 1 } : null;
}

/**
 * Every delivery the enabled rules ask for. Rules run in id order and the first rule to claim an
 * (event, recipient, channel) wins, so two rules naming the same person on one channel send once.
 */
export async function planDeliveries(env: Env, rules: RuleRow[], templates: Map<string, TemplateRow>, facts: EventFacts): Promise<PlannedDelivery[]> {
  const planned = new Map<string, PlannedDelivery>();
  const emergency = facts.data.priority === "emergency";
  for (const rule of rules) {
    const audience = parseAudience(rule.audience);
    const template = templates.get(rule.template_code);
    if (!audience || !template || !conditionHolds(rule.condition, facts.data)) continue;
    const urgent = rule.urgent === 1 || emergency;
    const base = { channel: rule.channel, templateCode: template.code, title: render(template.title, facts.variables), body: render(template.body, facts.variables), urgent };
    for (const key of resolveAudience(audience, facts.data)) {
      const targets = rule.channel === "sms" ? await smsTargets(env, key) : [{ recipientKey: key, address: null }];
      for (const target of targets) {
        const id = await deliveryId(facts.eventId, target.recipientKey, rule.channel);
        if (planned.has(id)) continue;
        if (rule.channel === "in_app") {
          planned.set(id, { ...base, id, recipientKey: target.recipientKey, address: null, status: "sent", dueAt: null });
          continue;
        }
        const due = deferUntil(await preferenceOf(env, target.recipientKey), urgent, facts.now);
        planned.set(id, { ...base, id, ...target, status: due ? "deferred" : "pending", dueAt: due?.toISOString() ?? null });
      }
    }
  }
  return [...planned.values()];
}
