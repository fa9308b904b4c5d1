import type { Principal } from "@civicgrid/contracts";
import { jsonAs } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";

/** Every answer body the suite received, with the caller's roles, for the personal-data scan. */
export const answers: { roles: string[]; text: string }[] = [];

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  etag: string | null;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(p: Principal, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const res = await exports.default.fetch(`https://roster.test${path}`, await jsonAs(p, method, body, headers));
  const text = await res.text();
  answers.push({ roles: p.roles, text });
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, etag: res.headers.get("etag"), headers: res.headers };
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
let sequence = 101;
/** A fresh valid ID number of someone born on 1985-06-15 in `region` (odd sequence: male). */
export function idNumber(region = "440703", birth = "19850615"): string {
  sequence += 2;
  const first17 = `${region}${birth}${String(sequence % 1000).padStart(3, "0")}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return first17 + ("10X98765432"[sum % 11] ?? "");
}

let phone = 13800000000;
export function mobile(): string {
  phone += 7;
  return String(phone);
}

/** Every full ID number and private phone the suite has put on the roster. */
export const secrets: string[] = [];

export function newWorker(divisionCode: string, overrides: Record<string, unknown> = {}) {
  const body = {
    name: "陈志明",
    idNumber: idNumber(divisionCode.slice(0, 6)),
    privatePhone: mobile(),
    workPhone: "0750-3001234",
    politicalStatus: "party_member",
    divisionCode,
    orgUnit: "羊桥社区居委会",
    ...overrides,
  };
  secrets.push(body.idNumber as string, body.privatePhone as string);
  return body;
}

export const key = () => ({ "idempotency-key": `k-${crypto.randomUUID()}` });
