import { distanceM } from "@civicgrid/geo";
import type { MediaFields, MediaItem } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import type { Actor, CaseState } from "../domain/case-state";
import { gpsOf, stripMetadata } from "./exif";
import { FAR_METERS, MAX_MEDIA_PER_CASE, residentCapRefusal, sizeRefusal } from "./limits";
import { sha256OfBytes } from "./store";
import { lie, sniff } from "./sniff";

/** A checked upload: the record for the case's log and the bytes to store. */
export interface PreparedMedia {
  item: MediaItem;
  original: Uint8Array;
  publicCopy: Uint8Array | null;
}

/**
 * The count limits for one more file from `uploader`, asked before an upload URL is given and before anything is
 * read or written (the DO asks again, atomically, when attaching).
 */
export function assertRoomFor(state: CaseState, uploader: Actor): void {
  if ((state.media ?? []).length >= MAX_MEDIA_PER_CASE)
    throw AppError.field("file", `a case carries at most ${MAX_MEDIA_PER_CASE} files`, "unprocessable");
  const residentFull = residentCapRefusal(state.media ?? [], uploader.role);
  if (residentFull) throw AppError.field("file", residentFull, "unprocessable");
}

/** Where the photo was taken and whether a grid worker took it far from the case's place (flagged, not refused). */
function placeOf(bytes: Uint8Array, contentType: string, fields: MediaFields, state: CaseState, uploader: Actor) {
  const sent = fields.lng !== undefined && fields.lat !== undefined ? { lng: fields.lng, lat: fields.lat } : null;
  const takenAt = gpsOf(bytes, contentType) ?? sent;
  const distance =
    takenAt && state.location
      ? Math.round(distanceM([takenAt.lng, takenAt.lat], [state.location.lng, state.location.lat]))
      : null;
  const far = uploader.role === "grid_worker" && distance !== null && distance > FAR_METERS;
  return { takenAt, distanceMeters: distance, far };
}

/**
 * Sniffs the bytes (never the name or declared type), refuses a lying name or type (415), a file over its kind's
 * limit (413) and an empty one; hashes the original and makes the public copy without metadata.
 */
export async function prepareMedia(
  bytes: Uint8Array,
  file: { name: string; type: string },
  fields: MediaFields,
  state: CaseState,
  uploader: Actor,
  now: Date,
): Promise<PreparedMedia> {
  if (bytes.length === 0) throw AppError.field("file", "the file is empty");
  const sniffed = sniff(bytes);
  if (!sniffed)
    throw AppError.field(
      "file",
      "only JPEG, PNG, WebP, HEIC photos, MP4/MOV videos and PDF documents are accepted",
      "unsupported_media_type",
    );
  const lying = lie(sniffed, file.name, file.type);
  if (lying) throw AppError.field("file", lying, "unsupported_media_type");
  const tooLarge = sizeRefusal(sniffed.kind, bytes.length);
  if (tooLarge) throw AppError.field("file", tooLarge, "payload_too_large");
  const publicCopy = sniffed.kind === "photo" ? stripMetadata(bytes, sniffed.contentType) : null;
  const item: MediaItem = {
    mediaId: crypto.randomUUID(),
    kind: sniffed.kind,
    contentType: sniffed.contentType,
    size: bytes.length,
    sha256: await sha256OfBytes(bytes),
    stage: fields.stage,
    phase: fields.phase,
    uploaderSub: uploader.sub,
    uploaderRole: uploader.role,
    publicCopy: publicCopy !== null,
    ...placeOf(bytes, sniffed.contentType, fields, state, uploader),
    at: now.toISOString(),
  };
  return { item, original: bytes, publicCopy };
}
