/**
 * How many grids each village gets: at least one; urban communities more (about 2-6 at the real
 * total), rural villages mostly one or two. The counts are scaled to hit the requested total exactly.
 */
import type { DivisionRecord } from "./data";
import { createRng } from "./random";

export function allocateGrids(seed: number, villages: readonly DivisionRecord[], total: number): Map<string, number> {
  if (!Number.isInteger(total) || total < villages.length) {
    throw new Error(`grids must be an integer >= ${villages.length} (one per village), got ${total}`);
  }
  if (total > villages.length * 999) throw new Error(`at most 999 grids per village`);
  const weights = villages.map((v) => {
    const rng = createRng(seed, "grid-count", v.code);
    if (v.urban) return rng.int(2, 6);
    return [1, 1, 1, 1, 1, 2, 2, 2, 3][rng.int(0, 8)] ?? 1;
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const quota = weights.map((w) => (w * total) / sum);
  const counts = quota.map((q) => Math.max(1, Math.floor(q)));
  let remaining = total - counts.reduce((a, b) => a + b, 0);
  const tie = createRng(seed, "grid-count-ties");
  const order = quota.map((q, i) => ({ i, frac: q - Math.floor(q), tie: tie.next() }));
  order.sort((a, b) => b.frac - a.frac || a.tie - b.tie);
  for (let k = 0; remaining > 0; k = (k + 1) % order.length) {
    const i = order[k]?.i ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
    remaining--;
  }
  for (let k = order.length - 1; remaining < 0; k = (k - 1 + order.length) % order.length) {
    const i = order[k]?.i ?? 0;
    if ((counts[i] ?? 1) > 1) {
      counts[i] = (counts[i] ?? 1) - 1;
      remaining++;
    }
  }
  return new Map(villages.map((v, i) => [v.code, counts[i] ?? 1]));
}
