import type { MediaFields } from "@civicgrid/contracts";
import type { Actor } from "../domain/case-state";

/** How long a signed upload URL stays valid. */
export const UPLOAD_URL_TTL_MS = 15 * 60 * 1000;

/** What a signed one-time upload URL grants: one file on one case, by the one who asked for it. */
export interface UploadGrant {
  jti: string;
  caseId: string;
  exp: number;
  fields: MediaFields;
  uploader: Actor;
}

const encoder = new TextEncoder();
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const fromB64url = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0));

/** The HMAC key of upload URLs, derived from the service's secret under its own label (never the secret itself). */
async function keyOf(secret: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const derived = await crypto.subtle.sign("HMAC", base, encoder.encode("civicgrid media upload url v1"));
  return crypto.subtle.importKey("raw", derived, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

export async function signGrant(secret: string, grant: UploadGrant): Promise<string> {
  const payload = encoder.encode(JSON.stringify(grant));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await keyOf(secret), payload));
  return `${b64url(payload)}.${b64url(mac)}`;
}

/** The grant of a well-signed, unexpired token for this case, or null. Single use is the case DO's to enforce. */
export async function verifyGrant(secret: string, token: string, caseId: string, now: number) {
  const [payload, mac] = token.split(".");
  if (!payload || !mac) return null;
  try {
    const bytes = fromB64url(payload);
    if (!(await crypto.subtle.verify("HMAC", await keyOf(secret), fromB64url(mac), bytes))) return null;
    const grant = JSON.parse(new TextDecoder().decode(bytes)) as UploadGrant;
    return grant.caseId === caseId && grant.exp > now ? grant : null;
  } catch {
    return null;
  }
}
