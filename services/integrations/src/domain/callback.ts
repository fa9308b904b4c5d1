import type { CallbackPayload, CaseEventData, EventEnvelope } from "@civicgrid/contracts";

/** A case event that goes back to a platform: to which platform, about which order, with what payload. */
export interface PlatformCallback {
  eventId: string;
  platform: string;
  caseId: string;
  orderId: string;
  payload: CallbackPayload;
}

/**
 * What a case event means for the platforms: nothing when the case was not pushed by a platform (only those of
 * data.external concern one), else the progress callback its platform gets.
 */
export function callbackOf(envelope: EventEnvelope, data: CaseEventData): PlatformCallback | null {
  const external = data.external;
  if (!external) return null;
  const payload: CallbackPayload = {
    type: "work_order.progress",
    timestamp: envelope.occurredAt,
    data: {
      orderId: external.orderId,
      caseId: data.caseId,
      event: envelope.type,
      status: data.status,
      previousStatus: data.previousStatus,
      version: envelope.version,
      occurredAt: envelope.occurredAt,
      rating: data.rating ?? null,
    },
  };
  return { eventId: envelope.id, platform: external.platform, caseId: data.caseId, orderId: external.orderId, payload };
}
