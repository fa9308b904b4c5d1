import { divisionLevel, type ImportError } from "@civicgrid/contracts";
import { AppError, consumeEvents } from "@civicgrid/http";
import { piiKeys } from "@civicgrid/http/pii";
import { z } from "@hono/zod-openapi";
import type { Refusal } from "../domain/refusal";
import { villageStub, type Env } from "../env";
import { chunkSink, dropStored, putManifest, readChunk, readManifest } from "../imports/chunks";
import { recordsOf, sourceKey } from "../imports/source";
import { validateRecords } from "../imports/validate";
import { chunkApplied, finishValidation, importRow, markApplied, markFailed, recordChunk } from "../store/imports";
import { registerVillage } from "../store/villages";

/** What the import queue carries: ids only (the rows stay sealed in R2). */
export const ImportMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("validate"), importId: z.string() }),
  z.object({ type: z.literal("chunk"), importId: z.string(), chunk: z.number().int().min(0) }),
]);
export type ImportMessage = z.infer<typeof ImportMessage>;

/** The day in Asia/Shanghai (UTC+8, no daylight saving): the start of tags a ledger carries. */
const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Phase 1: the whole file validated. Rejected: its errors are kept and everything stored for it is deleted (nothing
 * was written to the base). Accepted: the sealed chunks and their manifest stay, the uploaded file goes, and the
 * first chunk is queued; the chunks then apply in file order (see applyChunks).
 */
async function validate(env: Env, id: string): Promise<void> {
  const row = await importRow(env.DB, id);
  // Redelivered after the verdict was written but before the first chunk was queued: queue it (idempotent).
  if (row?.status === "applying" && !(await chunkApplied(env.DB, id, 0))) {
    await env.IMPORT_QUEUE.send({ type: "chunk", importId: id, chunk: 0 } satisfies ImportMessage);
    return;
  }
  if (row?.status !== "validating") return;
  const keys = await piiKeys(env.PII_KEY, "civicgrid-basedata");
  const input = {
    kind: row.kind,
    division: row.divisionCode,
    township: divisionLevel(row.divisionCode) === "township",
    today: shanghaiDay(new Date()),
    fileName: row.fileName,
  };
  const records = recordsOf(env.IMPORTS, sourceKey(id), row.format);
  const result = await validateRecords(records, input, chunkSink(env.IMPORTS, keys, id));
  const verdict = { ...result, chunks: result.chunks.length };
  if (result.errorCount > 0) {
    await finishValidation(env.DB, id, verdict, new Date());
    await dropStored(env.IMPORTS, id);
    return;
  }
  await putManifest(env.IMPORTS, id, { villages: result.chunks, columns: result.columns });
  await finishValidation(env.DB, id, verdict, new Date());
  await env.IMPORT_QUEUE.send({ type: "chunk", importId: id, chunk: 0 } satisfies ImportMessage);
  await env.IMPORTS.delete(sourceKey(id));
}

function errorsOf(refusal: Refusal): ImportError[] {
  const row = typeof refusal.extra?.row === "number" ? refusal.extra.row : 0;
  return (refusal.errors ?? [{ field: "row", message: refusal.detail }]).map((e) => ({ row, ...e }));
}

/**
 * A consumer applies the chunks one after another for up to this long, then queues the next one: each queue hop
 * costs up to the batch timeout (1 s), so one message per chunk would make a 100,000-row file take many minutes,
 * while one invocation stays far below the consumer's 15-minute wall-time limit.
 */
const RUN_MS = 20_000;

/** One chunk applied in its village's object; answers whether the import goes on with the next chunk. */
async function applyOne(env: Env, id: string, chunk: number): Promise<"next" | "done" | "stop"> {
  const row = await importRow(env.DB, id);
  if (row?.status === "validating") throw new Error(`import ${id} is still validating`);
  if (row?.status !== "applying") return "stop";
  const { villages, columns } = await readManifest(env.IMPORTS, id);
  const village = villages[chunk];
  if (!village) return "stop";
  const rows = await readChunk(env.IMPORTS, await piiKeys(env.PII_KEY, "civicgrid-basedata"), id, chunk);
  // A village the registry does not keep fails the import at this chunk, naming the column, never the queue.
  try {
    await registerVillage(env, village, new Date());
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const message = `the registry keeps no village ${village}`;
    await markFailed(env.DB, id, chunk, [{ row: 1, field: "村/社区代码", message }], new Date());
    return "stop";
  }
  const actor = { sub: row.createdBy, role: "agency" as const, divisionCode: row.divisionCode, grids: [] };
  const outcome = await villageStub(env, village).applyImportChunk(
    village,
    { importId: id, chunk, columns, rows },
    actor,
  );
  if (!outcome.ok) {
    await markFailed(env.DB, id, chunk, errorsOf(outcome.refusal), new Date());
    return "stop";
  }
  await recordChunk(env.DB, id, chunk, rows.length, new Date());
  if (chunk + 1 < villages.length) return "next";
  await markApplied(env.DB, id, new Date());
  await dropStored(env.IMPORTS, id);
  return "done";
}

/**
 * Phase 2: the chunks from `chunk` on, in file order, each in its village's object (all its rows or none,
 * idempotent there on import and chunk). A refusal stops the import as failed at that chunk, with its row and
 * column; the chunks before stay applied and POST …/resume queues that chunk again.
 */
async function applyChunks(env: Env, id: string, chunk: number): Promise<void> {
  const started = Date.now();
  for (let k = chunk; ; k++) {
    const next = await applyOne(env, id, k);
    if (next !== "next") return;
    if (Date.now() - started < RUN_MS) continue;
    if (!(await chunkApplied(env.DB, id, k + 1)))
      await env.IMPORT_QUEUE.send({ type: "chunk", importId: id, chunk: k + 1 } satisfies ImportMessage);
    return;
  }
}

/** The import queue's consumer: each message on its own, a transient failure retried with backoff. */
export function consumeImports(env: Env, batch: MessageBatch): Promise<void> {
  return consumeEvents(batch, {
    service: "basedata",
    parse: (body) => ImportMessage.parse(body),
    handle: (message) =>
      message.type === "validate" ? validate(env, message.importId) : applyChunks(env, message.importId, message.chunk),
  });
}
