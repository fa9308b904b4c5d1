// Loaded only by the map page, through import(): MapLibre stays out of the console's first load.
import * as ml from "maplibre-gl";
import type { GeoJSONSource, StyleSpecification } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs";
import { boundsOf, type CaseLayer, type MapData } from "./map-data";

/** A drawn map: its open cases are replaced as the page reads them again; removed when the page goes. */
export interface GridMap {
  setCases(cases: CaseLayer["cases"]): void;
  remove(): void;
}

/**
 * The style: a plain background, and the configured raster tiles over it when there are any (天地图 or another
 * provider in production; none offline). No glyphs or sprites: grids are fills and lines, cases are circles, and the
 * names are in the list beside the map, so the map asks no server but the tile provider for anything.
 */
function styleOf(tileUrl: string | null, attribution: string): StyleSpecification {
  return {
    version: 8,
    sources: tileUrl ? { base: { type: "raster", tiles: [tileUrl], tileSize: 256, attribution } } : {},
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#eef2f5" } },
      ...(tileUrl ? [{ id: "base", type: "raster" as const, source: "base" }] : []),
    ],
  };
}

/** Draws the grids and the open cases in `container`; resolves once the map has loaded its data. */
export async function drawGridMap(
  container: HTMLElement,
  data: MapData,
  { tileUrl, attribution, onCase }: { tileUrl: string | null; attribution: string; onCase: (id: string) => void },
): Promise<GridMap> {
  ml.setWorkerUrl(workerUrl);
  const bounds = boundsOf(data);
  const map = new ml.Map({
    container,
    style: styleOf(tileUrl, attribution),
    ...(bounds ? { bounds, fitBoundsOptions: { padding: 40 } } : { center: [113.08, 22.58], zoom: 10 }),
    attributionControl: tileUrl ? { compact: true } : false,
    locale: {
      "Map.Title": "网格与在办案件地图",
      "NavigationControl.ZoomIn": "放大",
      "NavigationControl.ZoomOut": "缩小",
      "NavigationControl.ResetBearing": "重置方向",
    },
  });
  map.addControl(new ml.NavigationControl({ showCompass: false }), "top-right");
  await new Promise<void>((resolve, reject) => {
    map.once("load", () => resolve());
    map.once("error", (e) => reject(e.error));
  });
  map.addSource("grids", { type: "geojson", data: data.grids });
  map.addSource("cases", { type: "geojson", data: data.cases });
  map.addLayer({
    id: "grid-fill",
    type: "fill",
    source: "grids",
    paint: { "fill-color": "#0b5cad", "fill-opacity": 0.12 },
  });
  map.addLayer({
    id: "grid-line",
    type: "line",
    source: "grids",
    paint: { "line-color": "#0b5cad", "line-width": 1.5 },
  });
  map.addLayer({
    id: "case-points",
    type: "circle",
    source: "cases",
    paint: {
      "circle-radius": 7,
      "circle-stroke-width": 2,
      "circle-stroke-color": "#fff",
      "circle-color": ["case", ["get", "overdue"], "#b42318", ["get", "warned"], "#9a6700", "#0b5cad"],
    },
  });
  map.on("click", "case-points", (e) => {
    const id = e.features?.[0]?.properties?.id;
    if (typeof id === "string") onCase(id);
  });
  map.on("mouseenter", "case-points", () => (map.getCanvas().style.cursor = "pointer"));
  map.on("mouseleave", "case-points", () => (map.getCanvas().style.cursor = ""));
  return {
    setCases: (cases) => map.getSource<GeoJSONSource>("cases")?.setData(cases),
    remove: () => map.remove(),
  };
}
