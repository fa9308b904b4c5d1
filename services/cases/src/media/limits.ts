import type { MediaKind } from "@civicgrid/contracts";

const MB = 1024 * 1024;

/** The largest file of each kind. */
export const SIZE_LIMITS: Record<MediaKind, number> = { photo: 10 * MB, video: 50 * MB, document: 20 * MB };

/** The most files one case carries. */
export const MAX_MEDIA_PER_CASE = 30;

/** The largest body any upload may have (the largest kind); a bigger one is refused before it is read. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(SIZE_LIMITS));

/** A grid worker's photo farther than this from the case's place is flagged. */
export const FAR_METERS = 500;

export function sizeRefusal(kind: MediaKind, size: number): string | null {
  const limit = SIZE_LIMITS[kind];
  return size > limit ? `a ${kind} may be at most ${limit / MB} MB; this one is ${(size / MB).toFixed(1)} MB` : null;
}
