// Base data (一标三实) as the e2e suite enters it through the gateway: valid identities and credit codes made up per
// call (so reruns on a kept system never collide), the changes an agency enters, and a ledger upload.
import { creditCodeCheckChar, idCheckDigit } from "@civicgrid/contracts";
import { call } from "./client";

const random = (n: number) => crypto.getRandomValues(new Uint32Array(1))[0]! % n;
const digits = (n: number) => Array.from({ length: n }, () => random(10)).join("");

/** Today in Asia/Shanghai (UTC+8), the day residences and tags start on. */
export const shanghaiDay = (at = new Date()) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A resident ID number of 蓬江区 with a real birth date and the right check digit (GB 11643), unique per call. */
export function residentId(birthDate = "19450317"): string {
  const first17 = `440703${birthDate}${digits(3)}`;
  return first17 + idCheckDigit(first17);
}

/** A unified social credit code registered in 蓬江区 with the right check character (GB 32100), unique per call. */
export function creditCode(): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const first17 = `91440703${Array.from({ length: 9 }, () => alphabet[random(alphabet.length)]).join("")}`;
  return first17 + creditCodeCheckChar(first17)!;
}

const idempotent = () => ({ "idempotency-key": `e2e-${crypto.randomUUID()}` });

/** A submission of `change` in a village; the record it made (or the submission, while pending), or it throws. */
export async function submittedRecord(as: string, body: Record<string, unknown>): Promise<string> {
  const res = await call("/v1/basedata/submissions", { as, body, headers: idempotent() });
  if (res.status !== 201) throw new Error(`base data was refused ${res.status}: ${res.text}`);
  return String(res.json.recordId ?? res.json.id);
}

/** A change an agency enters and verifies at once (verifyNow): the record it made. */
export const entered = (as: string, villageCode: string, change: Record<string, unknown>) =>
  submittedRecord(as, { villageCode, change, verifyNow: true });

/** A rented house (出租屋) at an address, with its landlord. */
export const rentedHouse = (addressId: string) => ({
  kind: "house.upsert",
  addressId,
  use: "rented",
  rented: true,
  landlordName: "陈房东",
});

/** A registered resident heading a new household, renting the house since today. */
export const newResident = (houseId: string, person: { idNumber: string; name: string; phone?: string }) => ({
  kind: "person.register",
  identity: { document: "resident_id", number: person.idNumber },
  name: person.name,
  personType: "registered",
  ...(person.phone ? { phone: person.phone } : {}),
  household: { newHousehold: {} },
  relation: "head",
  residence: { houseId, mode: "rent", since: shanghaiDay() },
});

/** A shop at an address, with a valid credit code. */
export const shopAt = (addressId: string, name: string) => ({
  kind: "unit.create",
  name,
  unitKind: "shop",
  creditCode: creditCode(),
  addressId,
});

/** An address ledger (台账) of one road with one door at a point. */
export const addressLedger = (road: string, at: { lng: number; lat: number }) =>
  `道路,门牌号,楼栋,单元,房号,经度,纬度\n${road},1号,,,,${at.lng},${at.lat}\n`;

/** Uploads a CSV ledger of `kind` to a village (202: validating, then applied by the queue). */
export const uploadLedger = (as: string, kind: string, villageCode: string, csv: string) =>
  call(`/v1/basedata/imports?kind=${kind}&villageCode=${villageCode}`, {
    as,
    raw: { type: "text/csv", data: csv },
    headers: idempotent(),
  });

/** A visit the grid worker records now at a point, to a record. */
export const visitBody = (targetKind: string, targetId: string, at: { lng: number; lat: number }, tag?: string) => ({
  targetKind,
  targetId,
  visitedAt: new Date().toISOString(),
  ...at,
  outcome: "上门走访，情况正常",
  ...(tag ? { tagKind: tag } : {}),
});

/** Records a visit as `as` (201), or throws. */
export async function visited(as: string, body: Record<string, unknown>): Promise<string> {
  const res = await call("/v1/basedata/visits", { as, body, headers: idempotent() });
  if (res.status !== 201) throw new Error(`the visit was refused ${res.status}: ${res.text}`);
  return String(res.json.id);
}
