import type { NotificationChannel } from "@civicgrid/contracts";
import { conditionHolds, parseAudience, resolveAudience } from "./audience";
import { render, type Variables } from "./template";

/** A rule as the planner reads it (data, not code: the `rules` table). */
export interface NotificationRule {
  audience: string;
  condition: string | null;
  channel: NotificationChannel;
  templateCode: string;
  urgent: boolean;
}

export interface MessageTemplate {
  code: string;
  title: string;
  body: string;
}

/** What one rule asks for one event: the rendered text on a channel, and the recipient keys it names. */
export interface RuleMatch {
  channel: NotificationChannel;
  templateCode: string;
  title: string;
  body: string;
  urgent: boolean;
  keys: string[];
}

/**
 * The rules that fire for an event, in the order given (id order: the first rule to claim an (event, recipient,
 * channel) wins). A rule whose audience does not parse or whose template is missing asks for nothing; an
 * emergency makes every message urgent (they never wait for quiet hours).
 */
export function matchRules(
  rules: readonly NotificationRule[],
  templates: ReadonlyMap<string, MessageTemplate>,
  data: Record<string, unknown>,
  variables: Variables,
): RuleMatch[] {
  const emergency = data.priority === "emergency";
  const matches: RuleMatch[] = [];
  for (const rule of rules) {
    const audience = parseAudience(rule.audience);
    const template = templates.get(rule.templateCode);
    if (!audience || !template || !conditionHolds(rule.condition, data)) continue;
    matches.push({
      channel: rule.channel,
      templateCode: template.code,
      title: render(template.title, variables),
      body: render(template.body, variables),
      urgent: rule.urgent || emergency,
      keys: resolveAudience(audience, data),
    });
  }
  return matches;
}
