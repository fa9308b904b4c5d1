import type { CursorKey } from "./cursor";

/** Compares two keys part by part, as the list's ORDER BY does (text by code unit: our keys are ASCII). */
function compareKeys(a: CursorKey, b: CursorKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * One list page read from several county shards (./shards.ts) in parallel: each shard answers its first `take` rows in the list's order
 * after the cursor, and the merge keeps the first `take` of them all by the same key. The keyset cursor is a
 * position in that order, not in a shard, so the next page continues every shard from it: a page that crosses
 * counties loses and repeats no row. One shard is read as it is.
 */
export async function mergedPage<S, T>(
  shards: readonly S[],
  read: (shard: S) => Promise<T[]>,
  keyOf: (row: T) => CursorKey,
  order: "asc" | "desc",
  take: number,
): Promise<T[]> {
  if (shards.length === 1) return read(shards[0]!);
  const pages = await Promise.all(shards.map(read));
  const sign = order === "asc" ? 1 : -1;
  return pages
    .flat()
    .map((row) => ({ row, key: keyOf(row) }))
    .sort((a, b) => sign * compareKeys(a.key, b.key))
    .slice(0, take)
    .map((r) => r.row);
}
