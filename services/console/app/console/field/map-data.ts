import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { api, must } from "../../shared/api";
import { allItems } from "../../shared/all-items";
import { casePage, type CasePage } from "../cases/case-list";
import type { CaseSummary } from "../cases/labels";
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

/** The jurisdiction's grids in force: drawn boundaries, and those without one (listed, not drawn). */
export interface GridLayer {
  grids: FeatureCollection<Polygon | MultiPolygon, GridProps>;
  undrawn: GridProps[];
}

/** The open cases as points. */
export interface CaseLayer {
  cases: FeatureCollection<Point, CaseProps>;
  /** Open cases beyond what the map fetched (the list said there were more). */
  more: boolean;
}

export type MapData = GridLayer & CaseLayer;

/** How many open cases the map places (each needs its case read for the location the list does not carry). */
const CASE_CAP = 100;
/** How many cases the list is read for, newest first. */
const LIST_CAP = 300;

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

/** The jurisdiction's grids in force (their boundaries). */
export async function loadGrids(): Promise<GridLayer> {
  const grids = await allItems((cursor) => must(api.GET("/v1/grids", { params: { query: { limit: 100, cursor } } })));
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
  return { grids: { type: "FeatureCollection", features: drawn }, undrawn };
}

/**
 * What one round of reading the open cases keeps for the next (the map reads them again every half minute): each
 * list page as last answered with its ETag, by the cursor that asked for it (sent back as If-None-Match; a 304 keeps
 * the page), and each case's point, read once (a case's place does not move), null for a case without one.
 */
export interface CaseMemo {
  pages: Map<string, { etag: string | null; page: CasePage }>;
  points: Map<string, [number, number] | null>;
}

export const newCaseMemo = (): CaseMemo => ({ pages: new Map(), points: new Map() });

/** The open cases of the jurisdiction (their reported points), as GeoJSON; only cases new to `memo` are read whole. */
export async function loadOpenCases(memo: CaseMemo): Promise<CaseLayer> {
  const listed: CaseSummary[] = [];
  const pages = new Map<string, { etag: string | null; page: CasePage }>();
  let cursor: string | undefined;
  do {
    const before = memo.pages.get(cursor ?? "");
    const got = await casePage({ limit: 100, cursor }, before?.etag ?? null);
    // A 304 comes only for an ETag sent, so only where a page was kept.
    const page = got.page ?? (before as { page: CasePage }).page;
    pages.set(cursor ?? "", { etag: got.etag, page });
    listed.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && listed.length < LIST_CAP);
  memo.pages = pages;
  const allOpen = listed.filter((c) => OPEN_STATUSES.has(c.status));
  const open = allOpen.slice(0, CASE_CAP);
  await pooled(
    open.filter((c) => !memo.points.has(c.id)),
    6,
    async (c) => {
      const full = await must(api.GET("/v1/cases/{id}", { params: { path: { id: c.id } } }));
      // A case opened without a place (some inbound ones) cannot be drawn.
      memo.points.set(c.id, full.location ? [full.location.lng, full.location.lat] : null);
    },
  );
  const features: Feature<Point, CaseProps>[] = [];
  for (const c of open) {
    const at = memo.points.get(c.id);
    if (!at) continue;
    features.push({
      type: "Feature",
      id: c.id,
      geometry: { type: "Point", coordinates: at },
      properties: {
        id: c.id,
        title: c.title,
        status: c.status,
        gridCode: c.gridCode,
        warned: c.warned,
        overdue: c.overdue,
      },
    });
  }
  const more = allOpen.length > CASE_CAP;
  return { cases: { type: "FeatureCollection", features }, more };
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
