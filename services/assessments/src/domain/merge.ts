/**
 * Folding the answers of several county shards into one (store/shards.ts). Only additive figures are folded by
 * adding: counts and sums, and counts of distinct cases or grids, which are additive because a case (and a grid)
 * lies in one county, so in one shard. Nothing folded here is a median, a percentile or a ratio: rates are
 * computed after folding, from the summed numerator and denominator.
 */

/** Rows with the same key folded into one, in the order each key was first seen. */
export function mergeBy<T>(rows: Iterable<T>, keyOf: (row: T) => string, fold: (a: T, b: T) => T): T[] {
  const merged = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    const seen = merged.get(key);
    merged.set(key, seen === undefined ? row : fold(seen, row));
  }
  return [...merged.values()];
}

/** Two records of figures added field by field (a field missing on one side counts as 0). */
export function addFigures<T extends Record<string, number>>(a: T, b: T): T {
  const out: Record<string, number> = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = (out[key] ?? 0) + value;
  return out as T;
}

/** The larger of two codes (the stores' MAX(), e.g. a subject's latest division). */
export const maxCode = <T extends string | null>(a: T, b: T): T => (a === null ? b : b === null ? a : a > b ? a : b);

/** Text in SQLite's default (binary) order, as the stores' ORDER BY sorts it. */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Count rows (a key and its count) summed per key, most first, then by key; the first `limit` when given. */
export function sumCounts<T extends { key: string; count: number }>(lists: readonly T[][], limit?: number): T[] {
  const rows = mergeBy(
    lists.flat(),
    (r) => r.key,
    (a, b) => ({ ...a, count: a.count + b.count }),
  );
  rows.sort((a, b) => b.count - a.count || byText(a.key, b.key));
  return limit === undefined ? rows : rows.slice(0, limit);
}
