// Case commands through the gateway, with If-Match from the version last seen.
import { expect } from "vitest";
import { call } from "./client";

export interface CaseSeen {
  id: string;
  version: number;
  status: string;
  [k: string]: unknown;
}

export async function report(as: string, body: Record<string, unknown>): Promise<CaseSeen> {
  const res = await call("/v1/cases", { as, body, headers: { "idempotency-key": `e2e-${crypto.randomUUID()}` } });
  expect(res.status, res.text).toBe(201);
  return res.json as unknown as CaseSeen;
}

export async function command(
  as: string,
  c: CaseSeen,
  name: string,
  body: Record<string, unknown> = {},
  expected = 200,
) {
  const res = await call(`/v1/cases/${c.id}/${name}`, {
    as,
    body,
    headers: { "if-match": `"v${c.version}"`, "idempotency-key": `e2e-${crypto.randomUUID()}` },
  });
  expect(res.status, `${name} by ${as}: ${res.text}`).toBe(expected);
  return res.json as unknown as CaseSeen;
}

export async function read(as: string, id: string): Promise<CaseSeen> {
  const res = await call(`/v1/cases/${id}`, { as });
  expect(res.status, res.text).toBe(200);
  return res.json as unknown as CaseSeen;
}

/** Polls until `check` passes (queues and alarms are asynchronous), or fails with the last error. */
export async function eventually<T>(
  probe: () => Promise<T>,
  check: (value: T) => void,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const value = await probe();
    try {
      check(value);
      return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw last;
}
