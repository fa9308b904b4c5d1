import { AppError } from "@civicgrid/http";

export interface Jurisdiction {
  countyCode: string;
  name: string;
}

/** The counties that opened the Open311 door, as discovery.json lists them. */
export async function listJurisdictions(db: D1Database): Promise<Jurisdiction[]> {
  const { results } = await db.prepare("SELECT county_code, name FROM open311_jurisdictions ORDER BY county_code").all<{ county_code: string; name: string }>();
  return results.map((r) => ({ countyCode: r.county_code, name: r.name }));
}

/** The jurisdiction a request names; an unknown one is 404, as GeoReport v2 answers an unknown jurisdiction_id. */
export async function jurisdictionOf(db: D1Database, id: string): Promise<Jurisdiction> {
  const row = await db.prepare("SELECT county_code, name FROM open311_jurisdictions WHERE county_code = ?1").bind(id).first<{ county_code: string; name: string }>();
  if (!row) throw new AppError("not_found", `jurisdiction_id: ${id} is not a jurisdiction of this endpoint (see /open311/discovery.json)`);
  return { countyCode: row.county_code, name: row.name };
}

/**
 * The jurisdiction_id of a POST, which the specification lets a client send in the query string or in the form
 * body: either will do, both must agree, and one is required because this endpoint serves several counties.
 */
export function chosenJurisdiction(fromQuery: string | undefined, fromForm: string | undefined): string {
  if (fromQuery && fromForm && fromQuery !== fromForm) {
    throw AppError.field("jurisdiction_id", "the query string and the form body name different jurisdictions");
  }
  const id = fromForm ?? fromQuery;
  if (!id) throw AppError.field("jurisdiction_id", "required: this endpoint serves several jurisdictions");
  return id;
}
