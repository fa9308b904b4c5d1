// A tiny client for the e2e suite: every call goes through the gateway, with a dev-issuer token.
import { inject } from "vitest";
// @ts-expect-error -- plain JS module of the local tooling
import { mintDevToken } from "../../infra/local/token.mjs";

export const origin = inject("origin");
const tokens = new Map<string, string>();

export async function tokenFor(sub: string): Promise<string> {
  let token = tokens.get(sub);
  if (!token) {
    token = (await mintDevToken(sub)) as string;
    tokens.set(sub, token);
  }
  return token;
}

export async function call(
  path: string,
  options: {
    as?: string;
    method?: string;
    body?: unknown;
    /** A body sent as it is (a CSV ledger), with its content type, instead of JSON. */
    raw?: { type: string; data: string };
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) headers.authorization = `Bearer ${await tokenFor(options.as)}`;
  const body = options.raw ? options.raw.data : options.body === undefined ? undefined : JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = options.raw?.type ?? "application/json";
  const res = await fetch(`${origin}${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as Record<string, unknown> };
}
