import { z } from "@hono/zod-openapi";
import { PageQuery } from "./pagination";

/** Bodies and answers of the notifications service (`/v1/inbox`, `/v1/notifications`). */

export const NotificationChannel = z.enum(["in_app", "sms", "webhook"]);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

/** Registry events notifications reads (`registry.grid.changed`, `registry.disclosure.changed`). */
export const RegistryChangeData = z.object({ gridCode: z.string().regex(/^\d{15}$/) });
export type RegistryChangeData = z.infer<typeof RegistryChangeData>;

const GridCode = z.string().regex(/^\d{15}$/, "must be a 15-digit grid code");
const Flag = z.enum(["true", "false"]).transform((v) => v === "true");

export const InboxQuery = PageQuery.extend({ unread: Flag.optional() });
export const InboxMessage = z
  .object({
    id: z.string(),
    eventType: z.string(),
    title: z.string(),
    body: z.string(),
    urgent: z.boolean(),
    caseId: z.string().nullable(),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .openapi("InboxMessage");
export type InboxMessage = z.infer<typeof InboxMessage>;
export const UnreadCount = z.object({ unread: z.number().int() }).openapi("UnreadCount");
export const ReadAllAnswer = z.object({ marked: z.number().int() }).openapi("ReadAllAnswer");

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a local time HH:MM (Asia/Shanghai)");
/** Whose preferences: the caller's own, or (department staff) their department's duty line. */
export const PreferenceOwner = z.enum(["self", "department"]);
export const PreferencesQuery = z.object({ owner: PreferenceOwner.default("self") });
export const PreferencesUpdate = z
  .object({ quietStart: LocalTime.nullable(), quietEnd: LocalTime.nullable(), digest: z.boolean() })
  .refine((p) => (p.quietStart === null) === (p.quietEnd === null), {
    message: "set both quietStart and quietEnd, or neither",
    path: ["quietEnd"],
  })
  .refine((p) => p.quietStart === null || p.quietStart !== p.quietEnd, {
    message: "quiet hours must not start and end at the same time",
    path: ["quietEnd"],
  })
  .openapi("PreferencesUpdate");
export type PreferencesUpdate = z.infer<typeof PreferencesUpdate>;
export const Preferences = z
  .object({
    ownerKey: z.string(),
    quietStart: z.string().nullable(),
    quietEnd: z.string().nullable(),
    digest: z.boolean(),
    version: z.number().int(),
  })
  .openapi("Preferences");
export type Preferences = z.infer<typeof Preferences>;

export const NewSubscription = z.object({ gridCode: GridCode }).openapi("NewSubscription");
export const Subscription = z.object({ gridCode: z.string(), createdAt: z.string() }).openapi("Subscription");

export const TemplateCode = z.string().regex(/^[a-z][a-z0-9_]{1,48}$/, "lower-case letters, digits and _");
export const Template = z
  .object({
    code: z.string(),
    title: z.string(),
    body: z.string(),
    description: z.string(),
    variables: z.array(z.string()),
  })
  .openapi("NotificationTemplate");
export const TemplatePreviewBody = z
  .object({ variables: z.record(z.string().regex(/^\w{1,40}$/), z.union([z.string().max(500), z.number()])) })
  .openapi("TemplatePreviewBody");
export const TemplatePreview = z
  .object({ code: z.string(), title: z.string(), body: z.string() })
  .openapi("TemplatePreview");

export const Rule = z
  .object({
    id: z.string(),
    eventType: z.string(),
    condition: z.string().nullable(),
    audience: z.string(),
    channel: NotificationChannel,
    templateCode: z.string(),
    urgent: z.boolean(),
    enabled: z.boolean(),
    version: z.number().int(),
  })
  .openapi("NotificationRule");
export type Rule = z.infer<typeof Rule>;
export const RulePatch = z.object({ enabled: z.boolean() }).openapi("NotificationRulePatch");

export const NotificationDeliveryStatus = z.enum(["pending", "failed", "sent", "dead", "deferred", "digested"]);
export type NotificationDeliveryStatus = z.infer<typeof NotificationDeliveryStatus>;
export const NotificationDelivery = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    recipientKey: z.string(),
    channel: NotificationChannel,
    templateCode: z.string(),
    urgent: z.boolean(),
    divisionCode: z.string(),
    status: NotificationDeliveryStatus,
    attempts: z.number().int(),
    dueAt: z.string().nullable(),
    digestId: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("NotificationDelivery");
export type NotificationDelivery = z.infer<typeof NotificationDelivery>;
export const NotificationDeliveryAttempt = z
  .object({ attempt: z.number().int(), status: z.enum(["ok", "error"]), error: z.string().nullable(), at: z.string() })
  .openapi("NotificationDeliveryAttempt");
export const NotificationDeliveryDetail = NotificationDelivery.extend({
  attemptLog: z.array(NotificationDeliveryAttempt),
}).openapi("NotificationDeliveryDetail");
export const NotificationDeliveryListQuery = PageQuery.extend({
  status: NotificationDeliveryStatus.optional(),
  eventId: z.string().max(200).optional(),
});

/** What the dev/test SMS sink recorded: the text and the (work or duty) number it went to. */
export const SmsSinkRecord = z
  .object({
    deliveryId: z.string(),
    phone: z.string(),
    text: z.string(),
    divisionCode: z.string(),
    receivedAt: z.string(),
  })
  .openapi("SmsSinkRecord");

/**
 * The platform's dead-letter queue (`civicgrid-dead-letters`, QUEUES.deadLetters): a message a consumer gave up on,
 * kept until a platform administrator redrives it to the queue it came from. `queue` is that queue, read
 * from the message's shape (`unknown` when it has none of ours); `attempts` and `error` are what the
 * consumers recorded of its failed attempts (0 and null when none could be recorded).
 */
export const DeadLetterStatus = z.enum(["dead", "redriven"]);
export const DeadLetter = z
  .object({
    id: z.string(),
    messageId: z.string(),
    queue: z.string(),
    status: DeadLetterStatus,
    attempts: z.number().int(),
    deadLetterings: z.number().int(),
    firstFailedAt: z.string(),
    lastFailedAt: z.string(),
    error: z.string().nullable(),
    redrives: z.number().int(),
    redrivenAt: z.string().nullable(),
    redrivenBy: z.string().nullable(),
  })
  .openapi("DeadLetter");
export type DeadLetter = z.infer<typeof DeadLetter>;
export const DeadLetterDetail = DeadLetter.extend({ body: z.unknown() }).openapi("DeadLetterDetail");
export const DeadLetterListQuery = PageQuery.extend({ status: DeadLetterStatus.optional() });

/** Data of `notifications.dead_lettered`, the event that tells the platform administrators of a dead letter. */
export const DeadLetterAlertData = z.object({
  deadLetterId: z.string(),
  messageId: z.string(),
  queue: z.string(),
  error: z.string().nullable(),
  /** Who is told: the platform administrators (`role:platform_admin` in the inbox). */
  audience: z.literal("platform_admin"),
});
export type DeadLetterAlertData = z.infer<typeof DeadLetterAlertData>;
