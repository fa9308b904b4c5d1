import { and, asc, desc, eq, getTableColumns, lt, ne, or } from "drizzle-orm";
import { cursorKey, dbOf, inJson } from "./db";
import { deliveries, deliveryAttempts } from "./schema";

export type NewDelivery = Omit<typeof deliveries.$inferInsert, "status" | "attempts" | "deliveredAt">;
export type DeliveryStatus = (typeof deliveries.$inferSelect)["status"];

/** A delivery as administrators list it: everything but the payload. */
const { payload: _payload, ...listed } = getTableColumns(deliveries);
export type ListedDelivery = Omit<Row, "payload">;

/**
 * New deliveries (a redelivered case event finds its row again: unique per event and platform), and in the same
 * batch the ids among them still pending, to be (re)queued.
 */
export async function insertDeliveries(d1: D1Database, rows: NewDelivery[]): Promise<string[]> {
  const db = dbOf(d1);
  const ids = rows.map((r) => r.id);
  const insert = (row: NewDelivery) =>
    db
      .insert(deliveries)
      .values({ ...row, status: "pending" })
      .onConflictDoNothing();
  const [first, ...more] = rows.map(insert);
  if (!first) return [];
  const pending = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.status, "pending"), inJson(deliveries.id, ids)));
  const results = await db.batch([first, ...more, pending]);
  return (results.at(-1) as { id: string }[]).map((r) => r.id);
}

type Row = typeof deliveries.$inferSelect;
export type DeliveryToSend = Pick<Row, "id" | "platform" | "payload" | "status" | "attempts">;

/** What the sender needs of a delivery. */
export function deliveryToSend(d1: D1Database, id: string): Promise<DeliveryToSend | undefined> {
  const { platform, payload, status, attempts } = getTableColumns(deliveries);
  return dbOf(d1)
    .select({ id: deliveries.id, platform, payload, status, attempts })
    .from(deliveries)
    .where(eq(deliveries.id, id))
    .get();
}

/** One attempt, logged, and the delivery's count (and its delivery, when it succeeded), in one batch. */
export async function recordAttempt(
  d1: D1Database,
  attempt: typeof deliveryAttempts.$inferInsert,
  delivered: boolean,
): Promise<void> {
  const db = dbOf(d1);
  const { deliveryId, attempt: number, at } = attempt;
  await db.batch([
    db
      .insert(deliveryAttempts)
      .values(attempt)
      .onConflictDoUpdate({ target: [deliveryAttempts.deliveryId, deliveryAttempts.attempt], set: attempt }),
    db
      .update(deliveries)
      .set(delivered ? { attempts: number, status: "delivered", deliveredAt: at } : { attempts: number })
      .where(eq(deliveries.id, deliveryId)),
  ]);
}

/** A delivery whose retries ran out: if still pending, it is dead, to be replayed by hand. */
export async function markDead(d1: D1Database, id: string): Promise<void> {
  const pending = and(eq(deliveries.status, "pending"), eq(deliveries.id, id));
  await dbOf(d1).update(deliveries).set({ status: "dead" }).where(pending).run();
}

export async function listedDelivery(d1: D1Database, id: string): Promise<ListedDelivery | null> {
  return (await dbOf(d1).select(listed).from(deliveries).where(eq(deliveries.id, id)).get()) ?? null;
}

/** A page of the delivery log of these platforms, newest first, after the cursor (created_at, id). */
export function deliveryPage(
  d1: D1Database,
  platforms: string[],
  status: DeliveryStatus | undefined,
  after: readonly (string | number)[] | undefined,
  limit: number,
): Promise<ListedDelivery[]> {
  const { createdAt, id } = deliveries;
  const [at, lastId] = [cursorKey(after?.[0], ""), cursorKey(after?.[1], "")];
  const older = after ? or(lt(createdAt, at), and(eq(createdAt, at), lt(id, lastId))) : undefined;
  return dbOf(d1)
    .select(listed)
    .from(deliveries)
    .where(and(inJson(deliveries.platform, platforms), status ? eq(deliveries.status, status) : undefined, older))
    .orderBy(desc(createdAt), desc(id))
    .limit(limit)
    .all();
}

/** Every attempt of a delivery, in order. */
export function attemptsOf(d1: D1Database, deliveryId: string) {
  const { attempt, at, httpStatus, error, ms } = getTableColumns(deliveryAttempts);
  return dbOf(d1)
    .select({ attempt, at, httpStatus, error, ms })
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.deliveryId, deliveryId))
    .orderBy(asc(attempt))
    .all();
}

/** Puts a delivery back to pending for a replay, unless it was delivered meanwhile (then null). */
export async function requeue(d1: D1Database, id: string): Promise<ListedDelivery | null> {
  const row = await dbOf(d1)
    .update(deliveries)
    .set({ status: "pending" })
    .where(and(eq(deliveries.id, id), ne(deliveries.status, "delivered")))
    .returning(listed)
    .get();
  return row ?? null;
}
