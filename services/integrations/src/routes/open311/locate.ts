import { AppError } from "@civicgrid/http";
import { bestNamedPlace, locationQuery, type LocationArgs, type LocationQuery } from "../../domain/open311-location";
import type { Env } from "../../env";
import { placeById, placesNamedIn, type Place } from "../../store/open311";

export interface Located {
  lng: number;
  lat: number;
  /** The place an address resolved to, when it was located by one. */
  addressId: string | null;
}

/**
 * Confirms through the registry that the point lies in a grid of the jurisdiction (and in the place's own grid,
 * for an address), so that a report is never filed where the registry would not place it.
 */
type Point = { lng: number; lat: number };

async function confirm(env: Env, county: string, field: string, point: Point, gridCode?: string): Promise<void> {
  const where = await env.REGISTRY.locate(point.lng, point.lat);
  if (!where) throw AppError.field(field, "the location lies outside every grid in force");
  if (where.countyCode !== county) throw AppError.field(field, `the location lies outside jurisdiction ${county}`);
  if (gridCode && where.gridCode !== gridCode) {
    throw AppError.field(field, "the place could not be located in its grid now; send lat and long");
  }
}

type PlaceQuery = Extract<LocationQuery, { kind: "place_id" | "place_name" }>;

/** A known place by its id (a grid or village code of the jurisdiction), or by the name an address contains. */
async function place(env: Env, county: string, query: PlaceQuery): Promise<Place> {
  if (query.kind === "place_id") {
    const found = await placeById(env.DB, county, query.addressId);
    if (!found) {
      const unknown = `${query.addressId} is not a grid or village code known in jurisdiction ${county}`;
      throw AppError.field("address_id", `${unknown}; send lat and long`);
    }
    return found;
  }
  const best = bestNamedPlace(await placesNamedIn(env.DB, county, query.text));
  if (!best.ok) throw AppError.field(best.error.field, best.error.message);
  return best.place;
}

export async function locateReport(env: Env, county: string, args: LocationArgs): Promise<Located> {
  const query = locationQuery(args);
  if (query.kind === "refused") throw AppError.field(query.error.field, query.error.message);
  if (query.kind === "point") {
    await confirm(env, county, "lat", query);
    return { lng: query.lng, lat: query.lat, addressId: null };
  }
  const found = await place(env, county, query);
  await confirm(env, county, query.kind === "place_id" ? "address_id" : "address_string", found, found.gridCode);
  return { lng: found.lng, lat: found.lat, addressId: found.addressId };
}
