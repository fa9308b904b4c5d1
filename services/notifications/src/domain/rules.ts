import type { NotificationChannel } from "@civicgrid/contracts";

/** A rule row as stored (see migrations/0002). */
export interface RuleRow {
  id: string;
  event_type: string;
  condition: string | null;
  audience: string;
  channel: NotificationChannel;
  template_code: string;
  urgent: number;
  enabled: number;
  version: number;
}

export interface TemplateRow {
  code: string;
  title: string;
  body: string;
  description: string;
}

export function ruleView(row: RuleRow) {
  return {
    id: row.id,
    eventType: row.event_type,
    condition: row.condition,
    audience: row.audience,
    channel: row.channel,
    templateCode: row.template_code,
    urgent: row.urgent === 1,
    enabled: row.enabled === 1,
    version: row.version,
  };
}
