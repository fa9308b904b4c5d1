import { decrypt, encrypt, type PiiKeys } from "@civicgrid/http/pii";
import type { ColumnsOf, PlannedRow } from "./plan";
import type { ChunkSink } from "./validate";

/**
 * The validated rows of an import, kept in R2 as JSON lines between validation and apply. Rows carry ID numbers
 * and phones, so each chunk is sealed with the service's PII key (PIPL art. 51: encryption of personal information
 * in storage); the uploaded file itself is deleted once validated.
 */
const chunkKey = (id: string, chunk: number) => `imports/${id}/chunks/${chunk}`;
const manifestKey = (id: string) => `imports/${id}/manifest`;

export function chunkSink(bucket: R2Bucket, keys: PiiKeys, id: string): ChunkSink {
  return {
    async put(chunk, _village, rows) {
      await bucket.put(chunkKey(id, chunk), await encrypt(keys, rows.map((r) => JSON.stringify(r)).join("\n")));
    },
  };
}

export async function readChunk(bucket: R2Bucket, keys: PiiKeys, id: string, chunk: number): Promise<PlannedRow[]> {
  const object = await bucket.get(chunkKey(id, chunk));
  if (!object) throw new Error(`chunk ${chunk} of import ${id} is gone`);
  const text = await decrypt(keys, await object.text());
  return text.split("\n").map((line) => JSON.parse(line) as PlannedRow);
}

/** What the chunks share: the village of each, in apply order, and the file's columns for the report. */
export interface Manifest {
  villages: string[];
  columns: ColumnsOf;
}

export async function putManifest(bucket: R2Bucket, id: string, manifest: Manifest): Promise<void> {
  await bucket.put(manifestKey(id), JSON.stringify(manifest));
}

export async function readManifest(bucket: R2Bucket, id: string): Promise<Manifest> {
  const object = await bucket.get(manifestKey(id));
  if (!object) throw new Error(`the manifest of import ${id} is gone`);
  return object.json<Manifest>();
}

/** Everything stored for an import (its file, chunks, manifest), deleted once the import is done with them. */
export async function dropStored(bucket: R2Bucket, id: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: `imports/${id}/`, cursor });
    if (page.objects.length) await bucket.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}
