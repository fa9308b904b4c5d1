// The registry stand-in of the base-data benchmarks: RegistryRpc's locate over the demo city's real grid polygons
// (services/basedata/test/stub-services.ts places three fixed points; a benchmark village needs every door placed)
// and its division over the demo city's divisions (a village is registered before its first record).
import type { Division, Grid } from "@civicgrid/demo-data";

/** The registry's locate over the given grids' polygons (ray casting) and division by code, as RegistryRpc answers. */
export function registryStub(grids: readonly Grid[], divisions: readonly Division[] = []): string {
  const named = Object.fromEntries(divisions.map((d) => [d.code, { code: d.code, name: d.name, level: d.level }]));
  const places = grids.map((g) => ({
    ring: g.geometry.coordinates[0],
    place: {
      gridCode: g.code,
      gridName: g.name,
      villageCode: g.villageCode,
      townshipCode: g.townshipCode,
      countyCode: g.countyCode,
    },
  }));
  return `
import { WorkerEntrypoint } from "cloudflare:workers";
const GRIDS = ${JSON.stringify(places)};
const DIVISIONS = ${JSON.stringify(named)};
function inside(x, y, ring) {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}
export default class extends WorkerEntrypoint {
  health() { return { service: "registry", ok: true }; }
  locate(lng, lat) { return GRIDS.find((g) => inside(lng, lat, g.ring))?.place ?? null; }
  locateMany(points) { return points.map((p) => this.locate(p.lng, p.lat)); }
  grid(code) {
    const g = GRIDS.find((g) => g.place.gridCode === code);
    return g ? { code, name: g.place.gridName, villageCode: g.place.villageCode, status: "active" } : null;
  }
  matterAdmission(countyCode, matterCode) { return { matterCode, countyCode, status: "unlisted" }; }
  division(code) { return DIVISIONS[code] ?? null; }
}`;
}
