import type { MediaItem, MediaKind } from "@civicgrid/contracts";

const MB = 1024 * 1024;

/** The largest file of each kind. */
export const SIZE_LIMITS: Record<MediaKind, number> = { photo: 10 * MB, video: 50 * MB, document: 20 * MB };

/** The most files one case carries. */
export const MAX_MEDIA_PER_CASE = 30;

/**
 * The most files the public (residents: signed in, or by the follow token, Open311 reports included) attach to one
 * case. Photos of the problem, as many as show it; the rest of the case's room stays for those who handle it, and a
 * follow token cannot be used to fill the store. Every file a resident sends counts, whatever stage it names.
 */
export const MAX_RESIDENT_FILES_PER_CASE = 9;

/** The refusal of one more file from the uploader (by role), or null while the public's files stay under their cap. */
export function residentCapRefusal(media: readonly MediaItem[], uploaderRole: string): string | null {
  if (uploaderRole !== "resident") return null;
  const sent = media.filter((m) => m.uploaderRole === "resident").length;
  if (sent < MAX_RESIDENT_FILES_PER_CASE) return null;
  const max = MAX_RESIDENT_FILES_PER_CASE;
  return `每件案件居民最多上传 ${max} 张照片，已达上限（the public may attach at most ${max} photos to a case）`;
}

/** The largest body any upload may have (the largest kind); a bigger one is refused before it is read. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(SIZE_LIMITS));

/** A grid worker's photo farther than this from the case's place is flagged. */
export const FAR_METERS = 500;

export function sizeRefusal(kind: MediaKind, size: number): string | null {
  const limit = SIZE_LIMITS[kind];
  return size > limit ? `a ${kind} may be at most ${limit / MB} MB; this one is ${(size / MB).toFixed(1)} MB` : null;
}
