import type { CaseSummary, PublicCaseRecord, PointLocation } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import type { Env } from "../env";
import { scrubbedRecord } from "../read-model/public-record";
import { countyShard } from "../read-models";
import type { Db } from "../store/db";
import type { ShardSessions } from "../store/sessions";
import { openPointsInBox, type NearbyRow } from "../store/open-points";
import { boxAround, nearestWithin } from "./area";

/** How many possible duplicates one answer lists (the nearest). */
export const NEARBY_LIMIT = 20;
const DAY_MS = 86_400_000;
const DEFAULT_SETTINGS = { radiusMeters: 50, windowDays: 7 };

export interface NearbyAsk {
  categoryCode: string;
  lng: number;
  lat: number;
}

export type Found = NearbyRow & { distanceMeters: number };

/** Where the asked point lies, or 422 naming the query's coordinates when it is outside every active grid. */
export async function placeOf(env: Env, ask: NearbyAsk): Promise<PointLocation> {
  const place = await env.REGISTRY.locate(ask.lng, ask.lat);
  if (!place) throw AppError.field("query.lng", "the point lies outside every active grid", "unprocessable");
  return place;
}

/**
 * The open cases of the matter within the duplicate radius and window that the county's matter list sets for it
 * (the county the point lies in; a matter off the list answers the defaults), nearest first. They are read from that
 * county's shard: a report is a duplicate of the cases its own county handles, not of a neighbour's across the line.
 */
export async function findNearby(env: Env, shards: ShardSessions, ask: NearbyAsk, place: PointLocation, now: Date) {
  const db: Db = shards.db(countyShard(env, place.countyCode, "query.lng", "unprocessable"));
  const admission = await env.REGISTRY.matterAdmission(place.countyCode, ask.categoryCode);
  const settings = admission.duplicates ?? DEFAULT_SETTINGS;
  const since = new Date(now.getTime() - settings.windowDays * DAY_MS).toISOString();
  const box = boxAround(ask.lng, ask.lat, settings.radiusMeters);
  const rows = await openPointsInBox(db, ask.categoryCode, box, since);
  return { settings, found: nearestWithin(rows, ask.lng, ask.lat, settings.radiusMeters) };
}

export const summaryOf = (row: Found): CaseSummary & { distanceMeters: number } => ({
  ...(JSON.parse(row.summary) as CaseSummary),
  distanceMeters: row.distanceMeters,
});

/** The public fields of a possible duplicate, its free text masked as on every public surface. */
export function publicOf(row: Found) {
  const stored = JSON.parse(row.public ?? "null") as PublicCaseRecord | null;
  if (!stored) return null;
  const r = scrubbedRecord(stored);
  return {
    id: row.id,
    categoryCode: r.categoryCode,
    categoryName: r.categoryName,
    status: r.status,
    description: r.description,
    address: r.address,
    requestedAt: r.requestedAt,
    distanceMeters: row.distanceMeters,
  };
}
