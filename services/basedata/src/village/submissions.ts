import type { Change, ChangeKind, Conflict, Decision, Submission } from "@civicgrid/contracts";
import { sha256Hex } from "@civicgrid/http";
import { decrypt, encrypt } from "@civicgrid/http/pii";
import { eq } from "drizzle-orm";
import { decideSubmission, type SubmissionCommand } from "../domain/submission-lifecycle";
import { ok, refused, type Outcome, type Refusal } from "../domain/refusal";
import { handlerOf } from "./changes";
import type { ChangeContext, ChangeHandler, Checked } from "./changes/types";
import { nextId } from "./ids";
import { enqueueCounts } from "./counts";
import { enqueue, villageEvent } from "./outbox";
import { commands, submissions } from "./schema";

type Row = typeof submissions.$inferSelect;

export function submissionView(row: Row, villageCode: string): Submission {
  return {
    id: row.id,
    villageCode,
    gridCode: row.gridCode,
    change: JSON.parse(row.changeMasked) as Record<string, unknown>,
    status: row.status,
    conflicts: JSON.parse(row.conflicts) as Conflict[],
    submittedBy: row.submittedBy,
    submittedAt: row.submittedAt,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    note: row.note,
    recordId: row.recordId,
    version: row.version,
  };
}

/**
 * Runs `work` once per Idempotency-Key: a retry with the same key and request replays the stored answer, a reuse
 * with another request is refused. The key is stored in the same transaction as the effect (see `commit`).
 */
async function replayed(ctx: ChangeContext, key: string | null, request: unknown) {
  if (!key) return { hash: null, answer: null };
  const hash = await sha256Hex(JSON.stringify(request));
  const row = ctx.db.select().from(commands).where(eq(commands.key, key)).get();
  if (!row) return { hash, answer: null };
  if (row.requestHash !== hash)
    return {
      hash,
      answer: refused<Submission>({
        code: "unprocessable",
        detail: "header.idempotency-key: this key was used for another request",
        errors: [{ field: "header.idempotency-key", message: "used for another request" }],
      }),
    };
  return { hash, answer: JSON.parse(row.result) as Outcome<Submission> };
}

/** Thrown inside a transaction to roll it back and answer the refusal. */
class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail);
  }
}

/**
 * Runs `write` in one transaction with the Idempotency-Key stored beside its effect; a refusal from inside rolls
 * back everything the transaction wrote.
 */
function commit(
  ctx: ChangeContext,
  storage: DurableObjectStorage,
  write: () => Row,
  idem: { key: string | null; hash: string | null },
): Outcome<Submission> {
  try {
    return storage.transactionSync(() => {
      const view = submissionView(write(), ctx.villageCode);
      if (idem.key && idem.hash)
        ctx.db
          .insert(commands)
          .values({
            key: idem.key,
            requestHash: idem.hash,
            result: JSON.stringify(ok(view)),
            at: ctx.now.toISOString(),
          })
          .run();
      return ok(view);
    });
  } catch (error) {
    if (error instanceof Refused) return refused(error.refusal);
    throw error;
  }
}

/** The outcome's value, or a rollback of the transaction with its refusal. */
function orRollback<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Refused(outcome.refusal);
  return outcome.value;
}

/** Applies an approved change and emits its event, inside the caller's transaction; returns the record id. */
function applyApproved(
  ctx: ChangeContext,
  handler: ChangeHandler<ChangeKind>,
  change: Change,
  looked: unknown,
  checked: Checked,
  row: Row,
) {
  const { recordId } = handler.apply(ctx, change, looked, checked, `submission:${row.id}`);
  const data = {
    submissionId: row.id,
    kind: row.kind,
    recordId,
    gridCode: checked.gridCode,
    submittedBy: row.submittedBy,
  };
  enqueue(
    ctx.db,
    "assessments",
    `basedata.submission.approved:${row.id}`,
    villageEvent("basedata.submission.approved", ctx.villageCode, row.id, row.version + 1, data, ctx.now),
  );
  // Every applied change may move the grid's counts (底数): one deduped "counts" row recounts the village when sent.
  enqueueCounts(ctx.db);
  return recordId;
}

export async function submit(
  ctx: ChangeContext,
  storage: DurableObjectStorage,
  input: { change: Change; verifyNow: boolean; source: string },
  idemKey: string | null,
): Promise<Outcome<Submission>> {
  const idem = await replayed(ctx, idemKey, { op: "submit", sub: ctx.actor.sub, input });
  if (idem.answer) return idem.answer;
  const handler = handlerOf(input.change.kind);
  const looked = await handler.lookup(ctx, input.change);
  if (!looked.ok) return looked;
  const sealed = await encrypt(ctx.keys, JSON.stringify(input.change));
  const at = ctx.now.toISOString();
  return commit(
    ctx,
    storage,
    () => {
      const checked = orRollback(handler.check(ctx, input.change, looked.value));
      const facts = { status: null, submittedBy: null, conflicts: checked.conflicts, verifyNow: input.verifyNow };
      const transition = decideSubmission("submit", facts, ctx.actor);
      if (!transition.ok) throw new Refused(transition.refusal);
      const id = nextId(ctx.db, "submission", ctx.villageCode);
      const row = ctx.db
        .insert(submissions)
        .values({
          id,
          kind: input.change.kind,
          gridCode: checked.gridCode,
          changeSealed: sealed,
          changeMasked: JSON.stringify(handler.mask(input.change)),
          status: transition.to,
          conflicts: JSON.stringify(checked.conflicts),
          source: input.source,
          submittedBy: ctx.actor.sub,
          submittedRole: ctx.actor.role,
          submittedAt: at,
          ...(transition.to === "approved" ? { decidedBy: ctx.actor.sub, decidedAt: at } : {}),
        })
        .returning()
        .get();
      if (transition.to !== "approved") return row;
      const recordId = applyApproved(ctx, handler, input.change, looked.value, checked, row);
      return ctx.db.update(submissions).set({ recordId }).where(eq(submissions.id, id)).returning().get();
    },
    { key: idemKey, hash: idem.hash },
  );
}

/**
 * Approves, rejects or withdraws a pending submission. An approval checks the change again inside the transaction
 * that applies it (the base may have changed since it was submitted), so it never lets a duplicate in.
 */
export async function decide(
  ctx: ChangeContext,
  storage: DurableObjectStorage,
  input: {
    submissionId: string;
    decision: Decision["decision"] | "withdraw";
    note?: string | undefined;
    expectedVersion: number | null;
  },
  idemKey: string | null,
): Promise<Outcome<Submission>> {
  const idem = await replayed(ctx, idemKey, { op: "decide", sub: ctx.actor.sub, input });
  if (idem.answer) return idem.answer;
  const row = ctx.db.select().from(submissions).where(eq(submissions.id, input.submissionId)).get();
  if (!row) return refused({ code: "not_found", detail: `no submission ${input.submissionId}` });
  const change = JSON.parse(await decrypt(ctx.keys, row.changeSealed)) as Change;
  const handler = handlerOf(change.kind);
  const command: SubmissionCommand = input.decision;
  const looked = command === "approve" ? await handler.lookup(ctx, change) : ok(null);
  if (!looked.ok) return looked;
  const at = ctx.now.toISOString();
  return commit(
    ctx,
    storage,
    () => {
      // Read again inside the transaction: the version check and the decision see the same row.
      const current = ctx.db.select().from(submissions).where(eq(submissions.id, row.id)).get()!;
      if (input.expectedVersion !== null && input.expectedVersion !== current.version)
        throw new Refused({
          code: "precondition_failed",
          detail: `the submission is at version ${current.version}, not ${input.expectedVersion}`,
          extra: { currentVersion: current.version },
        });
      const checked = command === "approve" ? orRollback(handler.check(ctx, change, looked.value)) : null;
      const conflicts = checked?.conflicts ?? (JSON.parse(current.conflicts) as Conflict[]);
      const facts = { status: current.status, submittedBy: current.submittedBy, conflicts, note: input.note };
      const transition = decideSubmission(command, facts, ctx.actor);
      if (!transition.ok) throw new Refused(transition.refusal);
      const recordId = checked ? applyApproved(ctx, handler, change, looked.value, checked, current) : null;
      return ctx.db
        .update(submissions)
        .set({
          status: transition.to,
          conflicts: JSON.stringify(conflicts),
          decidedBy: ctx.actor.sub,
          decidedAt: at,
          note: input.note ?? null,
          recordId,
          version: current.version + 1,
        })
        .where(eq(submissions.id, row.id))
        .returning()
        .get();
    },
    { key: idemKey, hash: idem.hash },
  );
}
