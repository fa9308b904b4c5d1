/** A WGS84 position, GeoJSON order: longitude first, then latitude (degrees). */
export type Position = [lng: number, lat: number];

/** A closed linear ring: at least 4 positions, first equals last. */
export type Ring = Position[];

export interface PolygonGeometry {
  type: "Polygon";
  /** First ring is the shell, the rest are holes. */
  coordinates: Ring[];
}

export interface MultiPolygonGeometry {
  type: "MultiPolygon";
  coordinates: Ring[][];
}

/** The only geometries a grid boundary may take. */
export type Geometry = PolygonGeometry | MultiPolygonGeometry;

/** [minLng, minLat, maxLng, maxLat] */
export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** An identified geometry, e.g. a grid and its boundary. */
export interface GeoItem {
  id: string;
  geometry: Geometry;
}

/** Where a point lies relative to a geometry. */
export type Location = "inside" | "boundary" | "outside";
