import type { NotificationChannel } from "@civicgrid/contracts";

/** What a push channel is handed: one delivery, already rendered, with its address. */
export interface OutboundMessage {
  id: string;
  channel: NotificationChannel;
  recipientKey: string;
  address: string | null;
  title: string;
  body: string;
  divisionCode: string;
}

/** A failed send says whether trying again can help (a 5xx, a timeout) or not (a refused number). */
export type SendResult = { ok: true } | { ok: false; error: string; retryable: boolean };

/**
 * A push channel (SMS, webhook callback to a provincial platform). The in-app inbox is not one: an
 * inbox message is written when the event is read. The webhook channel of the integrations issue
 * (Standard Webhooks signatures) plugs in by implementing this interface.
 */
export interface Channel {
  readonly name: NotificationChannel;
  send(message: OutboundMessage): Promise<SendResult>;
}

export type ChannelRegistry = Partial<Record<NotificationChannel, Channel>>;
