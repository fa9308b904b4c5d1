// Benchmark (not a test): point-to-grid lookup in the registry, GridIndex (flatbush R-tree over bounding
// boxes, exact point-in-polygon on the candidates) against a naive scan of every polygon, in the same run.
// Cities of 3,000 and 30,000 grids come from the demo generator (Jiangmen's real divisions, generated exact
// tilings). Points are uniform over the city's bounding box, so some fall outside every grid, as real reports
// from the sea or a neighbouring city do. Each lookup is timed on its own (performance.now, ~0.1 µs overhead).
// Run: npx tsx infra/bench/registry-lookup.ts [points per city, default 5000]
import { generateCity } from "@civicgrid/demo-data";
import { GridIndex, naiveLookup, type GeoItem } from "@civicgrid/geo";

const POINTS = Number(process.argv[2] ?? 5000);
const SIZES = [3_000, 30_000];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

function timeEach(points: [number, number][], lookup: (lng: number, lat: number) => string | null) {
  const times: number[] = [];
  const answers: (string | null)[] = [];
  for (const [lng, lat] of points) {
    const t = performance.now();
    answers.push(lookup(lng, lat));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    mean: times.reduce((s, x) => s + x, 0) / times.length,
    answers,
  };
}

console.log(
  `registry point lookup: GridIndex vs naive scan, ${POINTS} random points per city (node ${process.version})\n`,
);
for (const size of SIZES) {
  const t0 = performance.now();
  const city = generateCity({ grids: size });
  const items: GeoItem[] = city.grids.map((g) => ({ id: g.code, geometry: g.geometry }));
  const t1 = performance.now();
  const index = new GridIndex(items);
  const t2 = performance.now();

  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of city.grids)
    for (const [x, y] of g.geometry.coordinates[0] ?? [])
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  const rand = rng(size);
  const points: [number, number][] = Array.from({ length: POINTS }, () => [
    x0 + rand() * (x1 - x0),
    y0 + rand() * (y1 - y0),
  ]);

  // Warm both paths so the JIT has compiled them before timing.
  for (const [lng, lat] of points.slice(0, 200)) {
    index.lookup(lng, lat);
    naiveLookup(items, lng, lat);
  }
  const indexed = timeEach(points, (lng, lat) => index.lookup(lng, lat));
  const naive = timeEach(points, (lng, lat) => naiveLookup(items, lng, lat));
  const disagree = indexed.answers.filter((a, i) => a !== naive.answers[i]).length;
  const hits = indexed.answers.filter((a) => a !== null).length;

  console.log(
    `${size.toLocaleString("en")} grids (generated in ${((t1 - t0) / 1000).toFixed(1)} s; index built in ${(t2 - t1).toFixed(1)} ms; ${hits} of ${POINTS} points inside a grid)`,
  );
  console.log(`  GridIndex.lookup  p50 ${us(indexed.p50)}  p99 ${us(indexed.p99)}  mean ${us(indexed.mean)}`);
  console.log(`  naive scan        p50 ${us(naive.p50)}  p99 ${us(naive.p99)}  mean ${us(naive.mean)}`);
  console.log(
    `  naive / index     p50 ×${(naive.p50 / indexed.p50).toFixed(0)}  p99 ×${(naive.p99 / indexed.p99).toFixed(0)}  (answers that differ: ${disagree})\n`,
  );
  if (disagree > 0) process.exitCode = 1;
}
