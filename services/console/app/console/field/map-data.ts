import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { api, must } from "../../shared/api";
import { allItems } from "../../shared/all-items";
import { OPEN_STATUSES } from "./labels";

export interface GridProps {
  code: string;
  name: string;
  type: string;
}

export interface CaseProps {
  id: string;
  title: string;
  status: string;
  gridCode: string | null;
  warned: boolean;
  overdue: boolean;
}

export interface MapData {
  grids: FeatureCollection<Polygon | MultiPolygon, GridProps>;
  cases: FeatureCollection<Point, CaseProps>;
  /** Grids in force without a drawn boundary: listed, not drawn. */
  undrawn: GridProps[];
  /** Open cases beyond what the map fetched (the list said there were more). */
  more: boolean;
}

/** How many open cases the map places (each needs its case read for the location the list does not carry). */
const CASE_CAP = 100;

/** Runs `work` over `items`, `width` at a time (a county's open cases should not open hundreds of requests at once). */
async function pooled<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return out;
}

/** The jurisdiction's grids in force (their boundaries) and its open cases (their reported points), as GeoJSON. */
export async function loadMapData(): Promise<MapData> {
  const [grids, listed] = await Promise.all([
    allItems((cursor) => must(api.GET("/v1/grids", { params: { query: { limit: 100, cursor } } }))),
    allItems((cursor) => must(api.GET("/v1/cases", { params: { query: { limit: 100, cursor } } })), 300),
  ]);
  const open = listed.filter((c) => OPEN_STATUSES.has(c.status));
  const placed = await pooled(open.slice(0, CASE_CAP), 6, async (c) => {
    const full = await must(api.GET("/v1/cases/{id}", { params: { path: { id: c.id } } }));
    if (!full.location) return null; // a case opened without a place (some inbound ones) cannot be drawn
    const feature: Feature<Point, CaseProps> = {
      type: "Feature",
      id: c.id,
      geometry: { type: "Point", coordinates: [full.location.lng, full.location.lat] },
      properties: {
        id: c.id,
        title: c.title,
        status: c.status,
        gridCode: c.gridCode,
        warned: c.warned,
        overdue: c.overdue,
      },
    };
    return feature;
  });
  const drawn: Feature<Polygon | MultiPolygon, GridProps>[] = [];
  const undrawn: GridProps[] = [];
  for (const g of grids) {
    const props = { code: g.code, name: g.name, type: g.type };
    if (g.boundary)
      drawn.push({
        type: "Feature",
        id: g.code,
        geometry: g.boundary as Polygon | MultiPolygon,
        properties: props,
      });
    else undrawn.push(props);
  }
  return {
    grids: { type: "FeatureCollection", features: drawn },
    cases: { type: "FeatureCollection", features: placed.filter((f) => f !== null) },
    undrawn,
    more: open.length > CASE_CAP,
  };
}

/** The bounding box of everything drawn, for the map's first view; null when there is nothing. */
export function boundsOf(data: MapData): [number, number, number, number] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number" && typeof c[1] === "number") {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of data.grids.features) visit(f.geometry.coordinates);
  for (const f of data.cases.features) visit(f.geometry.coordinates);
  return w === Infinity ? null : [w, s, e, n];
}
