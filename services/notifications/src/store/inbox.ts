import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { before, type After, type Db } from "./db";
import { messageReads, messages, subscriptions } from "./schema";

/**
 * Whom an inbox belongs to: the keys the principal answers to (domain/recipient-keys.ts), and the subject whose
 * read marks count. Grid subscriptions join in at query time.
 */
export interface Reader {
  sub: string;
  keys: readonly string[];
}

/**
 * The (key, since) pairs a reader sees messages of, as JSON for json_each: their own keys since ever, and
 * `subscribers:<grid>` for each grid they subscribe to, since they subscribed.
 */
async function audienceOf(db: Db, reader: Reader): Promise<string> {
  const subscribed = await db
    .select({ gridCode: subscriptions.gridCode, createdAt: subscriptions.createdAt })
    .from(subscriptions)
    .where(eq(subscriptions.sub, reader.sub));
  const own = reader.keys.map((k) => ({ k, s: "" }));
  return JSON.stringify([...own, ...subscribed.map((s) => ({ k: `subscribers:${s.gridCode}`, s: s.createdAt }))]);
}

const VIEW = {
  id: messages.id,
  eventType: messages.eventType,
  title: messages.title,
  body: messages.body,
  urgent: messages.urgent,
  caseId: messages.caseId,
  createdAt: messages.createdAt,
  read: sql<number>`(${messageReads.messageId} IS NOT NULL)`.mapWith((v: number) => v === 1),
};

/**
 * What cuts a query over messages to what a reader may see: the join on their (key, since) pairs and the join on
 * their read marks. Every inbox query joins both, so nobody sees a message not addressed to one of their keys.
 * json_each has no drizzle form: that join is SQL.
 */
async function visibleTo(db: Db, reader: Reader) {
  const audience = await audienceOf(db, reader);
  return {
    keys: sql`json_each(${audience}) j`,
    addressed: sql`${messages.recipientKey} = json_extract(j.value, '$.k')
      AND ${messages.createdAt} >= json_extract(j.value, '$.s')`,
    reads: and(eq(messageReads.messageId, messages.id), eq(messageReads.sub, reader.sub)),
  };
}

const unreadOnly = isNull(messageReads.messageId);

/** The reader's messages matching `where`, newest first. */
async function visibleMessages(db: Db, reader: Reader, where: SQL | undefined, limit: number) {
  const v = await visibleTo(db, reader);
  return db
    .select(VIEW)
    .from(messages)
    .innerJoin(v.keys, v.addressed)
    .leftJoin(messageReads, v.reads)
    .where(where)
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
}

export function inboxPage(db: Db, reader: Reader, unread: boolean, after: After, limit: number) {
  const where = and(unread ? unreadOnly : undefined, before(messages.createdAt, messages.id, after));
  return visibleMessages(db, reader, where, limit);
}

export async function unreadCount(db: Db, reader: Reader): Promise<number> {
  const v = await visibleTo(db, reader);
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(messages)
    .innerJoin(v.keys, v.addressed)
    .leftJoin(messageReads, v.reads)
    .where(unreadOnly)
    .get();
  return row?.n ?? 0;
}

/** One message of the reader's inbox, or undefined when it is not addressed to them. */
export async function inboxMessage(db: Db, reader: Reader, id: string) {
  return (await visibleMessages(db, reader, eq(messages.id, id), 1))[0];
}

export async function markRead(db: Db, sub: string, id: string, at: string): Promise<void> {
  await db.insert(messageReads).values({ messageId: id, sub, readAt: at }).onConflictDoNothing();
}

/** Marks every unread message of the reader read in one statement (INSERT ... SELECT); answers how many. */
export async function markAllRead(db: Db, reader: Reader, at: string): Promise<number> {
  const v = await visibleTo(db, reader);
  const unread = db
    .select({
      messageId: messages.id,
      sub: sql<string>`${reader.sub}`.as("sub"),
      readAt: sql<string>`${at}`.as("read_at"),
    })
    .from(messages)
    .innerJoin(v.keys, v.addressed)
    .leftJoin(messageReads, v.reads)
    .where(unreadOnly);
  const result = await db.insert(messageReads).select(unread).onConflictDoNothing();
  return result.meta.changes;
}
