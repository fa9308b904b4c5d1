import type { MediaFields, MediaItem } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import { raise } from "../routes/commands";
import type { Actor, CaseState } from "../domain/case-state";
import { caseStub, type Env } from "../env";
import { deleteMedia, putMedia } from "./store";
import { MAX_UPLOAD_BYTES } from "./limits";
import { assertRoomFor, prepareMedia } from "./upload";

/** A body declared larger than the largest kind allows is refused before it is read. */
export function assertDeclaredLength(header: string | undefined): void {
  const length = Number(header ?? "0");
  if (length > MAX_UPLOAD_BYTES + 64 * 1024)
    throw AppError.field("file", `no file may exceed ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, "payload_too_large");
}

/**
 * Checks and stores one file, then attaches it through the case's DO (its hash into the event log). When the DO
 * refuses (count limit reached meanwhile, URL already spent), what was stored is deleted again.
 */
export async function saveMedia(
  env: Env,
  state: CaseState,
  upload: { bytes: Uint8Array; name: string; type: string; fields: MediaFields },
  uploader: Actor,
  uploadJti: string | null,
): Promise<MediaItem> {
  assertRoomFor(state, uploader);
  const prepared = await prepareMedia(upload.bytes, upload, upload.fields, state, uploader, new Date());
  await putMedia(env.MEDIA, state.id, prepared.item, prepared.original, prepared.publicCopy);
  const result = await caseStub(env, state.id).attachMedia(prepared.item, uploader, uploadJti);
  if (!result.ok) {
    await deleteMedia(env.MEDIA, state.id, prepared.item.mediaId);
    raise(result);
  }
  return prepared.item;
}
