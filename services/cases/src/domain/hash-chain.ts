import canonicalize from "canonicalize";

/**
 * The canonical JSON of an event or a command (RFC 8785, JCS): keys sorted by UTF-16 code unit at every level,
 * numbers and strings as JSON.stringify writes them, undefined members left out. For every value cases hashes
 * this is byte for byte the hand-written form the chains were built with before (test/node/canonical-json).
 * One exception: JCS refuses a string holding a lone surrogate (text a client may send as "\ud800"), which the
 * old form wrote as JSON.stringify's escape; such values keep that old form, so their chains still verify.
 */
export function canonicalJson(value: unknown): string {
  try {
    return canonicalize(value) ?? "";
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("Lone surrogate")) return escapedLoneSurrogates(value);
    throw error;
  }
}

/** The pre-JCS form, kept only for values holding a lone surrogate (see canonicalJson). */
function escapedLoneSurrogates(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(escapedLoneSurrogates).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${escapedLoneSurrogates(v)}`).join(",")}}`;
}

export const GENESIS_HASH = "0".repeat(64);

/** The link of one event: SHA-256(previous hash + canonical JSON of the event), hex. */
export async function chainHash(prevHash: string, event: unknown): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(prevHash + canonicalJson(event)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Walks the chain: valid, or the version of the first event whose link does not hold. */
export async function verifyChain(
  events: { version: number; prevHash: string; hash: string; body: unknown }[],
): Promise<{ valid: boolean; events: number; brokenAt?: number }> {
  let prev = GENESIS_HASH;
  for (const event of events) {
    if (event.prevHash !== prev || (await chainHash(prev, event.body)) !== event.hash)
      return { valid: false, events: events.length, brokenAt: event.version };
    prev = event.hash;
  }
  return { valid: true, events: events.length };
}
