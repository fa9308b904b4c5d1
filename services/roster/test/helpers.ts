import { REGISTRY_TO_ROSTER_QUEUE, type Principal } from "@civicgrid/contracts";
import { jsonAs } from "@civicgrid/testing";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import RosterService from "../src/index";

/** Every answer body the suite received, with the caller's roles, for the personal-data scan. */
export const answers: { roles: string[]; text: string }[] = [];

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  etag: string | null;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(
  p: Principal,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const res = await exports.default.fetch(`https://roster.test${path}`, await jsonAs(p, method, body, headers));
  const text = await res.text();
  answers.push({ roles: p.roles, text });
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : null) as T,
    etag: res.headers.get("etag"),
    headers: res.headers,
  };
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

export const CLEAR_SCREENING = {
  criminalPunishment: false,
  pendingCriminalCase: false,
  detention: false,
  expelledFromPublicOffice: false,
  dishonestyBlacklist: false,
  otherLegalBar: false,
};

/** A worker registered and screened by `p` in `divisionCode`, with the disqualifiers given found. */
export async function screenedWorker(
  p: Principal,
  divisionCode: string,
  overrides: Record<string, unknown> = {},
  screening: Record<string, boolean> = {},
) {
  const w = await call<{ id: string; version: number }>(p, "POST", "/v1/workers", newWorker(divisionCode, overrides));
  if (w.status !== 201) throw new Error(`worker not registered: ${w.status}`);
  const s = await call(p, "POST", `/v1/workers/${w.body.id}/screenings`, { ...CLEAR_SCREENING, ...screening });
  if (s.status !== 201) throw new Error(`worker not screened: ${s.status}`);
  return w.body;
}

/** A registry.grid.changed snapshot as the registry sends it (contracts RegistryGridChanged). */
export function gridEvent(gridCode: string, version = 1, status: "active" | "retired" = "active") {
  return {
    id: `registry.grid.changed:${gridCode}:${version}`,
    type: "registry.grid.changed",
    source: "registry",
    aggregateId: gridCode,
    version,
    occurredAt: new Date().toISOString(),
    data: { gridCode, name: `网格${gridCode.slice(12)}`, villageCode: gridCode.slice(0, 12), type: "urban", status },
  };
}

let delivery = 0;
/** Hands messages to the roster's queue handler as Queues would; answers their ids, what it acked and retried. */
export async function deliver(...bodies: unknown[]) {
  const ids = bodies.map(() => `m-${++delivery}`);
  const messages = bodies.map((body, i) => ({ id: ids[i]!, timestamp: new Date(), attempts: 1, body }));
  const batch = createMessageBatch(REGISTRY_TO_ROSTER_QUEUE, messages);
  const ctx = createExecutionContext();
  await new RosterService(ctx, env).queue(batch);
  return { ids, ...(await getQueueResult(batch, ctx)) };
}

/** Makes grids known to the roster the way production does: the registry's events through the queue. */
export async function knownGrids(...codes: string[]): Promise<void> {
  const result = await deliver(...codes.map((code) => gridEvent(code)));
  if (result.retryMessages.length > 0) throw new Error("grid events not kept");
}
