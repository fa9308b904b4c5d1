/**
 * `generateCases`: a lazy, deterministic stream of case-like records for benchmarks and demos.
 * It holds only the grids, never the cases: a million can be consumed one by one.
 */
import { DEFAULT_GRIDS, DEFAULT_SEED, generateCity } from "./generate";
import { round7 } from "./geometry/topology";
import { createRng } from "./random";
import type { Grid } from "./types";

export const CASE_CATEGORIES: readonly { code: string; name: string }[] = [
  { code: "0101", name: "邻里纠纷" },
  { code: "0102", name: "婚姻家庭纠纷" },
  { code: "0103", name: "劳资纠纷" },
  { code: "0201", name: "消防安全隐患" },
  { code: "0202", name: "燃气安全隐患" },
  { code: "0203", name: "自建房安全隐患" },
  { code: "0301", name: "垃圾乱堆放" },
  { code: "0302", name: "违规排污" },
  { code: "0401", name: "占道经营" },
  { code: "0402", name: "违法建设" },
  { code: "0501", name: "困难群众救助" },
  { code: "0502", name: "就业求助" },
  { code: "0601", name: "治安隐患" },
  { code: "0701", name: "不稳定因素" },
  { code: "0801", name: "道路破损" },
  { code: "0802", name: "路灯故障" },
];
const CATEGORY_WEIGHTS = [8, 3, 3, 6, 4, 3, 10, 3, 8, 4, 3, 2, 4, 1, 6, 5];

export type CaseSource = "grid_worker" | "resident" | "agency" | "platform";
export type CasePriority = "normal" | "urgent" | "emergency";
export type CaseStatus = "reported" | "verified" | "dispatched" | "handling" | "resolved" | "closed";

export interface DemoCase {
  id: string;
  gridCode: string;
  villageCode: string;
  categoryCode: string;
  source: CaseSource;
  priority: CasePriority;
  status: CaseStatus;
  /** ISO 8601 UTC; non-decreasing along the stream. */
  reportedAt: string;
  updatedAt: string;
  lng: number;
  lat: number;
}

export type CaseGrid = Pick<Grid, "code" | "villageCode" | "geometry" | "center"> & { population?: number };

export interface CaseOptions {
  seed?: number;
  /** How many cases the stream yields. */
  count: number;
  /** The grids to put cases in, or how many grids to generate (with the same seed). Default 2,954. */
  grids?: number | readonly CaseGrid[];
  /** Time range of reportedAt (ISO strings or Dates). Default the year 2025 in Asia/Shanghai. */
  from?: string | Date;
  to?: string | Date;
}

const SOURCES: readonly CaseSource[] = ["grid_worker", "resident", "agency", "platform"];
const PRIORITIES: readonly CasePriority[] = ["normal", "urgent", "emergency"];
const OPEN: readonly CaseStatus[] = ["reported", "verified", "dispatched", "handling", "resolved"];
const HOUR = 3_600_000;

function cumulative(grids: readonly CaseGrid[]): Float64Array {
  const out = new Float64Array(grids.length);
  let acc = 0;
  grids.forEach((g, i) => (out[i] = acc += 100 + (g.population ?? 1000)));
  return out;
}

function search(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function* generateCases(options: CaseOptions): Generator<DemoCase, void, undefined> {
  const seed = options.seed ?? DEFAULT_SEED;
  const grids =
    typeof options.grids === "object"
      ? options.grids
      : generateCity({ seed, grids: options.grids ?? DEFAULT_GRIDS }).grids;
  if (grids.length === 0) throw new Error("no grids to put cases in");
  const from = new Date(options.from ?? "2025-01-01T00:00:00+08:00").getTime();
  const to = new Date(options.to ?? "2026-01-01T00:00:00+08:00").getTime();
  if (!(to > from)) throw new Error("`to` must be after `from`");
  const cum = cumulative(grids);
  const total = cum[cum.length - 1] ?? 1;
  const rng = createRng(seed, "cases", grids.length, from, to);
  const step = (to - from) / options.count;
  for (let i = 0; i < options.count; i++) {
    const grid = grids[search(cum, rng.next() * total)] ?? grids[0];
    if (!grid) return;
    const ring = grid.geometry.coordinates[0] ?? [];
    const v = rng.int(0, Math.max(0, ring.length - 2));
    const [cx, cy] = grid.center;
    const [ax, ay] = ring[v] ?? grid.center;
    const [bx, by] = ring[v + 1] ?? grid.center;
    // A point in the triangle (center, v, v+1) shrunk toward the center: inside a convex grid.
    let a = rng.next();
    let b = rng.next();
    if (a + b > 1) [a, b] = [1 - a, 1 - b];
    a *= 0.85;
    b *= 0.85;
    const reported = Math.floor(from + step * (i + rng.next()));
    const age = to - reported;
    const closed = rng.chance(Math.min(0.95, age / (30 * 24 * HOUR)));
    const status: CaseStatus = closed ? "closed" : rng.pick(OPEN);
    const updated = Math.min(to, reported + Math.floor(rng.float(0.2, closed ? 240 : 48) * HOUR));
    yield {
      id: `case-${seed}-${String(i + 1).padStart(8, "0")}`,
      gridCode: grid.code,
      villageCode: grid.villageCode,
      categoryCode: CASE_CATEGORIES[rng.weighted(CATEGORY_WEIGHTS)]?.code ?? "0101",
      source: SOURCES[rng.weighted([60, 25, 10, 5])] ?? "grid_worker",
      priority: PRIORITIES[rng.weighted([85, 13, 2])] ?? "normal",
      status,
      reportedAt: new Date(reported).toISOString(),
      updatedAt: new Date(Math.max(reported, updated)).toISOString(),
      lng: round7(cx + a * (ax - cx) + b * (bx - cx)),
      lat: round7(cy + a * (ay - cy) + b * (by - cy)),
    };
  }
}
