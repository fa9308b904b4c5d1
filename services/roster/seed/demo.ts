/**
 * Demo data of the roster as SQL (run by infra/local/demo-sql.ts in Node): departments, county
 * settings, workers with their PII encrypted by the same code as the service (Web Crypto, key from
 * the PII_KEY environment variable), screenings and trainings so the demo workers are on duty, their
 * assignments, the known grids, and every demo user except residents (who are not on the roster).
 */
import type { City, DemoUser } from "@civicgrid/demo-data";
import { encrypt, idHash, maskIdNumber, maskPhone, piiKeys } from "../src/domain/pii";

const q = (v: string | number | null | undefined): string => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`);
const row = (table: string, values: Record<string, string | number | null | undefined>) =>
  `INSERT OR IGNORE INTO ${table} (${Object.keys(values).join(", ")}) VALUES (${Object.values(values).map(q).join(", ")})`;

const DUTY_FROM = "2026-02-02";
const NOTICE = ["2026-01-19", "2026-01-23"] as const;

function orgUnitKind(u: DemoUser): string {
  if (u.roles.includes("platform_admin")) return "platform";
  if (u.roles.includes("department")) return "department";
  if (u.roles.includes("grid_worker")) return "village_committee";
  return "agency";
}

export async function demoStatements(city: City, piiKey: string | undefined = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.PII_KEY): Promise<string[]> {
  if (!piiKey) throw new Error("roster demo data: set PII_KEY (base64 of 32 bytes) to encrypt the demo workers' ID numbers and phones");
  const keys = await piiKeys(piiKey);
  const out: string[] = [];
  for (const d of city.departments) {
    out.push(row("departments", { id: d.id, key: d.key, kind: d.kind, name: d.name, division_code: d.divisionCode, duty_phone: d.dutyPhone }));
  }
  out.push(row("county_settings", { county_code: "440703000000", full_time_required: 1, notice_working_days: 5, min_trainings_per_year: 2 }));
  for (const g of city.grids) out.push(row("known_grids", { code: g.code, county_code: g.countyCode }));
  for (const w of city.workers) {
    out.push(
      row("workers", {
        id: w.id, name: w.name, id_cipher: await encrypt(keys, w.idNumber), id_hash: await idHash(keys, w.idNumber), id_masked: maskIdNumber(w.idNumber),
        phone_cipher: await encrypt(keys, w.mobile), phone_masked: maskPhone(w.mobile), work_phone: w.workPhone, gender: w.gender, birth_date: w.birthDate,
        political_status: w.partyMember ? "party_member" : "non_party", division_code: w.divisionCode, org_unit: w.departmentId ?? w.divisionCode,
        department_id: w.departmentId, created_at: `${NOTICE[0]}T00:00:00Z`,
      }),
      row("worker_status_history", { worker_id: w.id, status: "active", reason: "demo data", at: `${NOTICE[0]}T00:00:00Z`, by_sub: "demo-seed" }),
      row("screenings", {
        id: `screening-${w.id}`, worker_id: w.id, criminal_punishment: 0, pending_criminal_case: 0, detention: 0, expelled_from_public_office: 0,
        dishonesty_blacklist: 0, other_legal_bar: 0, passed: 1, screened_by: "demo-seed", screened_at: `${NOTICE[0]}T00:00:00Z`,
      }),
      row("trainings", { id: `training-${w.id}-onboarding`, worker_id: w.id, kind: "onboarding", title: "网格员岗前培训", date: "2026-01-26", hours: 16 }),
      row("trainings", { id: `training-${w.id}-periodic`, worker_id: w.id, kind: "periodic", title: "年中业务培训", date: "2026-07-15", hours: 8 }),
      ...w.assignments.map((a) =>
        row("assignments", {
          id: `assignment-${w.id}-${a.gridCode}`, worker_id: w.id, grid_code: a.gridCode, role: a.role, department_id: w.departmentId, status: "active",
          notice_start_date: NOTICE[0], notice_end_date: NOTICE[1], start_date: DUTY_FROM,
        }),
      ),
    );
  }
  for (const u of city.users) {
    if (u.roles.every((r) => r === "resident")) continue;
    out.push(
      row("users", {
        sub: u.sub, name: u.name, org_unit_kind: orgUnitKind(u), org_unit: u.departmentId ?? u.divisionCode, roles: JSON.stringify(u.roles.filter((r) => r !== "resident")),
        division_code: u.divisionCode, department_id: u.departmentId, worker_id: u.workerId, grids: JSON.stringify(u.grids ?? []),
      }),
    );
  }
  return out;
}
