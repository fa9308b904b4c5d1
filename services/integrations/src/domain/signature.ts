import { Webhook, WebhookVerificationError } from "standardwebhooks";

/**
 * Standard Webhooks v1 (https://www.standardwebhooks.com) through its reference library: the signed content is
 * `id.timestamp.body`, HMAC-SHA256 under the secret's bytes (`whsec_` + base64); the header carries one or more
 * space-separated `v1,<base64 signature>`, so a sender may sign with several secrets during a rotation. The
 * library is plain JavaScript (its own SHA-256 and base64, no Node or Web Crypto API), so it runs in workerd and
 * Node alike. It reads the clock itself: the tolerance is measured against `Date.now()`.
 */
export const TOLERANCE_SECONDS = 300;

export type VerifyFailure =
  "missing_headers" | "bad_timestamp" | "timestamp_out_of_tolerance" | "no_matching_signature" | "no_secrets";

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

const decoder = new TextDecoder();
/** The library signs text; the raw body is read as UTF-8, so what is verified is exactly the text then processed. */
const asText = (body: string | Uint8Array): string => (typeof body === "string" ? body : decoder.decode(body));

/** The `webhook-signature` header for a payload: one `v1,<sig>` per secret, space-separated. */
export function sign(secrets: readonly string[], id: string, timestampSeconds: number, body: string): string {
  const at = new Date(timestampSeconds * 1000);
  return secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(" ");
}

/** The library's refusals, by its messages, as the reasons this service logs and answers. */
function reasonOf(error: unknown): VerifyFailure {
  if (!(error instanceof WebhookVerificationError)) throw error;
  if (error.message.startsWith("Message timestamp too")) return "timestamp_out_of_tolerance";
  if (error.message === "Missing required headers") return "missing_headers";
  if (error.message === "Invalid Signature Headers") return "bad_timestamp";
  return "no_matching_signature";
}

/**
 * Verifies the raw body against every active secret (rotation: any of them may match any `v1` signature of the
 * header); the timestamp must lie within ±5 minutes of now (the specification's replay guard). The library
 * compares signatures in constant time; every secret is tried, so the time taken does not tell which one matched.
 */
export function verify(
  secrets: readonly string[],
  headers: WebhookHeaders,
  body: string | Uint8Array,
): { ok: true } | { ok: false; reason: VerifyFailure } {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: "missing_headers" };
  if (secrets.length === 0) return { ok: false, reason: "no_secrets" };
  // Stricter than the library's parseInt, which would read "12.5" as 12.
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "bad_timestamp" };
  const text = asText(body);
  const wire = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };
  const reasons = secrets.map((secret): VerifyFailure | null => {
    try {
      new Webhook(secret).verify(text, wire, { jsonParse: false });
      return null;
    } catch (error) {
      return reasonOf(error);
    }
  });
  if (reasons.includes(null)) return { ok: true };
  return { ok: false, reason: reasons[0] ?? "no_matching_signature" };
}
