/**
 * Source of a stand-in registry for the tests: locateMany answers a grid for points inside a few
 * 0.01° squares (two grids of one 蓬江 village, one grid of 新会) and null elsewhere, as the real
 * registry does outside every active grid. The real registry is composed with this service in e2e.
 */
export const TEST_GRIDS = [
  { gridCode: "440703001001001", west: 113.0, south: 22.5 },
  { gridCode: "440703001001002", west: 113.01, south: 22.5 },
  { gridCode: "440705001001001", west: 113.1, south: 22.5 },
];

export function stubRegistryScript(): string {
  return `
import { WorkerEntrypoint } from "cloudflare:workers";
const GRIDS = ${JSON.stringify(TEST_GRIDS)};
function locate(lng, lat) {
  const g = GRIDS.find((g) => lng >= g.west && lng < g.west + 0.01 && lat >= g.south && lat < g.south + 0.01);
  if (!g) return null;
  const v = g.gridCode.slice(0, 12);
  return { gridCode: g.gridCode, gridName: "测试网格" + g.gridCode.slice(12), villageCode: v, townshipCode: v.slice(0, 9) + "000", countyCode: v.slice(0, 6) + "000000" };
}
export default class extends WorkerEntrypoint {
  fetch() { return new Response("registry stand-in", { status: 404 }); }
  health() { return { service: "registry", ok: true }; }
  locate(lng, lat) { return locate(lng, lat); }
  locateMany(points) { return points.map((p) => locate(p.lng, p.lat)); }
}`;
}
