import { z } from "@hono/zod-openapi";

/** Photos, short videos and documents attached to a case (issue 16, item 1). */

export const MediaKind = z.enum(["photo", "video", "document"]);
export type MediaKind = z.infer<typeof MediaKind>;

/** Which record of the case a file belongs to. */
export const MediaStage = z.enum(["report", "resolution", "handling", "check"]);
export type MediaStage = z.infer<typeof MediaStage>;

/** A before/after pair proves the work; `none` for any other file. */
export const MediaPhase = z.enum(["before", "after", "none"]);
export type MediaPhase = z.infer<typeof MediaPhase>;

/** One stored file: its hash (SHA-256 of the original, also in the event log) and where it was taken. */
export const MediaItem = z
  .object({
    mediaId: z.string(),
    kind: MediaKind,
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    stage: MediaStage,
    phase: MediaPhase,
    uploaderSub: z.string(),
    uploaderRole: z.string(),
    /** Whether a copy without EXIF/XMP exists for public surfaces (photos of a kind it can strip). */
    publicCopy: z.boolean(),
    /** Where the photo was taken (EXIF GPS, else the device's sent point), when known. */
    takenAt: z.object({ lng: z.number(), lat: z.number() }).nullable(),
    /** A grid worker's photo taken farther than FAR_METERS from the case's place: flagged, not refused. */
    far: z.boolean(),
    distanceMeters: z.number().nullable(),
    at: z.string(),
  })
  .openapi("MediaItem");
export type MediaItem = z.infer<typeof MediaItem>;

/** The multipart fields of an upload besides `file`. */
export const MediaFields = z.object({
  stage: MediaStage,
  phase: MediaPhase.default("none"),
  lng: z.coerce.number().min(-180).max(180).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
});
export type MediaFields = z.infer<typeof MediaFields>;

export const MediaList = z.object({ items: z.array(MediaItem) }).openapi("MediaList");

export const UploadUrlAnswer = z.object({ url: z.string(), expiresAt: z.string() }).openapi("UploadUrlAnswer");

/** A stored object whose bytes no longer hash to what the event log recorded. */
export const MediaMismatch = z.object({
  mediaId: z.string(),
  expected: z.string(),
  actual: z.string().nullable(),
});
