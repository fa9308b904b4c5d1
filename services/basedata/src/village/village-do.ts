import { DurableObject } from "cloudflare:workers";
import type { Change, Decision, FieldChange, Submission, SubmissionStatus } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import { piiKeys } from "@civicgrid/http/pii";
import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import type { Actor } from "../domain/actor";
import type { Outcome } from "../domain/refusal";
import type { Env } from "../env";
import type { ChangeContext } from "./changes/types";
import { villageDb, type VillageDb } from "./db";
import { deliverOutbox } from "./delivery";
import { applyImportChunk, type ChunkApplied, type ChunkInput } from "./import-chunk";
import migrations from "./migrations";
import { fieldChanges, meta, outbox, submissions } from "./schema";
import { scopesOf, type RecordScope } from "./scopes";
import { decide, submit, submissionView } from "./submissions";

/** How long after a failed delivery the alarm tries again. */
const RETRY_MS = 30_000;

/**
 * One village's base data (一标三实): its standard addresses, houses, households, people, units, tags, visits and the
 * submissions that change them, in the object's own SQLite (a few thousand people per village; the 10 GB limit of
 * an object is far away). Every change is one transaction; what others must hear of it goes through the outbox,
 * delivered after the commit and retried from the alarm. Named by the village's 12-digit code.
 */
export class VillageDO extends DurableObject<Env> {
  private readonly db: VillageDb;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = villageDb(ctx.storage);
    void ctx.blockConcurrencyWhile(() => migrate(this.db, migrations));
  }

  private async context(villageCode: string, actor: Actor): Promise<ChangeContext> {
    this.db.insert(meta).values({ key: "village", value: villageCode }).onConflictDoNothing().run();
    const keys = await piiKeys(this.env.PII_KEY, "civicgrid-basedata");
    return { db: this.db, villageCode, actor, now: new Date(), env: this.env, keys };
  }

  /** A change collected (grid worker) or entered (agency, verifyNow); see domain/submission-lifecycle.ts. */
  async submit(
    villageCode: string,
    input: { change: Change; verifyNow: boolean; source: string },
    actor: Actor,
    idemKey: string | null,
  ): Promise<Outcome<Submission>> {
    const outcome = await submit(await this.context(villageCode, actor), this.ctx.storage, input, idemKey);
    await this.deliverSoon();
    return outcome;
  }

  async decide(
    villageCode: string,
    input: {
      submissionId: string;
      decision: Decision["decision"] | "withdraw";
      note?: string;
      expectedVersion: number | null;
    },
    actor: Actor,
    idemKey: string | null,
  ): Promise<Outcome<Submission>> {
    const outcome = await decide(await this.context(villageCode, actor), this.ctx.storage, input, idemKey);
    await this.deliverSoon();
    return outcome;
  }

  submission(villageCode: string, id: string): Submission | null {
    const row = this.db.select().from(submissions).where(eq(submissions.id, id)).get();
    return row ? submissionView(row, villageCode) : null;
  }

  /** Submissions newest first, by status and grids (null: every grid of the village), keyset on the id. */
  submissions(
    villageCode: string,
    query: { status?: SubmissionStatus; grids: string[] | null; before?: string; limit: number },
  ): Submission[] {
    const rows = this.db
      .select()
      .from(submissions)
      .where(
        and(
          query.status ? eq(submissions.status, query.status) : undefined,
          query.before ? lt(submissions.id, query.before) : undefined,
          query.grids === null ? undefined : inArray(submissions.gridCode, query.grids),
        ),
      )
      .orderBy(desc(submissions.id))
      .limit(query.limit)
      .all();
    return rows.map((r) => submissionView(r, villageCode));
  }

  /** The field history of one record, oldest first. */
  history(recordId: string): FieldChange[] {
    return this.db
      .select()
      .from(fieldChanges)
      .where(eq(fieldChanges.recordId, recordId))
      .orderBy(asc(fieldChanges.seq))
      .all()
      .map(({ seq: _seq, ...change }) => change);
  }

  /** Where each named record lies, for the routes' jurisdiction checks (absent: no such record here). */
  scopes(villageCode: string, ids: string[]): Record<string, RecordScope> {
    return scopesOf(this.db, villageCode, ids);
  }

  // ── imports (台账导入): see import-chunk.ts ──────────────────────────────────────────────────────────────────

  /** One chunk of a validated ledger import, all its rows in one transaction, idempotent on (import, chunk). */
  async applyImportChunk(villageCode: string, input: ChunkInput, actor: Actor): Promise<Outcome<ChunkApplied>> {
    const outcome = await applyImportChunk(await this.context(villageCode, actor), this.ctx.storage, input);
    await this.deliverSoon();
    return outcome;
  }

  private async deliverSoon(): Promise<void> {
    const pending = this.db.select({ id: outbox.id }).from(outbox).limit(1).get();
    if (pending && (await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now());
  }

  override async alarm(): Promise<void> {
    const village = this.db.select().from(meta).where(eq(meta.key, "village")).get()?.value;
    if (!village) return;
    try {
      const more = await deliverOutbox(this.db, this.env, village);
      if (more) await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
    } catch (error) {
      log("error", "village alarm failed", { village, error: String(error) });
      await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
    }
  }
}
