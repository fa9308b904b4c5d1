import { AppError } from "@civicgrid/http";
import type { Env } from "../env";

/** Where a report is, from the arguments GeoReport v2 allows: lat and long, or address_string, or address_id. */
export interface LocationArgs {
  lat?: number | undefined;
  long?: number | undefined;
  address_string?: string | undefined;
  address_id?: string | undefined;
}

export interface Located {
  lng: number;
  lat: number;
  /** The place an address resolved to, when it was located by one. */
  addressId: string | null;
}

interface PlaceRow {
  address_id: string;
  name: string;
  grid_code: string;
  lng: number;
  lat: number;
}

/**
 * Confirms through the registry that the point lies in a grid of the jurisdiction (and in the place's own grid,
 * for an address), so that a report is never filed where the registry would not place it.
 */
async function confirm(env: Env, county: string, field: string, lng: number, lat: number, gridCode?: string): Promise<void> {
  const where = await env.REGISTRY.locate(lng, lat);
  if (!where) throw AppError.field(field, "the location lies outside every grid in force");
  if (where.countyCode !== county) throw AppError.field(field, `the location lies outside jurisdiction ${county}`);
  if (gridCode && where.gridCode !== gridCode) throw AppError.field(field, "the place could not be located in its grid now; send lat and long");
}

const PLACE = "SELECT address_id, name, grid_code, lng, lat FROM open311_places WHERE county_code = ?1";

/** A known place by its id: a grid code or a village (community) division code of the jurisdiction. */
async function byId(db: D1Database, county: string, id: string): Promise<PlaceRow> {
  const row = await db.prepare(`${PLACE} AND address_id = ?2`).bind(county, id).first<PlaceRow>();
  if (!row) throw AppError.field("address_id", `${id} is not a grid or village code known in jurisdiction ${county}; send lat and long`);
  return row;
}

/** The place an address string names: the longest known village, community or grid name it contains. */
async function byName(db: D1Database, county: string, text: string): Promise<PlaceRow> {
  const { results } = await db.prepare(`${PLACE} AND instr(?2, name) > 0 ORDER BY length(name) DESC LIMIT 2`).bind(county, text).all<PlaceRow>();
  const [best, next] = results;
  if (!best) throw AppError.field("address_string", "names no village, community or grid known in this jurisdiction; send lat and long");
  if (next && next.name.length === best.name.length && next.grid_code !== best.grid_code) {
    throw AppError.field("address_string", `${best.name} names more than one place; add the township or send lat and long`);
  }
  return best;
}

export async function locateReport(env: Env, county: string, args: LocationArgs): Promise<Located> {
  if (args.lat !== undefined || args.long !== undefined) {
    if (args.lat === undefined) throw AppError.field("lat", "required with long");
    if (args.long === undefined) throw AppError.field("long", "required with lat");
    await confirm(env, county, "lat", args.long, args.lat);
    return { lng: args.long, lat: args.lat, addressId: null };
  }
  const field = args.address_id ? "address_id" : "address_string";
  if (!args.address_id && !args.address_string) {
    throw AppError.field("lat", "a location is required: lat and long, address_string or address_id");
  }
  const place = args.address_id ? await byId(env.DB, county, args.address_id) : await byName(env.DB, county, args.address_string ?? "");
  await confirm(env, county, field, place.lng, place.lat, place.grid_code);
  return { lng: place.lng, lat: place.lat, addressId: place.address_id };
}
