import type { NotificationDelivery, NotificationChannel } from "@civicgrid/contracts";

export interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  recipient_key: string;
  channel: NotificationChannel;
  address: string | null;
  template_code: string;
  urgent: number;
  division_code: string;
  status: NotificationDelivery["status"];
  attempts: number;
  due_at: string | null;
  digest_id: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** A delivery as operators see it: the address (a phone number) stays in the database. */
export function deliveryView(row: DeliveryRow): NotificationDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    recipientKey: row.recipient_key,
    channel: row.channel,
    templateCode: row.template_code,
    urgent: row.urgent === 1,
    divisionCode: row.division_code,
    status: row.status,
    attempts: row.attempts,
    dueAt: row.due_at,
    digestId: row.digest_id,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
