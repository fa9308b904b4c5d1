import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { cursorKey, dbOf, inJson } from "./db";
import { inboundWebhooks, platformOrders } from "./schema";

export type InboundRow = typeof inboundWebhooks.$inferSelect;
export type InboundStatus = InboundRow["status"];

/**
 * Stores the payload as `processing`, keyed by (platform, webhook-id); a redelivery of a failed one with the same
 * body is claimed again (attempts + 1). The id of the claimed row, or null when another row holds the key.
 */
export async function claimInbound(
  d1: D1Database,
  platform: string,
  webhookId: string,
  raw: string,
): Promise<number | null> {
  const claimed = await dbOf(d1)
    .insert(inboundWebhooks)
    .values({ platform, webhookId, rawBody: raw, status: "processing", receivedAt: new Date().toISOString() })
    .onConflictDoUpdate({
      target: [inboundWebhooks.platform, inboundWebhooks.webhookId],
      set: { status: "processing", attempts: sql`${inboundWebhooks.attempts} + 1` },
      setWhere: and(eq(inboundWebhooks.status, "failed"), eq(inboundWebhooks.rawBody, sql`excluded.raw_body`)),
    })
    .returning({ id: inboundWebhooks.id })
    .get();
  return claimed?.id ?? null;
}

export async function inboundByKey(d1: D1Database, platform: string, webhookId: string): Promise<InboundRow | null> {
  const where = and(eq(inboundWebhooks.platform, platform), eq(inboundWebhooks.webhookId, webhookId));
  return (await dbOf(d1).select().from(inboundWebhooks).where(where).get()) ?? null;
}

export async function inboundById(d1: D1Database, id: number): Promise<InboundRow | null> {
  return (await dbOf(d1).select().from(inboundWebhooks).where(eq(inboundWebhooks.id, id)).get()) ?? null;
}

/** Claims a stored payload for a replay: only one that failed, or was rejected or refused. False otherwise. */
export async function claimForReplay(d1: D1Database, id: number): Promise<boolean> {
  const claimed = await dbOf(d1)
    .update(inboundWebhooks)
    .set({ status: "processing", attempts: sql`${inboundWebhooks.attempts} + 1` })
    .where(and(eq(inboundWebhooks.id, id), inArray(inboundWebhooks.status, ["failed", "rejected", "refused"])))
    .returning({ id: inboundWebhooks.id })
    .get();
  return claimed !== undefined;
}

/** What became of a claimed payload, with the answer given for its webhook-id. */
export interface InboundOutcome {
  status: Exclude<InboundStatus, "processing">;
  eventType: string | null;
  caseId: string | null;
  error: string | null;
  answerStatus: number;
  answerBody: unknown;
}

export async function recordOutcome(d1: D1Database, id: number, outcome: InboundOutcome): Promise<void> {
  const processedAt = new Date().toISOString();
  await dbOf(d1)
    .update(inboundWebhooks)
    .set({ ...outcome, processedAt })
    .where(eq(inboundWebhooks.id, id))
    .run();
}

/** A page of the payloads of these platforms, newest first, after the cursor's id. */
export function inboundPage(
  d1: D1Database,
  platforms: string[],
  status: InboundStatus | undefined,
  afterId: string | number | undefined,
  limit: number,
) {
  return dbOf(d1)
    .select()
    .from(inboundWebhooks)
    .where(
      and(
        inJson(inboundWebhooks.platform, platforms),
        status ? eq(inboundWebhooks.status, status) : undefined,
        lt(inboundWebhooks.id, cursorKey(afterId, Number.MAX_SAFE_INTEGER)),
      ),
    )
    .orderBy(desc(inboundWebhooks.id))
    .limit(limit)
    .all();
}

/** Remembers which case a platform order became (a second report of the order keeps the first). */
export async function recordOrder(d1: D1Database, platform: string, orderId: string, caseId: string): Promise<void> {
  const createdAt = new Date().toISOString();
  await dbOf(d1).insert(platformOrders).values({ platform, orderId, caseId, createdAt }).onConflictDoNothing().run();
}

export async function caseOfOrder(d1: D1Database, platform: string, orderId: string): Promise<string | null> {
  const row = await dbOf(d1)
    .select({ caseId: platformOrders.caseId })
    .from(platformOrders)
    .where(and(eq(platformOrders.platform, platform), eq(platformOrders.orderId, orderId)))
    .get();
  return row?.caseId ?? null;
}
