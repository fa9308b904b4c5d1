import {
  DateOnly,
  DivisionCode,
  GridCode,
  LngLat,
  MatterChange,
  MatterCode,
  type AdmittedMatter,
  type MatterAdmission,
  type PlaceAndAdmission,
  type PointLocation,
  type RegistryRpc,
  type RulingMatterChange,
} from "@civicgrid/contracts";
import { z } from "@hono/zod-openapi";
import { inForce, statusOf } from "./domain/grid";
import { nowIso, shanghaiToday } from "./domain/time";
import type { Db } from "./store/db";
import { admissionIn, admissionsOn } from "./store/admission-lookup";
import { divisionsIn } from "./store/divisions";
import { versionsOf } from "./store/grids";
import { indexOn, locationIn } from "./store/locator";
import { publicMattersOf } from "./store/matter-definitions";
import { insertChangeRequest } from "./store/matter-changes";
import { listOf, listVersionOn, matterAdmission } from "./store/matters";

/**
 * The RPC methods other services call over service bindings (RegistryRpc in contracts/rpc.ts). Arguments
 * cross a trust boundary too, so they are parsed; a bad one throws a TypeError naming it.
 */
function parsed<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new TypeError(`${name}: ${result.error.issues.map((i) => i.message).join("; ")}`);
  return result.data;
}

const Points = z.array(LngLat).max(10_000);
const dateOf = (onDate: string | undefined) =>
  onDate === undefined ? shanghaiToday() : parsed(DateOnly, onDate, "onDate");

export async function locate(db: Db, lng: number, lat: number, onDate?: string): Promise<PointLocation | null> {
  const point = parsed(LngLat, { lng, lat }, "point");
  const date = dateOf(onDate);
  return locationIn(await indexOn(db, date), point.lng, point.lat);
}

export async function locateMany(
  db: Db,
  points: { lng: number; lat: number }[],
  onDate?: string,
): Promise<(PointLocation | null)[]> {
  const list = parsed(Points, points, "points");
  const entry = await indexOn(db, dateOf(onDate));
  return list.map((p) => locationIn(entry, p.lng, p.lat));
}

export async function grid(db: Db, gridCode: string): ReturnType<RegistryRpc["grid"]> {
  const code = parsed(GridCode, gridCode, "gridCode");
  const today = shanghaiToday();
  const versions = await versionsOf(db, code);
  const row = versions.find((v) => inForce(v, today)) ?? versions.at(-1);
  if (!row) return null;
  return { code, name: row.name, villageCode: row.villageCode, status: statusOf(versions, today) };
}

/** A division the registry keeps, or null: base data refuses a village code the registry does not know. */
export async function division(db: Db, code: string): ReturnType<RegistryRpc["division"]> {
  const [row] = await divisionsIn(db, [parsed(DivisionCode, code, "code")]);
  return row
    ? { code: row.code, name: row.name, level: row.level as "city" | "county" | "township" | "village" }
    : null;
}

export async function admission(
  db: Db,
  countyCode: string,
  matterCode: string,
  onDate?: string,
): Promise<MatterAdmission> {
  const county = parsed(DivisionCode, countyCode, "countyCode");
  return matterAdmission(db, county, parsed(MatterCode, matterCode, "matterCode"), dateOf(onDate));
}

/**
 * Issue 17: where a reported point lies and, in its county, the matter's admission, in one call (the report path
 * asked `locate` and then `matterAdmission`, two hops). Outside every active grid: both null.
 */
export async function placeAndAdmit(
  db: Db,
  lng: number,
  lat: number,
  matterCode: string,
  onDate?: string,
): Promise<PlaceAndAdmission> {
  const point = parsed(LngLat, { lng, lat }, "point");
  const matter = parsed(MatterCode, matterCode, "matterCode");
  const date = dateOf(onDate);
  // The county is known only once the point is located: the matter's admission in every county is read meanwhile.
  const [index, admissions] = await Promise.all([indexOn(db, date), admissionsOn(db, matter, date)]);
  const place = locationIn(index, point.lng, point.lat);
  if (!place) return { place: null, admission: null };
  return { place, admission: admissionIn(admissions, place.countyCode) };
}

/**
 * The matters on a county's admission list in force today, as residents' apps see them (the Open311
 * service list), with description, keywords, group and attributes from the city's catalogue. Matters a grid
 * worker only collects (信息采集) are not something a resident reports, and matters the catalogue does not
 * list publicly (demo and test configuration), are left out.
 */
export async function admittedMatters(db: Db, countyCode: string): Promise<AdmittedMatter[]> {
  const county = parsed(DivisionCode, countyCode, "countyCode");
  const version = await listVersionOn(db, county, shanghaiToday());
  if (!version) return [];
  const list = await listOf(db, version);
  return publicMattersOf(
    db,
    list.admission.filter((item) => item.workerDuty !== "collect"),
  );
}

const RulingChange = z.object({
  id: z.string().regex(/^mcr-[0-9a-f-]{36}$/),
  countyCode: DivisionCode.refine((code) => code.endsWith("000000"), "must be a county code"),
  change: MatterChange,
  reason: z.string().trim().min(1).max(1000),
  requestedBy: z.string().min(1),
  requesterUnit: z.string().min(1),
});

/**
 * A change request an agency's ruling on a disputed return (退单) asks for: filed as any request is (pending, for
 * the county to approve or refuse), once per id however often the case's delivery retries.
 */
export async function fileMatterChange(db: Db, input: RulingMatterChange): Promise<{ id: string; created: boolean }> {
  const request = parsed(RulingChange, input, "input");
  const created = await insertChangeRequest(db, { ...request, createdAt: nowIso() }, true);
  return { id: request.id, created };
}
