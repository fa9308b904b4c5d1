/**
 * Standard Webhooks v1 (https://www.standardwebhooks.com): the signed content is `id.timestamp.body`,
 * signed with HMAC-SHA256 under the secret's bytes (`whsec_` + base64); the header carries one or more
 * space-separated `v1,<base64 signature>`, so a sender may sign with several secrets during rotation.
 * Pure and Web Crypto only, so it runs in workerd and Node alike.
 */
export const TOLERANCE_SECONDS = 300;
const PREFIX = "whsec_";
const encoder = new TextEncoder();

export type VerifyFailure = "missing_headers" | "bad_timestamp" | "timestamp_out_of_tolerance" | "no_matching_signature" | "no_secrets";

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The key bytes of a `whsec_…` secret (a bare base64 secret is accepted too, as the reference library does). */
export function secretBytes(secret: string): Uint8Array<ArrayBuffer> {
  return base64ToBytes(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret);
}

async function hmac(secret: string, content: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", secretBytes(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, content));
}

function signedContent(id: string, timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const head = encoder.encode(`${id}.${timestamp}.`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

const asBytes = (body: string | Uint8Array): Uint8Array => (typeof body === "string" ? encoder.encode(body) : body);

/** The `webhook-signature` header for a payload: one `v1,<sig>` per secret, space-separated. */
export async function sign(secrets: readonly string[], id: string, timestampSeconds: number, body: string | Uint8Array): Promise<string> {
  const content = signedContent(id, String(timestampSeconds), asBytes(body));
  const signatures = await Promise.all(secrets.map(async (s) => `v1,${bytesToBase64(await hmac(s, content))}`));
  return signatures.join(" ");
}

/** Compares in time that depends only on the lengths, so a forger learns nothing from how long a refusal takes. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function decodeSignature(text: string): Uint8Array | undefined {
  try {
    return base64ToBytes(text);
  } catch {
    return undefined;
  }
}

/**
 * Verifies the raw body against every active secret and every `v1` signature in the header; any match
 * passes. The timestamp must lie within the tolerance either way of `nowSeconds` (a replay guard).
 */
export async function verify(
  secrets: readonly string[],
  headers: WebhookHeaders,
  body: Uint8Array,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Promise<{ ok: true } | { ok: false; reason: VerifyFailure }> {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: "missing_headers" };
  if (secrets.length === 0) return { ok: false, reason: "no_secrets" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "bad_timestamp" };
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return { ok: false, reason: "timestamp_out_of_tolerance" };
  const offered = signature
    .split(" ")
    .map((part) => part.split(","))
    .filter(([version, value]) => version === "v1" && value !== undefined)
    .map(([, value]) => decodeSignature(value ?? ""))
    .filter((sig): sig is Uint8Array => sig !== undefined);
  const content = signedContent(id, timestamp, body);
  let matched = false;
  for (const secret of secrets) {
    const expected = await hmac(secret, content);
    // Every offered signature is compared, matched or not, so the time taken does not reveal which one matched.
    for (const sig of offered) matched = constantTimeEqual(expected, sig) || matched;
  }
  return matched ? { ok: true } : { ok: false, reason: "no_matching_signature" };
}
