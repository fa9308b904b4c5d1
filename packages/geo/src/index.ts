export type {
  BBox,
  GeoItem,
  Geometry,
  Location,
  MultiPolygonGeometry,
  PolygonGeometry,
  Position,
  Ring,
} from "./types";
export type { GeometryProblem } from "./problems";
export { validateGeometry, isValidGeometry } from "./validate";
export type { ValidateOptions } from "./validate";
export { bbox, polygonsOf } from "./polygons";
export { areaM2, distanceM, EARTH_RADIUS_M } from "./measure";
export { pointOnSurface } from "./pointOnSurface";
export { locate, BOUNDARY_EPSILON } from "./locate";
export type { LocateOptions } from "./locate";
export { GridIndex } from "./gridIndex";
export { naiveLookup, naiveLookupAll } from "./lookup";
export { findOverlaps, findGaps, outside } from "./layout";
export type { LayoutOptions, Overlap } from "./layout";
export type { AreaPart } from "./clip";
export { trackLength, speedKmh } from "./track";
export type { TrackPoint } from "./track";
