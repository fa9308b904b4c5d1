import type { AdmissionItem, ForbiddenItem, MatterAdmission, MatterList } from "@civicgrid/contracts";

export interface ListVersionRow {
  county_code: string;
  number: number;
  effective_date: string;
  change_request_id: string | null;
  filed_at: string;
}
interface ItemRow {
  list: "admission" | "forbidden";
  matter_code: string;
  item: string;
}

/** The newest list version of a county in force on `date`, or when `date` is null the newest of all. */
export async function listVersionOn(db: D1Database, countyCode: string, date: string | null): Promise<ListVersionRow | null> {
  return db
    .prepare("SELECT * FROM matter_list_versions WHERE county_code = ?1 AND (?2 IS NULL OR effective_date <= ?2) ORDER BY number DESC LIMIT 1")
    .bind(countyCode, date)
    .first<ListVersionRow>();
}

export async function listVersion(db: D1Database, countyCode: string, number: number): Promise<ListVersionRow | null> {
  return db.prepare("SELECT * FROM matter_list_versions WHERE county_code = ?1 AND number = ?2").bind(countyCode, number).first<ListVersionRow>();
}

/** A list version with all its items, admission and forbidden, by matter code. */
export async function listOf(db: D1Database, version: ListVersionRow): Promise<MatterList> {
  const { results } = await db
    .prepare("SELECT list, matter_code, item FROM matter_list_items WHERE county_code = ?1 AND number = ?2 ORDER BY matter_code")
    .bind(version.county_code, version.number)
    .all<ItemRow>();
  return {
    countyCode: version.county_code,
    number: version.number,
    effectiveDate: version.effective_date,
    filedAt: version.filed_at,
    changeRequestId: version.change_request_id,
    admission: results.filter((r) => r.list === "admission").map((r) => JSON.parse(r.item) as AdmissionItem),
    forbidden: results.filter((r) => r.list === "forbidden").map((r) => JSON.parse(r.item) as ForbiddenItem),
  };
}

/** Which list, if any, holds a matter in a given version. */
export async function itemIn(db: D1Database, countyCode: string, number: number, matterCode: string): Promise<ItemRow | null> {
  return db
    .prepare("SELECT list, matter_code, item FROM matter_list_items WHERE county_code = ?1 AND number = ?2 AND matter_code = ?3")
    .bind(countyCode, number, matterCode)
    .first<ItemRow>();
}

/**
 * "Is matter M admitted in county C on date D, and with which limits": the answer cases route and time
 * every report by. Forbidden matters carry the rule to quote when refusing.
 */
export async function matterAdmission(db: D1Database, countyCode: string, matterCode: string, date: string): Promise<MatterAdmission> {
  const version = await listVersionOn(db, countyCode, date);
  if (!version) return { matterCode, countyCode, status: "unlisted" };
  const row = await itemIn(db, countyCode, version.number, matterCode);
  if (!row) return { matterCode, countyCode, status: "unlisted", listVersion: version.number };
  if (row.list === "forbidden") {
    const item = JSON.parse(row.item) as ForbiddenItem;
    return { matterCode, countyCode, status: "forbidden", name: item.name, ...(item.categoryCode ? { categoryCode: item.categoryCode } : {}), rule: item.rule, listVersion: version.number };
  }
  const item = JSON.parse(row.item) as AdmissionItem;
  return {
    matterCode,
    countyCode,
    status: "admitted",
    name: item.name,
    categoryCode: item.categoryCode,
    responsibleDepartmentKind: item.responsibleDepartmentKind,
    workerDuty: item.workerDuty,
    limits: item.limits as MatterAdmission["limits"],
    emergency: item.emergency,
    stabilityRisk: item.stabilityRisk,
    policeCall: item.policeCall,
    listVersion: version.number,
  };
}
