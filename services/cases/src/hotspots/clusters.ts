import { distanceM } from "@civicgrid/geo";

/** A reported case as the analysis reads it from the read model. */
export interface CasePoint {
  id: string;
  categoryCode: string;
  gridCode: string;
  villageCode: string;
  lng: number;
  lat: number;
  /** When it was reported, epoch ms. */
  at: number;
}

export interface HotspotRule {
  radiusMeters: number;
  minCount: number;
  windowDays: number;
}

export interface Cluster {
  categoryCode: string;
  lng: number;
  lat: number;
  radiusMeters: number;
  gridCode: string;
  villageCode: string;
  caseIds: string[];
  firstAt: number;
  lastAt: number;
}

const M_PER_DEG_LAT = 111_320;
const DAY_MS = 86_400_000;

/**
 * The places where one matter keeps recurring (未诉先办): greedy by density. Each case's neighbours are the cases of
 * its matter within the radius and the window; the densest case not yet taken seeds a cluster of itself and its
 * untaken neighbours, cut to the fullest stretch of at most `windowDays`; a cluster of at least `minCount` cases is
 * kept and its cases are taken. Neighbours are found through cells one radius wide, so the work grows with the
 * cases, not their square. Deterministic: ties go to the earlier, then the smaller id.
 */
export function findClusters(points: readonly CasePoint[], rule: HotspotRule): Cluster[] {
  const byMatter = new Map<string, CasePoint[]>();
  for (const p of points) {
    const group = byMatter.get(p.categoryCode);
    if (group) group.push(p);
    else byMatter.set(p.categoryCode, [p]);
  }
  const clusters = [...byMatter.values()].flatMap((group) => clustersOfMatter(group, rule));
  return clusters.sort((a, b) => b.caseIds.length - a.caseIds.length || a.firstAt - b.firstAt);
}

function clustersOfMatter(group: CasePoint[], rule: HotspotRule): Cluster[] {
  if (group.length < rule.minCount) return [];
  const neighbours = neighboursOf(group, rule);
  const order = group
    .map((_, i) => i)
    .sort((a, b) => neighbours[b]!.length - neighbours[a]!.length || compare(group[a]!, group[b]!));
  const indexOf = new Map(group.map((p, i) => [p, i]));
  const taken = new Set<number>();
  const clusters: Cluster[] = [];
  for (const seed of order) {
    if (taken.has(seed) || neighbours[seed]!.length + 1 < rule.minCount) continue;
    const free = [seed, ...neighbours[seed]!.filter((j) => !taken.has(j))];
    const members = fullestStretch(
      free.map((i) => group[i]!),
      rule.windowDays * DAY_MS,
    );
    if (members.length < rule.minCount) continue;
    for (const m of members) taken.add(indexOf.get(m)!);
    clusters.push(clusterOf(members));
  }
  return clusters;
}

function compare(a: CasePoint, b: CasePoint): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** For each case, the indexes of the other cases within the radius and the window. */
function neighboursOf(group: CasePoint[], rule: HotspotRule): number[][] {
  const windowMs = rule.windowDays * DAY_MS;
  // Cells at least one radius wide everywhere in the group: longitude degrees shrink towards the poles.
  const maxLat = Math.max(...group.map((p) => Math.abs(p.lat)));
  const dLat = rule.radiusMeters / M_PER_DEG_LAT;
  const dLng = rule.radiusMeters / (M_PER_DEG_LAT * Math.cos((Math.min(maxLat, 89) * Math.PI) / 180));
  const cellOf = (p: CasePoint) => [Math.floor(p.lng / dLng), Math.floor(p.lat / dLat)] as const;
  const cells = new Map<string, number[]>();
  group.forEach((p, i) => {
    const key = cellOf(p).join(":");
    const cell = cells.get(key);
    if (cell) cell.push(i);
    else cells.set(key, [i]);
  });
  return group.map((p, i) => {
    const [x, y] = cellOf(p);
    const near: number[] = [];
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const j of cells.get(`${x + dx}:${y + dy}`) ?? []) {
          const q = group[j]!;
          if (
            j !== i &&
            Math.abs(q.at - p.at) <= windowMs &&
            distanceM([p.lng, p.lat], [q.lng, q.lat]) <= rule.radiusMeters
          )
            near.push(j);
        }
    return near;
  });
}

/** The most cases whose reports lie within one window of each other (two pointers over the sorted times). */
function fullestStretch(members: CasePoint[], windowMs: number): CasePoint[] {
  const sorted = [...members].sort(compare);
  let best: [number, number] = [0, 0];
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]!.at - sorted[lo]!.at > windowMs) lo++;
    if (hi - lo > best[1] - best[0]) best = [lo, hi];
  }
  return sorted.slice(best[0], best[1] + 1);
}

function clusterOf(members: CasePoint[]): Cluster {
  const lng = members.reduce((s, p) => s + p.lng, 0) / members.length;
  const lat = members.reduce((s, p) => s + p.lat, 0) / members.length;
  const radius = Math.max(...members.map((p) => distanceM([lng, lat], [p.lng, p.lat])));
  const home = mostCommonGrid(members);
  return {
    categoryCode: members[0]!.categoryCode,
    lng: Math.round(lng * 1e6) / 1e6,
    lat: Math.round(lat * 1e6) / 1e6,
    radiusMeters: Math.ceil(radius),
    gridCode: home.gridCode,
    villageCode: home.villageCode,
    caseIds: members.map((p) => p.id),
    firstAt: members[0]!.at,
    lastAt: members[members.length - 1]!.at,
  };
}

/** The grid most of the cases lie in (ties: the smaller code), where the work order goes. */
function mostCommonGrid(members: CasePoint[]): CasePoint {
  const counts = new Map<string, number>();
  for (const p of members) counts.set(p.gridCode, (counts.get(p.gridCode) ?? 0) + 1);
  const [grid] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
  return members.find((p) => p.gridCode === grid)!;
}
