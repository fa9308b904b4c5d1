import { divisionLevel, type ImportError } from "@civicgrid/contracts";
import { consumeEvents } from "@civicgrid/http";
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
 * first chunk is queued; each applied chunk queues the next, so the chunks apply in file order.
 */
async function validate(env: Env, id: string): Promise<void> {
  const row = await importRow(env.DB, id);
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
  await putManifest(env.IMPORTS, id, result.chunks);
  await env.IMPORT_QUEUE.send({ type: "chunk", importId: id, chunk: 0 } satisfies ImportMessage);
  await finishValidation(env.DB, id, verdict, new Date());
  await env.IMPORTS.delete(sourceKey(id));
}

function errorsOf(refusal: Refusal): ImportError[] {
  const row = typeof refusal.extra?.row === "number" ? refusal.extra.row : 0;
  return (refusal.errors ?? [{ field: "row", message: refusal.detail }]).map((e) => ({ row, ...e }));
}

/**
 * Phase 2: one chunk applied in its village's object (all its rows or none, idempotent there on import and chunk).
 * A refusal stops the import as failed at this chunk, with its row and column; the chunks before stay applied and
 * POST …/resume queues this chunk again.
 */
async function applyChunk(env: Env, id: string, chunk: number): Promise<void> {
  const row = await importRow(env.DB, id);
  if (row?.status === "validating") throw new Error(`import ${id} is still validating`);
  if (row?.status !== "applying") return;
  const villages = await readManifest(env.IMPORTS, id);
  const village = villages[chunk];
  if (!village) return;
  const rows = await readChunk(env.IMPORTS, await piiKeys(env.PII_KEY, "civicgrid-basedata"), id, chunk);
  await registerVillage(env.DB, village, new Date());
  const actor = { sub: row.createdBy, role: "agency" as const, divisionCode: row.divisionCode, grids: [] };
  const outcome = await villageStub(env, village).applyImportChunk(village, { importId: id, chunk, rows }, actor);
  if (!outcome.ok) return markFailed(env.DB, id, chunk, errorsOf(outcome.refusal), new Date());
  await recordChunk(env.DB, id, chunk, rows.length, new Date());
  if (chunk + 1 >= villages.length) {
    await markApplied(env.DB, id, new Date());
    await dropStored(env.IMPORTS, id);
  } else if (!(await chunkApplied(env.DB, id, chunk + 1)))
    await env.IMPORT_QUEUE.send({ type: "chunk", importId: id, chunk: chunk + 1 } satisfies ImportMessage);
}

/** The import queue's consumer: each message on its own, a transient failure retried with backoff. */
export function consumeImports(env: Env, batch: MessageBatch): Promise<void> {
  return consumeEvents(batch, {
    service: "basedata",
    parse: (body) => ImportMessage.parse(body),
    handle: (message) =>
      message.type === "validate" ? validate(env, message.importId) : applyChunk(env, message.importId, message.chunk),
  });
}
