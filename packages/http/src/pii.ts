/**
 * Encryption of personal data at rest, shared by every service that keeps it (the roster's workers, the base data's
 * people): AES-GCM with a random 96-bit IV per value (stored as base64(iv || ciphertext)), and an HMAC-SHA256 keyed
 * hash under a key derived from the same secret, so duplicates are found and exact lookups made without decrypting.
 * Web Crypto only: the demo seeds run this in Node (import it as `@civicgrid/http/pii`, which pulls no runtime).
 * The masks of the answers are plain code in @civicgrid/contracts (masking.ts).
 */
import { Lru } from "@civicgrid/auth";

export interface PiiKeys {
  aes: CryptoKey;
  hmac: CryptoKey;
}

/**
 * Derived keys per isolate, by domain and secret: one secret a service in use, two during a rotation; the bound
 * keeps an isolate that is handed many secrets (tests, a misconfiguration) from holding keys without end.
 */
export const PII_KEYS_CACHED = 8;
const cache = new Lru<string, Promise<PiiKeys>>(PII_KEYS_CACHED);

/** The HKDF salt of the hash key: each service's hashes are its own, so they cannot be joined across services. */
export type PiiDomain = "civicgrid-roster" | "civicgrid-basedata" | "civicgrid-disputes";

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

async function deriveKeys(secret: string, domain: PiiDomain): Promise<PiiKeys> {
  const raw = fromBase64(secret);
  if (raw.length !== 32) throw new Error("PII_KEY must be the base64 of exactly 32 bytes");
  const aes = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  // The hash key is derived, not reused, so the AES key never serves two purposes.
  const base = await crypto.subtle.importKey("raw", raw, "HKDF", false, ["deriveKey"]);
  const hmac = await crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: new TextEncoder().encode(domain),
      info: new TextEncoder().encode("id-number-hash"),
    },
    base,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign"],
  );
  return { aes, hmac };
}

/** The keys of a secret, derived once per isolate. */
export function piiKeys(secret: string | undefined, domain: PiiDomain = "civicgrid-roster"): Promise<PiiKeys> {
  if (!secret) throw new Error(`PII_KEY is not set: ${domain} cannot store or read personal data without it`);
  let keys = cache.get(`${domain}:${secret}`);
  if (!keys) {
    keys = deriveKeys(secret, domain);
    cache.set(`${domain}:${secret}`, keys);
  }
  return keys;
}

export async function encrypt(keys: PiiKeys, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, keys.aes, new TextEncoder().encode(plain)),
  );
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64(out);
}

export async function decrypt(keys: PiiKeys, stored: string): Promise<string> {
  const bytes = fromBase64(stored);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12) }, keys.aes, bytes.slice(12));
  return new TextDecoder().decode(plain);
}

/** The keyed hash (hex) of a value: an ID number, a phone, a credit code, as exact-match keys. */
export async function idHash(keys: PiiKeys, value: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", keys.hmac, new TextEncoder().encode(value)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}
