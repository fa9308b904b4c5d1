import type { MediaItem } from "@civicgrid/contracts";

/** Where a case's files live in the MEDIA bucket: the original, and the copy without metadata for the public. */
export const originalKey = (caseId: string, mediaId: string) => `cases/${caseId}/${mediaId}/original`;
export const publicKey = (caseId: string, mediaId: string) => `cases/${caseId}/${mediaId}/public`;

export async function sha256OfBytes(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Writes the original (and the public copy when there is one). */
export async function putMedia(
  bucket: R2Bucket,
  caseId: string,
  item: MediaItem,
  original: Uint8Array,
  publicCopy: Uint8Array | null,
): Promise<void> {
  const httpMetadata = { contentType: item.contentType };
  await bucket.put(originalKey(caseId, item.mediaId), original, { httpMetadata, sha256: item.sha256 });
  if (publicCopy) await bucket.put(publicKey(caseId, item.mediaId), publicCopy, { httpMetadata });
}

/** Removes what a refused attachment wrote, so a refusal leaves nothing behind. */
export async function deleteMedia(bucket: R2Bucket, caseId: string, mediaId: string): Promise<void> {
  await bucket.delete([originalKey(caseId, mediaId), publicKey(caseId, mediaId)]);
}

/** Each stored original re-hashed against the SHA-256 its `case.media_attached` event recorded. */
export async function mediaMismatches(bucket: R2Bucket, caseId: string, logged: { mediaId: string; sha256: string }[]) {
  const mismatches: { mediaId: string; expected: string; actual: string | null }[] = [];
  for (const { mediaId, sha256 } of logged) {
    const object = await bucket.get(originalKey(caseId, mediaId));
    const actual = object ? await sha256OfBytes(await object.arrayBuffer()) : null;
    if (actual !== sha256) mismatches.push({ mediaId, expected: sha256, actual });
  }
  return mismatches;
}
