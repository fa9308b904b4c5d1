/**
 * Recursive partition of a ring into one ring per item with straight cuts (a k-d split): each cut
 * is placed so the two sides' areas follow the items' weights. Items with sites (approximate real
 * centres) are split along the direction that keeps sites on their own side; items without sites
 * are split in order, across the piece's longest extent, so pieces stay compact.
 */
import type { Rng } from "../random";
import type { Line, Topology } from "./topology";
import { areaAbove, centroid, clipAbove, compactness, signedArea } from "./measure";
import type { Point } from "./measure";

export interface PartItem {
  weight: number;
  /** Approximate centre [lng, lat] the item should land near. */
  site?: Point;
}

/** Metres per degree of longitude relative to latitude, around 22.3°N. */
const K = Math.cos((22.3 * Math.PI) / 180);
const ANGLES = Array.from({ length: 18 }, (_, i) => (i * Math.PI) / 18);

/** Partitions the kept ring `rootId`; returns one new ring id per item, in item order. */
export function partition(topo: Topology, rootId: number, items: readonly PartItem[], rng: Rng, tries = 6): number[] {
  const out: number[] = new Array<number>(items.length).fill(-1);
  const recurse = (ringId: number, idx: number[], keep: boolean): void => {
    if (idx.length === 1) {
      out[idx[0] ?? 0] = keep ? topo.addRing(topo.ring(ringId)) : ringId;
      return;
    }
    const [line, first, second] = chooseCut(topo, ringId, idx, items, rng, tries);
    const [neg, pos] = cutRobustly(topo, ringId, line, keep);
    recurse(pos, first, false);
    recurse(neg, second, false);
  };
  recurse(
    rootId,
    items.map((_, i) => i),
    true,
  );
  return out;
}

function coords(topo: Topology, ringId: number): Point[] {
  return topo.ring(ringId).map((v): Point => [topo.xs[v] ?? 0, topo.ys[v] ?? 0]);
}

function normalFor(theta: number): [number, number] {
  const nx = K * Math.cos(theta);
  const ny = Math.sin(theta);
  const len = Math.hypot(nx, ny);
  return [nx / len, ny / len];
}

/** Offset c such that the area with n·p >= c is `fraction` of the ring. */
function offsetFor(ring: Point[], nx: number, ny: number, fraction: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const [x, y] of ring) {
    const p = nx * x + ny * y;
    lo = Math.min(lo, p);
    hi = Math.max(hi, p);
  }
  const target = fraction * signedArea(ring);
  for (let i = 0; i < 44; i++) {
    const mid = (lo + hi) / 2;
    if (areaAbove(ring, nx, ny, mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const weightOf = (items: readonly PartItem[], idx: number[]): number =>
  idx.reduce((s, i) => s + (items[i]?.weight ?? 0), 0);

/** The cut line and the item groups for its positive and negative sides. */
function chooseCut(
  topo: Topology,
  ringId: number,
  idx: number[],
  items: readonly PartItem[],
  rng: Rng,
  tries: number,
): [Line, number[], number[]] {
  const ring = coords(topo, ringId);
  const total = weightOf(items, idx);
  if (idx.every((i) => items[i]?.site)) return siteCut(ring, idx, items, total);
  // Split in code order where the weights balance best; neighbours in code tend to be neighbours.
  let k = 1;
  let acc = 0;
  let bestGap = Infinity;
  for (let j = 1; j < idx.length; j++) {
    acc += items[idx[j - 1] ?? 0]?.weight ?? 0;
    const gap = Math.abs(acc / total - 0.5);
    if (gap < bestGap) [k, bestGap] = [j, gap];
  }
  const first = idx.slice(0, k);
  const second = idx.slice(k);
  const fraction = weightOf(items, first) / total;
  // Among `tries` directions (each both ways), take the one whose two sides are the most compact.
  const offset = rng.float(0, Math.PI / tries);
  let best: Line | undefined;
  let bestScore = -Infinity;
  for (let t = 0; t < tries * 2; t++) {
    const [nx, ny] = normalFor(offset + (t * Math.PI) / tries);
    const c = offsetFor(ring, nx, ny, fraction);
    const score = Math.min(compactness(clipAbove(ring, nx, ny, c), K), compactness(clipAbove(ring, -nx, -ny, -c), K));
    if (score > bestScore) [best, bestScore] = [{ nx, ny, c }, score];
  }
  if (!best) throw new Error("no cut");
  return [best, first, second];
}

function metricWidth(ring: Point[], theta: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const [x, y] of ring) {
    const p = K * x * Math.cos(theta) + y * Math.sin(theta);
    lo = Math.min(lo, p);
    hi = Math.max(hi, p);
  }
  return hi - lo;
}

/** Best cut for items with sites: few sites on the wrong side, wide margins, across the long axis. */
function siteCut(ring: Point[], idx: number[], items: readonly PartItem[], total: number): [Line, number[], number[]] {
  let best: [Line, number[], number[]] | undefined;
  let bestScore = -Infinity;
  const maxWidth = Math.max(...ANGLES.map((theta) => metricWidth(ring, theta)));
  for (const theta of ANGLES) {
    const [nx, ny] = normalFor(theta);
    const proj = (i: number): number => {
      const s = items[i]?.site ?? [0, 0];
      return nx * s[0] + ny * s[1];
    };
    const sorted = idx.slice().sort((x, y) => proj(y) - proj(x));
    for (let k = 1; k < sorted.length; k++) {
      const first = sorted.slice(0, k);
      const second = sorted.slice(k);
      const c = offsetFor(ring, nx, ny, weightOf(items, first) / total);
      const margins = [...first.map((i) => proj(i) - c), ...second.map((i) => c - proj(i))];
      const misplaced = margins.filter((m) => m < 0).length;
      const shape = Math.min(compactness(clipAbove(ring, nx, ny, c), K), compactness(clipAbove(ring, -nx, -ny, -c), K));
      const score = -misplaced * 10 + Math.min(...margins) / maxWidth + 2 * shape;
      if (score > bestScore) [best, bestScore] = [[{ nx, ny, c }, first, second], score];
    }
  }
  if (!best) throw new Error("no cut for sites");
  return best;
}

/** Splits, nudging the line a little (then turning it about the piece) when it passes too close to a vertex. */
function cutRobustly(topo: Topology, ringId: number, line: Line, keep: boolean): [number, number] {
  const [cx, cy] = centroid(coords(topo, ringId));
  const d = line.nx * cx + line.ny * cy - line.c;
  const px = cx - d * line.nx;
  const py = cy - d * line.ny;
  for (let attempt = 0; attempt < 64; attempt++) {
    const nudge = attempt === 0 ? 0 : (attempt % 2 === 0 ? 1 : -1) * Math.ceil(attempt / 2) * 2e-6;
    const turn = Math.floor(attempt / 16) * 0.02;
    const nx = line.nx * Math.cos(turn) - line.ny * Math.sin(turn);
    const ny = line.nx * Math.sin(turn) + line.ny * Math.cos(turn);
    const result = topo.split(ringId, { nx, ny, c: nx * px + ny * py + nudge }, keep);
    if (result) return result;
  }
  throw new Error(`could not cut ring ${ringId}`);
}
