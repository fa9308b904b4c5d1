import type { Principal } from "@civicgrid/contracts";
import { principalKeys } from "./domain/recipient-keys";

/**
 * The messages a principal may see, as SQL over a JSON list of (key, since) pairs bound as ?1: the
 * principal's own keys (since ever) and `subscribers:<grid>` for each grid they subscribe to (since
 * they subscribed). `?2` is the subject for the read marks. Every inbox query starts from this, so
 * nobody sees a message not addressed to one of their keys.
 */
export const VISIBLE = `messages m
  JOIN json_each(?1) j ON m.recipient_key = json_extract(j.value, '$.k') AND m.created_at >= json_extract(j.value, '$.s')
  LEFT JOIN message_reads r ON r.message_id = m.id AND r.sub = ?2`;

export async function audienceOf(db: D1Database, principal: Principal): Promise<string> {
  const { results } = await db.prepare("SELECT grid_code, created_at FROM subscriptions WHERE sub = ?1").bind(principal.sub).all<{ grid_code: string; created_at: string }>();
  const pairs = [...principalKeys(principal).map((k) => ({ k, s: "" })), ...results.map((s) => ({ k: `subscribers:${s.grid_code}`, s: s.created_at }))];
  return JSON.stringify(pairs);
}

export interface MessageRow {
  id: string;
  event_type: string;
  title: string;
  body: string;
  urgent: number;
  case_id: string | null;
  created_at: string;
  is_read: number;
}

export const MESSAGE_COLUMNS = "m.id, m.event_type, m.title, m.body, m.urgent, m.case_id, m.created_at, (r.message_id IS NOT NULL) AS is_read";

export function messageView(row: MessageRow) {
  return { id: row.id, eventType: row.event_type, title: row.title, body: row.body, urgent: row.urgent === 1, caseId: row.case_id, createdAt: row.created_at, read: row.is_read === 1 };
}
