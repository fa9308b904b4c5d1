import { z } from "@hono/zod-openapi";
import { DivisionCode } from "./division";

/**
 * The integrations service: provincial platforms' webhooks in (Standard Webhooks v1), their callbacks out,
 * and the Open311 GeoReport v2 door for residents' apps.
 */
export const PlatformId = z.string().regex(/^[a-z0-9_-]{2,32}$/, "lowercase letters, digits, _ - (2 to 32)");
const OrderId = z.string().min(1).max(64);
const Instant = z.iso.datetime({ offset: true });

export const WorkOrderCreated = z.object({
  orderId: OrderId,
  categoryCode: z.string().min(1).max(32),
  divisionCode: z.string().min(1).max(32),
  lng: z.number().min(73).max(136).optional(),
  lat: z.number().min(3).max(54).optional(),
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().min(1).max(4000),
  reportedAt: Instant,
});
export const WorkOrderUpdated = z.object({
  orderId: OrderId,
  description: z.string().trim().min(1).max(4000).optional(),
  note: z.string().trim().min(1).max(2000),
});
export const WorkOrderCancelled = z.object({ orderId: OrderId, reason: z.string().trim().min(1).max(500) });
export const WorkOrderStatusQuery = z.object({ orderId: OrderId });

/** The events a platform may send; each body is `{ type, timestamp, data }` as Standard Webhooks recommends. */
export const InboundEventType = z.enum([
  "work_order.created",
  "work_order.updated",
  "work_order.cancelled",
  "work_order.status_query",
]);
export type InboundEventType = z.infer<typeof InboundEventType>;
export const INBOUND_DATA = {
  "work_order.created": WorkOrderCreated,
  "work_order.updated": WorkOrderUpdated,
  "work_order.cancelled": WorkOrderCancelled,
  "work_order.status_query": WorkOrderStatusQuery,
} as const satisfies Record<InboundEventType, z.ZodType>;

export const InboundEnvelope = z.object({
  type: z.string().min(1).max(64),
  timestamp: Instant.optional(),
  data: z.record(z.string(), z.unknown()),
});

export const WebhookAnswer = z
  .object({
    webhookId: z.string(),
    type: InboundEventType,
    orderId: z.string(),
    caseId: z.string().nullable(),
    status: z.string().nullable(),
    updatedAt: z.string().nullable().optional(),
  })
  .openapi("WebhookAnswer");
export type WebhookAnswer = z.infer<typeof WebhookAnswer>;

/** What a platform receives on its callback URL for each change of one of its cases. */
export const CallbackPayload = z.object({
  type: z.literal("work_order.progress"),
  timestamp: Instant,
  data: z.object({
    orderId: z.string(),
    caseId: z.string(),
    event: z.string(),
    status: z.string(),
    previousStatus: z.string().nullable(),
    version: z.number().int(),
    occurredAt: z.string(),
    rating: z.string().nullable(),
  }),
});
export type CallbackPayload = z.infer<typeof CallbackPayload>;

const CodeMap = z.record(z.string().min(1).max(32), z.string().min(1).max(32));
/** A callback URL: https only (http is allowed for loopback, for local development). */
const CallbackUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine(
    (u) => u.startsWith("https://") || /^http:\/\/(localhost|127\.0\.0\.1)(:|\/)/.test(u),
    "must be https (http only for localhost)",
  );

/** A platform as its administrators see it: never a secret, only which secrets are active and until when. */
export const PlatformView = z
  .object({
    id: PlatformId,
    name: z.string(),
    divisionCode: z.string(),
    callbackUrl: z.string(),
    active: z.boolean(),
    categoryMap: z.record(z.string(), z.string()),
    divisionMap: z.record(z.string(), z.string()),
    secretsConfigured: z.number().int(),
    version: z.number().int(),
    secrets: z.array(
      z.object({
        id: z.string(),
        source: z.enum(["setting", "issued"]),
        createdAt: z.string().nullable(),
        expiresAt: z.string().nullable(),
      }),
    ),
  })
  .openapi("Platform");
export type PlatformView = z.infer<typeof PlatformView>;

export const NewPlatform = z
  .object({
    id: PlatformId,
    name: z.string().trim().min(2).max(100),
    divisionCode: DivisionCode,
    callbackUrl: CallbackUrl,
    active: z.boolean().default(true),
    categoryMap: CodeMap.default({}),
    divisionMap: CodeMap.default({}),
  })
  .strict()
  .openapi("NewPlatform");
export const PlatformPatch = z
  .object({ name: z.string().trim().min(2).max(100), callbackUrl: CallbackUrl, active: z.boolean() })
  .partial()
  .strict()
  .openapi("PlatformPatch");
/** Mappings: each key set to a code, or to null to remove it. */
export const MappingsPatch = z
  .object({
    categoryMap: z.record(z.string().min(1).max(32), z.string().min(1).max(32).nullable()),
    divisionMap: z.record(z.string().min(1).max(32), DivisionCode.nullable()),
  })
  .partial()
  .strict()
  .openapi("PlatformMappingsPatch");
export const RotateSecret = z
  .object({ graceHours: z.number().int().min(0).max(720).default(24) })
  .strict()
  .openapi("RotateSecret");
/** The new secret, shown this once. */
export const IssuedSecret = z
  .object({ platform: PlatformId, secret: z.string(), createdAt: z.string(), previousValidUntil: z.string() })
  .openapi("IssuedSecret");
export const PlatformAuditEntry = z
  .object({
    id: z.number().int(),
    platform: z.string(),
    actor: z.string(),
    action: z.string(),
    changes: z.record(z.string(), z.unknown()),
    at: z.string(),
  })
  .openapi("PlatformAuditEntry");

/** rejected: we refused the payload; refused: the cases service refused the work order for good; failed: may be retried. */
export const InboundStatus = z.enum(["processing", "processed", "rejected", "refused", "failed"]);
export const InboundView = z
  .object({
    id: z.number().int(),
    platform: z.string(),
    webhookId: z.string(),
    type: z.string().nullable(),
    status: InboundStatus,
    error: z.string().nullable(),
    caseId: z.string().nullable(),
    attempts: z.number().int(),
    receivedAt: z.string(),
    processedAt: z.string().nullable(),
  })
  .openapi("InboundWebhook");
export type InboundView = z.infer<typeof InboundView>;

export const DeliveryStatus = z.enum(["pending", "delivered", "dead"]);
export const DeliveryAttempt = z.object({
  attempt: z.number().int(),
  at: z.string(),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  ms: z.number().int(),
});
export const DeliveryView = z
  .object({
    id: z.string(),
    eventId: z.string(),
    platform: z.string(),
    caseId: z.string(),
    orderId: z.string(),
    status: DeliveryStatus,
    attempts: z.number().int(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    log: z.array(DeliveryAttempt).optional(),
  })
  .openapi("Delivery");
export type DeliveryView = z.infer<typeof DeliveryView>;

export const ReceivedCallback = z
  .object({
    id: z.number().int(),
    platform: z.string(),
    webhookId: z.string(),
    receivedAt: z.string(),
    verified: z.boolean(),
    body: z.unknown(),
    /** The three Standard Webhooks headers and the body exactly as received, to verify with any library. */
    headers: z.object({ "webhook-id": z.string(), "webhook-timestamp": z.string(), "webhook-signature": z.string() }),
    rawBody: z.string(),
  })
  .openapi("ReceivedCallback");

/** Open311 GeoReport v2: field names exactly as the specification spells them. */
export const Open311Service = z
  .object({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string(),
    metadata: z.boolean(),
    type: z.enum(["realtime", "batch", "blackbox"]),
    keywords: z.string(),
    group: z.string(),
  })
  .openapi("Open311Service");
export const Open311ServiceDefinition = z
  .object({
    service_code: z.string(),
    attributes: z.array(
      z.object({
        variable: z.boolean(),
        code: z.string(),
        datatype: z.enum(["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]),
        required: z.boolean(),
        datatype_description: z.string(),
        order: z.number().int(),
        description: z.string(),
        values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
      }),
    ),
  })
  .openapi("Open311ServiceDefinition");
export const Open311Request = z
  .object({
    service_request_id: z.string(),
    status: z.enum(["open", "closed"]),
    status_notes: z.string().nullable(),
    service_name: z.string(),
    service_code: z.string(),
    description: z.string(),
    agency_responsible: z.string().nullable(),
    service_notice: z.string().nullable(),
    requested_datetime: z.string(),
    updated_datetime: z.string(),
    expected_datetime: z.string().nullable(),
    address: z.string().nullable(),
    address_id: z.string().nullable(),
    zipcode: z.string().nullable(),
    lat: z.number().nullable(),
    long: z.number().nullable(),
    media_url: z.string().nullable(),
  })
  .openapi("Open311Request");
export type Open311Request = z.infer<typeof Open311Request>;
/**
 * The answer to POST requests: the specification allows service_request_id or token; we answer the token (it is
 * also the reporter's follow token for the public case page and rating), and GET tokens/{token} gives the id.
 */
export const Open311Created = z
  .array(z.object({ token: z.string(), service_notice: z.string(), account_id: z.string().nullable() }))
  .openapi("Open311Created");
export const Open311Token = z
  .array(z.object({ token: z.string(), service_request_id: z.string() }))
  .openapi("Open311Token");
export const Open311Discovery = z
  .object({
    changeset: z.string(),
    contact: z.string(),
    key_service: z.string(),
    endpoints: z.array(
      z.object({
        specification: z.string(),
        url: z.string(),
        changeset: z.string(),
        type: z.enum(["production", "test"]),
        formats: z.array(z.string()),
      }),
    ),
    /** Not in the specification (clients ignore it): the jurisdiction_id values this endpoint serves. */
    jurisdictions: z.array(z.object({ jurisdiction_id: z.string(), name: z.string() })),
  })
  .openapi("Open311Discovery");
export const Open311Error = z
  .array(z.object({ code: z.number().int(), description: z.string() }))
  .openapi("Open311Error");

/**
 * Across Workers RPC only a standard error type's name and message survive, so the cases service tells a
 * permanent refusal of a platform's work order (a 4xx-class domain refusal: a forbidden matter, an invalid or
 * closed order) from a failure by throwing it as a RangeError, or a TypeError for arguments it cannot read.
 * The integrations service stores such a payload as `refused` with the message as its reason and does not retry
 * it; any other error is a failure that the platform's redelivery or an operator's replay retries.
 */
export function isPlatformRefusal(error: unknown): error is RangeError | TypeError {
  return error instanceof RangeError || error instanceof TypeError;
}
