import { csvRecords, type SourceRecord } from "./csv";
import { textOf, Unreadable } from "./decode";
import { xlsxRecords } from "./xlsx";

/** Where the uploaded file and the chunks of an import are kept (R2 bucket IMPORTS). */
export const sourceKey = (id: string) => `imports/${id}/source`;

/** Reading the stored file failed (R2): a transient fault, retried by the queue, not the file's. */
class StoreFailure extends Error {}

async function* streamOf(bucket: R2Bucket, key: string): AsyncGenerator<Uint8Array> {
  const object = await bucket.get(key).catch((error: unknown) => {
    throw new StoreFailure(String(error));
  });
  if (!object) throw new StoreFailure(`the stored file ${key} is gone`);
  const reader = object.body.getReader();
  for (;;) {
    const next = await reader.read().catch((error: unknown) => {
      throw new StoreFailure(String(error));
    });
    if (next.done) return;
    yield next.value;
  }
}

/** A file that cannot be read (not a zip, not text) is the file's fault: reported, not retried. */
async function* readable(records: AsyncIterable<SourceRecord>): AsyncGenerator<SourceRecord> {
  try {
    yield* records;
  } catch (error) {
    if (error instanceof Unreadable || error instanceof StoreFailure) throw error;
    throw new Unreadable(`the file cannot be read as ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The records of a stored ledger, streamed: CSV through its decoded text, XLSX through its first worksheet. */
export function recordsOf(bucket: R2Bucket, key: string, format: "csv" | "xlsx"): AsyncIterable<SourceRecord> {
  const bytes = () => streamOf(bucket, key);
  return readable(format === "csv" ? csvRecords(textOf(bytes())) : xlsxRecords(bytes));
}
