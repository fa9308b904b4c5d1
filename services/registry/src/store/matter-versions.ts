import type { MatterChange } from "@civicgrid/contracts";
import { outboxStatement, registryEvent } from "./outbox";

/**
 * The statements that file a new version of a county's lists: the previous version's items copied forward
 * without the changed matter, then the added item. Every version stays readable; the event announces it.
 */
export function newListVersion(
  db: D1Database,
  input: { countyCode: string; previous: number; effectiveDate: string; changeRequestId: string | null; approvedBy: string; change: MatterChange },
): D1PreparedStatement[] {
  const { countyCode, previous, effectiveDate, changeRequestId, approvedBy, change } = input;
  const number = previous + 1;
  const matterCode = change.action === "add" ? change.item.matterCode : change.matterCode;
  const out = [
    db
      .prepare("INSERT INTO matter_list_versions (county_code, number, effective_date, change_request_id, approved_by, filed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(countyCode, number, effectiveDate, changeRequestId, approvedBy, new Date().toISOString()),
    db
      .prepare(
        `INSERT INTO matter_list_items (county_code, number, list, matter_code, item)
         SELECT county_code, ?3, list, matter_code, item FROM matter_list_items WHERE county_code = ?1 AND number = ?2 AND matter_code <> ?4`,
      )
      .bind(countyCode, previous, number, matterCode),
  ];
  if (change.action === "add") {
    out.push(
      db.prepare("INSERT INTO matter_list_items (county_code, number, list, matter_code, item) VALUES (?1, ?2, ?3, ?4, ?5)").bind(countyCode, number, change.list, matterCode, JSON.stringify(change.item)),
    );
  }
  const data = { countyCode, number, effectiveDate, changeRequestId, change };
  out.push(outboxStatement(db, registryEvent("registry.matter_list.changed", `matters:${countyCode}`, number, data)));
  return out;
}
