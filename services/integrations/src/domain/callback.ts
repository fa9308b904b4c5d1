import { CaseEventData, EventEnvelope, type CallbackPayload } from "@civicgrid/contracts";

/** A case event that goes back to a platform: to which platform, about which order, with what payload. */
export interface PlatformCallback {
  eventId: string;
  platform: string;
  caseId: string;
  orderId: string;
  payload: CallbackPayload;
}

/**
 * What a message on the case-events queue means for the platforms: `unreadable` when it is no case event, `none`
 * when the case was not pushed by a platform (only those of data.external concern one), else its callback.
 */
export type CaseEventMeaning =
  | { kind: "unreadable" }
  | { kind: "none" }
  | { kind: "callback"; callback: PlatformCallback };

export function callbackOf(body: unknown): CaseEventMeaning {
  const envelope = EventEnvelope.safeParse(body);
  const data = envelope.success ? CaseEventData.safeParse(envelope.data.data) : undefined;
  if (!envelope.success || !data?.success) return { kind: "unreadable" };
  const external = data.data.external;
  if (!external) return { kind: "none" };
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
  const { orderId, platform } = external;
  const callback = { eventId: envelope.data.id, platform, caseId: data.data.caseId, orderId, payload };
  return { kind: "callback", callback };
}
