import Flatbush from "flatbush";
import { difference, intersection } from "polyclip-ts";
import { fromGeom, toGeom, withoutSlivers } from "./clip";
import type { AreaPart } from "./clip";
import { areaM2 } from "./measure";
import { bbox } from "./polygons";
import type { BBox, GeoItem, Geometry, MultiPolygonGeometry } from "./types";

export interface LayoutOptions {
  /** Areas at or below this (m²) are rounding slivers, not findings. Default 1. */
  minAreaM2?: number;
}

export interface Overlap {
  /** The smaller id of the pair. */
  a: string;
  b: string;
  geometry: MultiPolygonGeometry;
  areaM2: number;
}

const boxesMeet = (p: BBox, q: BBox) => p[0] <= q[2] && q[0] <= p[2] && p[1] <= q[3] && q[1] <= p[3];

/**
 * Pairs of items whose interiors overlap by more than `minAreaM2`, sorted by (a, b). Items that only share an
 * edge or a vertex do not overlap. Candidate pairs come from a flatbush index over bounding boxes.
 */
export function findOverlaps(items: readonly GeoItem[], options: LayoutOptions = {}): Overlap[] {
  const minAreaM2 = options.minAreaM2 ?? 1;
  if (items.length < 2) return [];
  const boxes = items.map((item) => bbox(item.geometry));
  const index = new Flatbush(items.length);
  for (const box of boxes) index.add(...box);
  index.finish();

  const overlaps: Overlap[] = [];
  items.forEach((item, i) => {
    for (const j of index.search(...(boxes[i] as BBox))) {
      if (j <= i) continue;
      const other = items[j] as GeoItem;
      const geometry = fromGeom(intersection(toGeom(item.geometry), toGeom(other.geometry)));
      if (!geometry) continue;
      const area = areaM2(geometry);
      if (area <= minAreaM2) continue;
      const [a, b] = item.id < other.id ? [item.id, other.id] : [other.id, item.id];
      overlaps.push({ a, b, geometry, areaM2: area });
    }
  });
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return overlaps.sort((x, y) => cmp(x.a, y.a) || cmp(x.b, y.b));
}

/**
 * The part of `container` (e.g. a village) not covered by any item (its grids), ignoring pieces smaller than
 * `minAreaM2`. Only items whose bounding box meets the container's take part in the difference.
 */
export function findGaps(container: Geometry, items: readonly GeoItem[], options: LayoutOptions = {}): AreaPart {
  const box = bbox(container);
  const cover = items.filter((item) => boxesMeet(box, bbox(item.geometry))).map((item) => toGeom(item.geometry));
  const rest = cover.length === 0 ? toGeom(container) : difference(toGeom(container), ...cover);
  return withoutSlivers(rest, options.minAreaM2 ?? 1);
}

/** The part of `item` lying outside `container`, ignoring pieces smaller than `minAreaM2`. */
export function outside(container: Geometry, item: Geometry, options: LayoutOptions = {}): AreaPart {
  const rest = boxesMeet(bbox(container), bbox(item)) ? difference(toGeom(item), toGeom(container)) : toGeom(item);
  return withoutSlivers(rest, options.minAreaM2 ?? 1);
}
