/**
 * Demo data of the roster as SQL (run by infra/local/demo-sql.ts in Node): departments, county
 * settings, workers with their PII encrypted by the same code as the service (Web Crypto, key from
 * the PII_KEY environment variable), screenings and trainings so the demo workers are on duty, their
 * assignments, the known grids, every demo user except residents (who are not on the roster), and the demo
 * county's mediation committees, labour dispute centre and mediators (issue 15), their phones encrypted too.
 */
import { demoMediation, DEMO_QUALIFICATION, type City, type DemoUser } from "@civicgrid/demo-data";
import { maskIdNumber, maskPhone } from "@civicgrid/contracts";
import { encrypt, idHash, piiKeys } from "@civicgrid/http/pii";
import {
  assignments,
  countySettings,
  departments,
  knownGrids,
  mediationBodies,
  mediators,
  screenings,
  trainings,
  users,
  workers,
  workerStatusHistory,
} from "../src/store/schema";
import { row } from "./sql";

const DUTY_FROM = "2026-02-02";
const NOTICE = ["2026-01-19", "2026-01-23"] as const;
const SEEDED_AT = `${NOTICE[0]}T00:00:00Z`;

function orgUnitKind(u: DemoUser): (typeof users.$inferInsert)["orgUnitKind"] {
  if (u.roles.includes("platform_admin")) return "platform";
  if (u.roles.includes("department")) return "department";
  if (u.roles.includes("grid_worker")) return "village_committee";
  return "agency";
}

export async function demoStatements(
  city: City,
  piiKey: string | undefined = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env
    .PII_KEY,
): Promise<string[]> {
  if (!piiKey)
    throw new Error(
      "roster demo data: set PII_KEY (base64 of 32 bytes) to encrypt the demo workers' ID numbers and phones",
    );
  const keys = await piiKeys(piiKey);
  const out: string[] = [];
  for (const d of city.departments) {
    const { id, key, kind, name, divisionCode, dutyPhone } = d;
    out.push(row(departments, { id, key, kind, name, divisionCode, dutyPhone }));
  }
  const settings = { fullTimeRequired: true, noticeWorkingDays: 5, minTrainingsPerYear: 2 };
  out.push(row(countySettings, { countyCode: "440703000000", ...settings }));
  for (const g of city.grids) out.push(row(knownGrids, { code: g.code, countyCode: g.countyCode }));
  const clear = {
    criminalPunishment: false,
    pendingCriminalCase: false,
    detention: false,
    expelledFromPublicOffice: false,
    dishonestyBlacklist: false,
    otherLegalBar: false,
    passed: true,
  };
  const seeded = { at: SEEDED_AT, by: "demo-seed" };
  for (const w of city.workers) {
    const pii = {
      idCipher: await encrypt(keys, w.idNumber),
      idHash: await idHash(keys, w.idNumber),
      idMasked: maskIdNumber(w.idNumber),
      phoneCipher: await encrypt(keys, w.mobile),
      phoneMasked: maskPhone(w.mobile),
    };
    const { id, name, workPhone, gender, birthDate, divisionCode, departmentId } = w;
    const politicalStatus = w.partyMember ? "party_member" : "non_party";
    const notice = { noticeStartDate: NOTICE[0], noticeEndDate: NOTICE[1], startDate: DUTY_FROM };
    out.push(
      row(workers, {
        id,
        name,
        ...pii,
        workPhone,
        gender,
        birthDate,
        politicalStatus,
        divisionCode,
        orgUnit: departmentId ?? divisionCode,
        departmentId,
        createdAt: SEEDED_AT,
      }),
      row(workerStatusHistory, {
        workerId: id,
        status: "active",
        reason: "demo data",
        at: seeded.at,
        bySub: seeded.by,
      }),
      row(screenings, {
        id: `screening-${id}`,
        workerId: id,
        ...clear,
        screenedBy: seeded.by,
        screenedAt: seeded.at,
      }),
      row(trainings, {
        id: `training-${id}-onboarding`,
        workerId: id,
        kind: "onboarding",
        title: "网格员岗前培训",
        date: "2026-01-26",
        hours: 16,
      }),
      row(trainings, {
        id: `training-${id}-periodic`,
        workerId: id,
        kind: "periodic",
        title: "年中业务培训",
        date: "2026-07-15",
        hours: 8,
      }),
      ...w.assignments.map((a) =>
        row(assignments, {
          id: `assignment-${id}-${a.gridCode}`,
          workerId: id,
          gridCode: a.gridCode,
          role: a.role,
          departmentId,
          status: "active",
          ...notice,
        }),
      ),
    );
  }
  for (const u of city.users) {
    if (u.roles.every((r) => r === "resident")) continue;
    out.push(
      row(users, {
        sub: u.sub,
        name: u.name,
        orgUnitKind: orgUnitKind(u),
        orgUnit: u.departmentId ?? u.divisionCode,
        roles: u.roles.filter((r) => r !== "resident"),
        divisionCode: u.divisionCode,
        departmentId: u.departmentId,
        workerId: u.workerId,
        grids: u.grids ?? [],
      }),
    );
  }
  const mediation = demoMediation(city);
  for (const b of mediation.bodies) out.push(row(mediationBodies, { ...b, createdAt: SEEDED_AT }));
  for (const { phone, ...m } of mediation.mediators) {
    out.push(
      row(mediators, {
        ...m,
        phoneCipher: await encrypt(keys, phone),
        phoneMasked: maskPhone(phone),
        certificateIssuedBy: DEMO_QUALIFICATION.issuedBy,
        certificateValidUntil: DEMO_QUALIFICATION.validUntil,
        trainedOn: DEMO_QUALIFICATION.trainedOn,
        createdAt: SEEDED_AT,
      }),
    );
  }
  return out;
}
