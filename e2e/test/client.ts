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
  options: { as?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) headers.authorization = `Bearer ${await tokenFor(options.as)}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${origin}${path}`, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
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
