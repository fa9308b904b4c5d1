import type { FieldError } from "@civicgrid/contracts";

/** Where a report is, from the arguments GeoReport v2 allows: lat and long, or address_string, or address_id. */
export interface LocationArgs {
  lat?: number | undefined;
  long?: number | undefined;
  address_string?: string | undefined;
  address_id?: string | undefined;
}

/** What to look up: a point as given, a known place by its id, or the place an address names; or a refusal. */
export type LocationQuery =
  | { kind: "point"; lng: number; lat: number }
  | { kind: "place_id"; addressId: string }
  | { kind: "place_name"; text: string }
  | { kind: "refused"; error: FieldError };

const refused = (field: string, message: string): LocationQuery => ({ kind: "refused", error: { field, message } });

/** A point wins over a place; a place by id over one by name; one of them is required. */
export function locationQuery(args: LocationArgs): LocationQuery {
  if (args.lat !== undefined || args.long !== undefined) {
    if (args.lat === undefined) return refused("lat", "required with long");
    if (args.long === undefined) return refused("long", "required with lat");
    return { kind: "point", lng: args.long, lat: args.lat };
  }
  if (args.address_id) return { kind: "place_id", addressId: args.address_id };
  if (args.address_string) return { kind: "place_name", text: args.address_string };
  return refused("lat", "a location is required: lat and long, address_string or address_id");
}

export interface NamedPlace {
  name: string;
  gridCode: string;
}

/**
 * The place an address string names, from the (up to two) longest known names it contains: the longest, unless
 * another as long lies in another grid (then the address is ambiguous and the reporter must say more).
 */
export function bestNamedPlace<P extends NamedPlace>(
  longestFirst: readonly P[],
): { ok: true; place: P } | { ok: false; error: FieldError } {
  const [best, next] = longestFirst;
  if (!best) {
    const message = "names no village, community or grid known in this jurisdiction; send lat and long";
    return { ok: false, error: { field: "address_string", message } };
  }
  if (next && next.name.length === best.name.length && next.gridCode !== best.gridCode) {
    const message = `${best.name} names more than one place; add the township or send lat and long`;
    return { ok: false, error: { field: "address_string", message } };
  }
  return { ok: true, place: best };
}
