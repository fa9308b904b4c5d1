import { sha256Hex } from "@civicgrid/http";
import type { AttributeAnswers } from "./attributes";

/** What a report carried that the case itself does not keep, returned with the request (address, media_url). */
export interface ReportExtras {
  address: string | null;
  addressId: string | null;
  mediaUrl: string | null;
}

export interface NewReport extends ReportExtras {
  caseId: string;
  countyCode: string;
  clientId: string;
  token: string;
  attributes: AttributeAnswers;
}

export async function saveReport(db: D1Database, r: NewReport): Promise<void> {
  await db
    .prepare(
      `INSERT OR IGNORE INTO open311_reports (case_id, county_code, client_id, token_hash, address, address_id, media_url, attributes, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
    )
    .bind(r.caseId, r.countyCode, r.clientId, await sha256Hex(r.token), r.address, r.addressId, r.mediaUrl, JSON.stringify(r.attributes), new Date().toISOString())
    .run();
}

/** The extras of the given cases, by case id (cases reported some other way have none). */
export async function extrasOf(db: D1Database, caseIds: readonly string[]): Promise<Map<string, ReportExtras>> {
  if (caseIds.length === 0) return new Map();
  const { results } = await db
    .prepare("SELECT case_id, address, address_id, media_url FROM open311_reports WHERE case_id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(caseIds))
    .all<{ case_id: string; address: string | null; address_id: string | null; media_url: string | null }>();
  return new Map(results.map((r) => [r.case_id, { address: r.address, addressId: r.address_id, mediaUrl: r.media_url }]));
}

/** The request a token was given for, within the jurisdiction it was reported in. */
export async function caseOfToken(db: D1Database, countyCode: string, token: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT case_id FROM open311_reports WHERE token_hash = ?1 AND county_code = ?2")
    .bind(await sha256Hex(token), countyCode)
    .first<{ case_id: string }>();
  return row?.case_id ?? null;
}
