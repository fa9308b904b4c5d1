import type { NotificationDelivery } from "@civicgrid/contracts";
import { and, asc, desc, eq, inArray, like, lte, sql } from "drizzle-orm";
import { before, inOneBatch, type After, type Db } from "./db";
import { deliveries, deliveryAttempts, messages } from "./schema";

export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = typeof deliveries.$inferInsert;

/** A delivery as operators see it: the address (a phone number) and the text stay in the database. */
const VIEW = {
  id: deliveries.id,
  eventId: deliveries.eventId,
  eventType: deliveries.eventType,
  recipientKey: deliveries.recipientKey,
  channel: deliveries.channel,
  templateCode: deliveries.templateCode,
  urgent: deliveries.urgent,
  divisionCode: deliveries.divisionCode,
  status: deliveries.status,
  attempts: deliveries.attempts,
  dueAt: deliveries.dueAt,
  digestId: deliveries.digestId,
  lastError: deliveries.lastError,
  createdAt: deliveries.createdAt,
  updatedAt: deliveries.updatedAt,
};

export function deliveryView(db: Db, id: string): Promise<NotificationDelivery | undefined> {
  return db.select(VIEW).from(deliveries).where(eq(deliveries.id, id)).get();
}

export interface DeliveryFilter {
  /** Division-code prefix of the caller's jurisdiction ("" for everything). */
  prefix: string;
  status?: NotificationDelivery["status"];
  eventId?: string;
}

/** The delivery log of a jurisdiction, newest first (index deliveries_by_division). */
export function listDeliveries(
  db: Db,
  filter: DeliveryFilter,
  after: After,
  limit: number,
): Promise<NotificationDelivery[]> {
  return db
    .select(VIEW)
    .from(deliveries)
    .where(
      and(
        like(deliveries.divisionCode, `${filter.prefix}%`),
        filter.status ? eq(deliveries.status, filter.status) : undefined,
        filter.eventId ? eq(deliveries.eventId, filter.eventId) : undefined,
        before(deliveries.createdAt, deliveries.id, after),
      ),
    )
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(limit);
}

export function attemptLog(db: Db, deliveryId: string) {
  return db
    .select({
      attempt: deliveryAttempts.attempt,
      status: deliveryAttempts.status,
      error: deliveryAttempts.error,
      at: deliveryAttempts.at,
    })
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.deliveryId, deliveryId))
    .orderBy(asc(deliveryAttempts.attempt));
}

/** A dead delivery back to pending for a new drive (as many attempts again); undefined if it was not dead. */
export function redrive(db: Db, id: string, now: string): Promise<NotificationDelivery | undefined> {
  return db
    .update(deliveries)
    .set({ status: "pending", retryBase: sql`${deliveries.attempts}`, updatedAt: now })
    .where(and(eq(deliveries.id, id), eq(deliveries.status, "dead")))
    .returning(VIEW)
    .get();
}

export function deliveryRow(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return db.select().from(deliveries).where(eq(deliveries.id, id)).get();
}

const SENDABLE = ["pending", "failed"] as const;

export interface AttemptRecord {
  id: string;
  attempt: number;
  status: "sent" | "failed" | "dead";
  error: string | null;
  at: string;
}

/** One attempt: the delivery's new status and its attempt log line, together (only if it was still sendable). */
export function recordAttempt(db: Db, a: AttemptRecord): Promise<void> {
  return inOneBatch(db, [
    db
      .update(deliveries)
      .set({ status: a.status, attempts: a.attempt, lastError: a.error, updatedAt: a.at })
      .where(and(eq(deliveries.id, a.id), inArray(deliveries.status, SENDABLE))),
    db.insert(deliveryAttempts).values({
      deliveryId: a.id,
      attempt: a.attempt,
      status: a.status === "sent" ? "ok" : "error",
      error: a.error,
      at: a.at,
    }),
  ]);
}

/** The pushes of an event still waiting for the sender. */
export async function pendingOfEvent(db: Db, eventId: string): Promise<string[]> {
  const rows = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.eventId, eventId), eq(deliveries.status, "pending")));
  return rows.map((r) => r.id);
}

export type NewMessage = typeof messages.$inferInsert;

/**
 * What one event means, written in one batch: each delivery, and for in-app ones its inbox message. Every insert
 * skips a row that exists (the unique (event, recipient, channel) key and the shared id), so a redelivered event
 * adds nothing: that key, not the consumer, decides who sends.
 */
export function writePlanned(db: Db, planned: readonly { delivery: NewDelivery; message: NewMessage | null }[]) {
  return inOneBatch(
    db,
    planned.flatMap(({ delivery, message }) => [
      db.insert(deliveries).values(delivery).onConflictDoNothing(),
      ...(message ? [db.insert(messages).values(message).onConflictDoNothing()] : []),
    ]),
  );
}

/** Deferred pushes whose time has come, oldest first (index deliveries_by_status). */
export function deferredDue(db: Db, at: string) {
  return db
    .select({
      id: deliveries.id,
      recipientKey: deliveries.recipientKey,
      channel: deliveries.channel,
      address: deliveries.address,
      title: deliveries.title,
      divisionCode: deliveries.divisionCode,
    })
    .from(deliveries)
    .where(and(eq(deliveries.status, "deferred"), lte(deliveries.dueAt, at)))
    .orderBy(asc(deliveries.createdAt), asc(deliveries.id))
    .limit(1000);
}

const stillDeferred = (id: string) => and(eq(deliveries.id, id), eq(deliveries.status, "deferred"));

/** A lone deferred push goes out as it is. */
export async function releaseDeferred(db: Db, id: string, now: string): Promise<void> {
  await db.update(deliveries).set({ status: "pending", updatedAt: now }).where(stillDeferred(id));
}

/** Several deferred pushes become one digest delivery, the originals marked `digested` with its id, together. */
export function foldIntoDigest(db: Db, digest: NewDelivery & { id: string }, folded: readonly string[]) {
  const now = digest.updatedAt;
  return inOneBatch(db, [
    db.insert(deliveries).values(digest).onConflictDoNothing(),
    ...folded.map((id) =>
      db.update(deliveries).set({ status: "digested", digestId: digest.id, updatedAt: now }).where(stillDeferred(id)),
    ),
  ]);
}
