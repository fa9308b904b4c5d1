import { and, countDistinct, eq, sql, sum } from "drizzle-orm";
import { database } from "./db";
import { campaignScreenings } from "./schema";

/**
 * What a village object's outbox sends to destination "campaigns": a screening visit as recorded, or later a case a
 * dispute found on it opened (once the cases service answered). Both are idempotent: a redelivery writes nothing.
 */
export type ScreeningMessage =
  | ({ type: "screening" } & typeof campaignScreenings.$inferInsert)
  | { type: "case"; campaignId: string; visitId: string; caseId: string };

/** Writes a batch of screening messages in order, in one D1 batch (a screening always precedes its cases). */
export async function writeScreenings(d1: D1Database, messages: readonly ScreeningMessage[]): Promise<void> {
  const db = database(d1);
  const statements = messages.map((m) => {
    if (m.type === "screening") {
      const { type: _type, ...row } = m;
      return db.insert(campaignScreenings).values(row).onConflictDoNothing();
    }
    return db
      .update(campaignScreenings)
      .set({ caseIds: sql`json_insert(${campaignScreenings.caseIds}, '$[#]', ${m.caseId})` })
      .where(
        and(
          eq(campaignScreenings.campaignId, m.campaignId),
          eq(campaignScreenings.visitId, m.visitId),
          sql`NOT EXISTS (SELECT 1 FROM json_each(${campaignScreenings.caseIds}) WHERE value = ${m.caseId})`,
        ),
      );
  });
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

export interface GridScreenings {
  screened: number;
  disputesFound: number;
  caseIds: string[];
}

/** Per grid of a campaign: distinct targets screened, disputes found, the cases they opened. */
export async function screeningsByGrid(d1: D1Database, campaignId: string): Promise<Map<string, GridScreenings>> {
  const rows = await database(d1)
    .select({
      gridCode: campaignScreenings.gridCode,
      screened: countDistinct(campaignScreenings.targetId),
      disputesFound: sum(campaignScreenings.disputesFound),
      caseIds: sql<string>`json_group_array(json(${campaignScreenings.caseIds}))`,
    })
    .from(campaignScreenings)
    .where(eq(campaignScreenings.campaignId, campaignId))
    .groupBy(campaignScreenings.gridCode);
  return new Map(
    rows.map((r) => [
      r.gridCode,
      {
        screened: r.screened,
        disputesFound: Number(r.disputesFound ?? 0),
        caseIds: (JSON.parse(r.caseIds) as string[][]).flat().sort(),
      },
    ]),
  );
}

/** The distinct targets screened in a campaign (the village objects tell which of them are still to screen). */
export async function screenedTargets(d1: D1Database, campaignId: string): Promise<string[]> {
  const rows = await database(d1)
    .selectDistinct({ targetId: campaignScreenings.targetId })
    .from(campaignScreenings)
    .where(eq(campaignScreenings.campaignId, campaignId));
  return rows.map((r) => r.targetId);
}
