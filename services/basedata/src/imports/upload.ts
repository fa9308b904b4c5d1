import { IMPORT_MAX_BYTES } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import { sourceKey } from "./source";

/** The formats a ledger may come in, by the upload's content type. */
const FORMATS: Record<string, "csv" | "xlsx"> = {
  "text/csv": "csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};

export function formatOf(contentType: string | undefined): "csv" | "xlsx" {
  const format = FORMATS[(contentType ?? "").split(";")[0]!.trim().toLowerCase()];
  if (!format)
    throw new AppError("unsupported_media_type", `send the ledger as ${Object.keys(FORMATS).join(" or ")}`, {
      errors: [{ field: "header.content-type", message: `must be ${Object.keys(FORMATS).join(" or ")}` }],
    });
  return format;
}

const tooLarge = () => new AppError("payload_too_large", `a ledger file is at most ${IMPORT_MAX_BYTES} bytes`);

/** Reads a body of unknown length, refusing it as soon as it passes the limit. */
async function boundedBytes(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.length;
    if (size > IMPORT_MAX_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(next.value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Stores the uploaded file in R2 as it arrives: with a Content-Length (what clients send for a file) it is streamed
 * through a FixedLengthStream, never held whole; without one it is read up to the limit. Over the limit: 413.
 */
export async function storeUpload(bucket: R2Bucket, id: string, request: Request): Promise<number> {
  if (!request.body) throw AppError.field("body", "the ledger file is missing");
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length > IMPORT_MAX_BYTES) throw tooLarge();
    if (length === 0) throw AppError.field("body", "the ledger file is empty");
    const fixed = new FixedLengthStream(length);
    const piped = request.body.pipeTo(fixed.writable);
    await Promise.all([bucket.put(sourceKey(id), fixed.readable), piped]);
    return length;
  }
  const bytes = await boundedBytes(request.body);
  if (bytes.length === 0) throw AppError.field("body", "the ledger file is empty");
  await bucket.put(sourceKey(id), bytes);
  return bytes.length;
}
