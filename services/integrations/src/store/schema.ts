import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";

/**
 * The integrations service's D1 tables: platforms with their secrets, mappings and audit, inbound webhooks kept
 * raw, outbound callback deliveries, the local demo receiver, and the Open311 door (clients, rate windows,
 * jurisdictions, reports, places). `drizzle-kit generate` writes the migrations from this file.
 */
export { idempotencyKeys } from "@civicgrid/http/tables";

type CodeMap = Record<string, string>;

/**
 * A provincial platform (粤平安, 12345, 平安甘肃): where its callbacks go and how its codes map to ours. Its
 * bootstrap secrets come from the PLATFORM_SECRETS setting; secrets issued later are in platform_secrets.
 */
export const platforms = sqliteTable(
  "platforms",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** The division the platform serves; agencies at or above it administer the integration. */
    divisionCode: text("division_code").notNull(),
    callbackUrl: text("callback_url").notNull(),
    active: integer("active", { mode: "boolean" })
      .notNull()
      .default(sql`1`),
    /** Their category code → our matter code; their division code → our 12-digit code. */
    categoryMap: text("category_map", { mode: "json" })
      .$type<CodeMap>()
      .notNull()
      .default(sql`'{}'`),
    divisionMap: text("division_map", { mode: "json" })
      .$type<CodeMap>()
      .notNull()
      .default(sql`'{}'`),
    updatedAt: text("updated_at").notNull(),
    /** For If-Match. */
    version: integer("version").notNull().default(1),
    /** When the bootstrap secrets stop verifying (set by the first rotation, a grace period ahead). */
    settingSecretsUntil: text("setting_secrets_until"),
  },
  () => [check("division_code", sql`length(division_code) = 12`), check("active", sql`active IN (0, 1)`)],
);

/** Secrets issued through the admin API. Shown once when issued; a rotated-out secret verifies until expires_at. */
export const platformSecrets = sqliteTable(
  "platform_secrets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform")
      .notNull()
      .references(() => platforms.id),
    secret: text("secret").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at"),
  },
  (t) => [index("platform_secrets_platform").on(t.platform, t.id)],
);

/** Who changed a platform, when, and what (field names and values, never a secret). */
export const platformAudit = sqliteTable(
  "platform_audit",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    changes: text("changes", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("platform_audit_platform").on(t.platform, t.id)],
);

const INBOUND_STATUSES = ["processing", "processed", "rejected", "refused", "failed"] as const;

/** Every signed payload a platform sent, byte for byte, with what became of it (so it can be replayed). */
export const inboundWebhooks = sqliteTable(
  "inbound_webhooks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform")
      .notNull()
      .references(() => platforms.id),
    webhookId: text("webhook_id").notNull(),
    eventType: text("event_type"),
    rawBody: text("raw_body").notNull(),
    /** 'refused': the cases service refused the work order for good (not retried, kept with its reason). */
    status: text("status", { enum: INBOUND_STATUSES }).notNull(),
    error: text("error"),
    caseId: text("case_id"),
    answerStatus: integer("answer_status"),
    answerBody: text("answer_body", { mode: "json" }).$type<unknown>(),
    attempts: integer("attempts").notNull().default(1),
    receivedAt: text("received_at").notNull(),
    processedAt: text("processed_at"),
  },
  (t) => [
    unique("inbound_webhooks_platform_webhook_id").on(t.platform, t.webhookId),
    index("inbound_webhooks_status").on(t.status, t.id),
    check("status", sql`status IN ('processing', 'processed', 'rejected', 'refused', 'failed')`),
  ],
);

/** Which case each platform order became (the platform speaks of its order id, we of the case id). */
export const platformOrders = sqliteTable(
  "platform_orders",
  {
    platform: text("platform").notNull(),
    orderId: text("order_id").notNull(),
    caseId: text("case_id").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.orderId] })],
);

const DELIVERY_STATUSES = ["pending", "delivered", "dead"] as const;

/** One callback per (case event, platform); its id is the webhook-id the platform sees on every attempt. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    platform: text("platform").notNull(),
    caseId: text("case_id").notNull(),
    orderId: text("order_id").notNull(),
    /** The JSON body exactly as signed and sent on every attempt. */
    payload: text("payload").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: text("created_at").notNull(),
    deliveredAt: text("delivered_at"),
  },
  (t) => [
    unique("deliveries_event_id_platform").on(t.eventId, t.platform),
    index("deliveries_platform").on(t.platform, t.createdAt, t.id),
    check("status", sql`status IN ('pending', 'delivered', 'dead')`),
  ],
);

export const deliveryAttempts = sqliteTable(
  "delivery_attempts",
  {
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => deliveries.id),
    attempt: integer("attempt").notNull(),
    at: text("at").notNull(),
    httpStatus: integer("http_status"),
    error: text("error"),
    ms: integer("ms").notNull(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.attempt] })],
);

/** The local receiver: the three Standard Webhooks headers and the raw body, byte for byte as text. */
export const receivedCallbacks = sqliteTable(
  "received_callbacks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform").notNull(),
    webhookId: text("webhook_id").notNull(),
    /** The body parsed, as JSON text ('null' when it was not JSON). */
    body: text("body").notNull(),
    verified: integer("verified", { mode: "boolean" }).notNull(),
    receivedAt: text("received_at").notNull(),
    webhookTimestamp: text("webhook_timestamp").notNull().default(""),
    webhookSignature: text("webhook_signature").notNull().default(""),
    rawBody: text("raw_body").notNull().default(""),
  },
  () => [check("verified", sql`verified IN (0, 1)`)],
);

/** Trusted Open311 apps: their api_key is kept only as a SHA-256 hash. */
export const open311Clients = sqliteTable(
  "open311_clients",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull().unique("open311_clients_key_hash"),
    requestsPerMinute: integer("requests_per_minute").notNull().default(30),
    active: integer("active", { mode: "boolean" })
      .notNull()
      .default(sql`1`),
    createdAt: text("created_at").notNull(),
  },
  () => [check("requests_per_minute", sql`requests_per_minute > 0`), check("active", sql`active IN (0, 1)`)],
);

/** Fixed one-minute windows of requests per Open311 client. */
export const open311RateWindows = sqliteTable(
  "open311_rate_windows",
  {
    clientId: text("client_id").notNull(),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.windowStart] })],
);

/** The counties that opened the Open311 door; a jurisdiction_id is the county's 12-digit division code. */
export const open311Jurisdictions = sqliteTable(
  "open311_jurisdictions",
  {
    countyCode: text("county_code").primaryKey(),
    name: text("name").notNull(),
    openedAt: text("opened_at").notNull(),
  },
  () => [check("county_code", sql`length(county_code) = 12`)],
);

/**
 * What a report carried that the case does not keep: the address as typed, the photo URL, the answers to the
 * service's attributes, and the token the app got (kept as a hash: it is also the reporter's follow token).
 */
export const open311Reports = sqliteTable("open311_reports", {
  caseId: text("case_id").primaryKey(),
  countyCode: text("county_code").notNull(),
  clientId: text("client_id").notNull(),
  tokenHash: text("token_hash").notNull().unique("open311_reports_token_hash"),
  address: text("address"),
  addressId: text("address_id"),
  mediaUrl: text("media_url"),
  attributes: text("attributes", { mode: "json" })
    .$type<Record<string, string | string[]>>()
    .notNull()
    .default(sql`'{}'`),
  createdAt: text("created_at").notNull(),
});

/**
 * Named places a report may be located by instead of a point (address_id: a grid or village code; the name
 * matched in address_string), each with a point inside it that the registry confirms at every use.
 */
export const open311Places = sqliteTable(
  "open311_places",
  {
    countyCode: text("county_code").notNull(),
    addressId: text("address_id").notNull(),
    name: text("name").notNull(),
    gridCode: text("grid_code").notNull(),
    lng: real("lng").notNull(),
    lat: real("lat").notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.addressId] }), index("open311_places_name").on(t.countyCode, t.name)],
);
