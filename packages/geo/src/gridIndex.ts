import Flatbush from "flatbush";
import { BOUNDARY_EPSILON, locate } from "./locate";
import { closureIds, pickId } from "./lookup";
import { bbox } from "./polygons";
import type { GeoItem } from "./types";

/**
 * Point lookup over a fixed set of grids: a flatbush R-tree over their bounding boxes picks candidates, and
 * only those are tested exactly. Build once (e.g. per isolate, per layout version) and reuse.
 * Tie-break on borders: see {@link pickId}.
 */
export class GridIndex {
  readonly size: number;
  readonly #items: readonly GeoItem[];
  readonly #index: Flatbush | null;

  constructor(items: readonly GeoItem[]) {
    const seen = new Set<string>();
    for (const { id } of items) {
      if (seen.has(id)) throw new Error(`GridIndex: duplicate id ${id}`);
      seen.add(id);
    }
    this.#items = [...items];
    this.size = items.length;
    if (items.length === 0) {
      this.#index = null;
      return;
    }
    const index = new Flatbush(items.length);
    for (const { geometry } of this.#items) index.add(...bbox(geometry));
    index.finish();
    this.#index = index;
  }

  /** Ids of the items whose bounding box holds the point (a superset of the answer; exposed for tests). */
  candidates(lng: number, lat: number): string[] {
    return this.#candidateItems(lng, lat).map((item) => item.id);
  }

  /** The id of the grid containing the point; on a shared border the smallest such id; null when outside all. */
  lookup(lng: number, lat: number): string | null {
    return pickId(this.#located(lng, lat));
  }

  /** Ids, ascending, of every grid whose closure contains the point (several on a shared edge or vertex). */
  lookupAll(lng: number, lat: number): string[] {
    return closureIds(this.#located(lng, lat));
  }

  #candidateItems(lng: number, lat: number): GeoItem[] {
    if (!this.#index || !Number.isFinite(lng) || !Number.isFinite(lat)) return [];
    const e = BOUNDARY_EPSILON;
    return this.#index.search(lng - e, lat - e, lng + e, lat + e).map((i) => this.#items[i] as GeoItem);
  }

  #located(lng: number, lat: number) {
    return this.#candidateItems(lng, lat).map(({ id, geometry }) => ({ id, where: locate([lng, lat], geometry) }));
  }
}
