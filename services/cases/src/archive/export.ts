import type { CaseArchive } from "@civicgrid/contracts";
import { sha256Hex } from "@civicgrid/http";
import { archiveKey } from "./policy";

/** An export written to R2 and read back: where it lies, the SHA-256 of its bytes and the version it holds. */
export interface StoredExport {
  key: string;
  sha256: string;
  version: number;
}

/**
 * Writes a case's export (its Durable Object's archive: the final view, the full event log, the supervisions) to
 * R2 as JSON with the SHA-256 of its bytes in the custom metadata (and given to R2, which refuses a body that does
 * not match), then reads the object's metadata back: only an export that is there, with that hash, is returned,
 * so the read model's rows are deleted only after the archive holds the case. A put that fails throws.
 */
export async function writeExport(bucket: R2Bucket, archive: CaseArchive): Promise<StoredExport | null> {
  const key = archiveKey(archive.case);
  const body = JSON.stringify(archive);
  const sha256 = await sha256Hex(body);
  const version = archive.case.version;
  await bucket.put(key, body, {
    sha256,
    httpMetadata: { contentType: "application/json" },
    customMetadata: { sha256, caseId: archive.case.id, version: String(version) },
  });
  const head = await bucket.head(key);
  if (head?.customMetadata?.sha256 !== sha256) return null;
  return { key, sha256, version };
}

/** The stored export of a case, with the hash its metadata names checked against its bytes; null when absent. */
export async function readExport(bucket: R2Bucket, key: string): Promise<{ text: string; sha256: string } | null> {
  const object = await bucket.get(key);
  if (!object) return null;
  const text = await object.text();
  const sha256 = await sha256Hex(text);
  if (object.customMetadata?.sha256 !== sha256)
    throw new Error(`the archived export ${key} does not match its SHA-256`);
  return { text, sha256 };
}
