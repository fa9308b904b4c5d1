import type { Principal } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { call, mobile, screenedWorker, secrets } from "./helpers";

/** The county justice bureau (司法行政) and one of its staff: the department that keeps the mediators. */
export const justice: Principal = {
  sub: "t-justice",
  roles: ["department"],
  divisionCode: "440703000000",
  departmentId: "dept-440703-justice",
};

/** Registers the county's justice and police bureaus on the roster (again: a 409 that changes nothing). */
export async function departmentsOfTheCounty(): Promise<void> {
  for (const [key, kind, name] of [
    ["justice", "司法行政", "江门市蓬江区司法局"],
    ["police", "公安", "江门市公安局蓬江分局"],
  ] as const) {
    const body = { id: `dept-440703-${key}`, key, kind, name, divisionCode: "440703000000", dutyPhone: "0750-3300000" };
    await call(principals.countyAgency, "POST", "/v1/departments", body);
  }
}

let n = 0;
/** A fresh registration or certificate number. */
export const serial = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;

export const committee = (divisionCode: string, overrides: Record<string, unknown> = {}) => ({
  kind: "village_committee",
  name: "白沙村人民调解委员会",
  divisionCode,
  registrationNumber: serial("REG"),
  ...overrides,
});

export const qualification = (overrides: Record<string, unknown> = {}) => ({
  certificateNumber: serial("TJ"),
  issuedBy: "江门市蓬江区司法局",
  validUntil: "2031-12-31",
  ...overrides,
});

/** A mediator of `bodyId` (kind as given), with a fresh certificate; the phone is remembered as a secret. */
export function newMediator(kind: string, bodyId: string | undefined, overrides: Record<string, unknown> = {}) {
  const phone = mobile();
  secrets.push(phone);
  return { kind, bodyId, name: "陈调解", phone, qualification: qualification(), trainedOn: "2026-03-01", ...overrides };
}

type Created = { id: string; version: number; divisionCode: string };

/** A body registered by `p`; throws unless created. */
export async function body(p: Principal, b: Record<string, unknown>): Promise<Created> {
  const res = await call<Created>(p, "POST", "/v1/mediation-bodies", b);
  if (res.status !== 201) throw new Error(`body not registered: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A mediator registered by `p`; throws unless created. */
export async function mediator(p: Principal, m: Record<string, unknown>): Promise<Created> {
  const res = await call<Created>(p, "POST", "/v1/mediators", m);
  if (res.status !== 201) throw new Error(`mediator not registered: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An active grid worker of `village` registered and screened by the county agency. */
export const gridWorker = (village = "440703001001") => screenedWorker(principals.countyAgency, village);
