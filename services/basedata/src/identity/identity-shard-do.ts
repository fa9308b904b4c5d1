import { DurableObject } from "cloudflare:workers";
import { and, eq, lt, or, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/durable-sqlite";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import type { Env } from "../env";
import migrations from "./migrations";
import * as schema from "./schema";
import { entries } from "./schema";

export type IdentityKind = (typeof entries.$inferSelect)["kind"];
export type IdentityEntry = Omit<typeof entries.$inferSelect, "hash" | "kind">;
export type IdentityUpdate = typeof entries.$inferInsert;

/**
 * One shard of the identity index: keyed hashes (of ID numbers, phones, credit codes, names) → the village and record
 * that hold them, so an exact lookup or a duplicate check across villages reads one shard instead of every village.
 * 256 shards by the hash's first two hex digits (see client.ts): at 100 million people and two or three keys each,
 * about a million small rows per shard.
 */
export class IdentityShardDO extends DurableObject<Env> {
  private readonly db;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = drizzle(ctx.storage, { schema });
    void ctx.blockConcurrencyWhile(() => migrate(this.db, migrations));
  }

  /** Every record that holds (or held) `hash`, active ones first. */
  find(kind: IdentityKind, hash: string): IdentityEntry[] {
    return this.db
      .select({
        recordId: entries.recordId,
        villageCode: entries.villageCode,
        active: entries.active,
        changedAt: entries.changedAt,
      })
      .from(entries)
      .where(and(eq(entries.kind, kind), eq(entries.hash, hash)))
      .orderBy(sql`${entries.active} DESC`, entries.recordId)
      .all();
  }

  /** Records the villages' changes; a change older than what is kept for the same record is ignored. */
  put(updates: IdentityUpdate[]): number {
    let applied = 0;
    this.ctx.storage.transactionSync(() => {
      for (const u of updates) {
        // durable-sqlite's run() answers nothing: the rows returned are those inserted or updated.
        const written = this.db
          .insert(entries)
          .values(u)
          .onConflictDoUpdate({
            target: [entries.kind, entries.hash, entries.recordId],
            set: { active: u.active, villageCode: u.villageCode, changedAt: u.changedAt },
            setWhere: or(lt(entries.changedAt, u.changedAt), eq(entries.changedAt, u.changedAt)),
          })
          .returning({ recordId: entries.recordId })
          .all();
        applied += written.length;
      }
    });
    return applied;
  }
}
